/**
 * The coordinators' follow-up of the program (`GET /api/introductions/summary?by=…`): per region,
 * cluster project or actor type, the requests, how many the other side accepted and the rate
 * among those it answered, and how many became collaborations — as a table with a total row and
 * a bar chart (chart.js, loaded on first use as the dashboard does).
 */
import type { Chart } from 'chart.js';
import type { IntroductionSummaryResponse } from '../../../server/contract/api.ts';
import { getIntroductionSummary, type SummaryGrouping, type SummarySide } from '../data/introductions-api.ts';
import { TABLEAU_10 } from '../graph/colors.ts';
import { FONT_STACK } from '../graph/label-drawing.ts';
import { describeError } from '../i18n/messages.ts';
import { formatValue } from '../i18n/i18n.ts';
import { percent } from '../dashboard/dashboard-messages.ts';
import type { Store, ViewState } from '../data/state.ts';
import { el, nameOf } from '../dom.ts';
import { it } from './introduction-messages.ts';

const GROUPINGS: readonly SummaryGrouping[] = ['region', 'cluster', 'type'];
const SIDES: readonly SummarySide[] = ['asker', 'target'];
/** Groups drawn in the chart at most (the table lists them all). */
const CHART_GROUPS = 15;

export interface FollowUp {
  root: HTMLElement;
  /** Asks the server again (the grouping, the language or the requests changed). */
  refresh(): void;
  kill(): void;
}

export function createFollowUp(store: Store): FollowUp {
  const root = el('section', { className: 'intro-followup', id: 'intro-followup', 'aria-labelledby': 'intro-followup-title' });
  let chart: Chart | null = null;
  let generation = 0;

  async function refresh(): Promise<void> {
    const s = store.get();
    const run = ++generation;
    const by = el('select', { id: 'intro-followup-by' }, ...GROUPINGS.map((g) => {
      const o = el('option', { value: g }, it(`followup.by.${g}`));
      o.selected = g === s.requests.by;
      return o;
    }));
    by.addEventListener('change', () => store.set((x: ViewState) => ({ requests: { ...x.requests, by: by.value as SummaryGrouping } })));
    const side = el('select', { id: 'intro-followup-side' }, ...SIDES.map((g) => {
      const o = el('option', { value: g }, it(`followup.side.${g}`));
      o.selected = g === s.requests.side;
      return o;
    }));
    side.addEventListener('change', () => store.set((x: ViewState) => ({ requests: { ...x.requests, side: side.value as SummarySide } })));
    const status = el('p', { className: 'muted' }, it('followup.loading'));
    const body = el('div', { className: 'intro-followup-body' }, status);
    root.replaceChildren(
      el('div', { className: 'chart-head' },
        el('h3', { id: 'intro-followup-title' }, it('followup.title')),
        el('span', { className: 'intro-inline-fields' },
          el('label', { className: 'intro-inline-field' }, it('followup.by'), ' ', by),
          el('label', { className: 'intro-inline-field' }, it('followup.side'), ' ', side),
        ),
      ),
      el('p', { className: 'muted small-text' }, it('followup.note')),
      body,
    );
    chart?.destroy();
    chart = null;
    try {
      const summary = await getIntroductionSummary(s.requests.by, s.requests.side);
      if (run !== generation) return;
      if (!summary.rows.length) {
        status.textContent = it('followup.none');
        return;
      }
      const canvas = el('canvas', { role: 'img', 'aria-label': `${it('followup.title')}: ${it(`followup.by.${summary.by}`)}` });
      body.replaceChildren(summaryTable(summary, s.lang), el('div', { className: 'chart-box intro-chart' }, canvas));
      await drawChart(canvas, summary, s.lang, run);
    } catch (err) {
      if (run !== generation) return;
      status.className = 'error-text';
      status.textContent = describeError(err, it('followup.feature'));
    }
  }

  async function drawChart(canvas: HTMLCanvasElement, summary: IntroductionSummaryResponse, lang: ViewState['lang'], run: number): Promise<void> {
    const { Chart: ChartClass, registerables } = await import('chart.js');
    if (run !== generation) return;
    ChartClass.register(...registerables);
    ChartClass.defaults.font.family = FONT_STACK;
    const rows = [...summary.rows].sort((a, b) => b.requests - a.requests).slice(0, CHART_GROUPS);
    chart = new ChartClass(canvas, {
      type: 'bar',
      data: {
        labels: rows.map((r) => nameOf(r, lang)),
        datasets: [
          { label: it('followup.requests'), data: rows.map((r) => r.requests), backgroundColor: TABLEAU_10[0], maxBarThickness: 36 },
          { label: it('followup.accepted'), data: rows.map((r) => r.accepted), backgroundColor: TABLEAU_10[1], maxBarThickness: 36 },
          { label: it('followup.collaborating'), data: rows.map((r) => r.collaborating), backgroundColor: TABLEAU_10[4], maxBarThickness: 36 },
        ],
      },
      options: { responsive: true, maintainAspectRatio: false, animation: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
    });
    root.dataset.ready = 'true';
  }

  return {
    root,
    refresh: () => void refresh(),
    kill() {
      generation++;
      chart?.destroy();
    },
  };
}

/** The table: one row per group, and the whole program once (a request may count in several groups). */
function summaryTable(summary: IntroductionSummaryResponse, lang: ViewState['lang']): HTMLElement {
  const rate = (r: number | null) => (r === null ? it('followup.noRate') : percent(r));
  const cell = (v: string | number) => el('td', {}, typeof v === 'number' ? formatValue(v) : v);
  return el('table', { className: 'intro-table', id: 'intro-followup-table' },
    el('thead', {}, el('tr', {}, ...[it('followup.group'), it('followup.requests'), it('followup.accepted'), it('followup.rate'), it('followup.collaborating')].map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, ...summary.rows.map((r) => el('tr', { 'data-key': r.key }, el('th', { scope: 'row' }, nameOf(r, lang)), cell(r.requests), cell(r.accepted), cell(rate(r.acceptanceRate)), cell(r.collaborating)))),
    summary.total
      ? el('tfoot', {}, el('tr', {}, el('th', { scope: 'row' }, it('followup.total')), cell(summary.total.requests), cell(summary.total.accepted), cell(rate(summary.total.acceptanceRate)), cell(summary.total.collaborating)))
      : null,
  );
}
