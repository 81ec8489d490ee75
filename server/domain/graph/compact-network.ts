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
import { NO_YEAR, type PackedTies } from './packed-ties.ts';

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
  return assemble(kept, networkPairs(position, ties, options));
}

/** The compact network of the kept actors and their pairs (positions in `kept`, weights summed). */
function assemble(kept: readonly Actor[], pairs: readonly { a: number; b: number; weight: number }[]): CompactNetwork {
  // As csrFromGraph reads a weight: anything but a positive number counts 1.
  const edges = pairs.map(({ a, b, weight }) => ({ a, b, weight: Number.isFinite(weight) && weight > 0 ? weight : 1 }));
  return around(kept, csrFromEdges(kept.length, edges));
}

function around(kept: readonly Actor[], csr: WeightedCsr): CompactNetwork {
  const attributes: ActorNode[] = kept.map(actorNode);
  return { csr, nodes: kept.map((a) => a.id), attributes };
}

/**
 * The compact network of `compactNetworkOf(actors, ties, options)` around a CSR that was built
 * from them elsewhere (a worker thread hands its CSR back): the actors' ids and attributes are
 * rebuilt in the same order, which costs little beside the pairs.
 */
export function compactNetworkAround(actors: readonly Actor[], csr: WeightedCsr, options: NetworkGraphOptions = {}): CompactNetwork {
  const { kept } = actorPositions(actors, options);
  if (kept.length !== csr.order) throw new Error(`musubi compact-network: the CSR has ${csr.order} nodes, the selection ${kept.length} actors.`);
  return around(kept, csr);
}

/**
 * compactNetworkOf over packed ties (packed-ties.ts), as a worker thread receives them, without
 * making a tie object of each: the same nodes, pairs, weights and neighbour order to the last bit.
 * On 500,000 ties it saves the half second that unpacking them took.
 */
export function compactNetworkOfPacked(actors: readonly Actor[], packed: PackedTies, options: NetworkGraphOptions = {}): CompactNetwork {
  const { kept, position } = actorPositions(actors, options);
  const at = new Int32Array(actors.length).fill(-1);
  actors.forEach((a, i) => (at[i] = position.get(a.id) ?? -1));
  const n = kept.length;
  const asOf = options.asOf;
  const byKey = new Map<number, number>();
  const pairs: { a: number; b: number; weight: number }[] = [];
  for (let t = 0; t < packed.source.length; t++) {
    const since = packed.since[t];
    if (asOf !== undefined && since !== NO_YEAR && since > asOf) continue;
    const i = at[packed.source[t]];
    const j = at[packed.target[t]];
    if (i < 0 || j < 0 || i === j) continue;
    const key = i < j ? i * n + j : j * n + i;
    const found = byKey.get(key);
    if (found === undefined) {
      byKey.set(key, pairs.length);
      pairs.push({ a: i, b: j, weight: packed.weight[t] });
    } else pairs[found].weight += packed.weight[t];
  }
  return assemble(kept, pairs);
}
