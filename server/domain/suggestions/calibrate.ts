/**
 * Calibration of the weights on the network being served. The priors in weights.ts were fitted
 * on the demonstration network; a real network may weigh place, fit and structure differently.
 * So, when its ties carry years, the index re-estimates each role's weights on its own recent
 * past: the ties known `windowYears` before the reference year are the network, the ties formed
 * since are the choices (the same temporal hold-out and conditional logit as the priors,
 * fit-weights.ts), with an L2 penalty towards the prior so that a role with few choices stays
 * close to it. The reference year is the latest year of the data that is not partial
 * (calibration-year.ts). Nothing later than the reference year is read: the hold-out evaluation stays
 * honest, and an `asOf` index only learns from its own past. Deterministic.
 */
import type { Actor, Tie } from '../model.ts';
import { unpackTies, type PackedTies } from '../graph/packed-ties.ts';
import type { FeatureVector } from './feature-names.ts';
import { choiceSets, fitWeights } from './fit-weights.ts';
import { holdOut } from './holdout.ts';
import { ROLE_GROUPS, typesOfGroup, type RoleKey, type RoleWeights } from './roles.ts';
import { priorWeights } from './scoring.ts';
import { buildSuggestionIndex, buildSuggestionIndexAsync, type SuggestionIndex } from './suggestion-index.ts';
import { runSteps, runStepsAsync, type Steps } from '../steps.ts';
import { CALIBRATION } from './weights.ts';
import { calibrationYear } from './calibration-year.ts';
import { chooseMethodSteps } from './choose-method.ts';
import { prepareWalkSteps } from './structural-methods.ts';
import type { MethodChoice, MethodName } from './suggestion-types.ts';
import { rankCandidates } from './suggest-partners.ts';

export interface RoleCalibration {
  role: RoleKey;
  choices: number;
  askers: number;
  /** 'calibrated' when the network had enough choices for this role, else 'prior'. */
  source: 'calibrated' | 'prior';
  weights: FeatureVector;
}

export interface Calibration {
  /** Known network: ties up to `cutoff`; choices: ties formed after it, up to `referenceYear`. */
  cutoff: number;
  referenceYear: number;
  roles: RoleCalibration[];
  /** Which method serves each role, as checked on the most recent year (choose-method.ts). */
  methods?: MethodChoice;
}

/**
 * The calibration as a sequence of steps (the hold-out index, then each role's choices and fit):
 * run at once by calibrateWeights, or with pauses between steps by calibrateWeightsAsync, so
 * that a server stays responsive while a large network calibrates.
 */
function* calibrationSteps(actors: readonly Actor[], ties: readonly Tie[], latestYear: number | undefined, check: boolean): Steps<Calibration | undefined> {
  // A partial latest year (the year running, a few ties dated today) is not judged on (calibration-year.ts).
  const referenceYear = calibrationYear(ties, latestYear);
  if (referenceYear === undefined) return undefined;
  const past = ties.filter((t) => t.since === undefined || t.since <= referenceYear);
  const methods = check ? yield* chooseMethodSteps(actors, past, referenceYear, buildUncheckedIndex, rankerOf) : undefined;
  const cutoff = calibrationCutoff(past, referenceYear);
  // Serve what was checked: weights are re-fitted only when the same fit, a year earlier, could be
  // judged on the year after it; otherwise the engine keeps the priors it was judged with.
  const unchecked = methods !== undefined && !methods.engineCalibrated;
  if (cutoff === undefined || unchecked) return methods ? { cutoff: referenceYear, referenceYear, roles: [], methods } : undefined;
  const split = holdOut(actors, past, cutoff, referenceYear);
  const out: RoleCalibration[] = [];
  for (const askerGroup of ROLE_GROUPS) {
    for (const targetGroup of ROLE_GROUPS) {
      yield;
      const askers = typesOfGroup(askerGroup);
      const targets = typesOfGroup(targetGroup);
      const role: RoleKey = `${askerGroup}>${targetGroup}`;
      const prior = priorWeights(askers[0], targets[0]);
      const options = { ...CALIBRATION.fit, maxAskers: CALIBRATION.maxAskersPerRole, prior };
      const sets = choiceSets(split, { askers, targets }, options);
      const choices = sets.reduce((s, c) => s + c.chosen.length, 0);
      if (choices === 0) continue;
      if (choices < CALIBRATION.minChoices) {
        out.push({ role, choices, askers: sets.length, source: 'prior', weights: prior });
        continue;
      }
      yield;
      out.push({ role, choices, askers: sets.length, source: 'calibrated', weights: fitWeights(sets, options).weights });
    }
  }
  return { cutoff, referenceYear, roles: out, ...(methods ? { methods } : {}) };
}

