/**
 * A database known silent (its last ping unanswered) does not cost a request the 1 s wait for the
 * version check before the snapshot held answers: `npm run faults` saw an actor's page, which also
 * needs the database, get its 503 after 2.5 s (1 s of version check, then 1.5 s of watch) during a
 * pause. Driven by a fake client: the database can go silent at will.
 */
import { describe, expect, it } from 'vitest';
import { markStale, networkSource, waitIfFresh, withStaleMarker } from '../../server/services/network-source.ts';
import { createVersionCache } from '../../server/services/version-cache.ts';
import type { Neo4jClient } from '../../server/store/neo4j-client.ts';

function fakeClient() {
  const state = { silent: false, frozen: false, hangWholeRead: false, version: 1, reads: 0 };
  const records = (rows: Record<string, unknown>[]) => ({ records: rows.map((r) => ({ get: (k: string) => r[k] })) });
  const tx = {
    run: async (cypher: string) => {
      if (cypher.includes('coalesce(m.version')) return records([{ v: state.version }]);
      if (state.hangWholeRead) return new Promise(() => undefined);
      return records([{ p: { id: 'a', type: 'Enterprise', name: 'A' }, out: [] }]);
    },
  };
  const client: Neo4jClient = {
    read: (work: (t: never) => Promise<unknown>) => {
      state.reads++;
      return state.frozen ? new Promise(() => undefined) : work(tx as never);
    },
    write: () => Promise.reject(new Error('not used')),
    inTransaction: () => Promise.reject(new Error('not used')),
    serverInfo: () => Promise.reject(new Error('not used')),
    answeredWithin: () => !state.silent,
    silent: () => state.silent,
    patient: () => client,
    close: async () => undefined,
  } as unknown as Neo4jClient;
  return { client, state };
}

describe('the network source, with a database known silent', () => {
  it('answers from the snapshot held at once, marked stale, and asks the database again meanwhile', async () => {
    const { client, state } = fakeClient();
    const source = networkSource(client, { checkMs: 0 });
    const first = await source.snapshot();
    expect(first.actors.map((a) => a.id)).toEqual(['a']);
    state.frozen = true;
    state.silent = true;
    let stale = false;
    const readsBefore = state.reads;
    const started = performance.now();
    const served = await withStaleMarker(() => (stale = true), () => source.snapshot());
    expect(performance.now() - started).toBeLessThan(100);
    expect(served).toBe(first);
    expect(stale).toBe(true);
    expect(state.reads).toBe(readsBefore + 1); // the version check went on
  });

  it('waits for the check (up to its limit) while the database is not known silent', async () => {
    const { client, state } = fakeClient();
    const source = networkSource(client, { checkMs: 0, staleAfterMs: 300 });
    await source.snapshot();
    state.frozen = true;
    const started = performance.now();
    await source.snapshot();
    expect(performance.now() - started).toBeGreaterThanOrEqual(250);
  });

  it('lets an answer already marked stale take the previous result at once instead of waiting for a newer one', async () => {
    // During a pause a suggestion waited 1 s for the version check, then 1 s more for an index being prepared.
    const cache = createVersionCache();
    await cache.getOrPrevious(1, 'suggestions|now', () => 'index of version 1');
    const never = () => new Promise<string>(() => undefined);
    const ask = () => cache.getOrPrevious(2, 'suggestions|now', never, { waitMs: waitIfFresh(300) });
    let started = performance.now();
    const waited = await withStaleMarker(() => undefined, ask);
    expect(performance.now() - started).toBeGreaterThanOrEqual(250); // a fresh answer still waits
    expect(waited.value).toBe('index of version 1');
    started = performance.now();
    const stale = await withStaleMarker(() => undefined, () => (markStale(), ask()));
    expect(performance.now() - started).toBeLessThan(100);
    expect(stale).toMatchObject({ value: 'index of version 1', staleFrom: 1 });
    expect(waitIfFresh(300)).toBe(300); // outside a request
    expect(waitIfFresh()).toBeUndefined();
  });

  it('answers from the snapshot held, marked stale, when the database goes silent during the read of a newer network', async () => {
    // A pause that began while a newer network was being read: requests waited out the whole pause (20 s).
    const { client, state } = fakeClient();
    const source = networkSource(client, { checkMs: 0 });
    const first = await source.snapshot();
    state.version = 2; // a write by another process: the next request must read the network again
    state.hangWholeRead = true;
    setTimeout(() => (state.silent = true), 300);
    let stale = false;
    const started = performance.now();
    const served = await withStaleMarker(() => (stale = true), () => source.snapshot());
    expect(performance.now() - started).toBeLessThan(700);
    expect(served).toBe(first);
    expect(stale).toBe(true);
  });
});
