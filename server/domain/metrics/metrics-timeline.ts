/**
 * The group metrics year by year: the network as it stood at the end of each year of the data
 * (ties up to that year; ties without a year count in every year), so that the growth of
 * industry-academia ties and of density can be followed against the program's goals.
 */
import type { Tie } from '../model.ts';
import { groupMetrics, type GroupMetricsOptions, type GroupMetricsResult } from './group-metrics.ts';
import type { Grouping } from './groupings.ts';
import type { NetworkMeasures } from './network-measures.ts';

/** Every year from the first to the last year a tie began (empty when no tie has a year). */
export function dataYears(ties: readonly Tie[]): number[] {
  let first = Infinity;
  let last = -Infinity;
  for (const t of ties) {
    if (t.since === undefined) continue;
    if (t.since < first) first = t.since;
    if (t.since > last) last = t.since;
  }
  if (first > last) return [];
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

export interface MetricsTimeline {
  by: Grouping;
  years: (GroupMetricsResult & { year: number })[];
}

/** Group metrics for each year, from the measures of each year. */
export function metricsTimeline(
  years: readonly { year: number; measures: NetworkMeasures }[],
  by: Grouping,
  options: Partial<GroupMetricsOptions> = {},
): MetricsTimeline {
  return { by, years: years.map(({ year, measures }) => ({ year, ...groupMetrics(measures, by, options) })) };
}