/** Each method's ranking as the product serves it, whatever the index would choose: what the check judges. */
const rankerOf = (method: MethodName) => (index: SuggestionIndex, asker: number, types: Parameters<typeof rankCandidates>[2], limit: number) =>
  rankCandidates(index, asker, types, { limit, method }).map((r) => r.candidate.index);

/** The index the product would have served a year earlier, calibrated on that past alone, before any check. */
function buildUncheckedIndex(actors: readonly Actor[], ties: readonly Tie[], options: { asOf?: number }): CalibratedIndex {
  const index = buildSuggestionIndex(actors, ties, options);
  return withCalibration(index, runSteps(calibrationSteps(actors, ties, index.referenceYear, false)));
}

/** Re-estimated weights for every role the network's recent years have enough choices for. */
export function calibrateWeights(actors: readonly Actor[], ties: readonly Tie[], referenceYear: number | undefined): Calibration | undefined {
  return runSteps(calibrationSteps(actors, ties, referenceYear, true));
}

/** calibrateWeights over ties packed for a worker thread (packed-ties.ts). */
export function calibrateWeightsPacked(actors: readonly Actor[], ties: PackedTies, referenceYear: number | undefined): Calibration | undefined {
  return calibrateWeights(actors, unpackTies(actors, ties), referenceYear);
}

/** calibrateWeights, giving the event loop a turn between steps. */
export function calibrateWeightsAsync(actors: readonly Actor[], ties: readonly Tie[], referenceYear: number | undefined): Promise<Calibration | undefined> {
  return runStepsAsync(calibrationSteps(actors, ties, referenceYear, true));
}

/**
 * The last `windowYears` years, widened year by year until they hold `minWindowShare` of the
 * dated ties (a few stray late ties must not leave the calibration without choices).
 */
export function calibrationCutoff(ties: readonly Tie[], referenceYear: number): number | undefined {
  const years = ties.map((t) => t.since).filter((y): y is number => y !== undefined);
  if (years.length === 0) return undefined;
  const first = years.reduce((a, b) => Math.min(a, b)); // no spread: a network has millions of ties
  let cutoff = referenceYear - CALIBRATION.windowYears;
  const inWindow = (c: number) => years.filter((y) => y > c).length;
  while (cutoff > first && inWindow(cutoff) < CALIBRATION.minWindowShare * years.length) cutoff--;
  return cutoff > first || inWindow(cutoff) < years.length ? cutoff : undefined;
}

export type CalibratedIndex = SuggestionIndex & { calibration?: Calibration };

function withCalibration(index: SuggestionIndex, calibration: Calibration | undefined): CalibratedIndex {
  const weights: RoleWeights<FeatureVector> = {};
  for (const c of calibration?.roles ?? []) if (c.source === 'calibrated') weights[c.role] = c.weights;
  return { ...index, weights, calibration, ...(calibration?.methods ? { methods: calibration.methods } : {}) };
}

/** The index of a network with its weights calibrated on its own past (see above). */
export function buildCalibratedIndex(actors: readonly Actor[], ties: readonly Tie[], options: { asOf?: number } = {}): CalibratedIndex {
  const index = buildSuggestionIndex(actors, ties, options);
  return withCalibration(index, calibrateWeights(actors, ties, index.referenceYear));
}

/** How a server calibrates: calibrateWeightsAsync in process, or calibrateWeights in a worker thread. */
export type Calibrate = (actors: readonly Actor[], ties: readonly Tie[], referenceYear: number | undefined) => Promise<Calibration | undefined>;

/**
 * buildCalibratedIndex for a server: the same index, the calibration done by `calibrate` (by
 * default in steps between other requests; the product runs it in a worker thread).
 */
export async function buildCalibratedIndexAsync(
  actors: readonly Actor[],
  ties: readonly Tie[],
  options: { asOf?: number } = {},
  calibrate: Calibrate = calibrateWeightsAsync,
): Promise<CalibratedIndex> {
  const index = await buildSuggestionIndexAsync(actors, ties, options);
  const calibrated = withCalibration(index, await calibrate(actors, ties, index.referenceYear));
  // A walk's rows (hundreds of milliseconds on a large network) are built here in steps, not by the first request.
  if (calibrated.methods?.roles.some((r) => r.served.startsWith('walk-'))) await runStepsAsync(prepareWalkSteps(calibrated));
  return calibrated;
}
