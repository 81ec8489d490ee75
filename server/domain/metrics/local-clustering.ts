/**
 * Local clustering coefficient: the share of an actor's partners who are partners of each other.
 *
 * [Articles]
 * D. J. Watts and S. H. Strogatz, « Collective dynamics of 'small-world' networks », Nature 393,
 * 440-442 (1998): C_v = T_v / (k_v (k_v − 1) / 2), T_v the triangles through v, k_v its number
 * of partners; C_v = 0 when k_v < 2 (as networkx's average_clustering counts them).
 * T. Schank and D. Wagner, « Finding, counting and listing all triangles in large graphs »,
 * WEA 2005: the "forward" algorithm, each edge oriented from lower to higher degree, lists every
 * triangle once in O(m^1.5).
 *
 * Unweighted: a pair of actors is tied or not, whatever the number or weight of its ties.
 */
import type { WeightedCsr } from '../graph/weighted-csr.ts';

/** Triangles through each node, index-aligned with the CSR. */
export function triangles(csr: WeightedCsr): Int32Array {
  const n = csr.order;
  const degree = (v: number) => csr.offsets[v + 1] - csr.offsets[v];
  // Orient each edge towards the endpoint of higher (degree, index).
  const higher = (u: number, v: number) => degree(u) > degree(v) || (degree(u) === degree(v) && u > v);
  const outOffsets = new Int32Array(n + 1);
  for (let v = 0; v < n; v++) {
    let out = 0;
    for (let a = csr.offsets[v]; a < csr.offsets[v + 1]; a++) if (higher(csr.neighbours[a], v)) out++;
    outOffsets[v + 1] = outOffsets[v] + out;
  }
  const out = new Int32Array(outOffsets[n]);
  for (let v = 0, p = 0; v < n; v++) {
    for (let a = csr.offsets[v]; a < csr.offsets[v + 1]; a++) if (higher(csr.neighbours[a], v)) out[p++] = csr.neighbours[a];
  }
  const count = new Int32Array(n);
  const mark = new Int32Array(n).fill(-1);
  for (let v = 0; v < n; v++) {
    for (let p = outOffsets[v]; p < outOffsets[v + 1]; p++) mark[out[p]] = v;
    for (let p = outOffsets[v]; p < outOffsets[v + 1]; p++) {
      const u = out[p];
      for (let q = outOffsets[u]; q < outOffsets[u + 1]; q++) {
        const w = out[q];
        if (mark[w] === v) {
          count[v]++;
          count[u]++;
          count[w]++;
        }
      }
    }
  }
  return count;
}

/** C_v for every node, index-aligned with the CSR. */
export function localClustering(csr: WeightedCsr): Float64Array {
  const t = triangles(csr);
  const c = new Float64Array(csr.order);
  for (let v = 0; v < csr.order; v++) {
    const k = csr.offsets[v + 1] - csr.offsets[v];
    c[v] = k < 2 ? 0 : (2 * t[v]) / (k * (k - 1));
  }
  return c;
}
