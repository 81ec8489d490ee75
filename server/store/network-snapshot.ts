/**
 * The whole network read once into memory, kept until the network changes. Every import bumps
 * the `version` of the (:Meta {id: 'network'}) node, so one tiny query tells whether a cached
 * snapshot is still current; algorithms (suggestions, communities, metrics) read from it.
 */
import type { Actor, Tie } from '../domain/model.ts';
import { readNetwork } from './export-store.ts';
import type { Neo4jClient } from './neo4j-client.ts';

export interface NetworkSnapshot {
  version: number;
  actors: Actor[];
  ties: Tie[];
}

export async function readNetworkVersion(client: Neo4jClient): Promise<number> {
  const res = await client.read((tx) => tx.run(`OPTIONAL MATCH (m:Meta {id: 'network'}) RETURN coalesce(m.version, 0) AS v`));
  return res.records[0].get('v') as number;
}

/** A cache of the snapshot: `get()` answers from memory while the stored version is unchanged. */
export function snapshotCache(client: Neo4jClient) {
  let current: NetworkSnapshot | null = null;
  let loading: Promise<NetworkSnapshot> | null = null;
  return {
    async get(): Promise<NetworkSnapshot> {
      // Without a snapshot there is nothing to compare: load at once (the load reads the version).
      if (current && current.version === (await readNetworkVersion(client))) return current;
      // Concurrent requests share one load.
      loading ??= (async () => {
        try {
          // Version and data come from one transaction, so they always agree.
          current = await readNetwork(client);
          return current;
        } finally {
          loading = null;
        }
      })();
      return loading;
    },
  };
}
