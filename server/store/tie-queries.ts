/**
 * Reading ties, written once: every query that reads stored ties is built here, as Cypher with
 * its parameters. A tie is stored once, from its source to its target, with one of the tie kinds
 * as relationship type. Pure: tested without a database (tests/unit/store-tie-queries.test.ts).
 */
import { TIE_KINDS } from '../domain/model.ts';
import { EACH_ACTOR_BY_ID, type Query } from './query.ts';

/** The relationship types of ties: `COLLABORATES|SUPPLIES|...`. */
export const TIE_TYPES = TIE_KINDS.join('|');

/** A tie from `a` to `b`, bound to `t`. */
const TIE = `(a:Actor)-[t:${TIE_TYPES}]->(b:Actor)`;

/** Every actor, or only those with the ids `$ids` (through the id index), bound to `a`. */
const eachActor = (ids?: readonly string[]) => (ids ? EACH_ACTOR_BY_ID : 'MATCH (a:Actor)');

/** The outgoing ties of `a`, each as the list `columns` (a pattern comprehension: one row per actor, not per tie). */
const outTies = (columns: string) => `[${TIE.replace('(a:Actor)', '(a)')} | [${columns}]]`;

/**
 * The stored ties as the import checks them: one row per actor, its id as `source` and its
 * outgoing ties as `out` lists of [ref, target, kind, weight, since]; every actor, or only `ids`.
 */
export function storedTiesQuery(ids?: readonly string[]): Query {
  return { cypher: `${eachActor(ids)} RETURN a.id AS source, ${outTies('elementId(t), b.id, type(t), t.weight, t.since')} AS out`, params: ids ? { ids } : {} };
}

/**
 * Every actor with its outgoing ties as `[target, kind, weight, since]` lists, or the actors
 * alone; with `ids`, only those actors (the ones a write touched).
 */
export function actorsWithTiesQuery(withTies: boolean, ids?: readonly string[]): Query {
  const out = withTies ? `, ${outTies('b.id, type(t), t.weight, t.since')} AS out` : '';
  return { cypher: `${eachActor(ids)} RETURN properties(a) AS p${out}`, params: ids ? { ids } : {} };
}
