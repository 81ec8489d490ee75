/**
 * A query as pure functions build it in store/: Cypher text and its parameters, and the text the
 * builders share. The text holds only what code fixes (labels and relationship types from the
 * model's lists, constants); every value that comes from a user or a file travels in `params`.
 * Builders are tested without a database (tests/unit/store-*.test.ts); the functions that run
 * them stay thin.
 */
export interface Query {
  cypher: string;
  params: Record<string, unknown>;
}

/**
 * `name` if it is one of `allowed`, else an error: for the labels and relationship types that a
 * query's text names, which must come from a fixed list in code, never from input.
 */
export function fromList<T extends string>(name: T, allowed: readonly T[], what: string): T {
  if (!allowed.includes(name)) throw new Error(`store: ${JSON.stringify(name)} is not a known ${what}.`);
  return name;
}

/**
 * Each stored actor among `$ids`, bound to `a`, found through the id index. Every lookup by id
 * says `USING INDEX SEEK`: with `USING INDEX` alone, a planner whose index statistics were not yet
 * resampled after a large import could scan the whole index once per id (81 s instead of 3 s to
 * check a 500,000-tie import against 25,000 actors just stored; tests/integration/id-lookups.test.ts).
 */
export const EACH_ACTOR_BY_ID = 'UNWIND $ids AS id MATCH (a:Actor {id: id}) USING INDEX SEEK a:Actor(id)';
