/**
 * The network as the use cases read it: one in-memory snapshot per network version, kept in the
 * version cache with everything computed from it. Whether the snapshot is current is one tiny
 * query for the network's version (every write moves it); concurrent callers share that query,
 * and its answer is trusted for `checkMs` afterwards (0: every call asks). A write made through
 * this server calls `changed(patch)`, so its own writes are seen at once; a write by another process
 * (`npm run import` beside the server) is seen within `checkMs`. The patch of a small write (what it
 * touched, read back in its own transaction: store/write-import.ts) is applied to the snapshot
 * held, so the server does not read the whole network again after each of its own edits; a write
 * from elsewhere, or one too large for a patch, is read whole.
 *
 * A database that is slow, paused or down must not hold what memory can answer (issue 13,
 * defect 6): when the version check has not answered within `staleAfterMs`, or answers that the
 * database is unavailable, the newest snapshot this source holds is used, and the request is
 * marked possibly stale (`withStaleMarker`: the product sends the `X-Musubi-Stale: true` header).
 * Only a source that holds no snapshot yet waits for the database.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { AppError } from '../domain/errors.ts';
import type { Actor } from '../domain/model.ts';
import { applyNetworkPatch, type NetworkPatch } from '../domain/graph/network-patch.ts';
import { answerWithin } from '../runtime/answer-within.ts';
import { readNetwork, readNetworkVersion, type StoredNetwork } from '../store/network-store.ts';
import type { Neo4jClient } from '../store/neo4j-client.ts';
import { createVersionCache, type VersionCache } from './version-cache.ts';
import type { Logger } from '../logger.ts';

/** The response header that marks an answer made from a snapshot the database could not confirm. */
export const STALE_HEADER = 'X-Musubi-Stale';

const answering = new AsyncLocalStorage<{ markStale: () => void; stale: boolean }>();

/**
 * Runs `work` (a request's handling) so that a snapshot served without the database's
 * confirmation calls `markStale` (which sets STALE_HEADER on the answer).
 */
export function withStaleMarker<T>(markStale: () => void, work: () => T): T {
  return answering.run({ markStale, stale: false }, work);
}

/** Marks the answer being made as possibly stale (an older version's result serves it). */
export function markStale(): void {
  const store = answering.getStore();
  if (!store) return;
  store.stale = true;
  store.markStale();
}

/**
 * How long the request being answered may wait for a newer network's preparation: `ms` (undefined:
 * the version cache's own wait), or not at all once its answer is marked possibly stale. Such a request already waited for the database
 * (the version check) and a newer result could not be confirmed either: during a pause, a
 * suggestion otherwise waited 1 s for the database and then 1 s more for an index (2.06 s).
 */
export function waitIfFresh(ms?: number): number | undefined {
  return answering.getStore()?.stale ? 0 : ms;
}

/** The network as stored, with its version. */
export type NetworkSnapshot = StoredNetwork;

export interface NetworkSource {
  /** The current network, read once per version. */
  snapshot(): Promise<NetworkSnapshot>;
  /**
   * A write happened: forget what was computed, ask the database next time. With the write's
   * patch (this server's own write), the snapshot follows it without reading the whole network.
   */
  changed(patch?: NetworkPatch | null): void;
  /** The one cache of everything computed per network version. */
  readonly cache: VersionCache;
  /** The newest snapshot held, current or not (none before the first read). */
  held(): NetworkSnapshot | undefined;
}

/** The current actors by id, built once per network version and shared by every use case. */
export async function actorsById(network: NetworkSource): Promise<ReadonlyMap<string, Actor>> {
  const snapshot = await network.snapshot();
  return (await network.cache.get(snapshot.version, 'actors-by-id', () => new Map(snapshot.actors.map((a) => [a.id, a])))).value;
}

/** A pair of actors as one key, whichever way round (for sets of tied pairs). */
export const pairKey = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

