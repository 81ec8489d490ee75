/**
 * What a benchmark measured, for `npm run bench`'s JSON report: each benchmark script calls
 * `recordFigures` with its figures; when `MUSUBI_BENCH_JSON` names a file (bench.ts sets it for
 * each step), they are appended there as one JSON line, else nothing happens. The printed tables
 * stay the scripts' own.
 */
import { appendFileSync } from 'node:fs';

export function recordFigures(name: string, figures: Record<string, unknown>): void {
  const file = process.env.MUSUBI_BENCH_JSON;
  if (!file) return;
  appendFileSync(file, JSON.stringify({ name, ...figures }) + '\n');
}

/** p50, p95 and p99 of `times` (ms), rounded to 0.1 ms. */
export function latency(times: readonly number[]): { p50: number; p95: number; p99: number; n: number } {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] * 10) / 10;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), n: sorted.length };
}
