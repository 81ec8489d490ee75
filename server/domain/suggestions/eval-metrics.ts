/**
 * The figures a ranked list of suggestions is judged by, against the partners each asker really
 * went on to find (a temporal hold-out, holdout.ts):
 * - hit@10: 1 when at least one true partner is in the top 10;
 * - recall@k: the share of the asker's true partners in the top k (k = 10, 20);
 * - MRR@20: the reciprocal rank of the first true partner in the top 20, 0 when none is there
 *   (Voorhees 1999, cut at the depth a user reads);
 * - coverage: distinct actors in all top-10 lists over the number of top-10 slots (askers × 10),
 *   the "aggregate diversity" of Adomavicius & Kwon (2012): a ranker that sends everyone to the
 *   same few actors scores near 0;
 * - personalisation: 1 − the mean overlap |top10(a) ∩ top10(b)| / 10 over all pairs of askers
 *   (Zhou et al. 2010, "Solving the apparent diversity-accuracy dilemma"): 0 when every asker gets
 *   the same list, 1 when no two lists share an actor.
 */

/** Each asker's figures, in the order of the askers. */
export interface AskerMetrics {
  hitAt10: Float64Array;
  recallAt10: Float64Array;
  recallAt20: Float64Array;
  mrrAt20: Float64Array;
}

/** The figures of each asker's ranking (best first) against its true partners (non-empty). */
export function askerMetrics(rankings: readonly (readonly number[])[], truths: readonly ReadonlySet<number>[]): AskerMetrics {
  if (rankings.length !== truths.length) throw new Error('musubi eval-metrics: one ranking per asker is needed.');
  const n = rankings.length;
  const out: AskerMetrics = { hitAt10: new Float64Array(n), recallAt10: new Float64Array(n), recallAt20: new Float64Array(n), mrrAt20: new Float64Array(n) };
  for (let a = 0; a < n; a++) {
    const wanted = truths[a];
    if (wanted.size === 0) throw new Error('musubi eval-metrics: an asker without true partners cannot be scored.');
    const ranking = rankings[a];
    let hits10 = 0;
    let hits20 = 0;
    let first = 0;
    for (let i = 0; i < Math.min(20, ranking.length); i++) {
      if (!wanted.has(ranking[i])) continue;
      if (i < 10) hits10++;
      hits20++;
      if (!first) first = i + 1;
    }
    out.hitAt10[a] = hits10 > 0 ? 1 : 0;
    out.recallAt10[a] = hits10 / wanted.size;
    out.recallAt20[a] = hits20 / wanted.size;
    out.mrrAt20[a] = first ? 1 / first : 0;
  }
  return out;
}

/** Distinct actors over all lists divided by the number of slots (lists × depth); lists are cut at `depth`. */
export function coverage(lists: readonly (readonly number[])[], depth = 10): number {
  if (lists.length === 0) return 0;
  const distinct = new Set<number>();
  for (const list of lists) for (let i = 0; i < Math.min(depth, list.length); i++) distinct.add(list[i]);
  return distinct.size / (lists.length * depth);
}

/**
 * 1 − mean over all pairs of lists of |A ∩ B| / depth. Computed exactly over every pair from how
 * many lists hold each actor: Σ over pairs |A ∩ B| = Σ over actors C(lists holding it, 2), so the
 * cost is one pass over the lists whatever their number. A list repeating an actor counts it once.
 */
export function personalisation(lists: readonly (readonly number[])[], depth = 10): number {
  const n = lists.length;
  if (n < 2) return NaN;
  const holders = new Map<number, number>();
  for (const list of lists) {
    for (const v of new Set(list.slice(0, depth))) holders.set(v, (holders.get(v) ?? 0) + 1);
  }
  let shared = 0;
  for (const c of holders.values()) shared += (c * (c - 1)) / 2;
  const pairs = (n * (n - 1)) / 2;
  return 1 - shared / pairs / depth;
}
