/**
 * The Introductions view (a tab of the top bar for logged-in users): the requests the user is
 * involved in — for coordinators every request, with filters by status, region, cluster project
 * and actor type, counts by status, the program's follow-up (introductions-summary.ts) and the
 * CSV — and, beside the list, the request opened (introductions-card.ts) with what the user may do
 * next. The request opened and the filters are view state (`ViewState.requests`, in the URL):
 * opening a request is a history entry, so Back returns to the one before.
 */
import './introductions.css';
import type { Introduction, IntroductionAction, IntroductionListResponse, IntroductionStatus } from '../../../server/contract/api.ts';
import { ApiError } from '../data/api.ts';
import { getIntroduction, introductionsCsvUrl, listIntroductions } from '../data/introductions-api.ts';
import { refName, type NetworkData } from '../data/network-data.ts';
import { DEFAULT_REQUESTS, type RequestsView, type Store, type ViewState } from '../data/state.ts';
import { el } from '../dom.ts';
import { describeError } from '../i18n/messages.ts';
import { detailCard, listItem } from './introductions-card.ts';
import { createFollowUp } from './introductions-summary.ts';
import { it, statusText } from './introduction-messages.ts';

export interface IntroductionsViewOptions {
  /** A request became a collaboration: the network and the actor panel refresh. */
  onCollaboration(): void;
  /** Opens an actor in the network view. */
  onActor(id: string): void;
}

const STATUSES: readonly IntroductionStatus[] = ['requested', 'approved', 'declined_by_coordinator', 'accepted', 'declined', 'withdrawn', 'met', 'collaborating', 'ended'];
/** Requests listed at most (the count line says how many there are). */
const LIST_LIMIT = 200;

const isCoordinator = (s: ViewState) => s.session?.user?.role === 'coordinator' || s.session?.user?.role === 'admin';

