/**
 * Betweenness centrality: how often an actor lies on the shortest paths between others, the
 * classic measure of a broker.
 *
 * [Articles]
 * U. Brandes, « A faster algorithm for betweenness centrality », Journal of Mathematical
 * Sociology 25(2), 163-177 (2001): one breadth-first search per source, dependencies accumulated
 * backwards, O(n·m) in all.
 * U. Brandes and C. Pich, « Centrality estimation in large networks », International Journal of
 * Bifurcation and Chaos 17(7), 2303-2318 (2007): the same from k sources drawn at random,
 * scaled by n/k, an unbiased estimate.
 *
 * Paths count hops (tie weights are not distances). The result is normalised for an undirected
 * graph: b(v) = Σ_{s≠v≠t} σ_st(v)/σ_st divided by (n−1)(n−2)/2, so 1 means every shortest path.
 * Exact when the work n·(n+2m) is within `budget`, sampled otherwise, with k = budget / (n+2m)
 * sources (at least `minSources`), drawn with the seeded `rng`.
 */
import { identity, type WeightedCsr } from '../graph/weighted-csr.ts';
import { shuffleInPlace, type Rng } from '../graph/seeded-rng.ts';

export interface BetweennessOptions {
  /** Work allowed, in node and arc visits; beyond it sources are sampled. */
  budget: number;
  /** Fewest sources when sampling. */
  minSources: number;
  rng: Rng;
}

export const BETWEENNESS_DEFAULTS: BetweennessOptions = { budget: 3e7, minSources: 64, rng: Math.random };

export interface BetweennessMethod {
  algorithm: 'brandes';
  exact: boolean;
  /** Sources searched (all nodes when exact). */
  sources: number;
  nodes: number;
  weighted: false;
  normalized: true;
  description: string;
}

export interface BetweennessResult {
  /** Normalised betweenness per node, index-aligned with the CSR. */
  values: Float64Array;
  method: BetweennessMethod;
}

export function betweenness(csr: WeightedCsr, options: Partial<BetweennessOptions> = {}): BetweennessResult {
  const o = { ...BETWEENNESS_DEFAULTS, ...options };
  const n = csr.order;
  const work = n + csr.neighbours.length;
  const exact = n * work <= o.budget;
  const k = exact ? n : Math.min(n, Math.max(o.minSources, Math.floor(o.budget / Math.max(work, 1))));
  const sources = exact ? identity(n) : shuffleInPlace(identity(n), o.rng).subarray(0, k);
  const values = new Float64Array(n);
  const sigma = new Float64Array(n);
  const distance = new Int32Array(n);
  const delta = new Float64Array(n);
  const stack = new Int32Array(n);
  for (const s of sources) {
    distance.fill(-1);
    sigma.fill(0);
    delta.fill(0);
    sigma[s] = 1;
    distance[s] = 0;
    // The queue of the search doubles as the stack of nodes by non-decreasing distance.
    let head = 0;
    let tail = 0;
    stack[tail++] = s;
    while (head < tail) {
      const v = stack[head++];
      for (let a = csr.offsets[v]; a < csr.offsets[v + 1]; a++) {
        const w = csr.neighbours[a];
        if (distance[w] < 0) {
          distance[w] = distance[v] + 1;
          stack[tail++] = w;
        }
        if (distance[w] === distance[v] + 1) sigma[w] += sigma[v];
      }
    }
    for (let i = tail - 1; i > 0; i--) {
      const w = stack[i];
      for (let a = csr.offsets[w]; a < csr.offsets[w + 1]; a++) {
        const v = csr.neighbours[a];
        if (distance[v] === distance[w] - 1) delta[v] += (sigma[v] / sigma[w]) * (1 + delta[w]);
      }
      values[w] += delta[w];
    }
  }
  // Each pair is counted from both ends in an undirected graph; sampling scales by n/k.
  const scale = (n / k) * (n > 2 ? 1 / ((n - 1) * (n - 2)) : 0);
  for (let v = 0; v < n; v++) values[v] *= scale;
  return {
    values,
    method: {
      algorithm: 'brandes',
      exact,
      sources: k,
      nodes: n,
      weighted: false,
      normalized: true,
      description: exact
        ? `Exact betweenness (Brandes 2001) over all ${n} actors; paths count hops; normalised by (n−1)(n−2)/2.`
        : `Estimated betweenness (Brandes & Pich 2007): Brandes' algorithm from ${k} of ${n} actors drawn with a fixed seed, scaled by n/k; paths count hops; normalised by (n−1)(n−2)/2.`,
    },
  };
}
