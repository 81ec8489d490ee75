/**
 * A query as pure functions build it in store/: Cypher text and its parameters. The text holds
 * only what code fixes (labels and relationship types from the model's lists, constants); every
 * value that comes from a user or a file travels in `params`. Builders are tested without a
 * database (tests/unit/store-*.test.ts); the functions that run them stay thin.
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
