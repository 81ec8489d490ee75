/**
 * The compact form the community algorithms run on: an undirected weighted graph as compressed
 * sparse rows (typed arrays), plus the weight each node carries as a self-loop once communities
 * have been aggregated into nodes. graphology's object graph is the product's model; at 500,000
 * ties the local-moving loops need flat arrays to stay within their time budget.
 */
import type Graph from 'graphology';

export interface WeightedCsr {
  order: number;
  /** Neighbours of node i are `neighbours[offsets[i] .. offsets[i+1])`, each edge stored at both ends. */
  offsets: Int32Array;
  neighbours: Int32Array;
  weights: Float64Array;
  /** Weight of the node's self-loop: the internal weight of the community it stands for. */
  selfWeight: Float64Array;
  /** Weighted degree k_i = Σ_j w_ij + 2·w_ii. */
  strength: Float64Array;
  /** Total edge weight m (each edge once, self-loops once); Σ strength = 2m. */
  totalWeight: number;
}

export interface CsrOfGraph {
  csr: WeightedCsr;
  /** Node keys, index-aligned with the CSR. */
  nodes: string[];
}

/** How an edge's weight is read: an attribute name, a function, or null for 1 on every edge. */
export type EdgeWeightGetter = string | null | ((edge: string, attributes: Record<string, unknown>) => number);

function weightReader(getter: EdgeWeightGetter): (edge: string, attributes: Record<string, unknown>) => number {
  if (getter === null) return () => 1;
  if (typeof getter === 'function') return getter;
  return (_e, attributes) => {
    const w = attributes[getter];
    return typeof w === 'number' && Number.isFinite(w) && w > 0 ? w : 1;
  };
}

/** An undirected edge between the nodes at `a` and `b` (the same for a self-loop), with its weight. */
export interface WeightedEdge {
  a: number;
  b: number;
  weight: number;
}

/** The CSR of `order` nodes joined by `edges` (each once; self-loops allowed), neighbours in edge order. */
export function csrFromEdges(order: number, edges: Iterable<WeightedEdge>): WeightedCsr {
  const list = [...edges];
  const offsets = new Int32Array(order + 1);
  for (const { a, b } of list) {
    if (a === b) continue;
    offsets[a + 1]++;
    offsets[b + 1]++;
  }
  for (let i = 0; i < order; i++) offsets[i + 1] += offsets[i];
  const cursor = offsets.slice(0, order);
  const neighbours = new Int32Array(offsets[order]);
  const weights = new Float64Array(offsets[order]);
  const selfWeight = new Float64Array(order);
  const strength = new Float64Array(order);
  let totalWeight = 0;
  for (const { a, b, weight: w } of list) {
    totalWeight += w;
    if (a === b) {
      selfWeight[a] += w;
      strength[a] += 2 * w;
      continue;
    }
    neighbours[cursor[a]] = b;
    weights[cursor[a]++] = w;
    neighbours[cursor[b]] = a;
    weights[cursor[b]++] = w;
    strength[a] += w;
    strength[b] += w;
  }
  return { order, offsets, neighbours, weights, selfWeight, strength, totalWeight };
}

/** Builds the CSR of an undirected graphology graph, nodes in the graph's order. */
export function csrFromGraph(graph: Graph, getEdgeWeight: EdgeWeightGetter = 'weight'): CsrOfGraph {
  if (graph.type !== 'undirected') throw new Error('musubi communities: the graph must be undirected.');
  const nodes = graph.nodes();
  const index = new Map<string, number>();
  for (let i = 0; i < nodes.length; i++) index.set(nodes[i], i);
  const readWeight = weightReader(getEdgeWeight);
  const edges: WeightedEdge[] = [];
  graph.forEachEdge((e, attributes, s, t) => edges.push({ a: index.get(s)!, b: index.get(t)!, weight: readWeight(e, attributes) }));
  return { csr: csrFromEdges(nodes.length, edges), nodes };
}

/**
 * The graph of communities: one node per community of `membership` (ids 0..count-1), edges
 * summing the weights between communities, and each community's internal weight as a self-loop.
 */
