/**
 * A calibration that cannot make things worse. Whatever the product fits on a network's own past
 * (calibrate.ts) is checked on that network's most recent year, which the fit did not see: the
 * procedure is run as it would have run a year earlier (the network known at the end of year
 * Y − 1, the engine calibrated on it alone) and judged on the pairs that first tied in year Y,
 * beside the structural rankers of structural-methods.ts on the same known network. Each role is
 * then served by the method that did best there:
 *
 *   - eligible: methods whose lists were at least as personal as common neighbours' (personalisation
 *     no lower, within PERSONAL_TOLERANCE; coverage at least COVERAGE_SHARE of theirs): a list that is the same for everyone
 *     is useless to a coordinator, whatever its recall;
 *   - best: the largest mean of recall@10 and MRR@20, each over common neighbours' (so that
 *     neither figure dominates); the engine wins ties, then the order of METHODS.
 *
 * When the network a year earlier is much smaller than today's (MIN_PAST_SHARE), the check cannot
 * judge and common neighbours serves (FALLBACK). When a role had too few askers (MIN_ASKERS), as
 * on a small network, the engine serves if its lists on today's network are as personal as common
 * neighbours', else common neighbours. So does a role whose askers' new partners no method found
 * for MIN_ASKERS of them: too few hits to tell methods apart (a year of ties that nothing predicts).
 * Askers and their new partners count when they were already in the network at the cut (like the
 * splits in graph-seeds/eu-rd-2014-2017); each method ranks as the product serves it. A role with
 * too few askers in year Y to judge (MIN_ASKERS) keeps the engine, and says so.
 * Deterministic: askers are drawn by a seeded shuffle. Nothing later than the reference year is read.
 */
import type { Actor, Tie } from '../model.ts';
import type { Ranker } from './baseline-graph.ts';
import { EVAL_ROLES, evaluate, holdOut, sampleAskers, type HoldOut, type IndexBuilder, type Metrics } from './holdout.ts';
import { actorPositions, networkPairs } from '../graph/network-graph.ts';
import { seededRng, shuffleInPlace } from '../graph/seeded-rng.ts';
import { coverage, personalisation } from './eval-metrics.ts';
import { buildSuggestionIndex, type SuggestionIndex } from './suggestion-index.ts';
import { roleKey, type RoleKey } from './roles.ts';
import { STRUCTURAL_METHODS, type HeldOutFigures as AnswerFigures, type MethodChoice, type MethodName, type RoleChoice } from './suggestion-types.ts';
import type { Steps } from '../steps.ts';

/** Askers of a role in the checked year below which the check cannot tell methods apart. */
export const MIN_ASKERS = 30;
/**
 * The network a year earlier must hold at least this share of today's pairs for its check to say
 * anything about today: a network a tenth the size is in another regime (on the EU network of
 * 2014-2015, a two-step walk won on the thin 2014 network and lost to common neighbours on 2015).
 */
export const MIN_PAST_SHARE = 0.5;
/**
 * Actors without any tie today, as a share of all, from which on a network is taken to register
 * actors before they tie (a cluster's members) rather than to add them with their first tie.
 */
export const UNTIED_SHARE = 0.01;
/**
 * How much less personal than common neighbours' a method's lists may be and still serve: 0.05 is
 * half a shared suggestion per pair of top-10 lists. The lists that were useless shared six of ten
 * (personalisation 0.41 against common neighbours' 0.74 on the EU network); on the demonstration
 * network the engine shares 0.8 where common neighbours share 0.7, with a quarter more recall.
 */
export const PERSONAL_TOLERANCE = 0.05;
/**
 * The least share of common neighbours' coverage a method must keep: half. What made lists useless
 * was a fifth or less (0.007 against 0.041 on the EU network: the same few dozen institutes for
 * everyone); on a network where common neighbours spread over 40% of the actors, 30% is still
 * personal.
 */
export const COVERAGE_SHARE = 0.5;
/** What serves a role the check cannot judge when the engine's lists are not personal: the classic baseline. */
export const FALLBACK: MethodName = 'common-neighbours';
/** Askers sampled per role for the check: bounds its work (seconds at 300,000 ties). */
export const CHECK_ASKERS = 250;
const SEED = 7;

export const METHODS: readonly MethodName[] = ['engine', ...STRUCTURAL_METHODS];

/** The check's figures for one method on one role (the answer's type, suggestion-types.ts). */
export type HeldOutFigures = AnswerFigures<MethodName>;


