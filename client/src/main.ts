/**
 * musubi's web client: loads the network (with its server-computed positions), draws it at once,
 * then wires the controls. The view state (state.ts) is restored from the URL and kept in it.
 */
import './styles.css';
import { ApiError, loadGraph } from './data/api.ts';
import { createActorPanel } from './panels/actor-panel.ts';
import { createCommunitiesView } from './graph/communities-view.ts';
import { createCommunityPanel } from './panels/community-panel.ts';
import { loadCommunities, type CommunityInfo } from './data/community-data.ts';
import { createDashboard } from './dashboard/dashboard.ts';
import { createFilterPanel } from './panels/filter-panel.ts';
import { createGraphView, type GraphView } from './graph/graph-view.ts';
import { formatValue, setLang, t, translateStatic } from './i18n/i18n.ts';
import { createRefinement } from './graph/layout-worker.ts';
import { createLegend } from './panels/legend.ts';
import { describeError, hideMessage, hideProgress, showMessage, showProgress } from './i18n/messages.ts';
import { buildNetwork, type NetworkData } from './data/network-data.ts';
import { createSearch } from './panels/search.ts';
import { createStore, defaultState, hasFilters, rememberedLang, stateFromQuery, syncUrl, type Store } from './data/state.ts';
import { createTopbar, refineLabel } from './panels/topbar.ts';

const $ = (id: string) => document.getElementById(id)!;

async function start(): Promise<void> {
  const store = createStore(stateFromQuery(location.search, defaultState(rememberedLang())));
  setLang(store.get().lang);
  translateStatic();

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

  // The panel takes its room before sigma measures the stage.
  $('panel').hidden = !(initial.selected || initial.community !== null) || initial.view === 'communities' || initial.view === 'dashboard';
  // Sigma draws the whole network in its constructor.
  const graphView = createGraphView($('graph'), data, store);
  performance.mark('musubi:sigma-drawn');
  hideProgress();
  // The frame is on screen when the next one starts.
  requestAnimationFrame(() => requestAnimationFrame(() => performance.mark('musubi:first-render')));
  syncUrl(store);
  // A handle for the browser console and the end-to-end tests; nothing in the client reads it.
  Object.assign(window, { musubi: { store, data, graphView } });

  // Everything else waits for the first frame: it is not needed to see the network.
  await new Promise((resolve) => setTimeout(resolve, 0));
  wire(store, data, graphView);
  if (unknown) showMessage(t('error.unknownActor', { id: unknown }));
  else if (initial.selected && !initial.camera) graphView.showActor(initial.selected, false);
  if (initial.community !== null && !initial.camera) void communities(store, graphView, () => undefined).then((info) => info && graphView.showActors(info.members.get(initial.community!) ?? []));
}

function wire(store: Store, data: NetworkData, graphView: GraphView): void {
  let info: CommunityInfo | null = null;
  const legend = createLegend($('legend'), data, store, () => info);
  const useCommunities = () =>
    communities(store, graphView, legend.refresh).then((loaded) => {
      info = loaded;
      legend.refresh();
      return loaded;
    });
  const refinement = createRefinement(data.graph, data.layout.scale, refineLabel);
  const communitiesView = createCommunitiesView($('communities'), data, store, {
    onOpen(community) {
      store.set({ view: 'network', community, selected: null, suggestion: null, path: null });
      void useCommunities().then((loaded) => loaded && requestAnimationFrame(() => graphView.showActors(loaded.members.get(community) ?? [])));
    },
  });
  createTopbar({ store, graphView, communitiesView, refinement });
  Object.assign((window as unknown as { musubi: object }).musubi, { communitiesView });
  createFilterPanel($('filters'), data, store);
  createSearch($('search'), data, store, {
    onChoose(id) {
      store.set({ selected: id, suggestion: null, path: null, community: null, view: store.get().view === 'map' ? 'map' : 'network' });
      requestAnimationFrame(() => graphView.showActor(id));
    },
  });
  createActorPanel($('actor-panel'), data, store, {
    onCentre: (id) => graphView.showActor(id),
    onShowPath: (ids) => graphView.showActors(ids),
    onUnknownActor(id) {
      store.set({ selected: null, suggestion: null, path: null });
      showMessage(t('error.unknownActor', { id }));
    },
  });
  createCommunityPanel($('community-panel'), data, store, {
    onSelect(id) {
      store.set({ selected: id, suggestion: null, path: null });
      graphView.showActor(id);
    },
    onOverview: () => store.set({ view: 'communities', community: null }),
  });
  createDashboard($('dashboard'), data, store);

  const status = () => {
    const visible = graphView.visibleCount();
    const total = data.graph.order;
    const ties = formatValue(data.counts.ties);
    $('status').textContent = hasFilters(store.get().filters)
      ? t('status.actors', { visible: formatValue(visible), total: formatValue(total), ties })
      : t('status.actorsAll', { total: formatValue(total), ties });
    if (visible === 0) showMessage(t('filters.nothing'), { tone: 'info' });
    $('stage').dataset.visibleActors = String(visible);
  };
  status();
  store.subscribe((s, prev) => {
    if (s.filters !== prev.filters || s.lang !== prev.lang) status();
    if (s.filters !== prev.filters && graphView.visibleCount() > 0) hideMessage();
    if ((s.colorBy === 'community' && prev.colorBy !== 'community') || (s.community !== null && s.community !== prev.community)) void useCommunities();
  });
  if (store.get().colorBy === 'community' || store.get().community !== null) void useCommunities();

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

/** Loads the communities into the graph view; tells the user when the server has none. */
async function communities(store: Store, graphView: GraphView, refresh: () => void): Promise<CommunityInfo | null> {
  try {
    const info = await loadCommunities();
    graphView.setCommunities(info);
    refresh();
    return info;
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
