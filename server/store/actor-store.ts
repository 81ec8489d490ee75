/**
 * Reads actors: the search list and one actor with its ties, clusters and fields (the queries:
 * actor-search-query.ts, actor-queries.ts).
 */
import { actorSearchQuery, type ActorSearch } from './actor-search-query.ts';
import { actorDetailQuery } from './actor-queries.ts';
import { actorFromProps } from './actor-record.ts';
import type { Neo4jClient } from './neo4j-client.ts';
import type { ActorDetail, ActorSummary, ActorTie, NamedRef } from '../domain/actor-summary.ts';

export type { ActorDetail, ActorSummary, ActorTie, NamedRef };

export interface ActorPage {
  items: ActorSummary[];
  /** Where the next page starts; null on the last page. */
  next: { score?: number; id: string } | null;
}

export async function searchActors(client: Neo4jClient, search: ActorSearch): Promise<ActorPage> {
  const { cypher, params } = actorSearchQuery(search);
  const res = await client.read((tx) => tx.run(cypher, params));
  const rows = res.records.map((r) => ({ item: summary(r.get('item')), score: r.get('score') as number | null }));
  const page = rows.slice(0, search.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => r.item),
    next: rows.length > search.limit && last ? { id: last.item.id, ...(last.score === null ? {} : { score: last.score }) } : null,
  };
}

export async function readActor(client: Neo4jClient, id: string): Promise<ActorDetail | null> {
  const q = actorDetailQuery(id);
  const res = await client.read((tx) => tx.run(q.cypher, q.params));
  const r = res.records[0];
  if (!r) return null;
  return {
    actor: actorFromProps(r.get('props')),
    clusters: r.get('clusters').map(strip),
    fields: r.get('fields').map(strip),
    seeks: r.get('seeks').map(strip),
    ties: r.get('ties').map(strip),
    tieCount: r.get('tieCount'),
  };
}

/** The fields of a list item in a fixed, readable order, without nulls. */
function summary(o: Record<string, unknown>): ActorSummary {
  const keys = ['id', 'type', 'name', 'name_ja', 'prefecture', 'clusters', 'fields'] as const;
  return strip(Object.fromEntries(keys.map((k) => [k, o[k]]))) as unknown as ActorSummary;
}

/** Drops null values so that JSON carries only what is known. */
function strip<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as T;
}
