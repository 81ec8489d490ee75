/**
 * Partner suggestions for one actor: each role of the request is ranked by the method the index
 * serves it with (choose-method.ts). The engine gathers bounded candidates (candidates.ts), keeps
 * those the request admits (filters.ts) and scores each by its features and its role's weights
 * (features.ts, weights.ts); a structural method ranks by its own score (structural-methods.ts).
 * The best are explained in English and Japanese (explain.ts), the reasons worth showing and the
 * rest as one remainder (scoring.ts). Pure: the index is built once per network snapshot
 * (suggestion-index.ts) and only read here.
 */
import { ACTOR_TYPES, type ActorType } from '../model.ts';
import { notFound } from '../errors.ts';
import { CANDIDATE_DEFAULTS, evidenceFor, gatherCandidates, type Candidate, type CandidateLimits, type RankedCandidate } from './candidates.ts';
import { computeFeatures, writeFeatures } from './features.ts';
import { FEATURES, type FeatureVector } from './feature-names.ts';
import { candidateFilter } from './filters.ts';
import { explainSuggestion } from './explain.ts';
import { DEFAULT_TARGETS } from './roles.ts';
import { contributions, roundScore, shownReasons, structuralReasons, weightArray, weightedSumOf, weightsFor } from './scoring.ts';
import { servedMethod } from './choose-method.ts';
import { roleKey } from './roles.ts';
import { methodLabel, structuralRanking } from './structural-methods.ts';
import type { SuggestionIndex } from './suggestion-index.ts';
import type { MethodName, ServedMethod, StructuralMethod, SuggestOptions, SuggestionFilters, SuggestionResult } from './suggestion-types.ts';

export const DEFAULT_LIMIT = 20;

export interface RankOptions {
  filters?: SuggestionFilters;
  limit?: number;
  limits?: CandidateLimits;
  /** The weights of a role: the index's calibrated weights by default (the evaluation also tries the priors alone). */
  weights?: (asker: ActorType, candidate: ActorType) => FeatureVector;
  /** Rank every type with this method, whatever the index serves (the check judges the engine this way). */
  method?: MethodName;
}

/** The walk that reaches furthest: what fills a short structural list first. */
const LONGEST_WALK: StructuralMethod = 'walk-4';

const ZERO_WEIGHTS = Object.fromEntries(FEATURES.map((f) => [f, 0])) as FeatureVector;

/** The engine: candidates gathered within bounds, scored by their role's weights. */
function rankByEngine(index: SuggestionIndex, asker: number, types: readonly ActorType[], options: RankOptions): RankedCandidate[] {
  const { filters = {}, limit = DEFAULT_LIMIT, limits = CANDIDATE_DEFAULTS } = options;
  const weightsOf = options.weights ?? ((a: ActorType, c: ActorType) => weightsFor(index.weights, a, c));
  const me = index.actors[asker];
  const actors = index.actors;
  const filter = candidateFilter(index, asker, types, filters);
  const found = gatherCandidates(index, asker, types, filter.accept, filter.pools, limits);

  const weights = new Map(types.map((t) => [t, weightsOf(me.type, t)] as const));
  // The weights of each wanted type as an array, indexed by the type's code (IndexedActor.typeCode).
  const arrays: Float64Array[] = [];
  for (const [t, w] of weights) arrays[ACTOR_TYPES.indexOf(t)] = weightArray(w);
  const values = new Float64Array(FEATURES.length);
  // The best `limit` so far, best first: a bounded insertion keeps the work linear in the candidates.
  const best: { candidate: Candidate; score: number }[] = [];
  const before = (score: number, v: number, b: { candidate: Candidate; score: number }) =>
    score > b.score || (score === b.score && actors[v].id < actors[b.candidate.index].id);
  for (const candidate of found) {
    const other = actors[candidate.index];
    const score = weightedSumOf(writeFeatures(me, other, candidate, values), arrays[other.typeCode]);
    if (best.length === limit && !before(score, candidate.index, best[limit - 1])) continue;
    let i = Math.min(best.length, limit - 1);
    if (best.length === limit) best.pop();
    while (i > 0 && before(score, candidate.index, best[i - 1])) i--;
    best.splice(i, 0, { candidate, score });
  }
  return best.map(({ candidate, score }) => {
    const type = actors[candidate.index].type;
    return { candidate, features: computeFeatures(me, actors[candidate.index], candidate), weights: weights.get(type)!, score, method: 'engine' as const };
  });
}

