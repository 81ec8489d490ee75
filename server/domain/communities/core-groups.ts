/**
 * Core groups of an ensemble of partitions: the nodes that every partition puts in the same
 * community (their maximal overlap). Clustering the graph of core groups and then the whole graph
 * from that start recombines what the runs agree on, and reaches a higher modularity than the best
 * of the runs alone: the core-groups graph clustering scheme (CGGC) of M. Ovelgönne and
 * A. Geyer-Schulz, « An ensemble learning strategy for graph clustering », Graph Partitioning and
 * Graph Clustering, Contemporary Mathematics 588, AMS, 2013 (10th DIMACS Implementation Challenge).
 */
import { renumber, type WeightedCsr } from '../graph/weighted-csr.ts';

/** Core group of every node, ids 0..count-1 in order of first appearance; `partitions` is not empty. */
export function coreGroups(partitions: readonly Int32Array[]): { membership: Int32Array; count: number } {
  const membership = Int32Array.from(partitions[0]);
  let count = renumber(membership);
  for (let i = 1; i < partitions.length; i++) {
    const next = partitions[i];
    if (next.length !== membership.length) throw new Error('musubi core-groups: every partition must cover the same nodes.');
    // (group so far, community in this partition) → new group; both ids are below 2^26, so the key is exact.
    const ids = new Map<number, number>();
    for (let v = 0; v < membership.length; v++) {
      const key = membership[v] * 67108864 + next[v];
      let id = ids.get(key);
      if (id === undefined) {
        id = ids.size;
        ids.set(key, id);
      }
      membership[v] = id;
    }
    count = ids.size;
  }
  return { membership, count };
}

/**
 * The share of the tie weight whose two ends partitions `a` and `b` treat alike (together in both,
 * or apart in both): 1 when they are the same partition. Self-loops count as together in both.
 */
export function weightAgreement(csr: WeightedCsr, a: Int32Array, b: Int32Array): number {
  let alike = 0;
  let total = 0;
  for (let v = 0; v < csr.order; v++) {
    const av = a[v];
    const bv = b[v];
    for (let e = csr.offsets[v], end = csr.offsets[v + 1]; e < end; e++) {
      const u = csr.neighbours[e];
      const w = csr.weights[e];
      total += w;
      if ((a[u] === av) === (b[u] === bv)) alike += w;
    }
  }
  return total === 0 ? 1 : alike / total;
}