const round = (x: number) => Math.round(x * 1e4) / 1e4;

function figuresOf(method: MethodName, m: Metrics): HeldOutFigures {
  return { method, recallAt10: round(m.recallAt10), mrrAt20: round(m.mrrAt20), coverage: round(m.coverage), personalisation: round(m.personalisation) };
}

/** The ranker of a method as the product serves it (suggest-partners.ts, with that method forced). */
export type MethodRanker = (method: MethodName) => Ranker;

function untiedShare(actors: readonly Actor[], ties: readonly Tie[]): number {
  const tied = new Set<string>();
  for (const t of ties) tied.add(t.source), tied.add(t.target);
  return actors.length ? actors.filter((a) => !tied.has(a.id)).length / actors.length : 0;
}

function positions(actors: readonly Actor[]): ReadonlyMap<string, number> {
  return actorPositions(actors).position;
}

/** How many askers of `role` found new partners of its targets in the checked year. */
function wantedCount(split: HoldOut, role: (typeof EVAL_ROLES)[number]): number {
  return sampleAskers(split, role, Infinity, SEED).askers.length;
}

/**
 * A role the hold-out cannot judge: no truth, but whether lists are personal can still be seen on
 * today's network. The engine (its prior weights: nothing was checked to re-fit them) serves when
 * its top-10 lists for the role's askers are as personal as common neighbours' (the same rule as
 * pickMethod), else common neighbours does: never the same list for everyone.
 */
function unjudged(index: SuggestionIndex, role: (typeof EVAL_ROLES)[number], rankerOf: MethodRanker, reason: string): Pick<RoleChoice, 'served' | 'figures' | 'why'> {
  const types = new Set(role.askers);
  const askers = shuffledActors(index).filter((u) => types.has(index.actors[u].type) && index.actors[u].degree > 0).slice(0, CHECK_ASKERS);
  const lists = (m: MethodName) => askers.map((u) => rankerOf(m)(index, u, role.targets, 10));
  const listFigures = (m: MethodName): HeldOutFigures => {
    const top = lists(m);
    return { method: m, recallAt10: 0, mrrAt20: 0, coverage: round(coverage(top, 10)), personalisation: round(personalisation(top, 10)) };
  };
  const engine = listFigures('engine');
  const cn = listFigures(FALLBACK);
  const personal = askers.length > 0 && isPersonal(engine, cn);
  return personal
    ? { served: 'engine', figures: [engine, cn], why: `${reason}; the engine serves: its lists today are as personal as common neighbours'` }
    : { served: FALLBACK, figures: [cn, engine], why: `${reason}; common neighbours serves: the engine's lists today are less personal` };
}

/** Actors in a seeded order, sorted by id first (the order of the files never matters). */
function shuffledActors(index: SuggestionIndex): number[] {
  const ids = index.actors.map((a) => a.id);
  const order = [...ids.keys()].sort((a, b) => (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : 0));
  return shuffleInPlace(order, seededRng(SEED));
}

/** As personal as common neighbours' lists: personalisation within PERSONAL_TOLERANCE, coverage at least COVERAGE_SHARE of theirs. */
function isPersonal(f: HeldOutFigures, cn: HeldOutFigures): boolean {
  return f.coverage >= COVERAGE_SHARE * cn.coverage && f.personalisation >= cn.personalisation - PERSONAL_TOLERANCE;
}

/** Picks the served method from the figures of every method (see the rule above). */
export function pickMethod(figures: readonly HeldOutFigures[]): { served: MethodName; why: string } {
  const cn = figures.find((f) => f.method === 'common-neighbours');
  if (!cn) return { served: 'engine', why: 'no baseline to compare with' };
  const ratio = (x: number, ref: number) => (ref > 0 ? x / ref : x > 0 ? 2 : 1);
  const merit = (f: HeldOutFigures) => (ratio(f.recallAt10, cn.recallAt10) + ratio(f.mrrAt20, cn.mrrAt20)) / 2;
  const eligible = figures.filter((f) => isPersonal(f, cn));
  let bestFigures = cn;
  for (const f of eligible) if (merit(f) > merit(bestFigures) || (merit(f) === merit(bestFigures) && f.method === 'engine')) bestFigures = f;
  const others = figures.filter((f) => f.method !== bestFigures.method);
  const lowerPersonal = others.filter((f) => !eligible.includes(f) && merit(f) > merit(bestFigures)).map((f) => f.method);
  const why =
    `best mean of recall@10 and MRR@20 over common neighbours (${merit(bestFigures).toFixed(3)})` +
    (lowerPersonal.length ? `; ${lowerPersonal.join(', ')} scored higher but gave less personal lists` : '');
  return { served: bestFigures.method, why };
}

