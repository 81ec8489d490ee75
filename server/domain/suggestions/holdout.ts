/**
 * Temporal hold-out evaluation of link prediction (Liben-Nowell & Kleinberg 2007): a known
 * network and, as the truth, the pairs that first tie later. Two ways to make the split: cut one
 * network's dated ties at a year (holdOut: known ≤ cutoff, truth = pairs first tied after it), or
 * take a known network and a list of later pairs as given (holdOutFromTruth: a split directory,
 * where the known files were built from the past only). Either way a truth pair counts only when
 * both actors are in the known network and not already tied there.
 *
 * For each role (an asker type looking for target types), askers with at least one new partner of
 * those types are sampled with a seeded shuffle; each asks a ranker for its top 20, scored by
 * eval-metrics.ts (hit@10, recall@10, recall@20, MRR@20, coverage, personalisation).
 */
import type { Actor, ActorType, Tie } from '../model.ts';
import { seededRng, shuffleInPlace } from '../graph/seeded-rng.ts';
import type { Ranker } from './baseline-graph.ts';
import { askerMetrics, coverage, personalisation, type AskerMetrics } from './eval-metrics.ts';
import { buildSuggestionIndex, pairKey, type SuggestionIndex } from './suggestion-index.ts';

export interface EvalRole {
  name: string;
  askers: readonly ActorType[];
  targets: readonly ActorType[];
}

/** The roles: industry-academia both ways and firm to firm first, then each other kind of partner. */
export const EVAL_ROLES: readonly EvalRole[] = [
  { name: 'enterprise → academic', askers: ['Enterprise'], targets: ['University', 'ResearchInstitute'] },
  { name: 'enterprise → enterprise', askers: ['Enterprise'], targets: ['Enterprise'] },
  { name: 'academic → enterprise', askers: ['University', 'ResearchInstitute'], targets: ['Enterprise'] },
  { name: 'enterprise → financial', askers: ['Enterprise'], targets: ['FinancialInstitution'] },
  { name: 'enterprise → incubation', askers: ['Enterprise'], targets: ['IncubationManager'] },
  { name: 'enterprise → support', askers: ['Enterprise'], targets: ['SupportOrganization'] },
  { name: 'financial → enterprise', askers: ['FinancialInstitution'], targets: ['Enterprise'] },
  { name: 'incubation → enterprise', askers: ['IncubationManager'], targets: ['Enterprise'] },
  { name: 'support → enterprise', askers: ['SupportOrganization'], targets: ['Enterprise'] },
];

/** How many roles of EVAL_ROLES `--roles core` keeps: the three the evaluation always reports. */
export const CORE_ROLES = 3;

export interface HoldOut {
  /** The last year of the known network. */
  cutoff: number;
  /** The known network. */
  index: SuggestionIndex;
  /** For each actor (position in the index), the partners it first ties with later. */
  truth: Map<number, Set<number>>;
}

/** Builds the index of the known network: plain, or calibrated for the method (calibrate.ts). */
export type IndexBuilder = (actors: readonly Actor[], ties: readonly Tie[], options: { asOf?: number }) => SuggestionIndex;

/** Adds the pair (a, b) to the truth both ways, unless it is a self pair or already tied; true when added. */
function addTruthPair(index: SuggestionIndex, truth: Map<number, Set<number>>, a: number, b: number): boolean {
  if (a === b || index.pairs.has(pairKey(index, a, b))) return false;
  for (const [x, y] of [[a, b], [b, a]]) {
    let set = truth.get(x);
    if (!set) truth.set(x, (set = new Set()));
    set.add(y);
  }
  return true;
}

/** The split of one dated network at `cutoff`: known ≤ cutoff, truth = pairs first tied in (cutoff, until]. */
export function holdOut(actors: readonly Actor[], ties: readonly Tie[], cutoff: number, until = Infinity, build: IndexBuilder = buildSuggestionIndex): HoldOut {
  const index = build(actors, ties, { asOf: cutoff });
  const truth = new Map<number, Set<number>>();
  for (const t of ties) {
    if (t.since === undefined || t.since <= cutoff || t.since > until) continue;
    const s = index.position.get(t.source);
    const d = index.position.get(t.target);
    if (s !== undefined && d !== undefined) addTruthPair(index, truth, s, d);
  }
  return { cutoff, index, truth };
}

/** One later pair of a split directory's truth.csv. */
export interface TruthPair {
  source: string;
  target: string;
  year?: number;
}

/** What became of the given truth pairs (each pair counted once, however often it is listed). */
export interface TruthCounts {
  given: number;
  kept: number;
  /** An actor is not in the known network. */
  unknownActor: number;
  /** The pair is already tied in the known network (or is one actor twice). */
  alreadyTied: number;
  /** The pair's year is after `until`. */
  afterUntil: number;
}

/**
 * The split of a known network (its index, built from the past only) and the later pairs given
 * beside it. `cutoff` defaults to the index's reference year (its latest tie year).
 */
