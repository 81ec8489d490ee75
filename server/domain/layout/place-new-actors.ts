/**
 * A drawing kept after a small change: every actor already drawn stays exactly where it was, and
 * each new actor is put beside the partners it has in the drawing — at half the drawing's typical
 * tie length from their centre, in a seeded direction, so that it does not cover a partner and two
 * newcomers of one partner do not cover each other — and no layout iteration runs.
 * New actors tied only to other new actors are placed once those are (in waves); one with no
 * placed partner at all goes to its hint (its prefecture or country, as geo-spread.ts gives it),
 * else to a seeded random point of the drawing's square.
 *
 * The user's picture does not move under a write, and the cost is that of the new actors alone;
 * draw-network.ts decides when enough actors were placed this way that the layout is refined
 * instead. Positions are in the drawing's stored units (force-layout.ts: within ±extent).
 */
import type { PairView } from '../graph/pair-graph.ts';
import { seededRng } from '../graph/seeded-rng.ts';
import { withinExtent, type Point } from './force-layout.ts';

export interface Placement {
  positions: Map<string, Point>;
  /** Actors that were not in the earlier drawing and were placed now. */
  placed: number;
}

export function placeNewActors(
  graph: PairView,
  previous: ReadonlyMap<string, Point>,
  options: { seed: number; extent: number; hints?: ReadonlyMap<string, Point> },
): Placement {
  const rng = seededRng(options.seed);
  const jitter = () => (rng() - 0.5) * options.extent * 0.01;
  const positions = new Map<string, Point>();
  let pending: string[] = [];
  graph.forEachNode((id) => {
    const p = previous.get(id);
    if (p && Number.isFinite(p.x) && Number.isFinite(p.y)) positions.set(id, { x: p.x, y: p.y });
    else pending.push(id);
  });
  const placed = pending.length;
  const round = (v: number) => Math.round(v * 10) / 10;
  const reach = pending.length ? tieLength(graph, positions) / 2 : 0;
  const beside = (x: number, y: number): Point => {
    const angle = rng() * 2 * Math.PI;
    const r = reach * (0.75 + rng() * 0.5);
    return { x: round(x + Math.cos(angle) * r), y: round(y + Math.sin(angle) * r) };
  };
  // Waves: a newcomer tied to a newcomer placed in this wave is placed in the next.
  for (let progress = true; pending.length && progress; ) {
    progress = false;
    const wave: [string, Point][] = [];
    const still: string[] = [];
    for (const id of pending) {
      let x = 0;
      let y = 0;
      let n = 0;
      graph.forEachNeighbor(id, (partner) => {
        const p = positions.get(partner);
        if (p) (x += p.x), (y += p.y), n++;
      });
      if (n) wave.push([id, beside(x / n, y / n)]);
      else still.push(id);
    }
    for (const [id, p] of wave) positions.set(id, p);
    progress = wave.length > 0;
    pending = still;
  }
  const hints = options.hints?.size ? withinExtent(options.hints, options.extent) : undefined;
  for (const id of pending) {
    const h = hints?.get(id);
    const spread = () => (rng() - 0.5) * 2 * options.extent;
    positions.set(id, h ? { x: round(h.x + jitter() * 5), y: round(h.y + jitter() * 5) } : { x: round(spread()), y: round(spread()) });
  }
  return { positions, placed };
}

/**
 * The median length of the ties drawn between placed actors (a sample of at most 2,000, in the
 * graph's order), or a hundredth of the drawing's width when there is none.
 */
export function tieLength(graph: PairView, positions: ReadonlyMap<string, Point>): number {
  const lengths: number[] = [];
  let minX = Infinity;
  let maxX = -Infinity;
  for (const p of positions.values()) (minX = Math.min(minX, p.x)), (maxX = Math.max(maxX, p.x));
  graph.someEdge((_e, _a, s, t) => {
    const p = positions.get(s);
    const q = positions.get(t);
    if (p && q) lengths.push(Math.hypot(p.x - q.x, p.y - q.y));
    return lengths.length >= 2_000;
  });
  if (!lengths.length) return Number.isFinite(maxX - minX) ? Math.max(1, (maxX - minX) / 100) : 1;
  lengths.sort((a, b) => a - b);
  return lengths[lengths.length >> 1];
}
