/**
 * The classical link-prediction scores the evaluation compares the method with, computed
 * exactly (every path of length two, no bound, no candidate cap) over the same known network
 * (Liben-Nowell & Kleinberg 2007, "The link-prediction problem for social networks"):
 * - common neighbours: the number of shared partners;
 * - Adamic-Adar (Adamic & Adar 2003): shared partners weighted by 1 / log(degree);
 * - resource allocation (Zhou, Lü & Zhang 2009): shared partners weighted by 1 / degree;
 * - Jaccard: shared partners over the partners of either (Jaccard 1901);
 * - popularity: the candidate's degree, i.e. preferential attachment (Barabási & Albert 1999);
 * - personalised PageRank, plain and weighted (random-walk-baseline.ts).
 * Candidates are of the wanted types, never the asker or its partners; equal scores are
 * ordered by degree (higher first), then id; the path-based scores rank only candidates they reach.
 */
import type { ActorType } from '../model.ts';
import { baselineGraph, excludedOf, topCandidates, typeMask, type BaselineGraph, type Ranker } from './baseline-graph.ts';
import { pprRanker } from './random-walk-baseline.ts';
import { poolKey, type SuggestionIndex } from './suggestion-index.ts';
import { perObject } from '../per-object.ts';


/** Work arrays of one graph, reused by every request (the evaluation asks one at a time). */
interface Scratch {
  scores: Float64Array;
  touched: Int32Array;
  excluded: Uint8Array;
}

const scratchOf = perObject((graph: BaselineGraph): Scratch => {
  const n = graph.degree.length;
  return { scores: new Float64Array(n), touched: new Int32Array(n), excluded: new Uint8Array(n) };
});

/**
 * Sums `weightOf(degree of z)` over the shared partners z of the asker and each candidate, then
 * `finish` may turn the sum into the final score (Jaccard divides by the union).
 */
function pathScore(weightOf: (degree: number) => number, finish?: (sum: number, askerDegree: number, candidateDegree: number) => number): Ranker {
  return (index, asker, types, limit) => {
    const graph = baselineGraph(index);
    const { offsets, neighbours, degree } = graph;
    const { scores, touched, excluded } = scratchOf(graph);
    let count = 0;
    for (let i = offsets[asker]; i < offsets[asker + 1]; i++) {
      const z = neighbours[i];
      const w = weightOf(degree[z]); // always > 0, so a zero score means "not reached yet"
      for (let j = offsets[z]; j < offsets[z + 1]; j++) {
        const v = neighbours[j];
        if (scores[v] === 0) touched[count++] = v;
        scores[v] += w;
      }
    }
    if (finish) for (let k = 0; k < count; k++) scores[touched[k]] = finish(scores[touched[k]], degree[asker], degree[touched[k]]);
    const best = topCandidates(graph, scores, touched, count, typeMask(types), excludedOf(graph, asker, excluded), limit);
    for (let k = 0; k < count; k++) scores[touched[k]] = 0;
    return best;
  };
}

/** Actors of each type by degree (then id), computed once per index. */
const byDegree = new WeakMap<SuggestionIndex, Map<ActorType, Int32Array>>();

function degreeOrder(index: SuggestionIndex, graph: BaselineGraph, type: ActorType): Int32Array {
  let orders = byDegree.get(index);
  if (!orders) byDegree.set(index, (orders = new Map()));
  let order = orders.get(type);
  if (!order) {
    const { degree, idRank } = graph;
    order = Int32Array.from(index.pools.get(poolKey(type, 'all')) ?? []).sort((x, y) => degree[y] - degree[x] || idRank[x] - idRank[y]);
    orders.set(type, order);
  }
  return order;
}

const popularity: Ranker = (index, asker, types, limit) => {
  const graph = baselineGraph(index);
  const { scores, touched, excluded } = scratchOf(graph);
  excludedOf(graph, asker, excluded);
  let count = 0;
  for (const t of types) {
    const order = degreeOrder(index, graph, t);
    // The best `limit` of each type that the asker is not tied to yet; degree + 1 so that actors
    // without ties still rank (last).
    for (let k = 0, taken = 0; k < order.length && taken < limit; k++) {
      const v = order[k];
      if (excluded[v]) continue;
      scores[v] = graph.degree[v] + 1;
      touched[count++] = v;
      taken++;
    }
  }
  const best = topCandidates(graph, scores, touched, count, typeMask(types), excluded, limit);
  for (let k = 0; k < count; k++) scores[touched[k]] = 0;
  return best;
};

export const BASELINES: Readonly<Record<string, Ranker>> = {
  'common neighbours': pathScore(() => 1),
  'Adamic-Adar': pathScore((k) => 1 / Math.log(Math.max(k, 2))),
  'resource allocation': pathScore((k) => 1 / k),
  Jaccard: pathScore(
    () => 1,
    (shared, du, dv) => shared / (du + dv - shared),
  ),
  popularity,
  'personalised PageRank': pprRanker({ restart: 0.15 }),
};