/** The pairs of actors tied now (any kind, either direction), once per network version. */
export async function tiedPairs(network: NetworkSource): Promise<ReadonlySet<string>> {
  const snapshot = await network.snapshot();
  return (await network.cache.get(snapshot.version, 'tied-pairs', () => new Set(snapshot.ties.map((t) => pairKey(t.source, t.target))))).value;
}

/** The partners of `actorId` now (any kind, either direction); the map of all built once per network version. */
export async function partnersOf(network: NetworkSource, actorId: string): Promise<readonly string[]> {
  const snapshot = await network.snapshot();
  const { value } = await network.cache.get(snapshot.version, 'partners', () => {
    const byActor = new Map<string, string[]>();
    const add = (a: string, b: string) => {
      const list = byActor.get(a);
      if (list) list.push(b);
      else byActor.set(a, [b]);
    };
    for (const t of snapshot.ties) add(t.source, t.target), add(t.target, t.source);
    return byActor;
  });
  return value.get(actorId) ?? [];
}

export interface NetworkSourceOptions {
  /** How long a version check is trusted, in ms (0: check on every call). */
  checkMs: number;
  /** How long a version check may take before the newest snapshot held is served as possibly stale (STALE_AFTER_MS). */
  staleAfterMs?: number;
  cache?: VersionCache;
  /** Where each read of the network is logged (version, size, how long it took). */
  log?: Logger;
}

/**
 * A version check answers in about a millisecond; one that takes this long (time this process
 * could listen: answer-within.ts) means a database in trouble. Within the 2 s a request served
 * from memory may take, and no shorter than the product's trust in a check (NETWORK_CHECK_MS).
 */
export const STALE_AFTER_MS = 1_000;

/** How often a request waiting for a newer network's read looks whether the database went silent. */
const SILENCE_POLL_MS = 100;

