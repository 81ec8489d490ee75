/**
 * The dashboard's charts for policymakers, each defined by where its numbers come from, the table
 * of those numbers (which is also its CSV: the header is the API's keys, never interface labels)
 * and how chart.js draws them. Density, ties per year and the industry-academia share are counted
 * from the drawn network under the filters (filtered-measures.ts, the server's definitions); the
 * community composition and the brokers come from the server and say how far they follow the
 * filters (`scope`).
 */
import type { ChartConfiguration } from 'chart.js';
import { getMetrics } from '../data/api.ts';
import { loadCommunities, communityLabel } from '../data/community-data.ts';
import type { CommunityInfo } from '../data/community-info.ts';
import { TABLEAU_10, typeColor } from '../graph/colors.ts';
import { formatValue, t, type MessageKey } from '../i18n/i18n.ts';
import { actorName, type NetworkData } from '../data/network-data.ts';
import { refName } from '../data/network-data.ts';
import type { DashboardMessageKey } from './dashboard-messages.ts';
import type { FilteredMeasures, GroupRow } from './filtered-measures.ts';
import type { Table } from './csv.ts';
import type { Lang, Store } from '../data/state.ts';

export interface ChartDef {
  id: string;
  title: MessageKey;
  /** What is missing when the server lacks the endpoint. */
  feature: MessageKey;
  /** How far the chart does not follow the filters; absent when it follows all of them. */
  scope?: DashboardMessageKey;
  /** The numbers under the filters, as a table (also the CSV). */
  table(lang: Lang, measures: FilteredMeasures): Promise<Table>;
  /** The chart of that table. */
  config(table: Table, lang: Lang): ChartConfiguration;
  /** Rows drawn as horizontal bars: the card grows so that every bar keeps its label. */
  horizontal?: boolean;
}

/** Shared loads: one request per endpoint however many charts read it. */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | null = null;
  return () => (p ??= load().catch((err) => {
    p = null;
    throw err;
  }));
}

const GROUP_HEADER = ['name', 'id', 'density', 'internalAverageDegree', 'actors', 'tiesInside'];

