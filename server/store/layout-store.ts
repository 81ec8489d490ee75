/**
 * The drawing positions of the network, stored with the actors (`layout_x`, `layout_y`) so that
 * a restart draws the same picture without computing it again, and an import only refines it.
 * (:Meta {id: 'layout'}) records which network version and seed the stored positions belong to.
 * Only actors whose position changed are written; positions are derived data, so the network
 * version is not bumped.
 */
import type { Neo4jClient } from './neo4j-client.ts';
import { chunks } from './batches.ts';
import { readLayoutRunQuery, readPositionsQuery, writeLayoutRunQuery, writePositionsQuery, type LayoutRun } from './layout-queries.ts';

export type { LayoutRun };

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

/** The stored positions and the run they come from. */
export async function readLayout(client: Neo4jClient): Promise<StoredLayout> {
  return client.read(async (tx) => {
    const readPositions = readPositionsQuery();
    const readRun = readLayoutRunQuery();
    const positions = await tx.run(readPositions.cypher, readPositions.params);
    const run = await tx.run(readRun.cypher, readRun.params);
    const r = run.records[0];
    return {
      run: r ? { networkVersion: r.get('networkVersion'), seed: r.get('seed'), iterations: r.get('iterations'), scale: r.get('scale'), placed: r.get('placed') } : null,
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
      const q = writePositionsQuery(batch, TOLERANCE);
      const res = await tx.run(q.cypher, q.params);
      n += res.records[0].get('written') as number;
    }
    const record = writeLayoutRunQuery(run);
    await tx.run(record.cypher, record.params);
    return n;
  });
  return { written, ms: Math.round(performance.now() - started) };
}
