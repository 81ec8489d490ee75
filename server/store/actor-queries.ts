/**
 * Reading actors by id, built as Cypher with parameters: one actor with everything the panel
 * shows, and batches of actors looked up through the id index (what an import checks and
 * links). Pure: tested without a database (tests/unit/store-actor-queries.test.ts).
 */
import { EACH_ACTOR_BY_ID, type Query } from './query.ts';
import { TIE_TYPES } from './tie-queries.ts';

/** Ties listed on one actor; hubs with more show the strongest first and the total. */
export const MAX_LISTED_TIES = 500;

/**
 * One actor (`props`), its clusters, offered and sought fields (each `{id, name, name_ja}` by
 * id), the number of its ties either way (`tieCount`) and at most MAX_LISTED_TIES of them, the
 * strongest first (`ties`: the other actor with kind, direction, weight and since).
 */
export function actorDetailQuery(id: string): Query {
  return {
    cypher: `MATCH (a:Actor {id: $id})
       RETURN properties(a) AS props,
         COLLECT { MATCH (a)-[:MEMBER_OF]->(c:Cluster) RETURN c { .id, .name, .name_ja } ORDER BY c.id } AS clusters,
         COLLECT { MATCH (a)-[:OFFERS]->(f:Field) RETURN f { .id, .name, .name_ja } ORDER BY f.id } AS fields,
         COLLECT { MATCH (a)-[:SEEKS]->(f:Field) RETURN f { .id, .name, .name_ja } ORDER BY f.id } AS seeks,
         COUNT { (a)-[:${TIE_TYPES}]-(:Actor) } AS tieCount,
         COLLECT {
           MATCH (a)-[t:${TIE_TYPES}]-(b:Actor)
           RETURN b { .id, .name, .name_ja, .type, kind: type(t), direction: CASE WHEN startNode(t) = a THEN 'out' ELSE 'in' END,
                      weight: t.weight, since: t.since }
           ORDER BY t.weight DESC, b.id ASC LIMIT ${MAX_LISTED_TIES}
         } AS ties`,
    params: { id },
  };
}

/** What a lookup returns of each actor found: its properties, its id, or its id and node handle. */
const LOOKUP_COLUMNS = {
  props: 'properties(a) AS p',
  id: 'a.id AS id',
  ref: 'a.id AS id, elementId(a) AS ref',
} as const;

/** The stored actors among `ids` (those not stored give no row), with the columns asked for. */
export function actorsByIdQuery(ids: readonly string[], columns: keyof typeof LOOKUP_COLUMNS): Query {
  return { cypher: `${EACH_ACTOR_BY_ID} RETURN ${LOOKUP_COLUMNS[columns]}`, params: { ids } };
}
