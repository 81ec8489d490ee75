/**
 * The figures of `npm run eval:suggestions` for one role: each ranker's means with their bootstrap
 * intervals, coverage and personalisation, and the product against the best baseline; written as
 * a readable table and as plain data for `--json`.
 */
import { bootstrapMean, bootstrapRatio, type BootstrapDraws, type Interval } from '../../server/domain/suggestions/bootstrap.ts';
import type { AskerMetrics } from '../../server/domain/suggestions/eval-metrics.ts';
import type { RankerRun } from '../../server/domain/suggestions/holdout.ts';

/** The metrics given bootstrap intervals, in table order. */
export const INTERVAL_METRICS = ['hitAt10', 'recallAt10', 'recallAt20', 'mrrAt20'] as const satisfies readonly (keyof AskerMetrics)[];
export type IntervalMetric = (typeof INTERVAL_METRICS)[number];

const LABELS: Record<IntervalMetric, string> = { hitAt10: 'hit@10', recallAt10: 'recall@10', recallAt20: 'recall@20', mrrAt20: 'MRR@20' };

export interface RankerFigures extends Record<IntervalMetric, Interval> {
  ranker: string;
  /** Whether the row is a baseline (the product's rows are not). */
  baseline: boolean;
  coverage: number;
  personalisation: number;
  seconds: number;
}

export interface Comparison {
  metric: 'recallAt10' | 'mrrAt20';
  product: string;
  /** The baseline with the best mean on this metric. */
  baseline: string;
  /** mean(product) / mean(baseline), with its paired bootstrap interval. */
  ratio: Interval;
}

export interface RoleFigures {
  role: string;
  askers: number;
  /** Askers with new partners of the target types before sampling. */
  eligible: number;
  rankers: RankerFigures[];
  comparisons: Comparison[];
}

export interface RankerResult {
  name: string;
  baseline: boolean;
  run: RankerRun;
}

/** Intervals for every ranker (the same draws for all: paired), and the first product row against the best baseline. */
export function roleFigures(role: string, eligible: number, results: readonly RankerResult[], draws: BootstrapDraws): RoleFigures {
  const rankers = results.map(({ name, baseline, run }): RankerFigures => {
    const intervals = Object.fromEntries(INTERVAL_METRICS.map((m) => [m, bootstrapMean(run.perAsker[m], draws)])) as Record<IntervalMetric, Interval>;
    return { ranker: name, baseline, ...intervals, coverage: run.metrics.coverage, personalisation: run.metrics.personalisation, seconds: run.ms / 1000 };
  });
  const product = results.find((r) => !r.baseline);
  const baselines = results.filter((r) => r.baseline);
  const comparisons: Comparison[] = [];
  if (product && baselines.length) {
    for (const metric of ['recallAt10', 'mrrAt20'] as const) {
      const best = baselines.reduce((a, b) => (b.run.metrics[metric] > a.run.metrics[metric] ? b : a));
      comparisons.push({ metric, product: product.name, baseline: best.name, ratio: bootstrapRatio(product.run.perAsker[metric], best.run.perAsker[metric], draws) });
    }
  }
  return { role, askers: results[0]?.run.metrics.askers ?? 0, eligible, rankers, comparisons };
}

const f3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : String(x));
const cell = (i: Interval) => `${f3(i.value)} (${f3(i.low)}-${f3(i.high)})`;
const ratio = (i: Interval) => `${i.value.toFixed(2)}× (${i.low.toFixed(2)}-${i.high.toFixed(2)})`;

/** The role as a table: one row per ranker, 95% intervals in brackets. */
export function formatRole(r: RoleFigures, seed: number): string {
  const name = Math.max(24, ...r.rankers.map((x) => x.ranker.length + 1));
  const w = 21;
  const lines = [
    `${r.role}: ${r.askers} askers${r.askers < r.eligible ? ` of ${r.eligible} (seeded shuffle, seed ${seed})` : ' (all with new partners of these types)'}`,
    `  ${'ranker'.padEnd(name)}${INTERVAL_METRICS.map((m) => LABELS[m].padEnd(w)).join('')}${'coverage'.padEnd(10)}${'personal.'.padEnd(11)}time`,
    ...r.rankers.map(
      (x) => `  ${x.ranker.padEnd(name)}${INTERVAL_METRICS.map((m) => cell(x[m]).padEnd(w)).join('')}${f3(x.coverage).padEnd(10)}${f3(x.personalisation).padEnd(11)}${x.seconds.toFixed(1)} s`,
    ),
  ];
  for (const c of r.comparisons) lines.push(`  ${c.product} / best baseline on ${LABELS[c.metric]} (${c.baseline}): ${ratio(c.ratio)}`);
  return lines.join('\n') + '\n';
}
