/**
 * Connectivity of communities: a community whose members cannot reach each other inside it is
 * not one community. Louvain can leave such communities (Traag, Waltman & van Eck 2019, fig. 2);
 * splitting one into its connected parts always raises modularity, since the parts share no edge
 * and only the penalty −γ·2·K_a·K_b/(2m)² between them goes away.
 */
import { membersByCommunity, renumber, type WeightedCsr } from '../graph/weighted-csr.ts';

/**
 * Splits every community into its connected parts (breadth-first search inside the community).
 * Returns the new membership (ids 0..count-1) and how many communities were disconnected.
 */
export function splitDisconnected(csr: WeightedCsr, membership: Int32Array): { membership: Int32Array; count: number; disconnected: number } {
  const n = csr.order;
  const community = membership.slice();
  const communities = renumber(community);
  const partsOf = new Int32Array(communities);
  const part = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  let parts = 0;
  for (let s = 0; s < n; s++) {
    if (part[s] !== -1) continue;
    const c = community[s];
    partsOf[c]++;
    part[s] = parts;
    let head = 0;
    let tail = 0;
    queue[tail++] = s;
    while (head < tail) {
      const v = queue[head++];
      for (let a = csr.offsets[v]; a < csr.offsets[v + 1]; a++) {
        const u = csr.neighbours[a];
        if (part[u] === -1 && community[u] === c) {
          part[u] = parts;
          queue[tail++] = u;
        }
      }
    }
    parts++;
  }
  let disconnected = 0;
  for (let c = 0; c < communities; c++) if (partsOf[c] > 1) disconnected++;
  return { membership: part, count: parts, disconnected };
}

/** Number of communities of `membership` that are not connected. */
export function countDisconnected(csr: WeightedCsr, membership: Int32Array): number {
  return splitDisconnected(csr, membership).disconnected;
}

/**
 * Renumbers communities by decreasing size (ties: the community of the earlier node first), so
 * that community 0 is the largest and the numbering does not depend on the algorithm's ids.
 */
export function numberBySize(membership: Int32Array): number {
  const count = renumber(membership);
  const { offsets } = membersByCommunity(membership, count);
  const ids = Array.from({ length: count }, (_, c) => c);
  // After renumber(), a lower id means an earlier first node.
  ids.sort((a, b) => offsets[b + 1] - offsets[b] - (offsets[a + 1] - offsets[a]) || a - b);
  const rank = new Int32Array(count);
  ids.forEach((c, i) => (rank[c] = i));
  for (let v = 0; v < membership.length; v++) membership[v] = rank[membership[v]];
  return count;
}