/** Builds the view and its tab (call before the top bar wires its tabs); returns the cleanup. */
export function createIntroductionsView(stage: HTMLElement, tabList: HTMLElement, data: NetworkData, store: Store, options: IntroductionsViewOptions): () => void {
  const tab = el('button', { role: 'tab', 'data-view': 'introductions', id: 'introductions-tab', 'aria-controls': 'introductions' });
  tab.hidden = true;
  tabList.append(tab);
  const root = el('section', { className: 'introductions-view', id: 'introductions', 'aria-labelledby': 'introductions-title' });
  root.hidden = true;
  stage.append(root);

  const followUp = createFollowUp(store);
  const title = el('h2', { id: 'introductions-title' });
  const scope = el('p', { className: 'muted intro-scope' });
  const csv = el('a', { className: 'button small', id: 'introductions-csv', href: introductionsCsvUrl(), download: 'introductions.csv' });
  const announce = el('p', { className: 'intro-announce', id: 'intro-announce', role: 'status', 'aria-live': 'polite' });
  const filters = el('div', { className: 'intro-filters', id: 'intro-filters' });
  const countLine = el('p', { className: 'muted intro-count', id: 'intro-count' });
  const listStatus = el('div', { className: 'intro-list-status', id: 'intro-list-status' });
  const list = el('ul', { className: 'intro-list', id: 'intro-list' });
  const detail = el('div', { className: 'intro-detail', id: 'intro-detail', 'aria-live': 'polite' });
  const body = el('div', { className: 'intro-body' }, el('div', { className: 'intro-list-column' }, filters, countLine, listStatus, list), detail);

  let listAnswer: IntroductionListResponse | null = null;
  let listError: unknown = null;
  let listKey = '';
  let listController: AbortController | null = null;
  let opened: Introduction | null = null;
  let openedError: unknown = null;
  let detailKey = '';
  let detailController: AbortController | null = null;
  let laidOutFor = '';
  let followUpKey = '';

  /** The list's query: coordinators filter by everything, members by status only. */
  function query(s: ViewState) {
    const r = s.requests;
    return isCoordinator(s) ? { status: r.status, region: r.region, cluster: r.cluster, type: r.type } : { status: r.status };
  }

  async function loadList(s: ViewState): Promise<void> {
    const key = JSON.stringify([query(s), s.introductionsChanged, s.session?.user?.id]);
    if (key === listKey) return;
    listKey = key;
    listController?.abort();
    const controller = (listController = new AbortController());
    if (!listAnswer) renderList();
    try {
      listAnswer = await listIntroductions({ ...query(s), limit: LIST_LIMIT }, controller.signal);
      listError = null;
    } catch (err) {
      if (controller.signal.aborted) return;
      listError = err;
      listKey = '';
    }
    if (controller.signal.aborted) return;
    renderFilters();
    renderList();
  }

  async function loadDetail(s: ViewState): Promise<void> {
    const id = s.requests.open;
    const key = JSON.stringify([id, s.introductionsChanged, s.session?.user?.id]);
    if (key === detailKey) return;
    detailKey = key;
    detailController?.abort();
    if (!id) {
      opened = null;
      openedError = null;
      renderDetail();
      return;
    }
    const controller = (detailController = new AbortController());
    if (opened?.id !== id) {
      opened = listAnswer?.introductions.find((x) => x.id === id) ?? null;
      openedError = null;
      renderDetail();
    }
    try {
      opened = await getIntroduction(id, controller.signal);
      openedError = null;
    } catch (err) {
      if (controller.signal.aborted) return;
      openedError = err;
      detailKey = '';
    }
    if (!controller.signal.aborted) renderDetail();
  }

  function layout(s: ViewState): void {
    const user = s.session?.user ?? null;
    const coordinator = isCoordinator(s);
    const key = JSON.stringify([s.lang, user?.id ?? null, s.session === null]);
    if (key === laidOutFor) return;
    laidOutFor = key;
    title.textContent = it('intro.title');
    csv.textContent = it('followup.csv');
    csv.title = it('followup.csvTitle');
    if (s.session === null) {
      root.replaceChildren(el('header', { className: 'dashboard-head' }, title), el('p', { className: 'muted' }, it('intro.loading')));
      return;
    }
    if (!user) {
      const login = el('button', { className: 'button primary', type: 'button' }, it('intro.loginFirst'));
      login.addEventListener('click', () => document.getElementById('login-button')?.click());
      root.replaceChildren(el('header', { className: 'dashboard-head' }, title), el('div', { className: 'intro-empty', id: 'intro-login-first' }, el('p', {}, it('intro.loginFirst')), login));
      return;
    }
    scope.textContent = it(coordinator ? 'intro.scopeCoordinator' : 'intro.scopeMember');
    root.replaceChildren(
      el('header', { className: 'dashboard-head intro-head' }, el('div', {}, title, scope), coordinator ? csv : null),
      announce,
      body,
      ...(coordinator ? [followUp.root] : []),
    );
    followUpKey = '';
    renderFilters();
    renderList();
    renderDetail();
  }

  function renderFilters(): void {
    const s = store.get();
    const r = s.requests;
    const counts = listAnswer?.counts ?? {};
    const all = Object.values(counts).reduce((a, b) => a + (b ?? 0), 0);
    const fields: HTMLElement[] = [
      select('status', it('filter.status'), r.status, [[null, listAnswer ? it('filter.anyCount', { n: all }) : it('filter.any')], ...STATUSES.map((st): [string, string] => [st, it('filter.option', { name: statusText(st), n: counts[st] ?? 0 })])]),
    ];
    if (isCoordinator(s)) {
      const any: [null, string] = [null, it('filter.any')];
      fields.push(
        select('region', it('filter.region'), r.region, [any, ...data.reference.regions.map((x): [string, string] => [x.id, refName(x, s.lang)])]),
        select('cluster', it('filter.cluster'), r.cluster, [any, ...data.reference.clusters.map((x): [string, string] => [x.id, refName(x, s.lang)])]),
        select('type', it('filter.type'), r.type, [any, ...data.reference.types.map((x): [string, string] => [x.id, refName(x, s.lang)])]),
      );
    }
    if (hasFilters(r)) {
      const clear = el('button', { className: 'link-button', type: 'button', id: 'intro-clear-filters' }, it('intro.clearFilters'));
      clear.addEventListener('click', () => store.set((x: ViewState) => ({ requests: { ...x.requests, status: null, region: null, cluster: null, type: null } })));
      fields.push(clear);
    }
    keepFocus(filters, () => filters.replaceChildren(...fields));
  }

  function select(key: 'status' | 'region' | 'cluster' | 'type', label: string, value: string | null, choices: [string | null, string][]): HTMLElement {
    const id = `intro-filter-${key}`;
    const box = el('select', { id, name: key }, ...choices.map(([v, text]) => {
      const o = el('option', { value: v ?? '' }, text);
      o.selected = (v ?? '') === (value ?? '');
      return o;
    }));
    box.addEventListener('change', () => store.set((x: ViewState) => ({ requests: { ...x.requests, [key]: box.value || null } })));
    return el('div', { className: 'intro-filter' }, el('label', { for: id }, label), box);
  }

  function renderList(): void {
    const s = store.get();
    const open = s.requests.open;
    if (listError) {
      listStatus.replaceChildren(el('p', { className: 'error-text' }, describeError(listError, it('intro.feature'))));
      list.replaceChildren();
      countLine.textContent = '';
      return;
    }
    if (!listAnswer) {
      listStatus.replaceChildren(el('p', { className: 'muted' }, it('intro.loading')));
      return;
    }
    const items = listAnswer.introductions;
    countLine.textContent = items.length ? it('intro.count', { shown: items.length, total: listAnswer.total }) : '';
    listStatus.replaceChildren(...(items.length ? [] : [emptyList(s)]));
    keepFocus(list, () => list.replaceChildren(...items.map((x) => listItem(x, s.lang, x.id === open, openRequest))));
  }

  function emptyList(s: ViewState): HTMLElement {
    // The filter bar above offers to clear the filters.
    if (hasFilters(s.requests)) return el('div', { className: 'intro-empty', id: 'intro-empty' }, el('p', {}, it('intro.noneFiltered')));
    const own = s.session?.user?.role === 'member' ? s.session.user.actorId : undefined;
    const box = el('div', { className: 'intro-empty', id: 'intro-empty' }, el('p', {}, it(isCoordinator(s) ? 'intro.noneCoordinator' : 'intro.none')));
    if (own && data.graph.hasNode(own)) {
      const go = el('button', { className: 'button small', type: 'button' }, it('intro.openActor', { name: refName({ name: data.graph.getNodeAttribute(own, 'label'), name_ja: data.graph.getNodeAttribute(own, 'name_ja') }, s.lang) }));
      go.addEventListener('click', () => options.onActor(own));
      box.append(go);
    }
    return box;
  }

  function openRequest(id: string): void {
    store.set((s: ViewState) => ({ requests: { ...s.requests, open: id } }));
    requestAnimationFrame(() => document.getElementById('intro-detail-title')?.focus());
  }

  let shownDetail = '';
  function renderDetail(): void {
    const s = store.get();
    const id = s.requests.open;
    // The same request unchanged stays as it is: a form being filled in is not lost to a poll.
    const key = JSON.stringify([id, opened?.id, opened?.updatedAt, opened?.actions, Boolean(openedError), s.lang]);
    if (key === shownDetail && detail.childElementCount) return;
    shownDetail = key;
    if (!id) {
      detail.replaceChildren(el('p', { className: 'muted intro-choose' }, it('intro.choose')));
      return;
    }
    if (openedError) {
      const missing = openedError instanceof ApiError && openedError.kind === 'not-found';
      detail.replaceChildren(el('p', { className: missing ? 'muted' : 'error-text', id: 'intro-detail-error' }, missing ? it('intro.notFound') : describeError(openedError, it('intro.feature'))));
      return;
    }
    if (!opened || opened.id !== id) {
      detail.replaceChildren(el('p', { className: 'muted' }, it('intro.loading')));
      return;
    }
    const close = el('button', { className: 'icon-button intro-close', type: 'button', title: it('intro.close'), 'aria-label': it('intro.close') }, '×');
    close.addEventListener('click', () => {
      store.set((x: ViewState) => ({ requests: { ...x.requests, open: null } }));
      list.querySelector<HTMLElement>(`[data-introduction="${CSS.escape(id)}"]`)?.focus();
    });
    detail.replaceChildren(close, detailCard(opened, {
      lang: s.lang,
      csrfToken: s.session?.csrfToken ?? null,
      onActor: options.onActor,
      onChanged: changed,
    }));
  }

  function changed(updated: Introduction, action: IntroductionAction): void {
    opened = updated;
    // The list shows the new status at once (it is asked for again below).
    if (listAnswer) listAnswer = { ...listAnswer, introductions: listAnswer.introductions.map((x) => (x.id === updated.id ? updated : x)) };
    renderList();
    renderDetail();
    announce.textContent = it('action.done', { status: statusText(updated.status) });
    document.getElementById('intro-detail-title')?.focus();
    if (action === 'collaborating' && updated.status === 'collaborating') options.onCollaboration();
    store.set((s: ViewState) => ({ introductionsChanged: s.introductionsChanged + 1 }));
  }

  function show(s: ViewState): void {
    tab.textContent = it('view.introductions');
    tab.hidden = !s.session?.user;
    root.hidden = s.view !== 'introductions';
    if (root.hidden) return;
    layout(s);
    if (!s.session?.user) return;
    void loadList(s);
    void loadDetail(s);
    renderDetail();
    if (isCoordinator(s)) {
      const key = JSON.stringify([s.requests.by, s.requests.side, s.lang, s.introductionsChanged]);
      if (key !== followUpKey) {
        followUpKey = key;
        followUp.refresh();
      }
    }
  }

  show(store.get());
  const unsubscribe = store.subscribe((s, prev) => {
    if (s.lang !== prev.lang) {
      laidOutFor = '';
      shownDetail = '';
    }
    if (s.requests !== prev.requests && s.view === 'introductions') renderFilters();
    if (s.requests.open !== prev.requests.open) renderList();
    if (s.view === 'introductions' || s.session !== prev.session || s.lang !== prev.lang) show(s);
    else if (s.view !== prev.view) root.hidden = true;
  });
  return () => {
    unsubscribe();
    listController?.abort();
    detailController?.abort();
    followUp.kill();
    root.remove();
    tab.remove();
  };
}

function hasFilters(r: RequestsView): boolean {
  return r.status !== DEFAULT_REQUESTS.status || r.region !== null || r.cluster !== null || r.type !== null;
}

/** Rebuilds `container` and gives the focus back to the element with the same id or data key. */
function keepFocus(container: HTMLElement, rebuild: () => void): void {
  const active = document.activeElement as HTMLElement | null;
  const inside = active && container.contains(active) ? active : null;
  const selector = inside?.id ? `#${CSS.escape(inside.id)}` : inside?.dataset.introduction ? `[data-introduction="${CSS.escape(inside.dataset.introduction)}"]` : null;
  rebuild();
  if (selector) container.querySelector<HTMLElement>(selector)?.focus();
}
