import { describe, expect, it } from 'vitest';
import type { Actor, Tie } from '../../server/domain/model.ts';
import { buildNetworkGraph } from '../../server/domain/graph/network-graph.ts';
import { placeNewActors, tieLength } from '../../server/domain/layout/place-new-actors.ts';
import { drawNetwork, PLACE_SHARE, type StoredDrawing } from '../../server/domain/layout/draw-network.ts';

/** A ring of `n` actors with chords: every actor tied to the next and to the one 7 ahead. */
function ring(n: number): { actors: Actor[]; ties: Tie[] } {
  const actors: Actor[] = Array.from({ length: n }, (_, i) => ({ id: `r${i}`, type: 'Enterprise', name: `R${i}`, prefecture: i % 2 ? 'Aichi' : 'Gifu' }));
  const ties: Tie[] = [];
  for (let i = 0; i < n; i++) {
    ties.push({ source: `r${i}`, target: `r${(i + 1) % n}`, kind: 'COLLABORATES', weight: 1 });
    ties.push({ source: `r${i}`, target: `r${(i + 7) % n}`, kind: 'SUPPLIES', weight: 1 });
  }
  return { actors, ties };
}
const newcomer = (id: string, prefecture = 'Mie'): Actor => ({ id, type: 'University', name: id, prefecture });
const tie = (a: string, b: string): Tie => ({ source: a, target: b, kind: 'COLLABORATES', weight: 1 });
const dist = (p: { x: number; y: number }, q: { x: number; y: number }) => Math.hypot(p.x - q.x, p.y - q.y);

describe('placeNewActors', () => {
  const net = ring(40);
  const previous = new Map(net.actors.map((a, i) => [a.id, { x: Math.cos(i / 6) * 900, y: Math.sin(i / 6) * 900 }]));

  it('keeps every drawn actor exactly and puts a newcomer beside the centre of its drawn partners, half a tie length away', () => {
    const graph = buildNetworkGraph([...net.actors, newcomer('n1'), newcomer('n2')], [...net.ties, tie('n1', 'r0'), tie('n1', 'r10'), tie('n2', 'r20')]);
    const { positions, placed } = placeNewActors(graph, previous, { seed: 1, extent: 1000 });
    expect(placed).toBe(2);
    for (const [id, p] of previous) expect(positions.get(id)).toEqual(p);
    const reach = tieLength(graph, previous) / 2;
    const centre = { x: (previous.get('r0')!.x + previous.get('r10')!.x) / 2, y: (previous.get('r0')!.y + previous.get('r10')!.y) / 2 };
    expect(dist(positions.get('n1')!, centre)).toBeGreaterThanOrEqual(0.75 * reach - 0.1);
    expect(dist(positions.get('n1')!, centre)).toBeLessThanOrEqual(1.25 * reach + 0.1);
    // Not on top of its only partner (before: within a few units of it, name over name).
    expect(dist(positions.get('n2')!, previous.get('r20')!)).toBeGreaterThanOrEqual(0.75 * reach - 0.1);
  });

  it('measures the typical tie length of the drawing as the median of the drawn ties', () => {
    const square = new Map([['a', { x: 0, y: 0 }], ['b', { x: 10, y: 0 }], ['c', { x: 10, y: 30 }], ['d', { x: 0, y: 100 }]]);
    const graph = buildNetworkGraph(['a', 'b', 'c', 'd', 'e'].map((id) => newcomer(id)), [tie('a', 'b'), tie('b', 'c'), tie('a', 'd'), tie('d', 'e')]);
    expect(tieLength(graph, square)).toBe(30); // 10, 30, 100 (d-e is not drawn)
  });

  it('places newcomers tied only to newcomers in waves, and one without partners at its hint', () => {
    const graph = buildNetworkGraph([...net.actors, newcomer('n1'), newcomer('n2'), newcomer('n3'), newcomer('alone')], [...net.ties, tie('n1', 'r5'), tie('n2', 'n1'), tie('n3', 'n2')]);
    const hints = new Map([['alone', { x: 3, y: 4 }], ['r0', { x: 0, y: 0 }], ['r1', { x: 10, y: 10 }]]);
    const { positions, placed } = placeNewActors(graph, previous, { seed: 1, extent: 1000, hints });
    expect(placed).toBe(4);
    const reach = tieLength(graph, previous) / 2;
    expect(dist(positions.get('n1')!, previous.get('r5')!)).toBeLessThanOrEqual(1.25 * reach + 0.1);
    expect(dist(positions.get('n2')!, positions.get('n1')!)).toBeLessThanOrEqual(1.25 * reach + 0.1);
    expect(dist(positions.get('n3')!, positions.get('n2')!)).toBeLessThanOrEqual(1.25 * reach + 0.1);
    // The hint square (0..10) is scaled to ±1000: (3, 4) lands at (-400, -200), give or take the jitter.
    expect(dist(positions.get('alone')!, { x: -400, y: -200 })).toBeLessThan(60);
  });

  it('repeats itself for a seed', () => {
    const graph = buildNetworkGraph([...net.actors, newcomer('n1'), newcomer('n2')], [...net.ties, tie('n1', 'r0'), tie('n2', 'r0')]);
    const a = placeNewActors(graph, previous, { seed: 3, extent: 1000 }).positions;
    const b = placeNewActors(graph, previous, { seed: 3, extent: 1000 }).positions;
    expect([...a]).toEqual([...b]);
    expect(a.get('n1')).not.toEqual(a.get('n2'));
  });
});

