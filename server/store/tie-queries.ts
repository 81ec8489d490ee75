/**
 * Reading ties, written once: every query that reads stored ties is built here, as Cypher with
 * its parameters. A tie is stored once, from its source to its target, with one of the tie kinds
 * as relationship type. Pure: tested without a database (tests/unit/store-tie-queries.test.ts).
 */
import { TIE_KINDS } from '../domain/model.ts';
import type { Query } from './query.ts';

/** The relationship types of ties: `COLLABORATES|SUPPLIES|...`. */
export const TIE_TYPES = TIE_KINDS.join('|');

/** A tie from `a` to `b`, bound to `t`. */
const TIE = `(a:Actor)-[t:${TIE_TYPES}]->(b:Actor)`;

/** The columns of one stored tie as a row: ref (for updates), source, target, kind, weight, since. */
const TIE_COLUMNS = 'elementId(t) AS ref, a.id AS source, b.id AS target, type(t) AS kind, t.weight AS weight, t.since AS since';

/** Every stored tie, one row each. */
export function allTiesQuery(): Query {
  return { cypher: `MATCH ${TIE} RETURN ${TIE_COLUMNS}`, params: {} };
}

/** The ties stored from each of `ids` (their outgoing ties), one row each. */
export function tiesFromQuery(ids: readonly string[]): Query {
  return { cypher: `UNWIND $ids AS id MATCH ${TIE.replace('(a:Actor)', '(a:Actor {id: id})')} USING INDEX SEEK a:Actor(id) RETURN ${TIE_COLUMNS}`, params: { ids } };
}

/**
 * Every actor with its outgoing ties as `[target, kind, weight, since]` lists (a pattern
 * comprehension: cheaper than one row per tie), or the actors alone; with `ids`, only those
 * actors (the ones a write touched).
 */
export function actorsWithTiesQuery(withTies: boolean, ids?: readonly string[]): Query {
  const out = withTies ? `, [${TIE.replace('(a:Actor)', '(a)')} | [b.id, type(t), t.weight, t.since]] AS out` : '';
  if (ids) return { cypher: `UNWIND $ids AS id MATCH (a:Actor {id: id}) USING INDEX SEEK a:Actor(id) RETURN properties(a) AS p${out}`, params: { ids } };
  return { cypher: `MATCH (a:Actor) RETURN properties(a) AS p${out}`, params: {} };
}
