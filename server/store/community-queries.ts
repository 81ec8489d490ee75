/**
 * Writing communities back, built as Cypher with parameters: each actor's community (property
 * `community`), set only where it changed, and the run it comes from on (:Meta {id:
 * 'communities'}). Pure: tested without a database (tests/unit/store-community-queries.test.ts,
 * store-meta-runs.test.ts).
 */
import type { Query } from './query.ts';

/** What a stored partition was computed from. */
export interface CommunityRun {
  networkVersion: number;
  resolution: number;
  seed: number;
  count: number;
  modularity: number;
}

export interface StoredCommunityRun extends CommunityRun {
  /** SHA-1 of the partition, to tell whether the stored one is the same. */
  checksum: string;
}

/** One batch of `{id, c}` rows: sets `community` where it differs and returns how many, `written`. */
export function writeCommunitiesQuery(rows: readonly { id: string; c: number }[]): Query {
  return {
    cypher: `UNWIND $rows AS r
      MATCH (a:Actor {id: r.id}) USING INDEX SEEK a:Actor(id)
      WITH a, toInteger(r.c) AS c
      WHERE a.community IS NULL OR a.community <> c
      SET a.community = c
      RETURN count(a) AS written`,
    params: { rows },
  };
}

/** The stored run, the fields of a StoredCommunityRun as columns; no row when none was stored. */
export function readCommunityRunQuery(): Query {
  return {
    cypher: `MATCH (m:Meta {id: 'communities'})
      RETURN m.networkVersion AS networkVersion, m.resolution AS resolution, m.seed AS seed, m.count AS count,
             m.modularity AS modularity, m.checksum AS checksum`,
    params: {},
  };
}

/** Records the run the stored communities come from, with the time of writing. */
export function writeCommunityRunQuery(run: StoredCommunityRun): Query {
  return {
    cypher: `MERGE (m:Meta {id: 'communities'})
      SET m.networkVersion = toInteger($run.networkVersion), m.resolution = toFloat($run.resolution),
          m.seed = toInteger($run.seed), m.count = toInteger($run.count), m.modularity = toFloat($run.modularity),
          m.checksum = $run.checksum, m.computedAt = datetime()`,
    params: { run },
  };
}
