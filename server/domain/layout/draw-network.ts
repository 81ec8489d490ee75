/**
 * The network as the web client draws it, from the actors and ties of one network version: the
 * graph, the geographic spread, the force layout — the stored one as it is when it belongs to this
 * version, refined from it when the network changed since, computed from scratch when there is
 * none — and the payload's JSON. Pure (the stored layout comes in, the new one goes out), so that
 * a worker thread can run it on a large network (drawNetworkPacked) while the server answers.
 */
import type { Actor, Tie } from '../model.ts';
import { buildNetworkGraph } from '../graph/network-graph.ts';
import { unpackTies, type PackedTies } from '../graph/packed-ties.ts';
import { forceLayoutSteps, FORCE_LAYOUT_DEFAULTS, type ForceLayoutOptions, type ForceLayoutResult, type Point } from './force-layout.ts';
import { geoSpread } from './geo-spread.ts';
import { buildGraphPayload } from './build-graph-payload.ts';

/** A layout as stored with the actors: its positions and the run that made them. */
export interface StoredDrawing {
  run: { networkVersion: number; seed: number; iterations: number; scale: number | null } | null;
  positions: ReadonlyMap<string, Point>;
}

export interface Drawing {
  /** The payload (graph-payload.ts) as JSON. */
  json: string;
  layout: ForceLayoutResult;
  /** Whether the layout was computed (and so should be stored), and how long that took. */
  computed: boolean;
  computedMs: number;
  actors: number;
}

export function drawNetwork(actors: readonly Actor[], ties: readonly Tie[], version: number, stored: StoredDrawing, layout: Partial<ForceLayoutOptions> = {}): Drawing {
  const graph = buildNetworkGraph(actors, ties);
  const geo = geoSpread(actors.map((a) => ({ id: a.id, prefecture: a.prefecture, country: a.country, degree: graph.degree(a.id) })));
  const options = { ...layout, seed: layout.seed ?? FORCE_LAYOUT_DEFAULTS.seed };
  const run = stored.run;
  // Positions without their scale cannot be resumed; they are then laid out again.
  const resumable = run !== null && run.scale !== null;
  let result: ForceLayoutResult;
  let computedMs = 0;
  const reuse = resumable && run.networkVersion === version && run.seed === options.seed && graph.everyNode((id) => stored.positions.has(id));
  if (reuse) {
    result = { positions: new Map(stored.positions), scale: run.scale!, iterations: run.iterations, seed: options.seed, reused: graph.order };
  } else {
    const started = performance.now();
    const earlier = resumable ? { previous: stored.positions, previousScale: run.scale! } : {};
    const steps = forceLayoutSteps(graph, { ...options, ...earlier, hints: geo.positions });
    let step = steps.next();
    while (!step.done) step = steps.next();
    result = step.value;
    computedMs = Math.round(performance.now() - started);
  }
  const payload = buildGraphPayload(actors, graph, {
    version,
    ties: ties.length,
    positions: result.positions,
    geo,
    seed: result.seed,
    scale: result.scale,
    iterations: result.iterations,
    reused: result.reused,
    computedMs,
  });
  return { json: JSON.stringify(payload), layout: result, computed: !reuse, computedMs, actors: graph.order };
}

/** drawNetwork over ties packed for a worker thread. */
export function drawNetworkPacked(actors: readonly Actor[], packed: PackedTies, version: number, stored: StoredDrawing, layout: Partial<ForceLayoutOptions> = {}): Drawing {
  return drawNetwork(actors, unpackTies(actors, packed), version, stored, layout);
}
