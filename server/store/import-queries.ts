/**
 * The writes of an import, built as Cypher with parameters, one batch each (write-import.ts runs
 * them in one transaction). Rows travel as `$rows` or `$ids` under UNWIND; labels and
 * relationship types are spliced into the text only from the model's fixed lists, checked here.
 * Pure: tested without a database (tests/unit/store-import-queries.test.ts).
 */
import { ACTOR_TYPES, TIE_KINDS, type ActorType, type TieKind } from '../domain/model.ts';
import { EACH_ACTOR_BY_ID } from './query.ts';
import { fromList, type Query } from './query.ts';

/** Links from an actor to supporting nodes, all derived from the actor's own properties, and the label each leads to. */
export const LINK_TARGETS = { OFFERS: 'Field', SEEKS: 'Field', MEMBER_OF: 'Cluster', LOCATED_IN: 'Prefecture', BASED_AT: 'Facility' } as const;
export type Link = keyof typeof LINK_TARGETS;
const LINKS = Object.keys(LINK_TARGETS) as Link[];

/** Deletes the ties with these handles (elementId). */
export function deleteTiesQuery(refs: readonly string[]): Query {
  return { cypher: 'UNWIND $refs AS ref MATCH (a)-[t]->() WHERE elementId(t) = ref DELETE t RETURN a.id AS source', params: { refs } };
}

/** Deletes the actors with these ids, with all their relationships. */
export function deleteActorsQuery(ids: readonly string[]): Query {
  return { cypher: `${EACH_ACTOR_BY_ID} DETACH DELETE a`, params: { ids } };
}

/** Fields by id, created with these names when missing (a stored field keeps its names). */
export function upsertFieldsQuery(rows: readonly { id: string; name: string; name_ja: string | null }[]): Query {
  return { cypher: 'UNWIND $rows AS r MERGE (f:Field {id: r.id}) ON CREATE SET f.name = r.name, f.name_ja = r.name_ja', params: { rows } };
}

/** Clusters by id, created with these names and region when missing. */
export function upsertClustersQuery(rows: readonly { id: string; name: string; name_ja: string | null; region: string | null }[]): Query {
  return {
    cypher: 'UNWIND $rows AS r MERGE (c:Cluster {id: r.id}) ON CREATE SET c.name = r.name, c.name_ja = r.name_ja, c.region = r.region',
    params: { rows },
  };
}

/** Facilities by id, created when missing. */
export function upsertFacilitiesQuery(ids: readonly string[]): Query {
  return { cypher: 'UNWIND $ids AS id MERGE (:Facility {id: id})', params: { ids } };
}

/** New actors of one type, from their node properties; returns each one's `id` and handle, `ref`. */
export function createActorsQuery(type: ActorType, rows: readonly Record<string, unknown>[]): Query {
  const label = fromList(type, ACTOR_TYPES, 'actor type');
  return { cypher: `UNWIND $rows AS r CREATE (a:Actor:${label}) SET a = r RETURN r.id AS id, elementId(a) AS ref`, params: { rows } };
}

/**
 * Stored actors, `{id, props}` rows: the properties are written over theirs (a null removes
 * one) and their links to supporting nodes removed, to be linked again.
 */
export function updateActorsQuery(rows: readonly { id: string; props: Record<string, unknown> }[]): Query {
  return {
    cypher: `UNWIND $rows AS r MATCH (a:Actor {id: r.id}) USING INDEX SEEK a:Actor(id) SET a += r.props
         WITH a OPTIONAL MATCH (a)-[s:${LINKS.join('|')}]->() DELETE s`,
    params: { rows },
  };
}

/** Moves the actors with these ids from one type's label to another's. */
export function changeActorTypeQuery(from: ActorType, to: ActorType, ids: readonly string[]): Query {
  const [old, now] = [fromList(from, ACTOR_TYPES, 'actor type'), fromList(to, ACTOR_TYPES, 'actor type')];
  return { cypher: `${EACH_ACTOR_BY_ID} REMOVE a:${old} SET a:${now}`, params: { ids } };
}

/** Links of one kind, `{a, to}` rows: from the actor with handle `a` to the supporting node with id `to`. */
export function linkQuery(link: Link, rows: readonly { a: string; to: string }[]): Query {
  const rel = fromList(link, LINKS, 'link');
  return {
    cypher: `UNWIND $rows AS r MATCH (a) WHERE elementId(a) = r.a MATCH (x:${LINK_TARGETS[rel]} {id: r.to}) CREATE (a)-[:${rel}]->(x)`,
    params: { rows },
  };
}

/** New ties of one kind, `{s, t, w, y}` rows: source and target handles, weight and since. */
export function createTiesQuery(kind: TieKind, rows: readonly { s?: string; t?: string; w: number; y: unknown }[]): Query {
  const type = fromList(kind, TIE_KINDS, 'tie kind');
  return {
    cypher: `UNWIND $rows AS r MATCH (a) WHERE elementId(a) = r.s MATCH (b) WHERE elementId(b) = r.t
           CREATE (a)-[:${type} {weight: r.w, since: r.y}]->(b)`,
    params: { rows },
  };
}

/** Stored ties, `{ref, w, y}` rows: the tie's handle, its new weight and since. */
export function updateTiesQuery(rows: readonly { ref: string; w: number; y: unknown }[]): Query {
  return { cypher: 'UNWIND $rows AS r MATCH (a)-[t]->() WHERE elementId(t) = r.ref SET t.weight = r.w, t.since = r.y RETURN a.id AS source', params: { rows } };
}

/** Deletes the clusters, fields and facilities nobody links to any more. */
export function deleteOrphansQuery(): Query {
  return { cypher: 'MATCH (n) WHERE (n:Cluster OR n:Field OR n:Facility) AND NOT EXISTS { (n)--() } DELETE n', params: {} };
}
