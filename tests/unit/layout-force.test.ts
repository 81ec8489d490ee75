import { describe, expect, it } from 'vitest';
import type { Actor, Tie } from '../../server/domain/model.ts';
import { buildNetworkGraph } from '../../server/domain/graph/network-graph.ts';
import { forceLayout, forceLayoutSteps, type Point } from '../../server/domain/layout/force-layout.ts';

/** Two cliques of `size` actors joined by one tie: a planted pair of communities. */
function twoCliques(size: number) {
  const actors: Actor[] = [];
  const ties: Tie[] = [];
  for (const group of ['a', 'b']) {
    for (let i = 0; i < size; i++) actors.push({ id: `${group}${i}`, type: 'Enterprise', name: `${group}${i}` });
    for (let i = 0; i < size; i++) for (let j = i + 1; j < size; j++) ties.push({ source: `${group}${i}`, target: `${group}${j}`, kind: 'COLLABORATES', weight: 1 });
  }
  ties.push({ source: 'a0', target: 'b0', kind: 'COLLABORATES', weight: 1 });
  return buildNetworkGraph(actors, ties);
}

function meanDistance(positions: Map<string, Point>, pairs: [string, string][]): number {
  return pairs.reduce((sum, [u, v]) => sum + Math.hypot(positions.get(u)!.x - positions.get(v)!.x, positions.get(u)!.y - positions.get(v)!.y), 0) / pairs.length;
}

describe('forceLayout (ForceAtlas2, Barnes-Hut)', () => {
  const options = { iterations: 120, settings: { barnesHutOptimize: true } };

  it('repeats a layout exactly for the same seed, and draws another for another seed', () => {
    const graph = twoCliques(12);
    const first = forceLayout(graph, { ...options, seed: 7 });
    const again = forceLayout(graph, { ...options, seed: 7 });
    const other = forceLayout(graph, { ...options, seed: 8 });
    expect([...again.positions]).toEqual([...first.positions]);
    expect([...other.positions]).not.toEqual([...first.positions]);
    expect(first).toMatchObject({ seed: 7, iterations: 120, reused: 0 });
  });

  it('places the members of a planted community closer to each other than to the other community', () => {
    const graph = twoCliques(15);
    const { positions } = forceLayout(graph, options);
    const inside: [string, string][] = [];
    const across: [string, string][] = [];
    for (let i = 1; i < 15; i++) {
      for (let j = i + 1; j < 15; j++) inside.push([`a${i}`, `a${j}`], [`b${i}`, `b${j}`]);
      for (let j = 1; j < 15; j++) across.push([`a${i}`, `b${j}`]);
    }
    expect(meanDistance(positions, inside) * 2).toBeLessThan(meanDistance(positions, across));
  });

  it('centres the drawing on 0 and fits it into the square of half-side `extent`, rounded to 0.1', () => {
    const { positions } = forceLayout(twoCliques(8), { ...options, extent: 500 });
    const xs = [...positions.values()].map((p) => p.x);
    const ys = [...positions.values()].map((p) => p.y);
    for (const v of [...xs, ...ys]) {
      expect(Math.abs(v)).toBeLessThanOrEqual(500);
      expect(Math.round(v * 10) / 10).toBe(v);
    }
    // One axis spans the whole square.
    expect(Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys))).toBeCloseTo(1000, 0);
  });

  it('refines an earlier layout: known actors start where they were and only refineIterations run', () => {
    const graph = twoCliques(10);
    const first = forceLayout(graph, options);
    const earlier = first.positions;
    graph.addNode('newcomer', { type: 'Enterprise', name: 'newcomer', country: 'JP', fields: [], seeks: [], clusters: [] });
    graph.addEdge('newcomer', 'a3', { weight: 1, kinds: ['SUPPLIES'] });
    const refined = forceLayout(graph, { ...options, previous: earlier, previousScale: first.scale, refineIterations: 5 });
    expect(refined.reused).toBe(20);
    expect(refined.iterations).toBe(5);
    // A few iterations move the picture little: the user still recognises it.
    const moved = [...earlier].map(([id, p]) => Math.hypot(refined.positions.get(id)!.x - p.x, refined.positions.get(id)!.y - p.y));
    expect(moved.reduce((a, b) => a + b, 0) / moved.length).toBeLessThan(200);
    // The newcomer starts beside its only partner and stays nearer it than the mean distance.
    const d = Math.hypot(refined.positions.get('newcomer')!.x - refined.positions.get('a3')!.x, refined.positions.get('newcomer')!.y - refined.positions.get('a3')!.y);
    expect(d).toBeLessThan(meanDistance(refined.positions, [['a3', 'b5'], ['a3', 'b6'], ['a3', 'b7']]));
  });

  it('resumes from the scale it settled at: without it, a refinement moves the picture more', () => {
    const graph = twoCliques(12);
    const first = forceLayout(graph, { ...options, extent: 1000 });
    const shift = (positions: Map<string, Point>) =>
      [...first.positions].reduce((sum, [id, p]) => sum + Math.hypot(positions.get(id)!.x - p.x, positions.get(id)!.y - p.y), 0);
    const resumed = forceLayout(graph, { ...options, previous: first.positions, previousScale: first.scale, refineIterations: 10 });
    const rescaled = forceLayout(graph, { ...options, previous: first.positions, refineIterations: 10 });
    expect(first.scale).toBeGreaterThan(0);
    expect(shift(resumed.positions)).toBeLessThan(shift(rescaled.positions));
  });

  it('yields its progress between chunks of iterations', () => {
    const steps = forceLayoutSteps(twoCliques(5), { iterations: 10, chunk: 3 });
    const progress: number[] = [];
    for (let s = steps.next(); !s.done; s = steps.next()) progress.push(s.value);
    expect(progress).toEqual([0.3, 0.6, 0.9]);
  });

  it('handles an empty network and a single actor', () => {
    expect(forceLayout(buildNetworkGraph([], [])).positions.size).toBe(0);
    const one = forceLayout(buildNetworkGraph([{ id: 'x', type: 'University', name: 'x' }], []));
    expect([...one.positions]).toEqual([['x', { x: 0, y: 0 }]]);
    expect(one.iterations).toBe(0);
  });

  it('rejects bad options, naming the module', () => {
    expect(() => forceLayout(twoCliques(3), { iterations: -1 })).toThrow(/^force-layout: 'iterations'/);
    expect(() => forceLayout(twoCliques(3), { chunk: 0 })).toThrow(/^force-layout: 'chunk'/);
    expect(() => forceLayout(twoCliques(3), { extent: 0 })).toThrow(/^force-layout: 'extent'/);
  });
});
