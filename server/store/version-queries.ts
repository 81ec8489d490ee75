/**
 * The network's version, one counter (Meta {id: 'network'}): every write that changes the network
 * counts one more, in its own transaction, and every in-memory copy (the snapshot and what the
 * version cache derives from it) compares its version with this one. Pure: tested without a
 * database (tests/unit/store-version-queries.test.ts).
 */
import type { Query } from './query.ts';

const META = `(m:Meta {id: 'network'})`;

/** The network's version as `v` (0 before the first write). */
export function networkVersionQuery(): Query {
  return { cypher: `OPTIONAL MATCH ${META} RETURN coalesce(m.version, 0) AS v`, params: {} };
}

/** Counts one more version of the network, which tells every copy of it that it is stale; the new version as `v`. */
export function bumpNetworkVersionQuery(): Query {
  return { cypher: `MERGE ${META} SET m.version = coalesce(m.version, 0) + 1, m.updatedAt = datetime() RETURN m.version AS v`, params: {} };
}
