/**
 * The actor panel: loads the selected actor and its suggestions (the older request aborted when
 * another actor is chosen) and lays out its parts: the head (type, names, close, centre), who it
 * is (actor-details.ts), the partners proposed (suggestion-list.ts) and its ties. The head shows
 * in the selection's own frame; the requests go out once the browser is idle after it. The
 * suggestions follow the target chooser (target-chooser.ts); the head offers the edits the user
 * may make (actor-editor.ts, tie-editor.ts), after which the panel and the network are loaded again.
 */
import { ApiError, getActor, getSuggestions, isAnonymousId, type ActorDetail, type SuggestionResult } from '../data/api.ts';
import { typeColor } from '../graph/colors.ts';
import { t } from '../i18n/i18n.ts';
import { describeError } from '../i18n/messages.ts';
import { actorName, refName, type NetworkData } from '../data/network-data.ts';
import { el, nameOf, whenIdle } from '../dom.ts';
import type { Store } from '../data/state.ts';
import { actorLinks } from './actor-link.ts';
import { detailsSection, tiesSection } from './actor-details.ts';
import { pathFor, suggestionsSection } from './suggestion-list.ts';
import { createAskIntroduction } from './ask-introduction.ts';
import { targetChooser } from './target-chooser.ts';
import { editButtons, editsNetwork, type EditorContext } from './actor-editor.ts';
import { tieEditorButton } from './tie-editor.ts';
import { reloadNetwork } from '../data/network-reload.ts';
import { showMessage } from '../i18n/messages.ts';
import { editText } from './editor-messages.ts';

export interface ActorPanelOptions {
  onCentre(id: string): void;
  /** Frames the actors of an introduction path. */
  onShowPath(ids: string[]): void;
  onUnknownActor(id: string): void;
}

/** What is known of the actor whose panel is open. */
interface Loaded {
  id: string;
  detail: ActorDetail | null;
  detailError: unknown;
  suggestions: SuggestionResult | null;
  suggestionsError: unknown;
}

