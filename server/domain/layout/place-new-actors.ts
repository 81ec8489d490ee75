/**
 * A drawing kept after a small change: every actor already drawn stays exactly where it was, and
 * each new actor is put beside the partners it has in the drawing (their centre, with a little
 * seeded jitter so that two newcomers of one partner do not overlap) — no layout iteration runs.
 * New actors tied only to other new actors are placed once those are (in waves); one with no
 * placed partner at all goes to its hint (its prefecture or country, as geo-spread.ts gives it),
 * else to a seeded random point of the drawing's square.
 *
 * The user's picture does not move under a write, and the cost is that of the new actors alone;
 * draw-network.ts decides when enough actors were placed this way that the layout is refined
 * instead. Positions are in the drawing's stored units (force-layout.ts: within ±extent).
 */
import type { NetworkGraph } from '../graph/network-graph.ts';
import { seededRng } from '../graph/seeded-rng.ts';
import { withinExtent, type Point } from './force-layout.ts';

export interface Placement {
  positions: Map<string, Point>;
  /** Actors that were not in the earlier drawing and were placed now. */
  placed: number;
}

export function placeNewActors(
  graph: NetworkGraph,
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
      if (n) wave.push([id, { x: round(x / n + jitter()), y: round(y / n + jitter()) }]);
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
