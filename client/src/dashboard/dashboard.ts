/**
 * The dashboard: a grid of cards, one chart each (dashboard-charts.ts), each with its numbers as
 * a CSV download. It follows the filters and the year slider: the head says what they keep, and a
 * card whose numbers do not follow them says which. chart.js is loaded only when the dashboard is
 * first opened, so it costs nothing to the first drawing of the network. A chart whose data the
 * server cannot give says why.
 */
import type { Chart } from 'chart.js';
import { chartDefinitions, type ChartDef } from './dashboard-charts.ts';
import { csvBlob, type Table } from './csv.ts';
import { text } from './dashboard-messages.ts';
import { filteredMeasures, type FilteredMeasures } from './filtered-measures.ts';
import { describeFilters } from '../panels/filter-panel.ts';
import { download, el } from '../dom.ts';
import { t } from '../i18n/i18n.ts';
import { FONT_STACK } from '../graph/label-drawing.ts';
import { describeError } from '../i18n/messages.ts';
import type { NetworkData } from '../data/network-data.ts';
import { hasFilters, type Store, type ViewState } from '../data/state.ts';

interface Card {
  def: ChartDef;
  root: HTMLElement;
  chart: Chart | null;
  table: Table | null;
}

/** Height of a horizontal bar chart: room for every bar's label. */
const BAR_HEIGHT = 20;

export function createDashboard(root: HTMLElement, data: NetworkData, store: Store): () => void {
  const defs = chartDefinitions(data, store);
  let cards: Card[] = [];
  let built = false;
  // What the cards were last drawn for; a change of language or filters redraws them when shown.
  let drawnFor: Pick<ViewState, 'lang' | 'filters'> | null = null;
  let generation = 0;

  async function build(): Promise<void> {
    built = true;
    const { Chart, registerables } = await import('chart.js');
    Chart.register(...registerables);
    Chart.defaults.font.family = FONT_STACK;
    Chart.defaults.color = '#3b4350';
    cards = defs.map((def) => ({ def, root: el('article', { className: 'chart-card', 'data-chart': def.id }), chart: null, table: null }));
    root.replaceChildren(
      el('header', { className: 'dashboard-head' },
        el('h2', { 'data-i18n': 'dashboard.title' }, t('dashboard.title')),
        el('p', { className: 'dashboard-scope' }),
        el('p', { className: 'muted', 'data-i18n': 'dashboard.note' }, t('dashboard.note')),
      ),
      el('div', { className: 'chart-grid' }, ...cards.map((c) => c.root)),
    );
    await redraw(Chart);
  }

  /** Every card again, for the current language and filters. */
  async function redraw(ChartClass: typeof Chart): Promise<void> {
    const s = store.get();
    drawnFor = { lang: s.lang, filters: s.filters };
    const run = ++generation;
    const measures = filteredMeasures(data, s.filters);
    root.querySelectorAll<HTMLElement>('[data-i18n]').forEach((e) => (e.textContent = t(e.dataset.i18n as Parameters<typeof t>[0])));
    const scope = root.querySelector<HTMLElement>('.dashboard-scope')!;
    scope.textContent = !hasFilters(s.filters)
      ? text(s.lang, 'scope.all')
      : measures.actors === 0
        ? text(s.lang, 'scope.empty')
        : `${text(s.lang, 'scope.filtered', { filters: describeFilters(s.filters, data, s.lang) })} ${text(s.lang, 'scope.count', { actors: measures.actors, ties: measures.ties })}`;
    await Promise.all(cards.map((card) => drawCard(card, ChartClass, measures, run)));
  }

  async function drawCard(card: Card, ChartClass: typeof Chart, measures: FilteredMeasures, run: number): Promise<void> {
    const lang = store.get().lang;
    delete card.root.dataset.ready;
    const button = el('button', { className: 'button small', title: t('dashboard.csvTitle') }, t('dashboard.csv'));
    button.disabled = true;
    button.addEventListener('click', () => card.table && download(`${card.def.id}.csv`, csvBlob(card.table)));
    const status = el('p', { className: 'muted chart-status' }, t('dashboard.loading'));
    const canvas = el('canvas', { role: 'img', 'aria-label': t(card.def.title) });
    const box = el('div', { className: 'chart-box' }, canvas);
    const scope = card.def.scope ? el('p', { className: 'muted chart-scope' }, text(lang, card.def.scope)) : null;
    card.chart?.destroy();
    card.chart = null;
    card.root.replaceChildren(...[el('div', { className: 'chart-head' }, el('h3', {}, t(card.def.title)), button), scope, status, box].filter((n) => n !== null));
    try {
      const table = await card.def.table(lang, measures);
      if (run !== generation) return; // A newer redraw owns the card.
      card.table = table;
      if (card.def.horizontal) box.style.height = `${Math.max(260, table.rows.length * BAR_HEIGHT + 70)}px`;
      card.chart = new ChartClass(canvas, card.def.config(table, lang));
      status.remove();
      button.disabled = false;
      card.root.dataset.ready = 'true';
    } catch (err) {
      if (run !== generation) return;
      status.className = 'error-text chart-status';
      status.textContent = describeError(err, t(card.def.feature));
      card.root.dataset.ready = 'error';
    }
  }

  let pending = 0;
  const unsubscribe = store.subscribe((s) => {
    if (s.view !== 'dashboard') return;
    if (!built) {
      void build();
      return;
    }
    if (drawnFor && drawnFor.lang === s.lang && drawnFor.filters === s.filters) return;
    // Checkbox after checkbox: draw once the filters settle (the cards are not ready meanwhile).
    cards.forEach((c) => delete c.root.dataset.ready);
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(() => void import('chart.js').then(({ Chart }) => redraw(Chart)));
  });
  if (store.get().view === 'dashboard') void build();
  return () => {
    unsubscribe();
    cancelAnimationFrame(pending);
    cards.forEach((c) => c.chart?.destroy());
  };
}
