/**
 * The classical link-prediction scores the evaluation compares the method with, computed
 * exactly (every path of length two, no bound) over the same known network (Liben-Nowell &
 * Kleinberg 2007, "The link-prediction problem for social networks"):
 * - common neighbours: the number of shared partners;
 * - Adamic-Adar (Adamic & Adar 2003): shared partners weighted by 1 / log(degree);
 * - resource allocation (Zhou, Lü & Zhang 2009): shared partners weighted by 1 / degree;
 * - popularity: the candidate's degree (preferential attachment, Barabási & Albert 1999).
 * Candidates are of the wanted types, never the asker or its partners; equal scores are
 * ordered by id, and the path-based scores rank only candidates they reach.
 */
import type { ActorType } from '../model.ts';
import { pairKey, poolKey, type SuggestionIndex } from './suggestion-index.ts';

/** Ranks candidates for the actor at `asker`: positions in the index, best first. */
export type Ranker = (index: SuggestionIndex, asker: number, types: readonly ActorType[], limit: number) => number[];

function topByScore(index: SuggestionIndex, scores: Map<number, number>, limit: number): number[] {
  const ids = index.actors;
  return [...scores]
    .sort((a, b) => b[1] - a[1] || (ids[a[0]].id < ids[b[0]].id ? -1 : 1))
    .slice(0, limit)
    .map(([v]) => v);
}

function pathScore(weightOf: (degree: number) => number): Ranker {
  return (index, asker, types, limit) => {
    const wanted = new Set(types);
    const scores = new Map<number, number>();
    for (const first of index.links[asker]) {
      const w = weightOf(index.actors[first.to].degree);
      for (const second of index.links[first.to]) {
        const v = second.to;
        if (v === asker || !wanted.has(index.actors[v].type)) continue;
        scores.set(v, (scores.get(v) ?? 0) + w);
      }
    }
    for (const v of scores.keys()) if (index.pairs.has(pairKey(index, asker, v))) scores.delete(v);
    return topByScore(index, scores, limit);
  };
}

/** Actors of each type by degree, computed once per index. */
const byDegree = new WeakMap<SuggestionIndex, Map<ActorType, number[]>>();

function degreeOrder(index: SuggestionIndex, type: ActorType): number[] {
  let orders = byDegree.get(index);
  if (!orders) byDegree.set(index, (orders = new Map()));
  let order = orders.get(type);
  if (!order) {
    const a = index.actors;
    order = [...(index.pools.get(poolKey(type, 'all')) ?? [])].sort((x, y) => a[y].degree - a[x].degree || (a[x].id < a[y].id ? -1 : 1));
    orders.set(type, order);
  }
  return order;
}

const popularity: Ranker = (index, asker, types, limit) => {
  const scores = new Map<number, number>();
  for (const t of types) {
    const order = degreeOrder(index, t);
    // The best `limit` of each type that the asker is not tied to yet.
    for (let k = 0, taken = 0; k < order.length && taken < limit; k++) {
      const v = order[k];
      if (v === asker || index.pairs.has(pairKey(index, asker, v))) continue;
      scores.set(v, index.actors[v].degree);
      taken++;
    }
  }
  return topByScore(index, scores, limit);
};

export const BASELINES: Readonly<Record<string, Ranker>> = {
  'common neighbours': pathScore(() => 1),
  'Adamic-Adar': pathScore((k) => 1 / Math.log(Math.max(k, 2))),
  'resource allocation': pathScore((k) => 1 / k),
  popularity,
};