/** A structural method's best candidates, explained by the shared partners, without filling. */
function structuralCandidates(index: SuggestionIndex, asker: number, types: readonly ActorType[], method: StructuralMethod, options: RankOptions): RankedCandidate[] {
  const me = index.actors[asker];
  const filter = candidateFilter(index, asker, types, options.filters ?? {});
  const ranked = structuralRanking(index, asker, method, types, filter.accept, options.limit ?? DEFAULT_LIMIT);
  const evidence = evidenceFor(index, asker, ranked.map((r) => r.index));
  return ranked.map(({ index: v, score }, k) => {
    const candidate = evidence[k];
    return { candidate, features: computeFeatures(me, index.actors[v], candidate), weights: ZERO_WEIGHTS, score: roundScore(score), method };
  });
}

/**
 * A structural method: its own score over every path (or a short walk). An asker with few ties
 * reaches few candidates: a longer walk (still personal), then the engine's fit and place (for an
 * asker without ties) fill the rest of the list, after them; each is ranked once.
 */
function rankByStructure(index: SuggestionIndex, asker: number, types: readonly ActorType[], method: StructuralMethod, options: RankOptions): RankedCandidate[] {
  const limit = options.limit ?? DEFAULT_LIMIT;
  const ranked = structuralCandidates(index, asker, types, method, options);
  const fill = (more: readonly RankedCandidate[]) => {
    const taken = new Set(ranked.map((r) => r.candidate.index));
    for (const r of more) {
      if (ranked.length === limit) break;
      if (!taken.has(r.candidate.index)) ranked.push(r);
    }
  };
  if (ranked.length < limit && method !== LONGEST_WALK) fill(structuralCandidates(index, asker, types, LONGEST_WALK, options));
  if (ranked.length < limit) fill(rankByEngine(index, asker, types, { ...options, limit }));
  return ranked;
}

/**
 * The asker's candidates, best first (at most `limit`). Each role is ranked by the method the index
 * serves it with (the engine unless the check chose otherwise); when the types of one request are
 * served by different methods, whose scores do not compare, their lists are interleaved rank by
 * rank (in the order of the types). Deterministic: ties are broken by id.
 */
export function rankCandidates(index: SuggestionIndex, asker: number, types: readonly ActorType[], options: RankOptions = {}): RankedCandidate[] {
  const me = index.actors[asker];
  const byMethod = new Map<MethodName, ActorType[]>();
  for (const t of types) {
    const method = options.method ?? servedMethod(index.methods, roleKey(me.type, t)).method;
    let list = byMethod.get(method);
    if (!list) byMethod.set(method, (list = []));
    list.push(t);
  }
  const rank = (method: MethodName, group: readonly ActorType[]) =>
    method === 'engine' ? rankByEngine(index, asker, group, options) : rankByStructure(index, asker, group, method, options);
  if (byMethod.size <= 1) return rank(byMethod.keys().next().value ?? 'engine', types);
  const lists = [...byMethod].map(([method, group]) => rank(method, group));
  const merged: RankedCandidate[] = [];
  const limit = options.limit ?? DEFAULT_LIMIT;
  for (let i = 0; merged.length < limit && lists.some((l) => i < l.length); i++) for (const l of lists) if (i < l.length && merged.length < limit) merged.push(l[i]);
  return merged;
}