export function createActorPanel(root: HTMLElement, data: NetworkData, store: Store, options: ActorPanelOptions): { render(): void; kill(): void; editor: EditorContext } {
  let loaded: Loaded | null = null;
  let controller: AbortController | null = null;
  const links = actorLinks(data, store, options.onCentre);
  const listContext = { data, store, links, onShowPath: options.onShowPath, introduce: createAskIntroduction(data, store).control };

  /** Loads the actor; `quiet` (a refresh after a request changed) keeps what is shown until the new answers arrive. */
  async function load(id: string, quiet = false): Promise<void> {
    controller?.abort();
    controller = new AbortController();
    const signal = controller.signal;
    const kept = quiet && loaded?.id === id ? loaded : null;
    const current: Loaded = (loaded = kept ? { ...kept, detailError: null, suggestionsError: null } : { id, detail: null, detailError: null, suggestions: null, suggestionsError: null });
    if (!kept) render();
    // A hidden actor (clicked in the graph): the server would answer 404; the panel says why.
    if (isAnonymousId(id)) return;
    // Starting two requests costs 1-2 ms of the main thread (tens on a busy machine): they wait
    // until the frame that shows the selection on the graph and the panel's head is drawn, and
    // an actor passed over before then (Back pressed twice, say) is not requested at all.
    await whenIdle();
    if (signal.aborted) return;
    const actor = getActor(id, signal).then(
      (d) => (current.detail = d),
      (err) => (current.detailError = err),
    );
    const suggested = getSuggestions(id, signal, store.get().targets).then(
      (s) => (current.suggestions = s),
      (err) => (current.suggestionsError = err),
    );
    await actor;
    if (signal.aborted) return;
    if (current.detailError instanceof ApiError && current.detailError.kind === 'not-found') {
      options.onUnknownActor(id);
      return;
    }
    render();
    await suggested;
    if (signal.aborted) return;
    restorePath();
    render();
  }

  /** The suggestions again, for what the target chooser now asks (the actor's details stay). */
  async function reloadSuggestions(): Promise<void> {
    const before = loaded;
    if (!before?.detail || isAnonymousId(before.id)) return;
    controller?.abort();
    controller = new AbortController();
    const signal = controller.signal;
    const current: Loaded = (loaded = { ...before, suggestions: null, suggestionsError: null });
    render();
    await getSuggestions(current.id, signal, store.get().targets).then(
      (s) => (current.suggestions = s),
      (err) => (current.suggestionsError = err),
    );
    if (signal.aborted) return;
    restorePath();
    render();
  }

  /** After an edit or an import: the network again, then this actor (or the one to open). */
  const editor: EditorContext = {
    data,
    store,
    async onWritten(select) {
      // The panel first (one actor, at once); the drawing follows when the server has laid out
      // the new network (seconds on a large one).
      const network = reloadNetwork(data, store).then(
        () => true,
        (err: unknown) => {
          showMessage(editText('edit.reloadFailed', { message: describeError(err) }));
          return false;
        },
      );
      const s = store.get();
      const opened = select !== null && select !== s.selected;
      if (opened) store.set({ selected: select, suggestion: null, path: null });
      else if (s.selected) await load(s.selected, true);
      const reloaded = await network;
      if (opened && data.graph.hasNode(select)) options.onCentre(select);
      return reloaded;
    },
  };

  /** A suggestion named by the URL (or the history) gets its path once the suggestions are known. */
  function restorePath(): void {
    const s = store.get();
    if (!s.suggestion || s.path || !s.selected || loaded?.id !== s.selected || !loaded.suggestions) return;
    const chosen = loaded.suggestions.suggestions.find((x) => x.id === s.suggestion);
    if (chosen) store.set({ path: pathFor(data, s.selected, chosen) });
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
    const current = loaded?.id === id ? loaded : null;
    const detail = current?.detail ?? null;
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
    const edits = detail ? [...editButtons(editor, detail), editsNetwork(s.session) ? tieEditorButton(editor, detail) : ''] : [];
    const parts: (HTMLElement | string)[] = [head, el('div', { className: 'panel-actions' }, centre, ...edits)];
    if (attr?.hidden) parts.push(el('p', { className: 'note' }, t('panel.hiddenByFilters')));

    if (isAnonymousId(id)) parts.push(el('p', { className: 'note', id: 'panel-not-public' }, t('panel.notPublic')));
    else if (current?.detailError) parts.push(el('p', { className: 'error-text' }, describeError(current.detailError)));
    else if (!current || !detail) parts.push(el('p', { className: 'muted' }, t('panel.loading')));
    else parts.push(detailsSection(data, detail, lang), suggestionsSection(listContext, id, lang, current.suggestions, current.suggestionsError, targetChooser(data, store, lang, { detail, usualTypes: current.suggestions?.types ?? null })), tiesSection(detail, lang, links));
    // A control used from the keyboard (the target chooser's, say) keeps the focus across the rebuild.
    const focused = root.contains(document.activeElement) ? document.activeElement?.id : '';
    root.replaceChildren(...parts);
    if (focused) document.getElementById(focused)?.focus();
    root.setAttribute('aria-labelledby', 'panel-title');
  }

  const kill = store.subscribe((s, prev) => {
    if (s.selected !== prev.selected) {
      if (s.selected) void load(s.selected);
      else {
        controller?.abort();
        loaded = null;
        render();
      }
    } else if (s.targets !== prev.targets && s.selected) {
      void reloadSuggestions();
    } else if (s.introductionsChanged !== prev.introductionsChanged && s.selected) {
      // A request moved on (a new tie, a request asked): the ties and suggestions are asked again.
      void load(s.selected, true);
    } else if (s.lang !== prev.lang || s.suggestion !== prev.suggestion || s.filters !== prev.filters || s.session !== prev.session) {
      restorePath();
      render();
    }
  });
  if (store.get().selected) void load(store.get().selected!);
  return { render, kill, editor };
}
