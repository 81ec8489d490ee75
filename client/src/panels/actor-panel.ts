/**
 * The actor panel: who the selected actor is (type, place, size, clusters, fields it offers and
 * seeks), the partners the suggestion engine proposes with their reasons, and its ties. Choosing
 * a suggestion draws its introduction path on the graph (through the intermediary the reasons
 * name, else the shortest path); choosing a partner or an intermediary selects that actor.
 */
import { ApiError, getActor, getSuggestions, type ActorDetail, type SuggestionResult } from '../data/api.ts';
import { typeColor } from '../graph/colors.ts';
import { introductionPath } from '../graph/focus.ts';
import { t, formatValue, type MessageKey } from '../i18n/i18n.ts';
import { describeError } from '../i18n/messages.ts';
import { actorName, refName, type NetworkData } from '../data/network-data.ts';
import { el, chips, nameOf } from '../dom.ts';
import type { Lang, Store } from '../data/state.ts';

type Suggestion = SuggestionResult['suggestions'][number];

export interface ActorPanelOptions {
  onCentre(id: string): void;
  /** Frames the actors of an introduction path. */
  onShowPath(ids: string[]): void;
  onUnknownActor(id: string): void;
}

export function createActorPanel(root: HTMLElement, data: NetworkData, store: Store, options: ActorPanelOptions): { render(): void; kill(): void } {
  let detail: ActorDetail | null = null;
  let detailError: unknown = null;
  let suggestions: SuggestionResult | null = null;
  let suggestionsError: unknown = null;
  let loadedFor: string | null = null;
  let controller: AbortController | null = null;

  async function load(id: string): Promise<void> {
    controller?.abort();
    controller = new AbortController();
    const signal = controller.signal;
    loadedFor = id;
    detail = suggestions = null;
    detailError = suggestionsError = null;
    render();
    const actor = getActor(id, signal).then(
      (d) => (detail = d),
      (err) => (detailError = err),
    );
    const suggested = getSuggestions(id, signal).then(
      (s) => (suggestions = s),
      (err) => (suggestionsError = err),
    );
    await actor;
    if (signal.aborted) return;
    if (detailError instanceof ApiError && detailError.kind === 'not-found') {
      options.onUnknownActor(id);
      return;
    }
    render();
    await suggested;
    if (signal.aborted) return;
    restorePath();
    render();
  }

  /** A suggestion named by the URL gets its path once the suggestions are known. */
  function restorePath(): void {
    const s = store.get();
    if (!s.suggestion || s.path || !suggestions || !s.selected) return;
    const chosen = suggestions.suggestions.find((x) => x.id === s.suggestion);
    if (chosen) store.set({ path: pathFor(s.selected, chosen) });
  }

  function pathFor(from: string, s: Suggestion): string[] {
    return introductionPath(data.graph, from, s.id, s.reasons.flatMap((r) => r.via));
  }

  function render(): void {
    const s = store.get();
    const id = s.selected;
    if (!id) {
      root.hidden = true;
      root.replaceChildren();
      return;
    }
    root.hidden = false;
    const lang = s.lang;
    const attr = data.graph.hasNode(id) ? data.graph.getNodeAttributes(id) : null;
    const type = attr?.actorType ?? detail?.actor.type;
    const typeRef = data.reference.types.find((x) => x.id === type);

    const close = el('button', { className: 'icon-button panel-close', title: t('panel.close'), 'aria-label': t('panel.close') }, '×');
    close.addEventListener('click', () => store.set({ selected: null, suggestion: null, path: null }));
    const name = attr ? actorName(attr, lang) : detail ? nameOf(detail.actor, lang) : id;
    const other = attr ? (lang === 'ja' ? attr.label : attr.name_ja) : '';
    const head = el('header', { className: 'panel-head' },
      el('div', { className: 'panel-type' }, el('span', { className: 'dot', style: `background:${typeColor(data, type ?? '')}` }), typeRef ? refName(typeRef, lang) : ''),
      el('h2', { id: 'panel-title' }, name),
      other ? el('div', { className: 'panel-other-name' }, other) : '',
      close,
    );
    const centre = el('button', { className: 'button small' }, t('panel.focus'));
    centre.addEventListener('click', () => options.onCentre(id));
    const parts: (HTMLElement | string)[] = [head, el('div', { className: 'panel-actions' }, centre)];
    if (attr?.hidden) parts.push(el('p', { className: 'note' }, t('panel.hiddenByFilters')));

    if (detailError) parts.push(el('p', { className: 'error-text' }, describeError(detailError)));
    else if (!detail || loadedFor !== id) parts.push(el('p', { className: 'muted' }, t('panel.loading')));
    else parts.push(detailsSection(detail, lang), suggestionsSection(id, lang), tiesSection(detail, lang));
    root.replaceChildren(...parts);
    root.setAttribute('aria-labelledby', 'panel-title');
  }

  function detailsSection(d: ActorDetail, lang: Lang): HTMLElement {
    const a = d.actor;
    const attr = data.graph.hasNode(a.id) ? data.graph.getNodeAttributes(a.id) : null;
    const pref = attr && attr.prefecture >= 0 ? data.reference.prefectures[attr.prefecture] : null;
    const region = attr && attr.region >= 0 ? data.reference.regions[attr.region] : null;
    const rows: [MessageKey, string][] = [];
    if (pref) rows.push(['panel.prefecture', `${refName(pref, lang)}${region ? ` (${refName(region, lang)})` : ''}`]);
    else if (a.prefecture) rows.push(['panel.prefecture', a.prefecture]);
    if (a.country && a.country !== 'JP') rows.push(['panel.country', new Intl.DisplayNames([lang], { type: 'region' }).of(a.country) ?? a.country]);
    if (a.employees !== undefined) rows.push(['panel.employees', formatValue(a.employees)]);
    if (a.founded !== undefined) rows.push(['panel.founded', String(a.founded)]);
    if (a.facility) rows.push(['panel.facility', a.facility]);
    const dl = el('dl', { className: 'facts' }, ...rows.flatMap(([k, v]) => [el('dt', {}, t(k)), el('dd', {}, v)]));
    return el('section', { className: 'panel-section' },
      dl,
      el('h3', {}, t('panel.clusters')), chips(d.clusters, lang, t('panel.none')),
      el('h3', {}, t('panel.fields')), chips(d.fields, lang, t('panel.none')),
      el('h3', {}, t('panel.seeks')), chips(d.seeks, lang, t('panel.none')),
    );
  }

  function suggestionsSection(id: string, lang: Lang): HTMLElement {
    const section = el('section', { className: 'panel-section', 'aria-labelledby': 'suggestions-title' }, el('h3', { id: 'suggestions-title' }, t('panel.suggestions')));
    if (suggestionsError) {
      section.append(el('p', { className: 'error-text' }, describeError(suggestionsError, t('panel.suggestionsFeature'))));
      return section;
    }
    if (!suggestions) {
      section.append(el('p', { className: 'muted' }, t('panel.suggestionsLoading')));
      return section;
    }
    if (!suggestions.suggestions.length) {
      // The server says why the list is empty (no actor of those types, all partners already, ...).
      const notice = suggestions.notice;
      section.append(el('p', { className: 'muted' }, notice ? t('panel.suggestionsNotice', { text: lang === 'ja' ? notice.text_ja : notice.text }) : t('panel.noSuggestions')));
      return section;
    }
    const best = Math.max(...suggestions.suggestions.map((x) => x.score), 1e-9);
    const chosen = store.get().suggestion;
    const list = el('ol', { className: 'suggestions' });
    for (const sug of suggestions.suggestions) {
      const active = sug.id === chosen;
      const person = actorButton(sug.id, nameOf(sug, lang), sug.type);
      const bar = el('span', { className: 'score-bar', title: t('panel.score', { score: sug.score.toFixed(2) }) }, el('span', { style: `width:${Math.round((sug.score / best) * 100)}%` }));
      const reasons = el('ul', { className: 'reasons' },
        ...sug.reasons.map((r) => el('li', {}, lang === 'ja' ? r.text_ja : r.text)),
      );
      const via = [...new Set(sug.reasons.flatMap((r) => r.via))].filter((v) => data.graph.hasNode(v)).slice(0, 3);
      const viaLine = via.length
        ? el('p', { className: 'via' }, `${t('panel.via')}: `, ...via.flatMap((v, i) => [i ? ', ' : '', actorButton(v, actorName(data.graph.getNodeAttributes(v), lang))]))
        : '';
      const pathButton = el('button', { className: `button small${active ? ' primary' : ''}`, 'aria-pressed': String(active) }, active ? t('panel.pathShown') : t('panel.showPath'));
      pathButton.addEventListener('click', () => {
        if (active) store.set({ suggestion: null, path: null });
        else {
          const path = pathFor(id, sug);
          store.set({ suggestion: sug.id, path });
          options.onShowPath(path);
        }
      });
      list.append(el('li', { className: active ? 'active' : '' }, el('div', { className: 'suggestion-head' }, person, bar), reasons, viaLine, pathButton));
    }
    section.append(list);
    // Which method ranked these, and how it fared on the network's own most recent year.
    for (const m of suggestions.method ?? []) {
      const label = lang === 'ja' ? m.label.ja : m.label.en;
      const held = m.checked?.heldOut;
      const text = held && m.checked
        ? t('panel.methodChecked', { method: label, year: m.checked.year, recall: held.recallAt10.toFixed(3), mrr: held.mrrAt20.toFixed(3) })
        : t('panel.method', { method: label });
      section.append(el('p', { className: 'muted method-line', title: m.checked?.why ?? '' }, text));
    }
    return section;
  }

  function tiesSection(d: ActorDetail, lang: Lang): HTMLElement {
    const section = el('section', { className: 'panel-section' }, el('h3', {}, t('panel.ties', { n: d.tieCount })));
    if (!d.ties.length) {
      section.append(el('p', { className: 'muted' }, t('panel.noTies')));
      return section;
    }
    if (d.tieCount > d.ties.length) section.append(el('p', { className: 'muted' }, t('panel.tiesShown', { shown: d.ties.length, n: d.tieCount })));
    const list = el('ul', { className: 'ties' });
    for (const tie of d.ties.slice(0, 60)) {
      const kind = `${t(`direction.${tie.direction}` as MessageKey)} ${t(`kind.${tie.kind}` as MessageKey)}`;
      const since = tie.since ? ` · ${t('panel.since', { year: String(tie.since) })}` : '';
      list.append(el('li', {}, actorButton(tie.id, nameOf(tie, lang), tie.type), el('span', { className: 'tie-kind' }, kind + since)));
    }
    section.append(list);
    return section;
  }

  function actorButton(id: string, label: string, type?: string): HTMLElement {
    const b = el('button', { className: 'actor-link' }, type ? el('span', { className: 'dot', style: `background:${typeColor(data, type)}` }) : '', label);
    b.addEventListener('click', () => {
      store.set({ selected: id, suggestion: null, path: null });
      options.onCentre(id);
    });
    return b;
  }

  const kill = store.subscribe((s, prev) => {
    if (s.selected !== prev.selected) {
      if (s.selected) void load(s.selected);
      else {
        controller?.abort();
        loadedFor = null;
        render();
      }
    } else if (s.lang !== prev.lang || s.suggestion !== prev.suggestion || s.filters !== prev.filters) render();
  });
  if (store.get().selected) void load(store.get().selected!);
  return { render, kill };
}
