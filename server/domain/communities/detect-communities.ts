/**
 * The product's community detection: Leiden (Traag, Waltman & van Eck, « From Louvain to Leiden:
 * guaranteeing well-connected communities », Scientific Reports 9, 5233, 2019), iterated until an
 * iteration changes nothing (or gains almost nothing), restarted with several seeds of which the partition of highest
 * modularity is kept, and followed by a check that splits any community found disconnected
 * (Leiden already guarantees connected communities; the check makes the guarantee independent of
 * the implementation, and `method.disconnectedSplit` reports what it did: 0 in practice).
 *
 * Communities are numbered by decreasing size: community 0 is the largest.
 */
import type Graph from 'graphology';
import { csrFromGraph, csrModularity, type EdgeWeightGetter, type WeightedCsr } from '../graph/weighted-csr.ts';
import { leiden } from './leiden.ts';
import { numberBySize, splitDisconnected } from './connected-parts.ts';
import { seededRng, type Rng } from '../graph/seeded-rng.ts';

export interface DetectCommunitiesOptions {
  /** γ of modularity: above 1, smaller communities; below 1, larger ones. */
  resolution: number;
  /**
   * Independent runs, the one of highest modularity kept: at most `restarts`, fewer on large
   * graphs so that runs × (n + 2m) stays within `restartBudget`, and always at least one.
   */
  restarts: number;
  restartBudget: number;
  /** θ of Leiden's refinement. */
  randomness: number;
  /** Leiden iterations per run at most. */
  maxIterations: number;
  /** A run stops after an iteration that changes nothing or gains less modularity than this. */
  tolerance: number;
  /** Edge attribute holding the weight (or a function, or null for unweighted). */
  getEdgeWeight: EdgeWeightGetter;
  rng: Rng;
}

export const DETECT_COMMUNITIES_DEFAULTS: DetectCommunitiesOptions = {
  resolution: 1,
  restarts: 3,
  restartBudget: 2e6,
  randomness: 0.01,
  maxIterations: 50,
  tolerance: 1e-6,
  getEdgeWeight: 'weight',
  rng: Math.random,
};

export interface CommunityMethod {
  name: 'leiden';
  restarts: number;
  /** Modularity reached by each run, in order; `best` is the index of the one kept. */
  runs: { modularity: number; iterations: number }[];
  best: number;
  randomness: number;
  /** Communities found disconnected and split into their parts (Leiden guarantees 0). */
  disconnectedSplit: number;
}

export interface DetectedCommunities {
  /** Community of every node, 0 the largest. */
  communities: Record<string, number>;
  count: number;
  /** Modularity of the partition at the given resolution. */
  modularity: number;
  resolution: number;
  method: CommunityMethod;
}

export interface DetectedMembership extends Omit<DetectedCommunities, 'communities'> {
  /** Community of every CSR node, 0 the largest. */
  membership: Int32Array;
}

/** Detects communities in an undirected weighted graphology graph. */
export function detectCommunities(graph: Graph, options: Partial<DetectCommunitiesOptions> = {}): DetectedCommunities {
  const o: DetectCommunitiesOptions = { ...DETECT_COMMUNITIES_DEFAULTS, ...options };
  if (graph.type !== 'undirected') throw new Error('musubi detect-communities: the graph must be undirected.');
  validate(o);
  const { csr, nodes } = csrFromGraph(graph, o.getEdgeWeight);
  const { membership, ...rest } = detectInCsr(csr, o);
  const communities: Record<string, number> = {};
  for (let i = 0; i < nodes.length; i++) communities[nodes[i]] = membership[i];
  return { communities, ...rest };
}

/** The same on a graph already in compact form (weighted-csr.ts). */
export function detectInCsr(csr: WeightedCsr, options: Partial<DetectCommunitiesOptions> = {}): DetectedMembership {
  const o: DetectCommunitiesOptions = { ...DETECT_COMMUNITIES_DEFAULTS, ...options };
  validate(o);
  const restarts = Math.max(1, Math.min(o.restarts, Math.floor(o.restartBudget / Math.max(1, csr.order + csr.neighbours.length))));
  // Each run gets its own generator, seeded from the caller's: runs do not depend on each other.
  const seeds = Array.from({ length: restarts }, () => Math.floor(o.rng() * 4294967296));
  const runs = seeds.map((seed) =>
    leiden(csr, { resolution: o.resolution, randomness: o.randomness, maxIterations: o.maxIterations, tolerance: o.tolerance, rng: seededRng(seed) }),
  );
  let best = 0;
  for (let r = 1; r < runs.length; r++) if (runs[r].modularity > runs[best].modularity + 1e-12) best = r;
  const connected = splitDisconnected(csr, runs[best].membership);
  const membership = connected.membership;
  const count = numberBySize(membership);
  return {
    membership,
    count,
    modularity: csrModularity(csr, membership, o.resolution),
    resolution: o.resolution,
    method: {
      name: 'leiden',
      restarts,
      runs: runs.map((r) => ({ modularity: r.modularity, iterations: r.iterations })),
      best,
      randomness: o.randomness,
      disconnectedSplit: connected.disconnected,
    },
  };
}

function validate(o: DetectCommunitiesOptions): void {
  if (!(o.resolution > 0) || !Number.isFinite(o.resolution)) throw new Error('musubi detect-communities: the resolution must be a positive number.');
  if (!Number.isInteger(o.restarts) || o.restarts < 1) throw new Error('musubi detect-communities: restarts must be a whole number of at least 1.');
}