/** The method that served each role of a request, with the check that chose it. */
function methodsOf(index: SuggestionIndex, asker: ActorType, types: readonly ActorType[]): ServedMethod[] {
  const seen = new Map<string, ServedMethod>();
  for (const t of types) {
    const role = roleKey(asker, t);
    if (seen.has(role)) continue;
    const { method, check } = servedMethod(index.methods, role);
    const served = check?.figures.find((f) => f.method === method);
    seen.set(role, {
      role,
      method,
      label: methodLabel(method),
      ...(check
        ? { checked: { year: check.year, askers: check.askers, why: check.why, ...(served ? { heldOut: served } : {}), ...(check.figures.length ? { compared: check.figures } : {}) } }
        : {}),
    });
  }
  return [...seen.values()];
}

/** What a request's ranking found, before it is explained and shown to a viewer. */
export interface Ranking {
  asker: number;
  types: ActorType[];
  ranked: RankedCandidate[];
}

/** The ranking for the actor `actorId` (throws a not-found error for an unknown id): deterministic for an index and options. */
export function rankFor(index: SuggestionIndex, actorId: string, options: SuggestOptions = {}): Ranking {
  const asker = index.position.get(actorId);
  if (asker === undefined) throw notFound('actor', actorId);
  const me = index.actors[asker];
  const types = options.types?.length ? ACTOR_TYPES.filter((t) => options.types!.includes(t)) : [...DEFAULT_TARGETS[me.type]];
  return { asker, types, ranked: rankCandidates(index, asker, types, { filters: options, limit: options.limit ?? DEFAULT_LIMIT }) };
}

/**
 * What one request's options rank by (the asker and every option but `conceal` and `explain`,
 * which only change how a ranking is shown), as a string: two requests with the same key get the
 * same ranking from the same index. Lists and sets count as sets (their order does not rank);
 * an option added later is in the key without being named here.
 */
export function rankingKey(actorId: string, options: SuggestOptions): string {
  const { conceal: _conceal, explain: _explain, ...ranking } = options;
  const parts: [string, unknown][] = [];
  for (const [name, value] of Object.entries(ranking).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (value === undefined) continue;
    parts.push([name, typeof value === 'object' && value !== null && Symbol.iterator in value ? [...(value as Iterable<unknown>)].map(String).sort() : value]);
  }
  return JSON.stringify([actorId, parts]);
}

/** A ranking explained in English and Japanese, hidden actors standing anonymous (`conceal`). */
export function presentRanking(index: SuggestionIndex, { asker, types, ranked }: Ranking, options: Pick<SuggestOptions, 'conceal' | 'explain'> = {}): SuggestionResult {
  const me = index.actors[asker];
  return {
    actor: { id: me.id, name: me.name, ...(me.name_ja ? { name_ja: me.name_ja } : {}), type: me.type },
    types: [...types],
    method: methodsOf(index, me.type, types),
    suggestions: ranked.map((r) => {
      const other = index.actors[r.candidate.index];
      const parts = r.method === 'engine' ? shownReasons(contributions(r.features, r.weights), r.score) : structuralReasons(r);
      const hidden = options.conceal?.(other.id);
      return {
        id: hidden?.id ?? other.id,
        name: hidden?.name ?? other.name,
        ...(hidden ? { name_ja: hidden.name_ja } : other.name_ja ? { name_ja: other.name_ja } : {}),
        type: other.type,
        ...(other.prefecture ? { prefecture: other.prefecture } : {}),
        ...(other.country && other.country !== 'JP' ? { country: other.country } : {}),
        score: r.score,
        method: r.method,
        reasons: options.explain === false ? [] : explainSuggestion(index, me, r, parts, options.conceal),
      };
    }),
  };
}

/** Suggestions for the actor `actorId`; throws a not-found error for an unknown id. */
export function suggestPartners(index: SuggestionIndex, actorId: string, options: SuggestOptions = {}): SuggestionResult {
  return presentRanking(index, rankFor(index, actorId, options), options);
}
