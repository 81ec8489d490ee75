/**
 * musubi's web client: loads the network (with its server-computed positions), draws it at once,
 * then wires the controls. The view state (state.ts) is restored from the URL and kept in it and
 * in the browser's history (url-history.ts).
 */
import './styles.css';
import { ApiError, loadGraph } from './data/api.ts';
import { followLayoutRefinement } from './data/layout-refinement.ts';
import { createActorPanel } from './panels/actor-panel.ts';
import { createCommunitiesView } from './graph/communities-view.ts';
import { createCommunityPanel } from './panels/community-panel.ts';
import { loadCommunities } from './data/community-data.ts';
import type { CommunityInfo } from './data/community-info.ts';
import { syncHistory } from './data/url-history.ts';
import { createDashboard } from './dashboard/dashboard.ts';
import { createFilterPanel } from './panels/filter-panel.ts';
import { createGraphView, type GraphView } from './graph/graph-view.ts';
import { followLanguage, formatValue, t } from './i18n/i18n.ts';
import { createRefinement } from './graph/layout-worker.ts';
import { createLegend } from './panels/legend.ts';
import { describeError, hideMessage, hideProgress, showMessage, showProgress } from './i18n/messages.ts';
import { buildNetwork, type NetworkData } from './data/network-data.ts';
import { createSearch } from './panels/search.ts';
import { createStore, defaultState, hasFilters, rememberedLang, stateFromQuery, type Store, type ViewState } from './data/state.ts';
import { createTopbar, refineLabel } from './panels/topbar.ts';
import { createLogin } from './panels/login.ts';
import { createAdminMenu } from './panels/admin-menu.ts';
import { createIntroductionsView } from './panels/introductions-view.ts';
import { createEventsView } from './panels/events-view.ts';
import { createNotifications } from './panels/notifications.ts';
import { networkRefresher } from './panels/introductions-refresh.ts';

const $ = (id: string) => document.getElementById(id)!;

async function start(): Promise<void> {
  // On a small screen the legend starts folded to its title.
  const store = createStore(stateFromQuery(location.search, defaultState(rememberedLang(), window.innerHeight < 700)));
  // The first listener: every later one already speaks the new language.
  followLanguage(store);
  // Who is logged in (GET /api/auth/me), asked while the network loads; usable even if it fails.
  createLogin(document.querySelector<HTMLElement>('.topbar-actions')!, store);

  let data: NetworkData;
  try {
    showProgress('loading.fetch', 0);
    const payload = await loadGraph((share) => showProgress('loading.fetch', share));
    performance.mark('musubi:graph-loaded');
    showProgress('loading.build', null);
    data = buildNetwork(payload);
    performance.mark('musubi:graph-built');
  } catch (err) {
    hideProgress();
    showMessage(describeError(err), { action: { label: t('error.retry'), run: () => location.reload() }, dismissible: false });
    return;
  }
  if (data.graph.order === 0) {
    hideProgress();
    showMessage(t('error.emptyNetwork'), { tone: 'info', dismissible: false });
    return;
  }
  if (!webglAvailable()) {
    hideProgress();
    showMessage(t('error.noWebgl'), { dismissible: false });
    return;
  }

  const unknown = store.get().selected && !data.graph.hasNode(store.get().selected!) ? store.get().selected : null;
  if (unknown) store.set({ selected: null, suggestion: null });
  const initial = store.get();

  // The panel lies over the stage's right side: the camera frames actors beside it.
  $('panel').hidden = !(initial.selected || initial.community !== null) || initial.view === 'communities' || initial.view === 'dashboard';
  // Sigma draws the whole network in its constructor.
  // Framing keeps actors out from under the panel, the legend and the camera buttons.
  const graphView = createGraphView($('graph'), data, store, { obstacles: () => [$('panel'), $('legend'), document.querySelector('.camera-controls')!] });
  performance.mark('musubi:sigma-drawn');
  hideProgress();
  // The frame is on screen when the next one starts.
  requestAnimationFrame(() => requestAnimationFrame(() => performance.mark('musubi:first-render')));
  syncHistory(store, { onRestore: (state) => restoreCamera(state, graphView) });
  // A handle for the browser console and the end-to-end tests; nothing in the client reads it.
  Object.assign(window, { musubi: { store, data, graphView } });

  // Everything else waits for the first frame: it is not needed to see the network.
  await new Promise((resolve) => setTimeout(resolve, 0));
  wire(store, data, graphView);
  if (unknown) showMessage(t('error.unknownActor', { id: unknown }));
  else if (initial.selected && !initial.camera) graphView.showActor(initial.selected, false);
  if (initial.community !== null && !initial.camera) void communities(store).then((info) => info && graphView.showActors(info.members.get(initial.community!) ?? []));
}

/** Back or Forward: the camera of that entry, else the actor it opened, else the whole network. */
function restoreCamera(state: ViewState, graphView: GraphView): void {
  if (state.camera || !state.selected) graphView.camera.restore(state.camera);
  else graphView.showActor(state.selected, false);
}

