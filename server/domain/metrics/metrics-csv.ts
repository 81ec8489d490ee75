/**
 * The group metrics as CSV, one row per group (the whole network first, as group "all"): the same
 * numbers as the JSON answer, lists joined with ";" (partners as id:ties, brokers as ids).
 */
import { csvLine } from '../csv/columns.ts';
import type { GroupMetrics, GroupMetricsResult } from './group-metrics.ts';

export const METRICS_CSV_COLUMNS = [
  'by', 'id', 'name', 'name_ja', 'actors', 'tiesInside', 'weightInside', 'density', 'averageDegree',
  'internalAverageDegree', 'clustering', 'industryAcademiaShare', 'tiesOutside', 'externalShare',
  'components', 'largestComponent', 'partners', 'brokers',
] as const;

export function metricsRow(by: string, g: GroupMetrics): string[] {
  return [
    by, g.id, g.name, g.name_ja, g.actors, g.tiesInside, g.weightInside, g.density, g.averageDegree,
    g.internalAverageDegree, g.clustering, g.industryAcademiaShare, g.tiesOutside, g.externalShare,
    g.components, g.largestComponent,
    g.partners.map((p) => `${p.id}:${p.ties}`).join(';'),
    g.brokers.map((b) => b.id).join(';'),
  ].map(String);
}

export function formatMetricsCsv(result: GroupMetricsResult): string {
  let out = csvLine(METRICS_CSV_COLUMNS);
  for (const g of [result.network, ...result.groups]) out += csvLine(metricsRow(result.by, g));
  return out;
}