export function networkSource(client: Neo4jClient, options: NetworkSourceOptions = { checkMs: 0 }): NetworkSource {
  const cache = options.cache ?? createVersionCache();
  let known: { version: number; at: number } | undefined;
  let checking: Promise<number> | undefined;
  let checkStarted = 0;
  // Bumped by changed(): a check that started before a write must not be trusted after it.
  let epoch = 0;
  // The newest snapshot served: what is answered while the database cannot confirm it.
  let latest: NetworkSnapshot | undefined;
  const staleAfterMs = options.staleAfterMs ?? STALE_AFTER_MS;

  function version(): Promise<number> {
    if (known && options.checkMs > 0 && performance.now() - known.at < options.checkMs) return Promise.resolve(known.version);
    if (!checking) {
      const started = epoch;
      checkStarted = performance.now();
      checking = readNetworkVersion(client)
        .then((v) => {
          if (started === epoch) known = { version: v, at: performance.now() };
          return v;
        })
        .finally(() => {
          if (started === epoch) checking = undefined;
        });
    }
    return checking;
  }

  /** The current version, or undefined when the database did not confirm it in time and `latest` may stand in. */
  async function confirmedVersion(): Promise<number | undefined> {
    // A trusted check (within checkMs) is the common case: no deadline to arm.
    if (known && options.checkMs > 0 && performance.now() - known.at < options.checkMs) return known.version;
    const check = version();
    const held = latest;
    if (!held) return check;
    // A database known silent (its last ping went unanswered): the snapshot held answers at once,
    // so that a request that also needs the database gets its 503 within 2 s, not 1 s later. The
    // check goes on; its answer ends the silence.
    if (client.silent()) {
      check.catch(() => undefined);
      return undefined;
    }
    // A check that began earlier (shared) has already used part of the wait.
    const left = Math.max(0, staleAfterMs - (performance.now() - checkStarted));
    try {
      return await answerWithin(check, left, () => new AppError('stale', 'no answer', 503));
    } catch (err) {
      if (err instanceof AppError && err.status === 503) return undefined;
      throw err;
    }
  }

  /** Resolves once the database is known silent while `work` runs; never when `work` settles first. */
  function whileSilent(work: Promise<unknown>): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (client.silent()) clearInterval(timer), resolve();
      }, SILENCE_POLL_MS);
      work.then(
        () => clearInterval(timer),
        () => clearInterval(timer),
      );
    });
  }

  // The read of the whole network under way, if any: one at a time, shared by every caller.
  let reading: Promise<NetworkSnapshot> | undefined;
  function readCurrent(): Promise<NetworkSnapshot> {
    reading ??= (async () => {
      const started = performance.now();
      const begun = epoch;
      const read = await readNetwork(client.patient());
      options.log?.info({ version: read.version, actors: read.actors.length, ties: read.ties.length, ms: Math.round(performance.now() - started) }, 'network read');
      // Version and data are read in one transaction: a write between the check and the read
      // gives a newer snapshot, kept under its own version.
      if (!latest || read.version >= latest.version) latest = read;
      applyPatches();
      // Trusted as the current version only if no write was told of meanwhile.
      if (begun === epoch && (!known || read.version > known.version)) known = { version: read.version, at: performance.now() };
      await cache.get(read.version, 'snapshot', () => read);
      return read;
    })().finally(() => (reading = undefined));
    return reading;
  }

  /**
   * A snapshot of version `v` or newer. The network is read once per version whoever asks, and
   * one read at a time: a caller that finds a read of an older state under way waits for it and
   * then for the next, shared by all. (Before, every request that had checked the version just
   * before a write read the whole network again on its own: under a soak with writes, dozens of
   * reads of 50,000 ties side by side, each slower than the last.)
   */
  async function atLeast(v: number): Promise<NetworkSnapshot> {
    for (;;) {
      if (latest && latest.version >= v) return latest;
      const underWay = reading;
      const read = await (underWay ?? readCurrent());
      // A read that began before version v was written may not hold it: read again.
      if (read.version >= v || !underWay) return read;
    }
  }

  // Patches of this server's own writes not applied yet (one came before the write ahead of it).
  const patches = new Map<number, NetworkPatch>();
  /** Applies the waiting patches that follow the snapshot held, in version order. */
  function applyPatches(): void {
    for (let next = latest && patches.get(latest.version + 1); latest && next; next = patches.get(latest.version + 1)) {
      const started = performance.now();
      const state = applyNetworkPatch(latest, next);
      latest = { version: next.version, ...state };
      options.log?.info({ version: next.version, touched: next.actors.length + next.removed.length, actors: state.actors.length, ties: state.ties.length, ms: Math.round(performance.now() - started) }, 'network patched');
      const patchedSnapshot = latest;
      void cache.get(next.version, 'snapshot', () => patchedSnapshot);
    }
    for (const v of patches.keys()) if (!latest || v <= latest.version) patches.delete(v);
  }

  return {
    cache,
    async snapshot() {
      const v = await confirmedVersion();
      if (v === undefined) {
        markStale();
        return latest!;
      }
      const held = latest;
      if (!held || held.version >= v) return atLeast(v);
      // A newer network is being read (patiently: seconds on a large one). Should the database go
      // silent meanwhile, the snapshot held answers, marked stale: during a pause that began in
      // such a read, requests waited out the whole pause (20 s).
      const read = atLeast(v);
      const first = await Promise.race([read, whileSilent(read)]);
      if (first) return first;
      read.catch(() => undefined);
      markStale();
      return held;
    },
    held: () => latest,
    changed(patch) {
      epoch++;
      known = undefined;
      checking = undefined; // a check already running may have read the version before the write
      cache.invalidate();
      // Without a patch (a write too large to tell, or by another process) the next caller reads
      // the whole network; with one, the version check finds this snapshot current. A patch that
      // does not follow the snapshot held waits for the one before it (or for a whole read).
      if (patch && (!latest || patch.version > latest.version)) {
        patches.set(patch.version, patch);
        applyPatches();
      }
    },
  };
}
