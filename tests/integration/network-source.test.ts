import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { networkSource } from '../../server/services/network-source.ts';
import { importNetwork } from '../../server/services/import-network.ts';
import { removeActors, startTestServer, testPrefix, type TestServer } from '../support/test-server.ts';

let srv: TestServer;
const p = testPrefix('source');
const file = (name: string, text: string) => ({ name, bytes: Buffer.from(text, 'utf8') });
const addActor = (id: string) => importNetwork(srv.client, { actors: file('actors.csv', `id,type,name,prefecture\n${p}${id},Enterprise,${p}${id},Aichi\n`) });

beforeAll(async () => {
  srv = await startTestServer();
  await addActor('first');
});

afterAll(async () => {
  await removeActors(srv.client, p);
  await srv.close();
});

describe('the network source', () => {
  it('reads the network once per version, and sees another process\'s write at once when it trusts no check', async () => {
    const source = networkSource(srv.client, { checkMs: 0 });
    const first = await source.snapshot();
    expect(await source.snapshot()).toBe(first); // same version: the same snapshot object
    await addActor('second');
    const next = await source.snapshot();
    expect(next.version).toBeGreaterThan(first.version);
    expect(next.actors.some((a) => a.id === `${p}second`)).toBe(true);
    expect(source.cache.sizes()).toEqual({ snapshot: 1 });
  });

  it('trusts a check for checkMs, and forgets it when told of a write', async () => {
    const source = networkSource(srv.client, { checkMs: 60_000 });
    const before = await source.snapshot();
    await addActor('third');
    // Within checkMs, another process's write is not seen yet...
    expect(await source.snapshot()).toBe(before);
    // ...a write through the server says so, and the next read has it.
    source.changed();
    const after = await source.snapshot();
    expect(after.version).toBeGreaterThan(before.version);
    expect(after.actors.some((a) => a.id === `${p}third`)).toBe(true);
  });

  it('shares one version check and one load between concurrent callers', async () => {
    const source = networkSource(srv.client, { checkMs: 0 });
    const all = await Promise.all(Array.from({ length: 20 }, () => source.snapshot()));
    expect(new Set(all).size).toBe(1);
  });

  it('reads the network once a version, one read at a time, when writes are told of while callers wait', async () => {
    const reads: number[] = [];
    const log = { info: (o: { version: number }) => reads.push(o.version) } as never;
    const source = networkSource(srv.client, { checkMs: 0, log });
    const pause = () => new Promise((r) => setTimeout(r, 150));
    // Three waves of callers, each wave after a write was told of (the cache forgotten) while the
    // read for the first wave was still under way.
    const waves: Promise<{ version: number }>[] = [];
    for (let wave = 0; wave < 3; wave++) {
      waves.push(...Array.from({ length: 10 }, () => source.snapshot()));
      await pause();
      if (wave < 2) source.changed();
    }
    const seen = await Promise.all(waves);
    expect(new Set(seen.map((s) => s.version)).size).toBe(1);
    // Before: each wave read the whole network again (the cache entry of the read under way was forgotten).
    expect(reads).toHaveLength(1);
  });
});
