/**
 * Partner suggestions for one actor: gather bounded candidates (candidates.ts), keep those the
 * request admits (filters.ts), score each by its features and its role's weights (features.ts,
 * weights.ts), and explain the best in English and Japanese (explain.ts). Pure: the index is
 * built once per network snapshot (suggestion-index.ts) and only read here.
 */
import { ACTOR_TYPES, type ActorType } from '../model.ts';
import { notFound } from '../errors.ts';
import { CANDIDATE_DEFAULTS, gatherCandidates, type Candidate, type CandidateLimits } from './candidates.ts';
import { computeFeatures, FEATURES, writeFeatures, type FeatureVector } from './features.ts';
import { candidateFilter } from './filters.ts';
import { explainSuggestion } from './explain.ts';
import { DEFAULT_TARGETS } from './roles.ts';
import { contributions, weightArray, weightedSumOf, weightsFor } from './scoring.ts';
import type { SuggestionIndex } from './suggestion-index.ts';
import type { SuggestOptions, SuggestionFilters, SuggestionResult } from './suggestion-types.ts';

export const DEFAULT_LIMIT = 20;

export interface RankedCandidate {
  candidate: Candidate;
  features: FeatureVector;
  weights: FeatureVector;
  score: number;
}

export interface RankOptions {
  filters?: SuggestionFilters;
  limit?: number;
  limits?: CandidateLimits;
  /** The weights of a role: the index's calibrated weights by default (the evaluation also tries the priors alone). */
  weights?: (asker: ActorType, candidate: ActorType) => FeatureVector;
}

/** The asker's candidates, best first (at most `limit`). Deterministic: ties are broken by id. */
export function rankCandidates(index: SuggestionIndex, asker: number, types: readonly ActorType[], options: RankOptions = {}): RankedCandidate[] {
  const { filters = {}, limit = DEFAULT_LIMIT, limits = CANDIDATE_DEFAULTS } = options;
  const weightsOf = options.weights ?? ((a: ActorType, c: ActorType) => weightsFor(index.weights, a, c));
  const me = index.actors[asker];
  const actors = index.actors;
  const filter = candidateFilter(index, asker, types, filters);
  const found = gatherCandidates(index, asker, types, filter.accept, filter.pools, limits);

  const weights = new Map(types.map((t) => [t, weightsOf(me.type, t)] as const));
  const arrays = new Map(types.map((t) => [t, weightArray(weights.get(t)!)] as const));
  const values = new Float64Array(FEATURES.length);
  // The best `limit` so far, best first: a bounded insertion keeps the work linear in the candidates.
  const best: { candidate: Candidate; score: number }[] = [];
  const before = (a: { candidate: Candidate; score: number }, b: { candidate: Candidate; score: number }) =>
    a.score > b.score || (a.score === b.score && actors[a.candidate.index].id < actors[b.candidate.index].id);
  for (const candidate of found.values()) {
    const other = actors[candidate.index];
    const entry = { candidate, score: weightedSumOf(writeFeatures(me, other, candidate, values), arrays.get(other.type)!) };
    if (best.length === limit && !before(entry, best[limit - 1])) continue;
    let i = Math.min(best.length, limit - 1);
    if (best.length === limit) best.pop();
    while (i > 0 && before(entry, best[i - 1])) i--;
    best.splice(i, 0, entry);
  }
  return best.map(({ candidate, score }) => {
    const type = actors[candidate.index].type;
    return { candidate, features: computeFeatures(me, actors[candidate.index], candidate), weights: weights.get(type)!, score };
  });
}

/** Suggestions for the actor `actorId`; throws a not-found error for an unknown id. */
export function suggestPartners(index: SuggestionIndex, actorId: string, options: SuggestOptions = {}): SuggestionResult {
  const asker = index.position.get(actorId);
  if (asker === undefined) throw notFound('actor', actorId);
  const me = index.actors[asker];
  const types = options.types?.length ? ACTOR_TYPES.filter((t) => options.types!.includes(t)) : [...DEFAULT_TARGETS[me.type]];
  const ranked = rankCandidates(index, asker, types, { filters: options, limit: options.limit ?? DEFAULT_LIMIT });
  return {
    actor: { id: me.id, name: me.name, ...(me.name_ja ? { name_ja: me.name_ja } : {}), type: me.type },
    types,
    suggestions: ranked.map((r) => {
      const other = index.actors[r.candidate.index];
      const parts = contributions(r.features, r.weights);
      return {
        id: other.id,
        name: other.name,
        ...(other.name_ja ? { name_ja: other.name_ja } : {}),
        type: other.type,
        ...(other.prefecture ? { prefecture: other.prefecture } : {}),
        ...(other.country && other.country !== 'JP' ? { country: other.country } : {}),
        score: r.score,
        reasons: options.explain === false ? [] : explainSuggestion(index, me, r, parts),
      };
    }),
  };
}