/**
 * The check, as steps (one role per step). `build` makes the known network's index as the
 * product would have a year earlier (calibrated on that past alone); `engine` ranks with the
 * engine's own scoring.
 */
export function* chooseMethodSteps(
  actors: readonly Actor[],
  ties: readonly Tie[],
  referenceYear: number,
  build: IndexBuilder,
  rankerOf: MethodRanker,
): Steps<MethodChoice | undefined> {
  const year = referenceYear;
  const past = ties.filter((t) => t.since === undefined || t.since <= year);
  if (!past.some((t) => t.since !== undefined && t.since < year)) return undefined;
  yield;
  const split = holdOut(actors, past, year - 1, year, build);
  const engineCalibrated = Object.keys(split.index.weights).length > 0;
  const todayPairs = networkPairs(positions(actors), past, {}).length;
  const thin = split.index.pairCount < MIN_PAST_SHARE * todayPairs;
  const registeredBeforeTies = untiedShare(actors, past) >= UNTIED_SHARE;
  let current: SuggestionIndex | undefined;
  const today = () => (current ??= buildSuggestionIndex(actors, past));
  const roles: RoleChoice[] = [];
  for (const role of EVAL_ROLES) {
    yield;
    const key = roleKey(role.askers[0], role.targets[0]);
    if (thin) {
      if (wantedCount(split, role) > 0) {
        // A network that more than doubled in a year is not the kind the engine's priors were
        // fitted on, and nothing says its weights would hold: the classic baseline serves.
        const why = `the network a year earlier (${split.index.pairCount} pairs) is less than ${MIN_PAST_SHARE * 100}% of today's (${todayPairs}): too thin to judge methods on, so the classic baseline serves`;
        roles.push({ name: role.name, role: key, year, askers: 0, served: FALLBACK, figures: [], why });
      }
      continue;
    }
    // Who could have been asked about, and suggested, a year earlier. Where actors join the data
    // with their first tie (every actor has one today, as in a network built from projects), an
    // actor without ties at the cut was not there yet: only those with ties count. Where actors are
    // registered before they tie (the cluster's members), everyone counts, as served.
    const present = (u: number) => registeredBeforeTies || split.index.actors[u].degree > 0;
    const askers = sampleAskers(split, role, Infinity, SEED)
      .askers.filter(([u]) => present(u))
      .map(([u, wanted]) => [u, new Set([...wanted].filter(present))] as [number, Set<number>])
      .filter(([, wanted]) => wanted.size > 0)
      .slice(0, CHECK_ASKERS);
    if (askers.length < MIN_ASKERS) {
      if (askers.length > 0)
        roles.push({ name: role.name, role: key, year, askers: askers.length, ...unjudged(today(), role, rankerOf, `too few askers in ${year} to check (${askers.length} < ${MIN_ASKERS})`) });
      continue;
    }
    const metrics = METHODS.map((m) => [m, evaluate(split, role, rankerOf(m), askers).metrics] as const);
    // Askers the best method found a new partner for: with fewer, every figure is a handful of
    // hits, and the pick would follow noise (a year of ties that nothing predicts).
    const found = Math.round(Math.max(...metrics.map(([, m]) => m.hitAt10)) * askers.length);
    if (found < MIN_ASKERS) {
      const reason = `no method found a new partner of ${year} in its top 10 for ${MIN_ASKERS} of the ${askers.length} askers (at most ${found}): too few hits to tell methods apart`;
      roles.push({ name: role.name, role: key, year, askers: askers.length, ...unjudged(today(), role, rankerOf, reason) });
      continue;
    }
    const figures = metrics.map(([m, x]) => figuresOf(m, x));
    const { served, why } = pickMethod(figures);
    figures.sort((a, b) => (a.method === served ? -1 : b.method === served ? 1 : 0));
    roles.push({ name: role.name, role: key, served, year, askers: askers.length, figures, why });
  }
  return { year, engineCalibrated, roles };
}

/** The method serving an asker of one role: the check's choice, the engine when unchecked. */
export function servedMethod(choice: MethodChoice | undefined, role: RoleKey): { method: MethodName; check?: RoleChoice } {
  const check = choice?.roles.find((r) => r.role === role);
  return { method: check?.served ?? 'engine', ...(check ? { check } : {}) };
}
