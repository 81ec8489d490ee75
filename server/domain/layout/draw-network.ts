/**
 * The network as the web client draws it, from the actors and ties of one network version: the
 * graph, the geographic spread, the force layout — the stored one as it is when it belongs to this
 * version; kept, with the new actors placed beside their partners (place-new-actors.ts), after a
 * small change; refined from it after a larger one (or, with `refineLater`, the new actors placed
 * at once and the refinement left to a second call with `refinePlaced`); computed from scratch
 * when there is none — and the payload's JSON. Pure (the stored layout comes in, the new one goes out), so that
 * a worker thread can run it on a large network (drawNetworkPacked) while the server answers.
 */
import type { Actor, Tie } from '../model.ts';
import { actorPositions, graphOfPairs, networkPairs } from '../graph/network-graph.ts';
import { PairGraph } from '../graph/pair-graph.ts';
import { unpackTies, type PackedTies } from '../graph/packed-ties.ts';
import { forceLayoutSteps, FORCE_LAYOUT_DEFAULTS, REUSE_THRESHOLD, type ForceLayoutOptions, type ForceLayoutResult, type Point } from './force-layout.ts';
import { geoSpread } from './geo-spread.ts';
import { placeNewActors } from './place-new-actors.ts';
import { buildGraphPayload } from './build-graph-payload.ts';

/** A layout as stored with the actors: its positions and the run that made them. */
export interface StoredDrawing {
  run: {
    networkVersion: number;
    seed: number;
    iterations: number;
    scale: number | null;
    /** Actors placed beside their partners since the layout last ran (null: none recorded). */
    placed?: number | null;
  } | null;
  positions: ReadonlyMap<string, Point>;
}

/**
 * Actors placed beside their partners without a layout run, as a share of the drawing, up to
 * which the drawing is kept that way; past it (a larger import) the layout is refined. A write of
 * a few ties or actors then costs no layout iteration at all, and the picture does not move.
 */
export const PLACE_SHARE = 0.02;

export interface Drawing {
  /** The payload (graph-payload.ts) as JSON. */
  json: string;
  layout: ForceLayoutResult;
  /** Actors placed beside their partners since the layout last ran (0 after a layout run). */
  placed: number;
  /** The positions to store: all of them after a layout run, the new actors' after a placement. */
  toStore: ReadonlyMap<string, Point>;
  /** How the positions came: as stored, new actors placed, refined from the stored, laid out from scratch. */
  how: 'stored' | 'placed' | 'refined' | 'laid out';
  /**
   * The new actors of a larger write placed beside their partners at once (`refineLater`), where
   * a refinement would otherwise have run first: drawing again from this drawing refines it.
   */
  refineLater: boolean;
  /** Whether the positions are new (and so should be stored), and how long they took. */
  computed: boolean;
  computedMs: number;
  actors: number;
}

export interface DrawOptions {
  /**
   * After a write past PLACE_SHARE that a refinement would follow (most actors keep their
   * positions), place the new actors and answer at once (`refineLater` in the drawing) instead of
   * refining first: the caller serves this drawing and draws again from it in the background.
   */
  refineLater?: boolean;
  /** Refine a drawing of this version whose actors were placed past PLACE_SHARE (the later half of `refineLater`). */
  refinePlaced?: boolean;
}

export function drawNetwork(actors: readonly Actor[], ties: readonly Tie[], version: number, stored: StoredDrawing, layout: Partial<ForceLayoutOptions> = {}, draw: DrawOptions = {}): Drawing {
  // The pairs as arrays; a graphology graph only when the force layout runs (pair-graph.ts).
  const { kept, position } = actorPositions(actors);
  const pairs = networkPairs(position, ties);
  const graph = new PairGraph(kept, position, pairs);
  const geo = geoSpread(actors.map((a) => ({ id: a.id, prefecture: a.prefecture, country: a.country, degree: graph.degree(a.id) })));
  const options = { ...layout, seed: layout.seed ?? FORCE_LAYOUT_DEFAULTS.seed };
  const run = stored.run;
  // Positions without their scale cannot be resumed; they are then laid out again.
  const resumable = run !== null && run.scale !== null;
  let result: ForceLayoutResult;
  let computedMs = 0;
  let placed = 0;
  let toStore: ReadonlyMap<string, Point> | undefined;
  let how: Drawing['how'] = 'stored';
  const sameRun = resumable && run.seed === options.seed;
  // Actors placed past the share since the layout last ran: a refinement is due.
  const overShare = (run?.placed ?? 0) > PLACE_SHARE * graph.order;
  const newcomers = sameRun ? kept.filter((a) => !stored.positions.has(a.id)).length : Infinity;
  const reuse = sameRun && run.networkVersion === version && newcomers === 0 && !(draw.refinePlaced && overShare);
  const withinShare = (run?.placed ?? 0) + newcomers <= PLACE_SHARE * graph.order;
  // Where a refinement would run first (forceLayoutSteps refines when REUSE_THRESHOLD of the
  // actors keep their positions), the new actors are placed now and the refinement comes later.
  const refineLater =
    Boolean(draw.refineLater) && sameRun && (reuse ? overShare : !withinShare && graph.order - newcomers >= REUSE_THRESHOLD * graph.order);
  if (reuse) {
    result = { positions: new Map(stored.positions), scale: run.scale!, iterations: run.iterations, seed: options.seed, reused: graph.order };
    placed = run.placed ?? 0;
  } else if (sameRun && (withinShare || refineLater)) {
    const started = performance.now();
    const placement = placeNewActors(graph, stored.positions, { seed: options.seed, extent: layout.extent ?? FORCE_LAYOUT_DEFAULTS.extent, hints: geo.positions });
    result = { positions: placement.positions, scale: run.scale!, iterations: run.iterations, seed: options.seed, reused: graph.order - placement.placed };
    placed = (run.placed ?? 0) + placement.placed;
    toStore = new Map([...placement.positions].filter(([id]) => !stored.positions.has(id)));
    how = 'placed';
    computedMs = Math.round(performance.now() - started);
  } else {
    const started = performance.now();
    const earlier = resumable ? { previous: stored.positions, previousScale: run.scale! } : {};
    const steps = forceLayoutSteps(graphOfPairs(kept, pairs), { ...options, ...earlier, hints: geo.positions });
    let step = steps.next();
    while (!step.done) step = steps.next();
    result = step.value;
    how = result.reused ? 'refined' : 'laid out';
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
    refining: refineLater,
  });
  return { json: JSON.stringify(payload), layout: result, placed, toStore: toStore ?? result.positions, how, refineLater, computed: !reuse, computedMs, actors: graph.order };
}

/** drawNetwork over ties packed for a worker thread. */
export function drawNetworkPacked(actors: readonly Actor[], packed: PackedTies, version: number, stored: StoredDrawing, layout: Partial<ForceLayoutOptions> = {}, draw: DrawOptions = {}): Drawing {
  return drawNetwork(actors, unpackTies(actors, packed), version, stored, layout, draw);
}
