/**
 * What the evaluation's baselines (baselines.ts, random-walk-baseline.ts) share: the known network
 * of a suggestion index as compressed sparse rows (typed arrays, so that a random walk over 500,000
 * pairs takes milliseconds), each actor's degree, type and rank of its id, and the choice of the
 * best candidates by score, then degree, then id. Built once per index and kept beside it; plain
 * typed arrays only, so that it can be handed to a worker thread.
 */
import { ACTOR_TYPES, type ActorType } from '../model.ts';
import type { SuggestionIndex } from './suggestion-index.ts';

/** An undirected network as compressed sparse rows: the partners of `u` are neighbours[offsets[u] .. offsets[u + 1]). */
export interface Adjacency {
  offsets: Int32Array;
  neighbours: Int32Array;
  /** The weight of each entry of `neighbours`; every weight is 1 when absent. */
  weights?: Float64Array;
}

/** What ordering candidates needs to know of each actor. */
export interface CandidateOrder {
  degree: Int32Array;
  /** Position of each actor's id in code-unit order: equal scores and degrees are ordered by it. */
  idRank: Int32Array;
  /** Each actor's type as its position in ACTOR_TYPES. */
  typeCode: Uint8Array;
}

export interface BaselineGraph extends Adjacency, CandidateOrder {}

const graphs = new WeakMap<SuggestionIndex, BaselineGraph>();

/** The unweighted known network of `index`, with degrees, types and id ranks; built once per index. */
export function baselineGraph(index: SuggestionIndex): BaselineGraph {
  let graph = graphs.get(index);
  if (!graph) graphs.set(index, (graph = buildGraph(index)));
  return graph;
}

function buildGraph(index: SuggestionIndex): BaselineGraph {
  const n = index.actors.length;
  const offsets = new Int32Array(n + 1);
  for (let u = 0; u < n; u++) offsets[u + 1] = offsets[u] + index.links[u].length;
  const neighbours = new Int32Array(offsets[n]);
  for (let u = 0; u < n; u++) index.links[u].forEach((link, k) => (neighbours[offsets[u] + k] = link.to));
  const ids = index.actors.map((a) => a.id);
  const order = Int32Array.from(ids.keys()).sort((a, b) => (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : 0));
  const idRank = new Int32Array(n);
  order.forEach((u, k) => (idRank[u] = k));
  const degree = new Int32Array(n);
  for (let u = 0; u < n; u++) degree[u] = offsets[u + 1] - offsets[u];
  const typeCode = Uint8Array.from(index.actors, (a) => ACTOR_TYPES.indexOf(a.type));
  return { offsets, neighbours, idRank, degree, typeCode };
}

/**
 * The same network weighted by `weightOf(a, b)` for each pair (positions in the index): e.g. the
 * summed weights of the pairs' ties, for a weighted random walk.
 */
export function weightedAdjacency(index: SuggestionIndex, weightOf: (a: number, b: number) => number): Adjacency {
  const { offsets, neighbours } = baselineGraph(index);
  const weights = new Float64Array(neighbours.length);
  for (let u = 0; u + 1 < offsets.length; u++) {
    for (let k = offsets[u]; k < offsets[u + 1]; k++) weights[k] = weightOf(u, neighbours[k]);
  }
  return { offsets, neighbours, weights };
}

/** A mark per actor: the asker and its partners, who are never suggested. */
export function excludedOf(graph: Adjacency, asker: number, into: Uint8Array): Uint8Array {
  into.fill(0);
  into[asker] = 1;
  for (let k = graph.offsets[asker]; k < graph.offsets[asker + 1]; k++) into[graph.neighbours[k]] = 1;
  return into;
}

/** The types as a bit mask over ACTOR_TYPES positions. */
export function typeMask(types: readonly ActorType[]): number {
  return types.reduce((mask, t) => mask | (1 << ACTOR_TYPES.indexOf(t)), 0);
}

/**
 * The best `limit` of `candidates` by score (higher first), then degree (higher first), then id;
 * candidates whose score is not positive, whose type is not in `mask` (typeMask), or that are
 * excluded are skipped. A bounded insertion: linear in the candidates for a small limit.
 */
export function topCandidates(
  order: CandidateOrder,
  scores: Float64Array,
  candidates: ArrayLike<number>,
  count: number,
  mask: number,
  excluded: Uint8Array,
  limit: number,
): number[] {
  const { degree, idRank, typeCode } = order;
  const before = (a: number, b: number) =>
    scores[a] > scores[b] || (scores[a] === scores[b] && (degree[a] > degree[b] || (degree[a] === degree[b] && idRank[a] < idRank[b])));
  const best: number[] = [];
  for (let k = 0; k < count; k++) {
    const v = candidates[k];
    if (excluded[v] || !(scores[v] > 0) || !(mask & (1 << typeCode[v]))) continue;
    if (best.length === limit && !before(v, best[limit - 1])) continue;
    if (best.length === limit) best.pop();
    let i = best.length;
    while (i > 0 && before(v, best[i - 1])) i--;
    best.splice(i, 0, v);
  }
  return best;
}

/** Ranks candidates for the actor at `asker`: positions in the index, best first. */
export interface Ranker {
  (index: SuggestionIndex, asker: number, types: readonly ActorType[], limit: number): number[];
  /** Optional work ahead of a list of askers (e.g. random walks in batches); rankings must not depend on it. */
  prepare?: (index: SuggestionIndex, askers: readonly number[]) => void;
}