export function chartDefinitions(data: NetworkData, store: Store): ChartDef[] {
  const whole = once(() => getMetrics('region'));
  const groupTable = (rows: GroupRow[], lang: Lang): Table => ({
    header: GROUP_HEADER,
    rows: rows.map((g) => [refName(g, lang), g.id, round(g.density, 5), round(g.internalAverageDegree, 3), g.actors, g.tiesInside]),
  });

  return [
    {
      id: 'density-by-region',
      title: 'dashboard.densityRegion',
      feature: 'dashboard.metricsFeature',
      table: async (lang, m) => groupTable(m.byRegion, lang),
      config: (table, lang) => bar(table, 2, t('dashboard.density'), TABLEAU_10[0], lang),
    },
    {
      id: 'density-by-cluster',
      title: 'dashboard.densityCluster',
      feature: 'dashboard.metricsFeature',
      horizontal: true,
      table: async (lang, m) => groupTable([...m.byCluster].sort((a, b) => b.density - a.density || (a.id < b.id ? -1 : 1)), lang),
      config: (table, lang) => horizontal(bar(table, 2, t('dashboard.density'), TABLEAU_10[1], lang)),
    },
    {
      id: 'ties-per-year',
      title: 'dashboard.tiesPerYear',
      feature: 'dashboard.metricsFeature',
      table: async (_lang, m) => ({ header: ['year', 'added', 'total'], rows: m.years.map((y) => [y.year, y.added, y.total]) }),
      config: (table, lang) => bar(table, 1, t('dashboard.ties'), TABLEAU_10[4], lang),
    },
    {
      id: 'industry-academia-share',
      title: 'dashboard.iaShare',
      feature: 'dashboard.metricsFeature',
      table: async (_lang, m) => ({ header: ['year', 'industryAcademiaShare'], rows: m.years.map((y) => [y.year, round(y.industryAcademiaShare, 4)]) }),
      config: (table, lang) => ({
        type: 'line',
        data: { labels: table.rows.map((r) => String(r[0])), datasets: [{ label: t('dashboard.share'), data: table.rows.map((r) => Number(r[1]) * 100), borderColor: TABLEAU_10[2], backgroundColor: TABLEAU_10[2], tension: 0.25 }] },
        options: { ...baseOptions(lang), scales: { y: { beginAtZero: true, ticks: { callback: (v) => `${formatValue(Number(v))}%` } } } },
      }),
    },
    {
      id: 'community-composition',
      title: 'dashboard.composition',
      feature: 'communities.feature',
      scope: 'scope.communities',
      horizontal: true,
      table: async (lang, m) => {
        const info: CommunityInfo = await loadCommunities(store);
        const types = data.reference.types;
        const rows = info.response.communities.map((c) => {
          const counts = new Map<string, number>();
          for (const id of info.members.get(c.id) ?? []) {
            if (!m.keeps(id)) continue;
            const type = data.graph.getNodeAttribute(id, 'actorType');
            counts.set(type, (counts.get(type) ?? 0) + 1);
          }
          const size = [...counts.values()].reduce((a, b) => a + b, 0);
          return [communityName(info, c.id, lang), c.id, size, ...types.map((ty) => counts.get(ty.id) ?? 0)];
        });
        return {
          header: ['name', 'id', 'size', ...types.map((ty) => ty.id)],
          rows: rows.filter((r) => Number(r[2]) > 0).sort((a, b) => Number(b[2]) - Number(a[2])).slice(0, 12),
        };
      },
      config: (table, lang) => ({
        type: 'bar',
        data: {
          labels: table.rows.map((r) => truncate(String(r[0]), 28)),
          datasets: data.reference.types.map((ty, i) => ({ label: refName(ty, lang), data: table.rows.map((r) => Number(r[3 + i])), backgroundColor: typeColor(data, ty.id) })),
        },
        options: { ...baseOptions(lang), indexAxis: 'y', plugins: { legend: { display: true, position: 'bottom' } }, scales: { x: { stacked: true }, y: { stacked: true, ticks: { autoSkip: false } } } },
      }),
    },
    {
      id: 'top-brokers',
      title: 'dashboard.brokers',
      feature: 'dashboard.metricsFeature',
      scope: 'scope.brokers',
      horizontal: true,
      table: async (lang) => {
        const m = await whole();
        return {
          header: ['name', 'id', 'type', 'betweenness'],
          rows: m.network.brokers.slice(0, 12).map((b) => {
            const name = data.graph.hasNode(b.id) ? actorName(data.graph.getNodeAttributes(b.id), lang) : b.name;
            return [name, b.id, b.type, round(b.betweenness, 6)];
          }),
        };
      },
      config: (table, lang) => horizontal(bar(table, 3, t('dashboard.betweenness'), table.rows.map((r) => typeColor(data, String(r[2]))), lang)),
    },
  ];
}

/**
 * A community's name without the server's count of its members ("Kanto · Moulds and dies"),
 * which reads "3430 actors" beside the interface's "3,430 actors" and is not the filtered count.
 */
export function communityName(info: CommunityInfo, id: number, lang: Lang): string {
  return withoutCount(communityLabel(info, id, lang));
}

/** A server label without its last part when that part is the count of members. */
export function withoutCount(label: string): string {
  return label.replace(/\s*·\s*\d+\s*(?:actors?|主体)(?=\s*(?:\(\d+\))?$)/, '');
}

function bar(table: Table, column: number, label: string, color: string | string[], lang: Lang): ChartConfiguration {
  return {
    type: 'bar',
    data: { labels: table.rows.map((r) => truncate(String(r[0]), 28)), datasets: [{ label, data: table.rows.map((r) => Number(r[column])), backgroundColor: color }] },
    options: { ...baseOptions(lang), scales: { x: { ticks: { autoSkip: false, maxRotation: 60 } } } } as NonNullable<ChartConfiguration['options']>,
  };
}

/** Bars along y, every category labelled (chart.js skips labels that do not fit otherwise). */
function horizontal(config: ChartConfiguration): ChartConfiguration {
  return { ...config, options: { ...config.options, indexAxis: 'y', scales: { y: { ticks: { autoSkip: false } } } } as NonNullable<ChartConfiguration['options']> };
}

function baseOptions(lang: Lang): NonNullable<ChartConfiguration['options']> {
  // chart.js formats tick and tooltip numbers with `locale`: the interface's language, not the browser's.
  return { responsive: true, maintainAspectRatio: false, animation: false, locale: lang === 'ja' ? 'ja-JP' : 'en-GB', plugins: { legend: { display: false } } };
}

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
