/**
 * The partners the suggestion engine proposes for an actor, each with its score, its reasons and
 * the intermediaries they name; a button draws its introduction path on the graph (through the
 * intermediary the reasons name, else the shortest path). Below the list, the method that ranked
 * them and how it fared on the network's most recent year.
 */
import type { SuggestionResult } from '../data/api.ts';
import { introductionPath } from '../graph/focus.ts';
import { t } from '../i18n/i18n.ts';
import { describeError } from '../i18n/messages.ts';
import { actorName, type NetworkData } from '../data/network-data.ts';
import { el, nameOf } from '../dom.ts';
import type { Lang, Store } from '../data/state.ts';
import type { ActorLinks } from './actor-link.ts';

export type Suggestion = SuggestionResult['suggestions'][number];

/** Intermediaries named at most per suggestion. */
const VIA_SHOWN = 3;

/** The introduction path from `from` to a suggested partner. */
export function pathFor(data: NetworkData, from: string, s: Suggestion): string[] {
  return introductionPath(data.graph, from, s.id, s.reasons.flatMap((r) => r.via));
}

export interface SuggestionListContext {
  data: NetworkData;
  store: Store;
  links: ActorLinks;
  /** Frames the actors of an introduction path. */
  onShowPath(ids: string[]): void;
  /** The introduction request control of a suggestion of `asker` (ask-introduction.ts), when the viewer may ask. */
  introduce?(asker: string, sug: Suggestion): HTMLElement | null;
}

/**
 * The section for actor `id`: loading, the server's error or notice, or the list; `chooser` (what
 * to look for, target-chooser.ts) goes under the title.
 */
export function suggestionsSection(ctx: SuggestionListContext, id: string, lang: Lang, suggestions: SuggestionResult | null, error: unknown, chooser?: HTMLElement): HTMLElement {
  const section = el('section', { className: 'panel-section', 'aria-labelledby': 'suggestions-title' }, el('h3', { id: 'suggestions-title' }, t('panel.suggestions')), chooser);
  if (error) {
    section.append(el('p', { className: 'error-text' }, describeError(error, t('panel.suggestionsFeature'))));
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
  const chosen = ctx.store.get().suggestion;
  const list = el('ol', { className: 'suggestions' });
  for (const sug of suggestions.suggestions) list.append(suggestionItem(ctx, id, sug, sug.id === chosen, best, lang));
  section.append(list, ...methodLines(suggestions, lang));
  return section;
}

function suggestionItem(ctx: SuggestionListContext, id: string, sug: Suggestion, active: boolean, best: number, lang: Lang): HTMLElement {
  const { data, store, links } = ctx;
  const person = links.link(sug.id, nameOf(sug, lang), sug.type);
  const bar = el('span', { className: 'score-bar', title: t('panel.score', { score: sug.score.toFixed(2) }) }, el('span', { style: `width:${Math.round((sug.score / best) * 100)}%` }));
  const reasons = el('ul', { className: 'reasons' }, ...sug.reasons.map((r) => el('li', {}, lang === 'ja' ? r.text_ja : r.text)));
  const via = [...new Set(sug.reasons.flatMap((r) => r.via))].filter((v) => data.graph.hasNode(v)).slice(0, VIA_SHOWN);
  const viaLine = via.length
    ? el('p', { className: 'via' }, `${t('panel.via')}: `, ...via.flatMap((v, i) => [i ? ', ' : '', links.link(v, actorName(data.graph.getNodeAttributes(v), lang))]))
    : '';
  const pathButton = el('button', { className: `button small${active ? ' primary' : ''}`, 'aria-pressed': String(active) }, active ? t('panel.pathShown') : t('panel.showPath'));
  pathButton.addEventListener('click', () => {
    if (active) store.set({ suggestion: null, path: null });
    else {
      const path = pathFor(data, id, sug);
      store.set({ suggestion: sug.id, path });
      ctx.onShowPath(path);
    }
  });
  return el('li', { className: active ? 'active' : '' }, el('div', { className: 'suggestion-head' }, person, bar), reasons, viaLine, pathButton, ctx.introduce?.(id, sug));
}

/** Which method ranked the list, and how it fared on the network's own most recent year. */
function methodLines(suggestions: SuggestionResult, lang: Lang): HTMLElement[] {
  return (suggestions.method ?? []).map((m) => {
    const label = lang === 'ja' ? m.label.ja : m.label.en;
    const held = m.checked?.heldOut;
    const text = held && m.checked
      ? t('panel.methodChecked', { method: label, year: m.checked.year, recall: held.recallAt10.toFixed(3), mrr: held.mrrAt20.toFixed(3) })
      : t('panel.method', { method: label });
    return el('p', { className: 'muted method-line', title: m.checked?.why ?? '' }, text);
  });
}
