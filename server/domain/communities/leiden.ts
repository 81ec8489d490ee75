/**
 * The Leiden algorithm for modularity with a resolution parameter.
 *
 * [Article]
 * V. A. Traag, L. Waltman and N. J. van Eck, « From Louvain to Leiden: guaranteeing
 * well-connected communities », Scientific Reports 9, 5233 (2019). doi:10.1038/s41598-019-41695-z
 *
 * Each iteration runs three phases until every community is a single node of the aggregate graph:
 * 1. fast local moving: nodes taken from a queue move to the neighbouring community that most
 *    improves modularity; the neighbours of a moved node are queued again;
 * 2. refinement: inside each community, nodes start alone and merge (randomly, favouring the best
 *    gain, `randomness` θ) only with well-connected subcommunities, so every refined
 *    subcommunity is connected;
 * 3. aggregation by the refined partition, the coarse partition giving the starting point.
 * Iterations repeat from the previous result until one changes nothing, gains less modularity than
 * `tolerance`, or `maxIterations` have run.
 * Louvain lacks phase 2: a node that bridged a community can leave it and the community stays,
 * disconnected, aggregated as one node for good. That is where Louvain loses modularity too.
 */
import { aggregateCsr, csrModularity, identity, renumber, type WeightedCsr } from '../graph/weighted-csr.ts';
import { shuffleInPlace, type Rng } from '../graph/seeded-rng.ts';

export interface LeidenOptions {
  /** γ: above 1 favours smaller communities, below 1 larger ones. */
  resolution: number;
  /** θ of the refinement: 0 merges greedily; larger values explore more. */
  randomness: number;
  /** Iterations of the whole algorithm at most. */
  maxIterations: number;
  /** An iteration that raises modularity by less than this is the last. */
  tolerance: number;
  /** Membership to start from (community ids per node); singletons when absent. */
  initial: Int32Array | null;
  rng: Rng;
}

export const LEIDEN_DEFAULTS: LeidenOptions = {
  resolution: 1,
  randomness: 0.01,
  maxIterations: 50,
  tolerance: 1e-6,
  initial: null,
  rng: Math.random,
};

export interface LeidenResult {
  /** Community of each node, ids 0..count-1. */
  membership: Int32Array;
  count: number;
  modularity: number;
  /** Iterations run (the last one changed nothing unless `maxIterations` stopped it). */
  iterations: number;
}

/** Runs Leiden on a CSR graph. */
export function leiden(csr: WeightedCsr, options: Partial<LeidenOptions> = {}): LeidenResult {
  const o: LeidenOptions = { ...LEIDEN_DEFAULTS, ...options };
  if (!(o.resolution > 0)) throw new Error('musubi leiden: the resolution must be a positive number.');
  if (!(o.randomness >= 0)) throw new Error('musubi leiden: the randomness must be zero or more.');
  if (o.initial && o.initial.length !== csr.order) throw new Error('musubi leiden: the initial membership must give a community for every node.');
  const membership = o.initial ? Int32Array.from(o.initial) : identity(csr.order);
  renumber(membership);
  let iterations = 0;
  let quality = csrModularity(csr, membership, o.resolution);
  while (iterations < o.maxIterations) {
    iterations++;
    const { changed, modularity: next } = leidenIteration(csr, membership, o);
    const gain = next - quality;
    quality = next;
    if (!changed || gain < o.tolerance) break;
  }
  const count = renumber(membership);
  return { membership, count, modularity: quality, iterations };
}

/**
 * One iteration over all levels; updates `membership` in place, tells whether it changed and
 * gives its modularity, measured on the last aggregate graph (the same value, far fewer arcs).
 */
