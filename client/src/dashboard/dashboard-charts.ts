/**
 * The dashboard's charts for policymakers, each defined by where its numbers come from, the table
 * of those numbers (which is also its CSV) and how chart.js draws them. Metrics and their
 * definitions are the server's (`/api/metrics`, `/api/metrics/timeline`, `/api/communities`).
 */
import type { ChartConfiguration } from 'chart.js';
import { getMetrics, getMetricsTimeline, type MetricsResponse, type MetricsTimelineResponse } from '../data/api.ts';
import { loadCommunities, communityLabel, type CommunityInfo } from '../data/community-data.ts';
import { TABLEAU_10, typeColor } from '../graph/colors.ts';
import { t, type MessageKey } from '../i18n/i18n.ts';
import { actorName, refName, type NetworkData } from '../data/network-data.ts';
import type { Table } from './csv.ts';
import type { Lang } from '../data/state.ts';

export interface ChartDef {
  id: string;
  title: MessageKey;
  /** What is missing when the server lacks the endpoint. */
  feature: MessageKey;
  /** The numbers, as a table (also the CSV). */
  table(lang: Lang): Promise<Table>;
  /** The chart of that table. */
  config(table: Table, lang: Lang): ChartConfiguration;
}

/** Shared loads: one request per endpoint however many charts read it. */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | null = null;
  return () => (p ??= load().catch((err) => {
    p = null;
    throw err;
  }));
}

export function chartDefinitions(data: NetworkData): ChartDef[] {
  const byRegion = once(() => getMetrics('region'));
  const byCluster = once(() => getMetrics('cluster'));
  const timeline = once(() => getMetricsTimeline('region'));
  const named = (g: { name: string; name_ja: string }, lang: Lang) => (lang === 'ja' ? g.name_ja : g.name);

  const densityTable = (m: MetricsResponse, lang: Lang): Table => ({
    header: [t('filters.region'), 'id', t('dashboard.density'), t('dashboard.avgDegree'), 'actors', 'tiesInside'],
    rows: m.groups.filter((g) => g.id !== 'none').map((g) => [named(g, lang), g.id, round(g.density, 5), round(g.internalAverageDegree, 3), g.actors, g.tiesInside]),
  });

  return [
    {
      id: 'density-by-region',
      title: 'dashboard.densityRegion',
      feature: 'dashboard.metricsFeature',
      table: async (lang) => densityTable(await byRegion(), lang),
      config: (table) => bar(table, 2, t('dashboard.density'), TABLEAU_10[0]),
    },
    {
      id: 'density-by-cluster',
      title: 'dashboard.densityCluster',
      feature: 'dashboard.metricsFeature',
      table: async (lang) => {
        const tbl = densityTable(await byCluster(), lang);
        tbl.header[0] = t('filters.cluster');
        tbl.rows.sort((a, b) => Number(b[2]) - Number(a[2]));
        return tbl;
      },
      config: (table) => ({ ...bar(table, 2, t('dashboard.density'), TABLEAU_10[1]), options: { ...barOptions(), indexAxis: 'y' } }),
    },
    {
      id: 'ties-per-year',
      title: 'dashboard.tiesPerYear',
      feature: 'dashboard.metricsFeature',
      table: async () => {
        const years = (await timeline()).years;
        return {
          header: [t('dashboard.year'), 'new', 'total'],
          rows: years.map((y, i) => [y.year, y.network.tiesInside - (i ? years[i - 1].network.tiesInside : 0), y.network.tiesInside]),
        };
      },
      config: (table) => bar(table, 1, t('dashboard.ties'), TABLEAU_10[4]),
    },
    {
      id: 'industry-academia-share',
      title: 'dashboard.iaShare',
      feature: 'dashboard.metricsFeature',
      table: async () => {
        const tl: MetricsTimelineResponse = await timeline();
        return { header: [t('dashboard.year'), 'industryAcademiaShare'], rows: tl.years.map((y) => [y.year, round(y.network.industryAcademiaShare, 4)]) };
      },
      config: (table) => ({
        type: 'line',
        data: { labels: table.rows.map((r) => String(r[0])), datasets: [{ label: t('dashboard.share'), data: table.rows.map((r) => Number(r[1]) * 100), borderColor: TABLEAU_10[2], backgroundColor: TABLEAU_10[2], tension: 0.25 }] },
        options: { ...baseOptions(), scales: { y: { beginAtZero: true, ticks: { callback: (v) => `${v}%` } } } },
      }),
    },
    {
      id: 'community-composition',
      title: 'dashboard.composition',
      feature: 'communities.feature',
      table: async (lang) => {
        const info: CommunityInfo = await loadCommunities();
        const types = data.reference.types;
        return {
          header: ['community', 'id', 'size', ...types.map((ty) => refName(ty, lang))],
          rows: info.response.communities.slice(0, 12).map((c) => [communityLabel(info, c.id, lang), c.id, c.size, ...types.map((ty) => c.composition[ty.id] ?? 0)]),
        };
      },
      config: (table) => ({
        type: 'bar',
        data: {
          labels: table.rows.map((r) => truncate(String(r[0]), 28)),
          datasets: data.reference.types.map((ty, i) => ({ label: table.header[3 + i], data: table.rows.map((r) => Number(r[3 + i])), backgroundColor: typeColor(data, ty.id) })),
        },
        options: { ...baseOptions(), indexAxis: 'y', plugins: { legend: { display: true, position: 'bottom' } }, scales: { x: { stacked: true }, y: { stacked: true } } },
      }),
    },
    {
      id: 'top-brokers',
      title: 'dashboard.brokers',
      feature: 'dashboard.metricsFeature',
      table: async (lang) => {
        const m = await byRegion();
        return {
          header: ['actor', 'id', 'type', t('dashboard.betweenness')],
          rows: m.network.brokers.slice(0, 12).map((b) => {
            const name = data.graph.hasNode(b.id) ? actorName(data.graph.getNodeAttributes(b.id), lang) : b.name;
            return [name, b.id, b.type, round(b.betweenness, 6)];
          }),
        };
      },
      config: (table) => ({
        ...bar(table, 3, t('dashboard.betweenness'), table.rows.map((r) => typeColor(data, String(r[2])))),
        options: { ...barOptions(), indexAxis: 'y' },
      }),
    },
  ];
}

function bar(table: Table, column: number, label: string, color: string | string[]): ChartConfiguration {
  return {
    type: 'bar',
    data: { labels: table.rows.map((r) => truncate(String(r[0]), 28)), datasets: [{ label, data: table.rows.map((r) => Number(r[column])), backgroundColor: color }] },
    options: barOptions(),
  };
}

function baseOptions(): NonNullable<ChartConfiguration['options']> {
  return { responsive: true, maintainAspectRatio: false, animation: false, plugins: { legend: { display: false } } };
}

function barOptions(): NonNullable<ChartConfiguration['options']> {
  return { ...baseOptions(), scales: { x: { ticks: { autoSkip: false, maxRotation: 60 } } } } as NonNullable<ChartConfiguration['options']>;
}

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
