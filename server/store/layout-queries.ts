/**
 * The stored drawing positions, built as Cypher with parameters: positions on the actors
 * (`layout_x`, `layout_y`), written only where they moved, and the run they come from on
 * (:Meta {id: 'layout'}). Pure: tested without a database (tests/unit/store-layout-queries.test.ts,
 * store-meta-runs.test.ts).
 */
import type { Query } from './query.ts';

export interface LayoutRun {
  networkVersion: number;
  seed: number;
  iterations: number;
  /** Stored units per unit of the layout algorithm (force-layout.ts); null when not recorded. */
  scale: number | null;
  /** Actors placed beside their partners since the layout last ran (draw-network.ts); null when not recorded. */
  placed: number | null;
}

/** Every stored position, one row an actor: `id`, `x`, `y`. */
export function readPositionsQuery(): Query {
  return {
    cypher: `MATCH (a:Actor) WHERE a.layout_x IS NOT NULL AND a.layout_y IS NOT NULL
      RETURN a.id AS id, a.layout_x AS x, a.layout_y AS y`,
    params: {},
  };
}

/** The stored run, the fields of a LayoutRun as columns; no row when none was stored. */
export function readLayoutRunQuery(): Query {
  return {
    cypher: `MATCH (m:Meta {id: 'layout'})
      RETURN m.networkVersion AS networkVersion, m.seed AS seed, m.iterations AS iterations, m.scale AS scale, m.placed AS placed`,
    params: {},
  };
}

/**
 * One batch of `{id, x, y}` rows: writes the positions that are missing or further than
 * `tolerance` from the stored ones, and returns how many, `written`.
 */
export function writePositionsQuery(rows: readonly { id: string; x: number; y: number }[], tolerance: number): Query {
  return {
    cypher: `UNWIND $rows AS r
      MATCH (a:Actor {id: r.id})
      WHERE a.layout_x IS NULL OR a.layout_y IS NULL OR abs(a.layout_x - r.x) > $tolerance OR abs(a.layout_y - r.y) > $tolerance
      SET a.layout_x = toFloat(r.x), a.layout_y = toFloat(r.y)
      RETURN count(a) AS written`,
    params: { rows, tolerance },
  };
}

/** Records the run the stored positions come from, with the time of writing. */
export function writeLayoutRunQuery(run: LayoutRun): Query {
  return {
    cypher: `MERGE (m:Meta {id: 'layout'})
      SET m.networkVersion = toInteger($run.networkVersion), m.seed = toInteger($run.seed),
          m.iterations = toInteger($run.iterations), m.scale = toFloat($run.scale), m.placed = toInteger($run.placed),
          m.computedAt = datetime()`,
    params: { run },
  };
}
