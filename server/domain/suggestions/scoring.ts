/**
 * A candidate's score is a weighted sum of its features (a linear utility, as in McFadden's
 * conditional logit, which is how the weights are fitted: see fit-weights.ts). Each feature
 * belongs to one reason, so the score splits exactly into the contributions of its reasons.
 */
import type { ActorType } from '../model.ts';
import { FEATURES, type Feature, type FeatureVector } from './feature-names.ts';
import { roleKey, type RoleWeights } from './roles.ts';
import type { ReasonKind } from './suggestion-types.ts';
import { DEFAULT_WEIGHTS, PRIOR_WEIGHTS } from './weights.ts';

/** The reason each feature speaks for. Place has three features, one reason. */
export const REASON_OF: Readonly<Record<Feature, ReasonKind>> = {
  sharedPartners: 'shared-partners',
  sharedBrokers: 'broker',
  sharedCluster: 'cluster',
  offersSought: 'offers',
  seeksOffered: 'seeks',
  similarFields: 'similar-fields',
  servesYourFields: 'audience',
  proximity: 'place',
  samePrefecture: 'place',
  sameRegion: 'place',
  activity: 'activity',
  sameCountry: 'place',
};

/** The prior weights of a role (weights.ts), or the default for a role no data speak for. */
export function priorWeights(asker: ActorType, candidate: ActorType): FeatureVector {
  return PRIOR_WEIGHTS[roleKey(asker, candidate)] ?? DEFAULT_WEIGHTS;
}

/** The weights for an asker of one type scoring a candidate of another: calibrated, else prior. */
export function weightsFor(calibrated: RoleWeights<FeatureVector>, asker: ActorType, candidate: ActorType): FeatureVector {
  return calibrated[roleKey(asker, candidate)] ?? priorWeights(asker, candidate);
}

/** Terms are rounded to 4 decimals, so that the shown contributions add up to the shown score. */
export const roundScore = (x: number): number => Math.round(x * 1e4) / 1e4;

/** The score: the sum of the weighted features. */
export function weightedSum(features: FeatureVector, weights: FeatureVector): number {
  let s = 0;
  for (const f of FEATURES) s += roundScore(weights[f] * features[f]);
  return roundScore(s);
}

/** Weights as an array in FEATURES order, for scoring many candidates. */
export function weightArray(weights: FeatureVector): Float64Array {
  return Float64Array.from(FEATURES, (f) => weights[f]);
}

/** weightedSum over arrays in FEATURES order: the same number, term by term. */
export function weightedSumOf(values: Float64Array, weights: Float64Array): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += roundScore(weights[i] * values[i]);
  return roundScore(s);
}

/** The score split by reason, largest first, zeros left out; the parts add up to weightedSum. */
export function contributions(features: FeatureVector, weights: FeatureVector): { kind: ReasonKind; contribution: number }[] {
  const byReason = new Map<ReasonKind, number>();
  for (const f of FEATURES) {
    const c = roundScore(weights[f] * features[f]);
    if (c > 0) byReason.set(REASON_OF[f], (byReason.get(REASON_OF[f]) ?? 0) + c);
  }
  return [...byReason]
    .map(([kind, contribution]) => ({ kind, contribution: roundScore(contribution) }))
    .sort((a, b) => b.contribution - a.contribution || (a.kind < b.kind ? -1 : 1));
}

/**
 * A reason is shown when it carries at least this share of the score; the smaller ones are summed
 * into one `other` reason, so that what is shown still adds up to the score. A tenth: on the real
 * EU network the reasons under it were what said "ask for an introduction" for 0.003 of a score
 * near 5, and with this bound at most nine reasons can show, each one a reader can weigh.
 */
export const SHOWN_SHARE = 0.1;

/** The reasons worth showing (SHOWN_SHARE), largest first, and the rest as one `other` remainder. */
export function shownReasons(parts: readonly { kind: ReasonKind; contribution: number }[], score: number): { kind: ReasonKind; contribution: number }[] {
  const shown = parts.filter((p) => p.contribution >= SHOWN_SHARE * score && p.contribution > 0);
  const rest = roundScore(score - shown.reduce((s, p) => s + p.contribution, 0));
  return rest > 0 ? [...shown, { kind: 'other', contribution: rest }] : shown;
}

/**
 * The reasons of a suggestion ranked by a structural method: its score split between the shared
 * partners and the shared brokers in proportion to what each passes on, or, for a candidate the
 * walk reached beyond shared partners, one `network` reason.
 */
export function structuralReasons(r: { score: number; candidate: { peers: number; brokers: number } }): { kind: ReasonKind; contribution: number }[] {
  const { peers, brokers } = r.candidate;
  if (peers + brokers <= 0) return [{ kind: 'network', contribution: r.score }];
  const toBrokers = roundScore((r.score * brokers) / (peers + brokers));
  const parts: { kind: ReasonKind; contribution: number }[] = [
    { kind: 'shared-partners' as const, contribution: roundScore(r.score - toBrokers) },
    { kind: 'broker' as const, contribution: toBrokers },
  ]
    .filter((p) => p.contribution > 0)
    .sort((a, b) => b.contribution - a.contribution);
  return shownReasons(parts, r.score);
}
