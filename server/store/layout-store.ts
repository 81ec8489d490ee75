/**
 * The drawing positions of the network, stored with the actors (`layout_x`, `layout_y`) so that
 * a restart draws the same picture without computing it again, and an import only refines it.
 * (:Meta {id: 'layout'}) records which network version and seed the stored positions belong to.
 * Only actors whose position changed are written; positions are derived data, so the network
 * version is not bumped.
 */
import type { Neo4jClient } from './neo4j-client.ts';
import { chunks } from './batches.ts';

export interface LayoutRun {
  networkVersion: number;
  seed: number;
  iterations: number;
  /** Stored units per unit of the layout algorithm (force-layout.ts); null when not recorded. */
  scale: number | null;
}

export interface StoredLayout {
  /** The run the positions come from; null when no layout was ever stored. */
  run: LayoutRun | null;
  positions: Map<string, { x: number; y: number }>;
}

export interface LayoutWriteReport {
  /** Actors whose position was written. */
  written: number;
  ms: number;
}

/** Positions closer than this to the stored ones are left alone (the payload rounds to 0.1). */
const TOLERANCE = 0.05;

const READ_POSITIONS = `
  MATCH (a:Actor) WHERE a.layout_x IS NOT NULL AND a.layout_y IS NOT NULL
  RETURN a.id AS id, a.layout_x AS x, a.layout_y AS y`;

const READ_RUN = `
  MATCH (m:Meta {id: 'layout'})
  RETURN m.networkVersion AS networkVersion, m.seed AS seed, m.iterations AS iterations, m.scale AS scale`;

const WRITE_POSITIONS = `
  UNWIND $rows AS r
  MATCH (a:Actor {id: r.id})
  WHERE a.layout_x IS NULL OR a.layout_y IS NULL OR abs(a.layout_x - r.x) > $tolerance OR abs(a.layout_y - r.y) > $tolerance
  SET a.layout_x = toFloat(r.x), a.layout_y = toFloat(r.y)
  RETURN count(a) AS written`;

const WRITE_RUN = `
  MERGE (m:Meta {id: 'layout'})
  SET m.networkVersion = toInteger($run.networkVersion), m.seed = toInteger($run.seed),
      m.iterations = toInteger($run.iterations), m.scale = toFloat($run.scale), m.computedAt = datetime()`;

/** The stored positions and the run they come from. */
export async function readLayout(client: Neo4jClient): Promise<StoredLayout> {
  return client.read(async (tx) => {
    const positions = await tx.run(READ_POSITIONS);
    const run = await tx.run(READ_RUN);
    const r = run.records[0];
    return {
      run: r ? { networkVersion: r.get('networkVersion'), seed: r.get('seed'), iterations: r.get('iterations'), scale: r.get('scale') } : null,
      positions: new Map(positions.records.map((p) => [p.get('id') as string, { x: p.get('x') as number, y: p.get('y') as number }])),
    };
  });
}

/** Writes the positions that changed (batched UNWIND, one transaction) and records the run. */
export async function writeLayout(
  client: Neo4jClient,
  positions: ReadonlyMap<string, { x: number; y: number }>,
  run: LayoutRun,
): Promise<LayoutWriteReport> {
  const started = performance.now();
  const rows = [...positions].map(([id, p]) => ({ id, x: p.x, y: p.y }));
  const written = await client.write(async (tx) => {
    let n = 0;
    for (const batch of chunks(rows)) {
      const res = await tx.run(WRITE_POSITIONS, { rows: batch, tolerance: TOLERANCE });
      n += res.records[0].get('written') as number;
    }
    await tx.run(WRITE_RUN, { run });
    return n;
  });
  return { written, ms: Math.round(performance.now() - started) };
}
