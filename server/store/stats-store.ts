/**
 * Counts of the network: actors by type, ties by kind, clusters and prefectures in use.
 * Label and type counts come from Neo4j's count store, so this stays fast at any size.
 */
import type { NetworkStats } from '../contract/api.ts';
import { ACTOR_TYPES, TIE_KINDS, type ActorType, type TieKind } from '../domain/model.ts';
import type { Neo4jClient } from './neo4j-client.ts';

export type { NetworkStats };

const COUNT_QUERY = [
  ...ACTOR_TYPES.map((t) => `MATCH (x:${t}) RETURN 'actors' AS group, '${t}' AS key, count(x) AS n`),
  ...TIE_KINDS.map((k) => `MATCH ()-[x:${k}]->() RETURN 'ties' AS group, '${k}' AS key, count(x) AS n`),
  `MATCH (x:Cluster) RETURN 'clusters' AS group, '' AS key, count(x) AS n`,
  `MATCH (x:Prefecture) WHERE EXISTS { (x)<-[:LOCATED_IN]-(:Actor) } RETURN 'prefectures' AS group, '' AS key, count(x) AS n`,
].join('\nUNION ALL\n');

export async function readStats(client: Neo4jClient): Promise<NetworkStats> {
  const res = await client.read((tx) => tx.run(COUNT_QUERY));
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
  const res = await client.read((tx) => tx.run('MATCH (a:Actor) RETURN count(a) AS n'));
  return res.records[0].get('n') === 0;
}
