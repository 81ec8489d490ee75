/**
 * Once the product closes its database connection (stopping), work that fails says so: the error
 * `stopping`, which the log keeps at debug (tests/unit/logger-stopping.test.ts), not the driver's
 * "Pool is closed" with a stack at warn level.
 */
import { describe, expect, inject, it } from 'vitest';
import { createNeo4jClient } from '../../server/store/neo4j-client.ts';

describe('a database connection closed by the stop', () => {
  it('fails work in flight and work asked after it with the error stopping', async () => {
    const client = createNeo4jClient(inject('neo4j'));
    expect(await client.read((tx) => tx.run('RETURN 1 AS one')).then((r) => r.records[0].get('one'))).toBe(1);
    const inFlight = client.read((tx) => tx.run('UNWIND range(1, 20000000) AS x RETURN sum(x) AS s'));
    inFlight.catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await client.close();
    await expect(client.read((tx) => tx.run('RETURN 1'))).rejects.toMatchObject({ code: 'stopping', status: 503 });
    await expect(client.write((tx) => tx.run('RETURN 1'))).rejects.toMatchObject({ code: 'stopping' });
    // Work in flight either finished before the close or failed as stopping: never another error.
    const settled = await inFlight.then(() => 'finished', (err: { code?: string }) => err.code);
    expect(['finished', 'stopping']).toContain(settled);
  });
});
