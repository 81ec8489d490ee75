/**
 * Counting the network, built as Cypher: each count matches one label or one relationship type
 * alone, so that Neo4j answers it from its count store, fast at any size. Pure: tested without a
 * database (tests/unit/store-stats-queries.test.ts).
 */
import { ACTOR_TYPES, TIE_KINDS } from '../domain/model.ts';
import type { Query } from './query.ts';

/**
 * One row per count, `group`, `key` and `n`: actors by type (group 'actors', key the type),
 * ties by kind ('ties', the kind), clusters ('clusters') and prefectures with an actor
 * ('prefectures').
 */
export function networkCountsQuery(): Query {
  const counts = [
    ...ACTOR_TYPES.map((t) => `MATCH (x:${t}) RETURN 'actors' AS group, '${t}' AS key, count(x) AS n`),
    ...TIE_KINDS.map((k) => `MATCH ()-[x:${k}]->() RETURN 'ties' AS group, '${k}' AS key, count(x) AS n`),
    `MATCH (x:Cluster) RETURN 'clusters' AS group, '' AS key, count(x) AS n`,
    `MATCH (x:Prefecture) WHERE EXISTS { (x)<-[:LOCATED_IN]-(:Actor) } RETURN 'prefectures' AS group, '' AS key, count(x) AS n`,
  ];
  return { cypher: counts.join('\nUNION ALL\n'), params: {} };
}

/** The number of actors, `n`. */
export function actorCountQuery(): Query {
  return { cypher: 'MATCH (a:Actor) RETURN count(a) AS n', params: {} };
}
