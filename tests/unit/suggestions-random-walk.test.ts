import { describe, expect, it } from 'vitest';
import type { Actor, ActorType, Tie } from '../../server/domain/model.ts';
import { seededRng } from '../../server/domain/graph/seeded-rng.ts';
import type { Adjacency } from '../../server/domain/suggestions/baseline-graph.ts';
import { personalisedPageRank, personalisedPageRanks, pprRanker } from '../../server/domain/suggestions/random-walk-baseline.ts';
import { buildSuggestionIndex } from '../../server/domain/suggestions/suggestion-index.ts';

/** Compressed sparse rows of an undirected weighted edge list over `n` nodes. */
function adjacency(n: number, edges: [number, number, number?][]): Adjacency {
  const lists: [number, number][][] = Array.from({ length: n }, () => []);
  for (const [a, b, w = 1] of edges) lists[a].push([b, w]), lists[b].push([a, w]);
  const offsets = new Int32Array(n + 1);
  lists.forEach((l, u) => (offsets[u + 1] = offsets[u] + l.length));
  const flat = lists.flat();
  return { offsets, neighbours: Int32Array.from(flat.map(([v]) => v)), weights: Float64Array.from(flat.map(([, w]) => w)) };
}

/** Solves x = α e_s + (1 − α) Pᵀ x exactly (Gaussian elimination): an independent computation. */
function solved(g: Adjacency, source: number, restart: number): number[] {
  const n = g.offsets.length - 1;
  const total = Array.from({ length: n }, (_, u) => {
    let t = 0;
    for (let k = g.offsets[u]; k < g.offsets[u + 1]; k++) t += g.weights ? g.weights[k] : 1;
    return t;
  });
  // A x = b with A = I − (1 − α) Mᵀ, where M[u][v] = w/total(u), and a node without ties sends its walk home.
  const A = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  for (let u = 0; u < n; u++) {
    if (total[u] === 0) A[source][u] -= 1 - restart;
    for (let k = g.offsets[u]; k < g.offsets[u + 1]; k++) A[g.neighbours[k]][u] -= ((1 - restart) * (g.weights ? g.weights[k] : 1)) / total[u];
  }
  const b = Array.from({ length: n }, (_, i) => (i === source ? restart : 0));
  for (let c = 0; c < n; c++) {
    const p = A.reduce((best, row, r) => (r >= c && Math.abs(row[c]) > Math.abs(A[best][c]) ? r : best), c);
    [A[c], A[p]] = [A[p], A[c]];
    [b[c], b[p]] = [b[p], b[c]];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = A[r][c] / A[c][c];
      for (let k = c; k < n; k++) A[r][k] -= f * A[c][k];
      b[r] -= f * b[c];
    }
  }
  return b.map((x, i) => x / A[i][i]);
}

const tight = { maxIterations: 500, tolerance: 1e-14 };

describe('personalised PageRank', () => {
  it('matches the hand-computed values on two nodes and on a path of three', () => {
    // a - b from a: x_a = α + (1 − α) x_b, x_b = (1 − α) x_a, so x_a = 1 / (2 − α).
    const pair = personalisedPageRank(adjacency(2, [[0, 1]]), 0, { restart: 0.15, ...tight }).scores;
    expect(pair[0]).toBeCloseTo(1 / 1.85, 12);
    expect(pair[1]).toBeCloseTo(0.85 / 1.85, 12);
    // a - b - c from a, β = 1 − α: x_a = α(2 − β²) / (2(1 − β²)), x_b = β x_a / (1 − β²/2), x_c = β x_b / 2.
    const beta = 0.85;
    const xa = (0.15 * (2 - beta ** 2)) / (2 * (1 - beta ** 2));
    const xb = (beta * xa) / (1 - beta ** 2 / 2);
    const path = personalisedPageRank(adjacency(3, [[0, 1], [1, 2]]), 0, { restart: 0.15, ...tight }).scores;
    expect([...path].map((x) => x.toFixed(10))).toEqual([xa, xb, (beta * xb) / 2].map((x) => x.toFixed(10)));
  });

  it('equals the exact solution on a weighted graph with an isolated node, for every source, in batches', () => {
    const rng = seededRng(5);
    const edges: [number, number, number][] = [];
    for (let a = 0; a < 11; a++) for (let b = a + 1; b < 11; b++) if (rng() < 0.3) edges.push([a, b, 1 + Math.floor(rng() * 4)]);
    const g = adjacency(12, edges); // node 11 has no ties
    const unweighted = { offsets: g.offsets, neighbours: g.neighbours };
    const sources = Array.from({ length: 12 }, (_, i) => i); // 12 sources: one full batch of eight and one partial
    for (const [graph, restart] of [[g, 0.3], [unweighted, 0.15]] as const) {
      const seen: number[] = [];
      personalisedPageRanks(graph, sources, { restart, ...tight }, (s, scores) => {
        seen.push(s);
        const exact = solved(graph, s, restart);
        scores.forEach((x, v) => expect(x).toBeCloseTo(exact[v], 10));
        expect(scores.reduce((t, x) => t + x, 0)).toBeCloseTo(1, 12);
      });
      expect(seen.sort((a, b) => a - b)).toEqual(sources);
    }
    expect(personalisedPageRank(g, 11, tight).scores[11]).toBe(1);
  });

  it('stops at the tolerance or at the iteration cap', () => {
    const g = adjacency(3, [[0, 1], [1, 2]]);
    expect(personalisedPageRank(g, 0, { maxIterations: 5, tolerance: 0 }).iterations).toBe(5);
    const loose = personalisedPageRank(g, 0, { maxIterations: 1000, tolerance: 1e-6 });
    expect(loose.iterations).toBeLessThan(1000);
    expect(loose.change).toBeLessThan(1e-6);
  });

  it('rejects bad options and unknown nodes, naming the module', () => {
    const g = adjacency(2, [[0, 1]]);
    expect(() => personalisedPageRank(g, 0, { restart: 0 })).toThrow(/musubi random-walk-baseline/);
    expect(() => personalisedPageRank(g, 5)).toThrow(/musubi random-walk-baseline/);
  });
});

