/**
 * The whole network read once into memory, kept until the network changes. Every import bumps
 * the `version` of the (:Meta {id: 'network'}) node, so one tiny query tells whether a cached
 * snapshot is still current; algorithms (suggestions, communities, metrics) read from it.
 */
import { readNetwork, readNetworkVersion, type StoredNetwork } from './network-store.ts';
import type { Neo4jClient } from './neo4j-client.ts';

/** The network as stored, with its version. */
export type NetworkSnapshot = StoredNetwork;

/**
 * A cache of the snapshot: `get()` answers from memory while the stored version is unchanged.
 * Concurrent callers share one check (and one load): under load, one version query answers all
 * the requests that arrived while it ran, instead of one query each.
 */
export function snapshotCache(client: Neo4jClient) {
  let current: NetworkSnapshot | null = null;
  let pending: Promise<NetworkSnapshot> | null = null;
  async function check(): Promise<NetworkSnapshot> {
    // Without a snapshot there is nothing to compare: load at once (the load reads the version).
    if (current && current.version === (await readNetworkVersion(client))) return current;
    // Version and data come from one transaction, so they always agree.
    current = await readNetwork(client);
    return current;
  }
  return {
    get(): Promise<NetworkSnapshot> {
      pending ??= check().finally(() => {
        pending = null;
      });
      return pending;
    },
  };
}
