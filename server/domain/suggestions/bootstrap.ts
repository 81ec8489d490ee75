/**
 * Percentile bootstrap intervals over askers (Efron & Tibshirani 1993, ch. 13): draw the askers
 * with replacement `resamples` times, compute the statistic on each draw, and take the 2.5% and
 * 97.5% quantiles. The draws are made once per role (bootstrapDraws) and shared by every ranker,
 * so that a ratio of two rankers is a paired bootstrap: both are measured on the same askers in
 * each draw. Seeded: the same seed gives the same intervals.
 */
import { seededRng } from '../graph/seeded-rng.ts';

export interface BootstrapOptions {
  resamples: number;
  seed: number;
  /** Coverage of the interval. */
  level: number;
}

export const BOOTSTRAP_DEFAULTS: Readonly<BootstrapOptions> = { resamples: 1000, seed: 7, level: 0.95 };

/** The askers drawn in every resample: `resamples` rows of `n` positions, row-major. */
export interface BootstrapDraws {
  n: number;
  resamples: number;
  level: number;
  picks: Int32Array;
}

export interface Interval {
  value: number;
  low: number;
  high: number;
}

export function bootstrapDraws(n: number, options: Partial<BootstrapOptions> = {}): BootstrapDraws {
  const { resamples, seed, level } = { ...BOOTSTRAP_DEFAULTS, ...options };
  if (!Number.isInteger(resamples) || resamples < 1) throw new Error(`musubi bootstrap: resamples must be a positive integer (got ${resamples}).`);
  if (!(level > 0 && level < 1)) throw new Error(`musubi bootstrap: level must be between 0 and 1 (got ${level}).`);
  const rng = seededRng(seed);
  const picks = new Int32Array(n * resamples);
  for (let k = 0; k < picks.length; k++) picks[k] = Math.floor(rng() * n);
  return { n, resamples, level, picks };
}

/** The q-quantile of sorted values, interpolated linearly between order statistics. */
function quantile(sorted: Float64Array, q: number): number {
  const at = q * (sorted.length - 1);
  const lo = Math.floor(at);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}

function interval(value: number, stats: Float64Array, level: number): Interval {
  stats.sort();
  const tail = (1 - level) / 2;
  return { value, low: quantile(stats, tail), high: quantile(stats, 1 - tail) };
}

function sumOver(values: Float64Array, draws: BootstrapDraws, r: number): number {
  let s = 0;
  const row = r * draws.n;
  for (let k = 0; k < draws.n; k++) s += values[draws.picks[row + k]];
  return s;
}

function checkLength(values: Float64Array, draws: BootstrapDraws): void {
  if (values.length !== draws.n) throw new Error(`musubi bootstrap: ${values.length} values for draws over ${draws.n}.`);
}

/** The mean of `values` with its bootstrap interval. */
export function bootstrapMean(values: Float64Array, draws: BootstrapDraws): Interval {
  checkLength(values, draws);
  if (draws.n === 0) return { value: NaN, low: NaN, high: NaN };
  const stats = new Float64Array(draws.resamples);
  for (let r = 0; r < draws.resamples; r++) stats[r] = sumOver(values, draws, r) / draws.n;
  return interval(values.reduce((s, x) => s + x, 0) / draws.n, stats, draws.level);
}

/**
 * mean(a) / mean(b), both over the same askers, with its paired bootstrap interval. A draw where
 * mean(b) is 0 gives +Infinity (or NaN when mean(a) is 0 too, sorted last).
 */
export function bootstrapRatio(a: Float64Array, b: Float64Array, draws: BootstrapDraws): Interval {
  checkLength(a, draws);
  checkLength(b, draws);
  const ratio = (x: number, y: number) => (y > 0 ? x / y : x > 0 ? Infinity : NaN);
  const stats = new Float64Array(draws.resamples);
  for (let r = 0; r < draws.resamples; r++) stats[r] = ratio(sumOver(a, draws, r), sumOver(b, draws, r));
  const total = (xs: Float64Array) => xs.reduce((s, x) => s + x, 0);
  return interval(ratio(total(a), total(b)), stats, draws.level);
}