function leidenIteration(base: WeightedCsr, membership: Int32Array, o: LeidenOptions): { changed: boolean; modularity: number } {
  const before = membership.slice();
  // Node of the current aggregate graph that stands for each base node.
  const baseToAggregate = identity(base.order);
  let graph = base;
  let partition = membership.slice();
  for (;;) {
    const count = moveNodesFast(graph, partition, o);
    if (count === graph.order) break;
    const refined = refinePartition(graph, partition, count, o);
    let refinedCount = renumber(refined);
    // When refinement merges nothing, aggregating by it would rebuild the same graph.
    const by = refinedCount === graph.order ? partition : refined;
    if (by === partition) refinedCount = count;
    const next = new Int32Array(refinedCount);
    for (let v = 0; v < graph.order; v++) next[by[v]] = partition[v];
    for (let v = 0; v < base.order; v++) baseToAggregate[v] = by[baseToAggregate[v]];
    graph = aggregateCsr(graph, by, refinedCount);
    partition = next;
  }
  for (let v = 0; v < base.order; v++) membership[v] = partition[baseToAggregate[v]];
  renumber(membership);
  const modularity = csrModularity(graph, partition, o.resolution);
  for (let v = 0; v < base.order; v++) if (membership[v] !== before[v]) return { changed: true, modularity };
  return { changed: false, modularity };
}

/**
 * Fast local moving: visits queued nodes, moves each to the community of best modularity gain
 * and queues its neighbours outside that community. Renumbers `partition`; returns the count.
 */
function moveNodesFast(g: WeightedCsr, partition: Int32Array, o: LeidenOptions): number {
  const n = g.order;
  const twoM = 2 * g.totalWeight;
  if (twoM === 0) return renumber(partition);
  const scale = o.resolution / twoM;
  const total = new Float64Array(n);
  const size = new Int32Array(n);
  for (let v = 0; v < n; v++) {
    total[partition[v]] += g.strength[v];
    size[partition[v]]++;
  }
  const empty: number[] = [];
  for (let c = n - 1; c >= 0; c--) if (size[c] === 0) empty.push(c);
  const queue = shuffleInPlace(identity(n), o.rng);
  const queued = new Uint8Array(n).fill(1);
  let head = 0;
  let length = n;
  const toCommunity = new Float64Array(n);
  const touched = new Int32Array(n);
  while (length > 0) {
    const v = queue[head];
    if (++head === n) head = 0;
    length--;
    queued[v] = 0;
    const own = partition[v];
    const kv = g.strength[v];
    let nTouched = 0;
    for (let a = g.offsets[v]; a < g.offsets[v + 1]; a++) {
      const c = partition[g.neighbours[a]];
      if (toCommunity[c] === 0) touched[nTouched++] = c;
      toCommunity[c] += g.weights[a];
    }
    total[own] -= kv;
    size[own]--;
    if (size[own] === 0) empty.push(own);
    // Gain of joining c, up to a constant: w(v, c) − γ k_v K_c / 2m. Alone it is 0.
    let best = own;
    let bestGain = toCommunity[own] - kv * total[own] * scale;
    for (let t = 0; t < nTouched; t++) {
      const c = touched[t];
      const gain = toCommunity[c] - kv * total[c] * scale;
      if (gain > bestGain + 1e-12) {
        best = c;
        bestGain = gain;
      }
    }
    if (bestGain < -1e-12) best = size[own] === 0 ? own : empty[empty.length - 1];
    for (let t = 0; t < nTouched; t++) toCommunity[touched[t]] = 0;
    if (size[best] === 0) empty.splice(empty.lastIndexOf(best), 1);
    total[best] += kv;
    size[best]++;
    if (best !== own) {
      partition[v] = best;
      for (let a = g.offsets[v]; a < g.offsets[v + 1]; a++) {
        const u = g.neighbours[a];
        if (!queued[u] && partition[u] !== best) {
          queued[u] = 1;
          const tail = head + length;
          queue[tail < n ? tail : tail - n] = u;
          length++;
        }
      }
    }
  }
  return renumber(partition);
}

/**
 * Refinement (Traag et al., Algorithm A.2 "MergeNodesSubset"): inside each community S, nodes
 * start as singletons; a singleton v that is well connected to S, w(v, S−v) ≥ γ k_v (K_S − k_v) / 2m,
 * joins a well-connected subcommunity T of S, chosen with probability ∝ exp(gain / θ) among
 * those with a non-negative gain. Returns the refined membership (ids not yet renumbered).
 */
