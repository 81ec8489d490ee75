/**
 * Counts of the network: actors by type, ties by kind, clusters and prefectures in use
 * (the queries: stats-queries.ts).
 */
import type { NetworkStats } from '../contract/api.ts';
import { ACTOR_TYPES, TIE_KINDS, type ActorType, type TieKind } from '../domain/model.ts';
import { actorCountQuery, networkCountsQuery } from './stats-queries.ts';
import type { Neo4jClient } from './neo4j-client.ts';

export type { NetworkStats };

export async function readStats(client: Neo4jClient): Promise<NetworkStats> {
  const q = networkCountsQuery();
  const res = await client.read((tx) => tx.run(q.cypher, q.params));
  const stats: NetworkStats = {
    actors: Object.fromEntries(ACTOR_TYPES.map((t) => [t, 0])) as Record<ActorType, number>,
    ties: Object.fromEntries(TIE_KINDS.map((k) => [k, 0])) as Record<TieKind, number>,
    clusters: 0,
    prefectures: 0,
  };
  for (const r of res.records) {
    const group = r.get('group') as string;
    const n = r.get('n') as number;
    if (group === 'actors') stats.actors[r.get('key') as ActorType] = n;
    else if (group === 'ties') stats.ties[r.get('key') as TieKind] = n;
    else if (group === 'clusters') stats.clusters = n;
    else stats.prefectures = n;
  }
  return stats;
}

/** True when the database holds no actor at all (then the demonstration network may be loaded). */
export async function isNetworkEmpty(client: Neo4jClient): Promise<boolean> {
  const q = actorCountQuery();
  const res = await client.read((tx) => tx.run(q.cypher, q.params));
  return res.records[0].get('n') === 0;
}