export function aggregateCsr(csr: WeightedCsr, membership: Int32Array, count: number): WeightedCsr {
  const members = membersByCommunity(membership, count);
  const selfWeight = new Float64Array(count);
  const strength = new Float64Array(count);
  const scratch = new Float64Array(count);
  const touched = new Int32Array(count);
  const offsets = new Int32Array(count + 1);
  // Never more arcs than the finer graph has.
  const neighbourList = new Int32Array(csr.neighbours.length);
  const weightList = new Float64Array(csr.neighbours.length);
  let arcs = 0;
  for (let c = 0; c < count; c++) {
    let nTouched = 0;
    for (let p = members.offsets[c]; p < members.offsets[c + 1]; p++) {
      const v = members.nodes[p];
      selfWeight[c] += csr.selfWeight[v];
      strength[c] += csr.strength[v];
      for (let a = csr.offsets[v]; a < csr.offsets[v + 1]; a++) {
        const d = membership[csr.neighbours[a]];
        if (d === c) {
          // Each internal edge is met from both ends.
          selfWeight[c] += csr.weights[a] / 2;
          continue;
        }
        if (scratch[d] === 0) touched[nTouched++] = d;
        scratch[d] += csr.weights[a];
      }
    }
    for (let t = 0; t < nTouched; t++) {
      const d = touched[t];
      neighbourList[arcs] = d;
      weightList[arcs++] = scratch[d];
      scratch[d] = 0;
    }
    offsets[c + 1] = arcs;
  }
  return {
    order: count,
    offsets,
    neighbours: neighbourList.slice(0, arcs),
    weights: weightList.slice(0, arcs),
    selfWeight,
    strength,
    totalWeight: csr.totalWeight,
  };
}

/** Nodes grouped by community, as offsets into one array (a bucket sort of `membership`). */
export function membersByCommunity(membership: Int32Array, count: number): { offsets: Int32Array; nodes: Int32Array } {
  const offsets = new Int32Array(count + 1);
  for (let v = 0; v < membership.length; v++) offsets[membership[v] + 1]++;
  for (let c = 0; c < count; c++) offsets[c + 1] += offsets[c];
  const cursor = offsets.slice(0, count);
  const nodes = new Int32Array(membership.length);
  for (let v = 0; v < membership.length; v++) nodes[cursor[membership[v]]++] = v;
  return { offsets, nodes };
}

/** Renumbers community ids to 0..count-1 in order of first appearance; returns the count. */
export function renumber(membership: Int32Array): number {
  let max = 0;
  for (let v = 0; v < membership.length; v++) {
    if (membership[v] < 0) throw new Error('musubi communities: community ids must be zero or more.');
    if (membership[v] > max) max = membership[v];
  }
  const ids = new Int32Array(max + 1).fill(-1);
  let count = 0;
  for (let v = 0; v < membership.length; v++) {
    const c = membership[v];
    if (ids[c] < 0) ids[c] = count++;
    membership[v] = ids[c];
  }
  return count;
}

/** 0, 1, ..., n−1: every node in its own community, or the nodes in order. */
export function identity(n: number): Int32Array {
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  return a;
}

/**
 * Modularity with resolution γ (Newman & Girvan 2004; Reichardt & Bornholdt 2006):
 * Q = Σ_c [ L_c / m − γ (K_c / 2m)² ], L_c the weight inside community c, K_c the sum of its
 * members' weighted degrees, m the total weight.
 */
export function csrModularity(csr: WeightedCsr, membership: Int32Array, resolution = 1): number {
  const m = csr.totalWeight;
  if (m === 0) return 0;
  let count = 0;
  for (let v = 0; v < membership.length; v++) if (membership[v] + 1 > count) count = membership[v] + 1;
  const inside = new Float64Array(count);
  const total = new Float64Array(count);
  for (let v = 0; v < csr.order; v++) {
    const c = membership[v];
    total[c] += csr.strength[v];
    inside[c] += csr.selfWeight[v];
    for (let a = csr.offsets[v]; a < csr.offsets[v + 1]; a++) {
      if (membership[csr.neighbours[a]] === c) inside[c] += csr.weights[a] / 2;
    }
  }
  let q = 0;
  for (let c = 0; c < count; c++) q += inside[c] / m - resolution * (total[c] / (2 * m)) ** 2;
  return q;
}
