import { describe, expect, it } from 'vitest';
import { readCommunityRunQuery, writeCommunityRunQuery } from '../../server/store/community-queries.ts';
import { readLayoutRunQuery, writeLayoutRunQuery } from '../../server/store/layout-queries.ts';
import type { Query } from '../../server/store/query.ts';

/** The runs that derived data (communities, layout positions) come from, each on its own Meta node. */
const RUNS: { meta: string; run: Record<string, unknown>; write: (run: never) => Query; read: () => Query }[] = [
  {
    meta: 'communities',
    run: { networkVersion: 7, resolution: 1, seed: 42, count: 12, modularity: 0.61, checksum: 'abc' },
    write: writeCommunityRunQuery,
    read: readCommunityRunQuery,
  },
  { meta: 'layout', run: { networkVersion: 3, seed: 1, iterations: 200, scale: 40, placed: 12 }, write: writeLayoutRunQuery, read: readLayoutRunQuery },
];

describe.each(RUNS)('the run of $meta (built without a database)', ({ meta, run, write, read }) => {
  it(`is written on Meta {id: '${meta}'} from one parameter, with the time of writing`, () => {
    const q = write(run as never);
    expect(q.cypher).toMatch(new RegExp(`^MERGE \\(m:Meta \\{id: '${meta}'\\}\\)`));
    expect(q.cypher).toContain('m.computedAt = datetime()');
    expect(q.params).toEqual({ run });
  });

  it('is read back field by field, every field it wrote under its own name', () => {
    const q = read();
    expect(q.cypher).toMatch(new RegExp(`^MATCH \\(m:Meta \\{id: '${meta}'\\}\\)`));
    expect(q.params).toEqual({});
    const set = [...write(run as never).cypher.matchAll(/m\.(\w+) = \w*\(?\$run\.(\w+)\)?/g)];
    const returned = [...q.cypher.matchAll(/m\.(\w+) AS (\w+)/g)];
    for (const [, property, field] of [...set, ...returned]) expect(property).toBe(field);
    const keys = Object.keys(run).sort();
    expect(set.map((m) => m[1]).sort()).toEqual(keys);
    expect(returned.map((m) => m[1]).sort()).toEqual(keys);
  });
});
