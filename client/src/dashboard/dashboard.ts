/**
 * The dashboard: a grid of cards, one chart each (dashboard-charts.ts), each with its numbers as
 * a CSV download. chart.js is loaded only when the dashboard is first opened, so it costs nothing
 * to the first drawing of the network. A chart whose data the server cannot give says why.
 */
import type { Chart } from 'chart.js';
import { chartDefinitions, type ChartDef } from './dashboard-charts.ts';
import { csvBlob, type Table } from './csv.ts';
import { download, el } from '../dom.ts';
import { t } from '../i18n/i18n.ts';
import { FONT_STACK } from '../graph/label-drawing.ts';
import { describeError } from '../i18n/messages.ts';
import type { NetworkData } from '../data/network-data.ts';
import type { Store } from '../data/state.ts';

interface Card {
  def: ChartDef;
  root: HTMLElement;
  chart: Chart | null;
  table: Table | null;
}

export function createDashboard(root: HTMLElement, data: NetworkData, store: Store): () => void {
  const defs = chartDefinitions(data);
  let cards: Card[] = [];
  let built = false;
  let stale = false;

  async function build(): Promise<void> {
    built = true;
    stale = false;
    const { Chart, registerables } = await import('chart.js');
    Chart.register(...registerables);
    Chart.defaults.font.family = FONT_STACK;
    Chart.defaults.color = '#3b4350';
    cards = defs.map((def) => ({ def, root: el('article', { className: 'chart-card', 'data-chart': def.id }), chart: null, table: null }));
    root.replaceChildren(
      el('header', { className: 'dashboard-head' }, el('h2', { 'data-i18n': 'dashboard.title' }, t('dashboard.title')), el('p', { className: 'muted', 'data-i18n': 'dashboard.note' }, t('dashboard.note'))),
      el('div', { className: 'chart-grid' }, ...cards.map((c) => c.root)),
    );
    await Promise.all(cards.map((card) => drawCard(card, Chart)));
  }

  async function drawCard(card: Card, ChartClass: typeof Chart): Promise<void> {
    const lang = store.get().lang;
    const button = el('button', { className: 'button small', title: t('dashboard.csvTitle') }, t('dashboard.csv'));
    button.disabled = true;
    button.addEventListener('click', () => card.table && download(`${card.def.id}.csv`, csvBlob(card.table)));
    const status = el('p', { className: 'muted chart-status' }, t('dashboard.loading'));
    const canvas = el('canvas', { role: 'img', 'aria-label': t(card.def.title) });
    card.root.replaceChildren(el('div', { className: 'chart-head' }, el('h3', {}, t(card.def.title)), button), status, el('div', { className: 'chart-box' }, canvas));
    try {
      card.table = await card.def.table(lang);
      card.chart?.destroy();
      card.chart = new ChartClass(canvas, card.def.config(card.table, lang));
      status.remove();
      button.disabled = false;
      card.root.dataset.ready = 'true';
    } catch (err) {
      status.className = 'error-text chart-status';
      status.textContent = describeError(err, t(card.def.feature));
      card.root.dataset.ready = 'error';
    }
  }

  async function relabel(): Promise<void> {
    stale = false;
    if (!cards.length) return;
    const { Chart } = await import('chart.js');
    root.querySelectorAll<HTMLElement>('[data-i18n]').forEach((e) => (e.textContent = t(e.dataset.i18n as Parameters<typeof t>[0])));
    await Promise.all(cards.map((card) => drawCard(card, Chart)));
  }

  const unsubscribe = store.subscribe((s, prev) => {
    if (s.lang !== prev.lang) stale = true;
    if (s.view !== 'dashboard' || (prev.view === 'dashboard' && s.lang === prev.lang)) return;
    if (!built) void build();
    else if (stale) void relabel();
  });
  if (store.get().view === 'dashboard') void build();
  return () => {
    unsubscribe();
    cards.forEach((c) => c.chart?.destroy());
  };
}
