/**
 * The network as the analyses share it: the pair graph in compact form (weighted-csr.ts) with
 * each actor's id and attributes, all index-aligned.
 *
 * Two ways to get it, with the same result to the last bit (tests/unit/communities-compact.test.ts):
 * from the graphology graph of network-graph.ts, or straight from the actors and ties. The second
 * skips graphology's per-edge objects: on 500,000 ties it takes a few hundred milliseconds where
 * building the graphology graph takes seconds, which the API's time budget cannot afford.
 */
import type { Actor, Tie } from '../model.ts';
import { actorNode, networkSelection, type ActorNode, type NetworkGraph, type NetworkGraphOptions } from '../network-graph.ts';
import { csrFromGraph, type WeightedCsr } from './weighted-csr.ts';

export interface CompactNetwork {
  csr: WeightedCsr;
  /** Actor ids, index-aligned with the CSR. */
  nodes: string[];
  attributes: ActorNode[];
}

/** The compact form of a network graph, weighted by tie strength. */
export function compactNetwork(graph: NetworkGraph): CompactNetwork {
  const { csr, nodes } = csrFromGraph(graph, 'weight');
  return { csr, nodes, attributes: nodes.map((v) => graph.getNodeAttributes(v)) };
}

/**
 * The compact network of `buildNetworkGraph(actors, ties, options)` without building that graph:
 * the same actors (of the given types, in the given order), the same pairs (ties up to `asOf`,
 * ties without a year kept, weights summed in tie order) and the same neighbour order.
 */
export function compactNetworkOf(actors: readonly Actor[], ties: readonly Tie[], options: NetworkGraphOptions = {}): CompactNetwork {
  const { keepsActor, keepsTie } = networkSelection(options);
  const index = new Map<string, number>();
  const nodes: string[] = [];
  const attributes: ActorNode[] = [];
  for (const a of actors) {
    if (!keepsActor(a)) continue;
    if (index.has(a.id)) throw new Error(`musubi compact-network: actor '${a.id}' is given twice.`);
    index.set(a.id, nodes.length);
    nodes.push(a.id);
    attributes.push(actorNode(a));
  }
  const n = nodes.length;
  // Pairs in the order of their first tie, as graphology keeps its edges.
  const pairOf = new Map<number, number>();
  const ends: number[] = [];
  const pairWeights: number[] = [];
  for (const t of ties) {
    if (!keepsTie(t)) continue;
    const i = index.get(t.source);
    const j = index.get(t.target);
    if (i === undefined || j === undefined || i === j) continue;
    const key = i < j ? i * n + j : j * n + i;
    const pair = pairOf.get(key);
    if (pair === undefined) {
      pairOf.set(key, pairWeights.length);
      ends.push(i, j);
      pairWeights.push(t.weight);
    } else {
      pairWeights[pair] += t.weight;
    }
  }
  const pairs = pairWeights.length;
  const offsets = new Int32Array(n + 1);
  for (let p = 0; p < pairs; p++) {
    offsets[ends[2 * p] + 1]++;
    offsets[ends[2 * p + 1] + 1]++;
  }
  for (let v = 0; v < n; v++) offsets[v + 1] += offsets[v];
  const cursor = offsets.slice(0, n);
  const neighbours = new Int32Array(2 * pairs);
  const weights = new Float64Array(2 * pairs);
  const strength = new Float64Array(n);
  let totalWeight = 0;
  for (let p = 0; p < pairs; p++) {
    const i = ends[2 * p];
    const j = ends[2 * p + 1];
    // As csrFromGraph reads a weight: anything but a positive number counts 1.
    const w = Number.isFinite(pairWeights[p]) && pairWeights[p] > 0 ? pairWeights[p] : 1;
    totalWeight += w;
    neighbours[cursor[i]] = j;
    weights[cursor[i]++] = w;
    neighbours[cursor[j]] = i;
    weights[cursor[j]++] = w;
    strength[i] += w;
    strength[j] += w;
  }
  return {
    csr: { order: n, offsets, neighbours, weights, selfWeight: new Float64Array(n), strength, totalWeight },
    nodes,
    attributes,
  };
}
