/**
 * The network as the use cases read it: one in-memory snapshot per network version, kept in the
 * version cache with everything computed from it. Whether the snapshot is current is one tiny
 * query for the network's version (every write moves it); concurrent callers share that query,
 * and its answer is trusted for `checkMs` afterwards (0: every call asks). A write made through
 * this server calls `changed()`, so its own writes are seen at once; a write by another process
 * (`npm run import` beside the server) is seen within `checkMs`.
 */
import { readNetwork, readNetworkVersion, type StoredNetwork } from '../store/network-store.ts';
import type { Neo4jClient } from '../store/neo4j-client.ts';
import { createVersionCache, type VersionCache } from './version-cache.ts';

/** The network as stored, with its version. */
export type NetworkSnapshot = StoredNetwork;

export interface NetworkSource {
  /** The current network, read once per version. */
  snapshot(): Promise<NetworkSnapshot>;
  /** A write happened: forget what was computed, ask the database next time. */
  changed(): void;
  /** The one cache of everything computed per network version. */
  readonly cache: VersionCache;
}

export interface NetworkSourceOptions {
  /** How long a version check is trusted, in ms (0: check on every call). */
  checkMs: number;
  cache?: VersionCache;
}

export function networkSource(client: Neo4jClient, options: NetworkSourceOptions = { checkMs: 0 }): NetworkSource {
  const cache = options.cache ?? createVersionCache();
  let known: { version: number; at: number } | undefined;
  let checking: Promise<number> | undefined;
  // Bumped by changed(): a check that started before a write must not be trusted after it.
  let epoch = 0;

  function version(): Promise<number> {
    if (known && options.checkMs > 0 && performance.now() - known.at < options.checkMs) return Promise.resolve(known.version);
    if (!checking) {
      const started = epoch;
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

  return {
    cache,
    async snapshot() {
      const v = await version();
      const { value } = await cache.get(v, 'snapshot', () => readNetwork(client));
      // Version and data are read in one transaction: a write between the check and the read
      // gives a newer snapshot, which is kept under its own version.
      if (value.version !== v) {
        known = { version: value.version, at: performance.now() };
        return (await cache.get(value.version, 'snapshot', () => value)).value;
      }
      return value;
    },
    changed() {
      epoch++;
      known = undefined;
      checking = undefined; // a check already running may have read the version before the write
      cache.invalidate();
    },
  };
}
