/**
 * Community analyses over a network handed as actors and packed ties (graph/packed-ties.ts): the
 * form a worker thread receives, so that seconds of detection on a large network never hold a
 * server's event loop. The same results as building the compact network and analysing it in
 * process. Pure.
 */
import type { Actor } from '../model.ts';
import type { WeightedCsr } from '../graph/weighted-csr.ts';
import { compactNetworkOf, compactNetworkOfPacked } from '../graph/compact-network.ts';
import { unpackTies, type PackedTies } from '../graph/packed-ties.ts';
import { dataYears } from '../metrics/metrics-timeline.ts';
import { analyseCommunities, communityTimeline, type CommunityAnalysis, type CommunityParameters, type CommunityTimeline } from './analyse-communities.ts';

/**
 * The communities for `p`, how long building the compact network took, and its CSR (typed arrays:
 * they cross back cheaply, and the caller keeps the network for the metrics instead of building it
 * again).
 */
export function analysePacked(actors: readonly Actor[], packed: PackedTies, p: CommunityParameters): { analysis: CommunityAnalysis; buildMs: number; csr: WeightedCsr } {
  const started = performance.now();
  const network = compactNetworkOfPacked(actors, packed, { types: p.types, asOf: p.asOf });
  const buildMs = Math.round(performance.now() - started);
  return { analysis: analyseCommunities(network, p), buildMs, csr: network.csr };
}

/**
 * The detection alone for `p` over a network already made compact (its CSR): only typed arrays
 * cross, both ways; the caller, which holds the compact network, summarises.
 */
export { detectFor } from './analyse-communities.ts';

/** The communities of every year of the data (p without asOf), matched year to year above `threshold`. */
export function timelinePacked(actors: readonly Actor[], packed: PackedTies, p: CommunityParameters, threshold: number): CommunityTimeline {
  const ties = unpackTies(actors, packed);
  const years = dataYears(ties).map((year) => ({ year, analysis: analyseCommunities(compactNetworkOf(actors, ties, { types: p.types, asOf: year }), { ...p, asOf: year }) }));
  return communityTimeline(years, threshold);
}