describe('personalised PageRank as a ranker', () => {
  const actor = (id: string, type: ActorType): Actor => ({ id, type, name: id, prefecture: 'Aichi' });
  const tie = (source: string, target: string, weight = 1): Tie => ({ source, target, kind: 'COLLABORATES', weight, since: 2005 });
  // a - b - c - d, b - u1, c - u2, u1 - u2; a asks for enterprises and universities.
  const actors = [actor('a', 'Enterprise'), actor('b', 'Enterprise'), actor('c', 'Enterprise'), actor('d', 'Enterprise'), actor('u1', 'University'), actor('u2', 'University')];
  const ties = [tie('a', 'b'), tie('b', 'c'), tie('c', 'd'), tie('b', 'u1'), tie('c', 'u2'), tie('u1', 'u2')];
  const index = buildSuggestionIndex(actors, ties);
  const pos = (id: string) => index.position.get(id)!;
  const ids = (list: number[]) => list.map((v) => index.actors[v].id);

  it('leaves out the asker and its partners, keeps the wanted types, and orders by the walk', () => {
    const rank = pprRanker({ restart: 0.15, ...tight });
    const both = ids(rank(index, pos('a'), ['Enterprise', 'University'], 10));
    expect(both).not.toContain('a');
    expect(both).not.toContain('b');
    expect(new Set(both)).toEqual(new Set(['c', 'd', 'u1', 'u2']));
    expect(both[0]).toBe('c'); // the candidate two steps away through the only partner, with the most ties
    expect(ids(rank(index, pos('a'), ['University'], 10)).sort()).toEqual(['u1', 'u2']);
    expect(ids(rank(index, pos('a'), ['Enterprise', 'University'], 2))).toEqual(both.slice(0, 2));
  });

  it('gives each walk the same result alone or in a batch with others', () => {
    const rng = seededRng(9);
    const edges: [number, number][] = [];
    for (let a = 0; a < 30; a++) for (let b = a + 1; b < 30; b++) if (rng() < 0.15) edges.push([a, b]);
    const g = adjacency(30, edges);
    const sources = Array.from({ length: 20 }, (_, i) => i);
    const batched = new Map<number, number[]>();
    personalisedPageRanks(g, sources, {}, (s, scores) => batched.set(s, [...scores]));
    for (const s of [0, 7, 13]) expect(batched.get(s)).toEqual([...personalisedPageRank(g, s).scores]);
  });

  it('gives the same rankings whether the walks were prepared in a batch or not', () => {
    const a = pprRanker({ restart: 0.3 });
    const b = pprRanker({ restart: 0.3 });
    b.prepare!(index, actors.map((x) => pos(x.id)));
    for (const x of actors) expect(b(index, pos(x.id), ['Enterprise', 'University'], 5)).toEqual(a(index, pos(x.id), ['Enterprise', 'University'], 5));
  });
});