function wire(store: Store, data: NetworkData, graphView: GraphView): void {
  createLegend($('legend'), data, store);
  const refinement = createRefinement(data.graph, data.layout.scale, refineLabel);
  const communitiesView = createCommunitiesView($('communities'), data, store, {
    onOpen(community) {
      store.set({ view: 'network', community, selected: null, suggestion: null, path: null });
      void communities(store).then((loaded) => loaded && requestAnimationFrame(() => graphView.showActors(loaded.members.get(community) ?? [])));
    },
  });
  // The introduction workflow: its view and tab (before the top bar wires the tabs) and the bell;
  // a request that became a collaboration brings the network again, with its new tie.
  const refreshNetwork = networkRefresher(data, store);
  // A drawing whose new actors were only placed (a larger import): the refined one replaces it when made.
  followLayoutRefinement(data, store);
  // Matching events (issue 12): a tab too; a meeting's collaboration brings its tie into the network.
  createEventsView($('stage'), document.querySelector<HTMLElement>('.views')!, store, { onCollaboration: () => void refreshNetwork(), reference: () => data.reference });
  createIntroductionsView($('stage'), document.querySelector<HTMLElement>('.views')!, data, store, {
    onCollaboration: () => void refreshNetwork(),
    onActor(id) {
      store.set({ view: 'network', selected: id, suggestion: null, path: null, community: null });
      requestAnimationFrame(() => graphView.showActor(id));
    },
  });
  createNotifications(document.querySelector<HTMLElement>('.topbar-actions')!, store, { onCollaboration: () => void refreshNetwork() });
  // Back on the graph from the Introductions view: sigma measures its container again (the window may have been resized).
  store.subscribe((s, prev) => (prev.view === 'introductions' || prev.view === 'events') && (s.view === 'network' || s.view === 'map') && requestAnimationFrame(() => graphView.renderer.refresh()));
  createTopbar({ store, graphView, communitiesView, refinement });
  Object.assign((window as unknown as { musubi: object }).musubi, { communitiesView });
  createFilterPanel($('filters'), data, store);
  createSearch($('search'), data, store, {
    onChoose(id) {
      store.set({ selected: id, suggestion: null, path: null, community: null, view: store.get().view === 'map' ? 'map' : 'network' });
      requestAnimationFrame(() => graphView.showActor(id));
    },
  });
  const actorPanel = createActorPanel($('actor-panel'), data, store, {
    onCentre: (id) => graphView.showActor(id),
    onShowPath: (ids) => graphView.showActors(ids),
    onUnknownActor(id) {
      store.set({ selected: null, suggestion: null, path: null });
      showMessage(t('error.unknownActor', { id }));
    },
  });
  // Coordinators' and admins' import, new actor and audit log; writes reload through the panel's editor.
  createAdminMenu(store, actorPanel.editor);
  createCommunityPanel($('community-panel'), data, store, {
    onSelect(id) {
      store.set({ selected: id, suggestion: null, path: null });
      graphView.showActor(id);
    },
    onOverview: () => store.set({ view: 'communities', community: null }),
  });
  createDashboard($('dashboard'), data, store);

  // The footer: what the filters leave of the actors and of the tied pairs drawn between them.
  const status = () => {
    const { actors, pairs } = graphView.shown();
    const total = formatValue(data.graph.order);
    $('status').textContent = hasFilters(store.get().filters)
      ? t('status.actors', { visible: formatValue(actors), total, pairs: formatValue(pairs), allPairs: formatValue(data.graph.size) })
      : t('status.actorsAll', { total, ties: formatValue(data.counts.ties) });
    if (actors === 0) showMessage(t('filters.nothing'), { tone: 'info' });
    $('stage').dataset.visibleActors = String(actors);
    $('stage').dataset.visiblePairs = String(pairs);
  };
  status();
  store.subscribe((s, prev) => {
    if (s.filters !== prev.filters || s.lang !== prev.lang) status();
    if (s.filters !== prev.filters && graphView.shown().actors > 0) hideMessage();
    if ((s.colorBy === 'community' && prev.colorBy !== 'community') || (s.community !== null && s.community !== prev.community)) void communities(store);
  });
  if (store.get().colorBy === 'community' || store.get().community !== null) void communities(store);

  document.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape' || (e.target as HTMLElement).closest('.search')) return;
    const s = store.get();
    if (s.suggestion) store.set({ suggestion: null, path: null });
    else if (s.selected || s.community !== null) store.set({ selected: null, community: null });
  });
  // Keyboard users land in the panel when an actor is chosen from the search.
  store.subscribe((s, prev) => {
    if (s.selected && s.selected !== prev.selected && document.activeElement?.id === 'search-input') $('panel').setAttribute('tabindex', '-1');
  });
}

/** Loads the communities into the store; tells the user when the server has none. */
async function communities(store: Store): Promise<CommunityInfo | null> {
  try {
    return await loadCommunities(store);
  } catch (err) {
    if (store.get().colorBy === 'community') store.set({ colorBy: 'type' });
    showMessage(describeError(err, t('communities.feature')), { tone: err instanceof ApiError && err.kind === 'not-offered' ? 'info' : 'error' });
    return null;
  }
}

function webglAvailable(): boolean {
  try {
    return Boolean(document.createElement('canvas').getContext('webgl2') ?? document.createElement('canvas').getContext('webgl'));
  } catch {
    return false;
  }
}

void start();
