/**
 * The network as the analyses share it: the pair graph in compact form (weighted-csr.ts) with
 * each actor's id and attributes, all index-aligned.
 *
 * Two ways to get it, with the same result to the last bit (tests/unit/communities-compact.test.ts):
 * from the graphology graph of network-graph.ts, or straight from the actors and ties through the
 * same pairs (networkPairs). The second skips graphology's per-edge objects: on 500,000 ties it
 * takes a few hundred milliseconds where building the graphology graph takes seconds.
 */
import type { Actor, Tie } from '../model.ts';
import { actorNode, actorPositions, networkPairs, type ActorNode, type NetworkGraph, type NetworkGraphOptions } from './network-graph.ts';
import { csrFromEdges, csrFromGraph, type WeightedCsr } from './weighted-csr.ts';

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
  const { kept, position } = actorPositions(actors, options);
  const nodes = kept.map((a) => a.id);
  const attributes: ActorNode[] = kept.map(actorNode);
  // As csrFromGraph reads a weight: anything but a positive number counts 1.
  const edges = networkPairs(position, ties, options).map(({ a, b, weight }) => ({ a, b, weight: Number.isFinite(weight) && weight > 0 ? weight : 1 }));
  return { csr: csrFromEdges(nodes.length, edges), nodes, attributes };
}