function refinePartition(g: WeightedCsr, partition: Int32Array, count: number, o: LeidenOptions): Int32Array {
  const n = g.order;
  const scale = o.resolution / (2 * g.totalWeight);
  const communityTotal = new Float64Array(count);
  for (let v = 0; v < n; v++) communityTotal[partition[v]] += g.strength[v];
  const refined = identity(n);
  const refinedTotal = Float64Array.from(g.strength);
  const singleton = new Uint8Array(n).fill(1);
  // w(v, S − v) for each node, then w(T, S − T) for each refined subcommunity T.
  const insideWeight = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    const s = partition[v];
    let inside = 0;
    for (let a = g.offsets[v], end = g.offsets[v + 1]; a < end; a++) if (partition[g.neighbours[a]] === s) inside += g.weights[a];
    insideWeight[v] = inside;
  }
  const refinedOutward = Float64Array.from(insideWeight);
  const order = shuffleInPlace(identity(n), o.rng);
  const toRefined = new Float64Array(n);
  const touched = new Int32Array(n);
  const gains = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = order[i];
    if (!singleton[v] || refined[v] !== v) continue;
    const s = partition[v];
    const kv = g.strength[v];
    if (insideWeight[v] < kv * (communityTotal[s] - kv) * scale) continue;
    let nTouched = 0;
    for (let a = g.offsets[v]; a < g.offsets[v + 1]; a++) {
      const u = g.neighbours[a];
      if (partition[u] !== s) continue;
      const r = refined[u];
      if (toRefined[r] === 0) touched[nTouched++] = r;
      toRefined[r] += g.weights[a];
    }
    // v leaves its singleton: staying alone gains 0.
    refinedTotal[v] = 0;
    let bestGain = 0;
    let candidates = 0;
    for (let t = 0; t < nTouched; t++) {
      const r = touched[t];
      const wellConnected = refinedOutward[r] >= refinedTotal[r] * (communityTotal[s] - refinedTotal[r]) * scale;
      const gain = toRefined[r] - kv * refinedTotal[r] * scale;
      if (!wellConnected || gain < 0) {
        gains[t] = -1;
        continue;
      }
      gains[t] = gain;
      candidates++;
      if (gain > bestGain) bestGain = gain;
    }
    let chosen = v;
    if (candidates > 0) chosen = pickByGain(touched, gains, nTouched, bestGain, o);
    if (chosen !== v) {
      const w = toRefined[chosen];
      refined[v] = chosen;
      refinedTotal[chosen] += kv;
      refinedOutward[chosen] += insideWeight[v] - 2 * w;
      singleton[chosen] = 0;
      singleton[v] = 0;
    } else {
      refinedTotal[v] = kv;
    }
    for (let t = 0; t < nTouched; t++) toRefined[touched[t]] = 0;
  }
  return refined;
}

/** Picks a candidate with probability ∝ exp((gain − best) / θ); θ = 0 takes the best one. */
function pickByGain(touched: Int32Array, gains: Float64Array, count: number, best: number, o: LeidenOptions): number {
  if (o.randomness === 0) {
    for (let t = 0; t < count; t++) if (gains[t] === best) return touched[t];
  }
  // Turn gains into unnormalised probabilities in place; candidates e^-50 times less likely than the best are dropped.
  let sum = 0;
  for (let t = 0; t < count; t++) {
    const x = (gains[t] - best) / o.randomness;
    gains[t] = gains[t] < 0 || x < -50 ? 0 : Math.exp(x);
    sum += gains[t];
  }
  let x = o.rng() * sum;
  let last = -1;
  for (let t = 0; t < count; t++) {
    if (gains[t] === 0) continue;
    last = touched[t];
    x -= gains[t];
    if (x <= 0) return touched[t];
  }
  return last;
}