describe('drawNetwork after a write', () => {
  const net = ring(200);
  const options = { iterations: 30, refineIterations: 10 };
  const first = drawNetwork(net.actors, net.ties, 1, { run: null, positions: new Map() }, options);
  const stored = (d = first, version = 1): StoredDrawing => ({ run: { networkVersion: version, seed: d.layout.seed, iterations: d.layout.iterations, scale: d.layout.scale, placed: d.placed }, positions: d.layout.positions });

  it('lays out a network with no stored drawing from scratch, and stores every position', () => {
    expect(first).toMatchObject({ how: 'laid out', computed: true, placed: 0 });
    expect(first.toStore.size).toBe(200);
  });

  it('keeps the drawing after a small write: no actor moves, the newcomer alone is stored', () => {
    const after = drawNetwork([...net.actors, newcomer('n1')], [...net.ties, tie('n1', 'r3'), tie('r1', 'r100')], 2, stored(), options);
    expect(after).toMatchObject({ how: 'placed', computed: true, placed: 1 });
    expect([...after.toStore.keys()]).toEqual(['n1']);
    for (const [id, p] of first.layout.positions) expect(after.layout.positions.get(id)).toEqual(p);
    // A write of ties alone moves nothing and stores nothing.
    const tiesOnly = drawNetwork(net.actors, [...net.ties, tie('r1', 'r100')], 3, stored(), options);
    expect(tiesOnly).toMatchObject({ how: 'placed', placed: 0 });
    expect(tiesOnly.toStore.size).toBe(0);
  });

  it('refines the layout once the actors placed since it ran pass the share', () => {
    const room = Math.floor(PLACE_SHARE * 202);
    const many = Array.from({ length: room + 1 }, (_, k) => newcomer(`m${k}`));
    const big = drawNetwork([...net.actors, ...many], [...net.ties, ...many.map((m, k) => tie(m.id, `r${k}`))], 2, stored(), options);
    expect(big).toMatchObject({ how: 'refined', placed: 0 });
    expect(big.layout.iterations).toBe(10);
    // Placements add up from one write to the next, from the stored count.
    const placedSoFar = { ...stored(), run: { ...stored().run!, placed: room } };
    expect(drawNetwork([...net.actors, newcomer('n1')], [...net.ties, tie('n1', 'r3')], 2, placedSoFar, options).how).toBe('refined');
  });

  it('with refineLater, places a larger write at once and marks it; drawing that again refines it', () => {
    const room = Math.floor(PLACE_SHARE * 202);
    const many = Array.from({ length: room + 1 }, (_, k) => newcomer(`m${k}`));
    const actors = [...net.actors, ...many];
    const ties = [...net.ties, ...many.map((m, k) => tie(m.id, `r${k}`))];
    const quick = drawNetwork(actors, ties, 2, stored(), options, { refineLater: true });
    expect(quick).toMatchObject({ how: 'placed', refineLater: true, placed: many.length, computed: true });
    expect(JSON.parse(quick.json).layout.refining).toBe(true);
    for (const [id, p] of first.layout.positions) expect(quick.layout.positions.get(id)).toEqual(p);
    expect(quick.toStore.size).toBe(many.length);
    // What is stored after the placement, read back (another process) or kept: served as it is, still due a refinement.
    const placed = stored(quick, 2);
    expect(drawNetwork(actors, ties, 2, placed, options, { refineLater: true })).toMatchObject({ how: 'stored', refineLater: true, computed: false });
    expect(drawNetwork(actors, ties, 2, placed, options)).toMatchObject({ how: 'stored', refineLater: false });
    const refined = drawNetwork(actors, ties, 2, placed, options, { refinePlaced: true });
    expect(refined).toMatchObject({ how: 'refined', refineLater: false, placed: 0, computed: true });
    expect(refined.layout.iterations).toBe(10);
    expect(JSON.parse(refined.json).layout.refining).toBe(false);
    expect(refined.toStore.size).toBe(actors.length);
    // A small write is placed and not marked; a new network (no stored drawing) is laid out first.
    expect(drawNetwork([...net.actors, newcomer('n1')], [...net.ties, tie('n1', 'r3')], 2, stored(), options, { refineLater: true })).toMatchObject({ how: 'placed', refineLater: false });
    expect(drawNetwork(net.actors, net.ties, 1, { run: null, positions: new Map() }, options, { refineLater: true })).toMatchObject({ how: 'laid out', refineLater: false });
  });

  it('with refineLater, still lays out again when most actors are new (nothing to keep the picture of)', () => {
    const many = Array.from({ length: 120 }, (_, k) => newcomer(`m${k}`));
    const d = drawNetwork([...net.actors, ...many], [...net.ties, ...many.map((m, k) => tie(m.id, `r${k}`))], 2, stored(), options, { refineLater: true });
    // The full layout's iterations (from the kept positions): not a placement served first.
    expect(d).toMatchObject({ refineLater: false, placed: 0 });
    expect(d.layout.iterations).toBe(30);
  });
});