export function holdOutFromTruth(index: SuggestionIndex, pairs: Iterable<TruthPair>, options: { until?: number; cutoff?: number } = {}): HoldOut & { counts: TruthCounts } {
  const until = options.until ?? Infinity;
  const truth = new Map<number, Set<number>>();
  const counts: TruthCounts = { given: 0, kept: 0, unknownActor: 0, alreadyTied: 0, afterUntil: 0 };
  const seen = new Set<string>();
  for (const p of pairs) {
    const key = p.source < p.target ? `${p.source}\u0000${p.target}` : `${p.target}\u0000${p.source}`;
    if (seen.has(key)) continue;
    seen.add(key);
    counts.given++;
    if (p.year !== undefined && p.year > until) {
      counts.afterUntil++;
      continue;
    }
    const s = index.position.get(p.source);
    const d = index.position.get(p.target);
    if (s === undefined || d === undefined) counts.unknownActor++;
    else if (addTruthPair(index, truth, s, d)) counts.kept++;
    else counts.alreadyTied++;
  }
  return { cutoff: options.cutoff ?? index.referenceYear ?? 0, index, truth, counts };
}

/** A cheap deterministic hash (FNV-1a) to sample askers reproducibly. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The new partners of each asker of a role, of the target types; askers without any are left out. */
function wantedPartners(h: HoldOut, role: Pick<EvalRole, 'askers' | 'targets'>): [number, Set<number>][] {
  const askerTypes = new Set(role.askers);
  const targets = new Set(role.targets);
  const out: [number, Set<number>][] = [];
  for (const [u, partners] of h.truth) {
    if (!askerTypes.has(h.index.actors[u].type)) continue;
    const wanted = new Set([...partners].filter((v) => targets.has(h.index.actors[v].type)));
    if (wanted.size) out.push([u, wanted]);
  }
  return out;
}

/**
 * The askers of a role and their new partners of the target types; at most `maxAskers`, sampled
 * by a hash of the id (the calibration's choice sets, fit-weights.ts, draw their askers here).
 */
export function roleTruth(h: HoldOut, role: Pick<EvalRole, 'askers' | 'targets'>, maxAskers = Infinity): [number, Set<number>][] {
  const out = wantedPartners(h, role);
  const key = (u: number) => hash(h.index.actors[u].id);
  out.sort((a, b) => key(a[0]) - key(b[0]) || a[0] - b[0]);
  return out.slice(0, maxAskers);
}

/** Shuffled order of all actors, per index and seed: shared by every role, so roles with the same asker type share askers. */
const shuffledOrders = new WeakMap<SuggestionIndex, Map<number, Int32Array>>();

function shuffledRank(index: SuggestionIndex, seed: number): Int32Array {
  let bySeed = shuffledOrders.get(index);
  if (!bySeed) shuffledOrders.set(index, (bySeed = new Map()));
  let rank = bySeed.get(seed);
  if (!rank) {
    const ids = index.actors.map((a) => a.id);
    // Sorted by id first: the sample does not depend on the order of the input files.
    const order = Int32Array.from(ids.keys()).sort((a, b) => (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : 0));
    shuffleInPlace(order, seededRng(seed));
    rank = new Int32Array(order.length);
    order.forEach((u, k) => (rank![u] = k));
    bySeed.set(seed, rank);
  }
  return rank;
}

/**
 * The askers of a role with their new partners of the target types, at most `maxAskers` drawn by
 * a seeded shuffle of all actors (Fisher-Yates over the actors sorted by id), in that order.
 * `eligible` is how many askers the role had before sampling.
 */
export function sampleAskers(h: HoldOut, role: Pick<EvalRole, 'askers' | 'targets'>, maxAskers: number, seed: number): { askers: [number, Set<number>][]; eligible: number } {
  const all = wantedPartners(h, role);
  const rank = shuffledRank(h.index, seed);
  all.sort((a, b) => rank[a[0]] - rank[b[0]]);
  return { askers: all.slice(0, maxAskers), eligible: all.length };
}

/** Depth of the rankings asked for: MRR and recall are counted in the top 20. */
export const EVAL_DEPTH = 20;

export interface Metrics {
  askers: number;
  hitAt10: number;
  recallAt10: number;
  recallAt20: number;
  mrrAt20: number;
  /** Distinct actors in all top-10 lists over the number of top-10 slots (askers × 10). */
  coverage: number;
  /** 1 − mean overlap of two askers' top-10 lists (over 10), over all pairs of askers. */
  personalisation: number;
}

export interface RankerRun {
  metrics: Metrics;
  /** Each asker's own figures, in the order of the askers: for bootstrap intervals. */
  perAsker: AskerMetrics;
  /** Each asker's top 10. */
  top10: number[][];
  /** Wall time of the rankings, in milliseconds. */
  ms: number;
}

const mean = (xs: Float64Array) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : 0);

/** Asks `ranker` for the top 20 of each asker and scores the rankings against the truth. */
export function evaluate(h: HoldOut, role: Pick<EvalRole, 'targets'>, ranker: Ranker, askers: readonly [number, ReadonlySet<number>][]): RankerRun {
  const started = performance.now();
  ranker.prepare?.(h.index, askers.map(([u]) => u));
  const rankings = askers.map(([u]) => ranker(h.index, u, role.targets, EVAL_DEPTH));
  const ms = performance.now() - started;
  const perAsker = askerMetrics(rankings, askers.map(([, wanted]) => wanted));
  const top10 = rankings.map((r) => r.slice(0, 10));
  return {
    metrics: {
      askers: askers.length,
      hitAt10: mean(perAsker.hitAt10),
      recallAt10: mean(perAsker.recallAt10),
      recallAt20: mean(perAsker.recallAt20),
      mrrAt20: mean(perAsker.mrrAt20),
      coverage: coverage(top10, 10),
      personalisation: personalisation(top10, 10),
    },
    perAsker,
    top10,
    ms,
  };
}
