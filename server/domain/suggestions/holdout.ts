/**
 * Temporal hold-out evaluation of link prediction (Liben-Nowell & Kleinberg 2007): the ties
 * known up to a cut-off year are the network, the pairs that first tie after it are the truth.
 * For each role (an asker type looking for target types), every asker with at least one new
 * partner of those types asks for a ranking; hit@10, recall@10, recall@20 and the mean
 * reciprocal rank (over the first `depth` suggestions) are averaged over the askers.
 */
import type { Actor, ActorType, Tie } from '../model.ts';
import type { Ranker } from './baselines.ts';
import { buildSuggestionIndex, pairKey, type SuggestionIndex } from './suggestion-index.ts';

export interface EvalRole {
  name: string;
  askers: readonly ActorType[];
  targets: readonly ActorType[];
}

/** The roles the issue names: industry-academia first, then each other kind of partner. */
export const EVAL_ROLES: readonly EvalRole[] = [
  { name: 'enterprise → academic', askers: ['Enterprise'], targets: ['University', 'ResearchInstitute'] },
  { name: 'enterprise → enterprise', askers: ['Enterprise'], targets: ['Enterprise'] },
  { name: 'enterprise → financial', askers: ['Enterprise'], targets: ['FinancialInstitution'] },
  { name: 'enterprise → incubation', askers: ['Enterprise'], targets: ['IncubationManager'] },
  { name: 'enterprise → support', askers: ['Enterprise'], targets: ['SupportOrganization'] },
  { name: 'academic → enterprise', askers: ['University', 'ResearchInstitute'], targets: ['Enterprise'] },
  { name: 'financial → enterprise', askers: ['FinancialInstitution'], targets: ['Enterprise'] },
  { name: 'incubation → enterprise', askers: ['IncubationManager'], targets: ['Enterprise'] },
  { name: 'support → enterprise', askers: ['SupportOrganization'], targets: ['Enterprise'] },
];

export interface HoldOut {
  cutoff: number;
  /** The network known at the end of the cut-off year. */
  index: SuggestionIndex;
  /** For each actor (position in the index), the partners it first ties with after the cut-off. */
  truth: Map<number, Set<number>>;
}

/** Builds the index of the known network: plain, or calibrated for the method (calibrate.ts). */
export type IndexBuilder = (actors: readonly Actor[], ties: readonly Tie[], options: { asOf?: number }) => SuggestionIndex;

export function holdOut(actors: readonly Actor[], ties: readonly Tie[], cutoff: number, until = Infinity, build: IndexBuilder = buildSuggestionIndex): HoldOut {
  const index = build(actors, ties, { asOf: cutoff });
  const truth = new Map<number, Set<number>>();
  const add = (a: number, b: number) => {
    let set = truth.get(a);
    if (!set) truth.set(a, (set = new Set()));
    set.add(b);
  };
  for (const t of ties) {
    if (t.since === undefined || t.since <= cutoff || t.since > until || t.source === t.target) continue;
    const s = index.position.get(t.source);
    const d = index.position.get(t.target);
    if (s === undefined || d === undefined || index.pairs.has(pairKey(index, s, d))) continue;
    add(s, d);
    add(d, s);
  }
  return { cutoff, index, truth };
}

export interface Metrics {
  askers: number;
  hitAt10: number;
  recallAt10: number;
  recallAt20: number;
  mrr: number;
}

/** A cheap deterministic hash (FNV-1a) to sample askers reproducibly. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The askers of a role and their new partners of the target types; at most `maxAskers`, sampled by hash. */
export function roleTruth(h: HoldOut, role: Pick<EvalRole, 'askers' | 'targets'>, maxAskers = Infinity): [number, Set<number>][] {
  const askerTypes = new Set(role.askers);
  const targets = new Set(role.targets);
  const out: [number, Set<number>][] = [];
  for (const [u, partners] of h.truth) {
    if (!askerTypes.has(h.index.actors[u].type)) continue;
    const wanted = new Set([...partners].filter((v) => targets.has(h.index.actors[v].type)));
    if (wanted.size) out.push([u, wanted]);
  }
  const key = (u: number) => hash(h.index.actors[u].id);
  out.sort((a, b) => key(a[0]) - key(b[0]) || a[0] - b[0]);
  return out.slice(0, maxAskers);
}

export function evaluate(h: HoldOut, role: EvalRole, ranker: Ranker, options: { maxAskers?: number; depth?: number } = {}): Metrics {
  const depth = options.depth ?? 100;
  const askers = roleTruth(h, role, options.maxAskers);
  const sum = { hitAt10: 0, recallAt10: 0, recallAt20: 0, mrr: 0 };
  for (const [u, wanted] of askers) {
    const ranking = ranker(h.index, u, role.targets, depth);
    let hits10 = 0;
    let hits20 = 0;
    let first = 0;
    ranking.forEach((v, i) => {
      if (!wanted.has(v)) return;
      if (i < 10) hits10++;
      if (i < 20) hits20++;
      if (!first) first = i + 1;
    });
    sum.hitAt10 += hits10 > 0 ? 1 : 0;
    sum.recallAt10 += hits10 / wanted.size;
    sum.recallAt20 += hits20 / wanted.size;
    sum.mrr += first ? 1 / first : 0;
  }
  const n = Math.max(1, askers.length);
  return {
    askers: askers.length,
    hitAt10: sum.hitAt10 / n,
    recallAt10: sum.recallAt10 / n,
    recallAt20: sum.recallAt20 / n,
    mrr: sum.mrr / n,
  };
}
