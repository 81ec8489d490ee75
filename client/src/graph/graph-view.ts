/**
 * The network drawn by sigma.js, assembled from its parts: the reducers (reducers.ts), the focus
 * layer and its labels (focus-layer.ts, focus-labels.ts), the pointer (events.ts) and the camera
 * (camera.ts). The graph holds data only; a change of the view state ends in a refresh without
 * re-indexing: a partial one for the focused actors when only the focus changed, a full one when
 * every actor's look changed (language, colouring, filters, communities). Switching between the
 * network and the map moves the drawing position (the only change that re-indexes).
 */
import Sigma from 'sigma';
import { EdgeLineProgram, EdgeRectangleProgram } from 'sigma/rendering';
import { createCameraControl, type CameraControl } from './camera.ts';
import { bindGraphEvents } from './events.ts';
import { computeFocus, focusChange, NO_FOCUS, type Focus } from './focus.ts';
import { attachFocusLabels } from './focus-labels.ts';
import { attachFocusLayer } from './focus-layer.ts';
import { attachOverlays } from './graph-overlays.ts';
import { createLabelDrawer, createLabelSpace, createTextWidth, drawHover, FONT_STACK, type LabelEntry } from './label-drawing.ts';
import { createReducers } from './reducers.ts';
import { applyFilters, type Shown } from '../data/filters.ts';
import { drawAt, type ActorAttributes, type NetworkData, type TieAttributes } from '../data/network-data.ts';
import type { Store, ViewState } from '../data/state.ts';

export interface GraphView {
  readonly renderer: Sigma<ActorAttributes, TieAttributes>;
  readonly camera: CameraControl;
  /** Moves the camera to an actor. */
  showActor(id: string, animate?: boolean): void;
  /** Frames a set of actors (an introduction path, an opened community) in the visible area. */
  showActors(ids: Iterable<string>): void;
  /** The whole drawing in view. */
  resetCamera(): void;
  /** Actors and tied pairs shown after the filters. */
  shown(): Shown;
  /** The labels and cards drawn in the last frame (for the tests: none covers another). */
  labels(): readonly LabelEntry[];
  kill(): void;
}

export interface GraphViewOptions {
  /** Elements over the stage that may hide actors (framing keeps actors out from under them). */
  obstacles(): Element[];
}

export function createGraphView(container: HTMLElement, data: NetworkData, store: Store, options: GraphViewOptions): GraphView {
  const { graph } = data;
  let focus: Focus = NO_FOCUS;
  const focusOf = (state: ViewState): Focus => {
    const members = state.community !== null && state.communities.status === 'ready' ? state.communities.info.members.get(state.community) ?? null : null;
    return computeFocus(graph, state, members);
  };

  // The initial state (from the URL) is applied before sigma's first drawing, so it draws once.
  const initial = store.get();
  if (initial.view === 'map') drawAt(graph, 'map');
  let shown = applyFilters(graph, initial.filters, data);
  focus = focusOf(initial);

  const labels = createLabelSpace();
  const textWidth = createTextWidth();
  const { nodeReducer, edgeReducer } = createReducers(data, store, () => focus);
  let cards: ReturnType<typeof attachFocusLabels> | null = null;
  const renderer = new Sigma<ActorAttributes, TieAttributes>(graph, container, {
    defaultEdgeType: 'line',
    edgeProgramClasses: { line: EdgeLineProgram, thick: EdgeRectangleProgram },
    labelFont: FONT_STACK,
    labelSize: 12,
    labelWeight: '500',
    labelDensity: 0.5,
    labelGridCellSize: 140,
    labelRenderedSizeThreshold: 6,
    defaultDrawNodeLabel: createLabelDrawer(labels, (key) => !focus.nodes || focus.nodes.has(key), textWidth),
    // Sigma 3.0.3 keeps a node "hovered" when the pointer leaves the stage straight from it
    // (sigma.js issue #1327): the card is drawn only for the node the state says is hovered.
    defaultDrawNodeHover: (context, d, settings) => {
      const key = (d as { key?: string }).key ?? '';
      if (d.highlighted || key === store.get().hovered) drawHover(context, d, settings, cards?.card(key), textWidth);
    },
    minCameraRatio: 0.01,
    maxCameraRatio: 4,
    stagePadding: 24,
    hideEdgesOnMove: graph.size > 20_000,
    // The container is hidden while the dashboard or the overview is shown.
    allowInvalidContainer: true,
    nodeReducer,
    edgeReducer,
  });
  // The focus layer goes right above the nodes, under the overlays' proposed tie.
  const overlays = attachOverlays(renderer, data, store, () => focus);
  const focusLayer = attachFocusLayer(renderer, graph, () => focus);
  cards = attachFocusLabels(renderer, labels, textWidth, () => focus);
  const unbind = bindGraphEvents(renderer, store);
  const camera = createCameraControl(renderer, graph, store, options);
  if (initial.camera) camera.restore(initial.camera);

  /** Redraws the focused actors only (the rest of the drawing does not depend on the focus). */
  function refocus(state: ViewState): void {
    const next = focusOf(state);
    const nodes = focusChange(focus, next);
    focus = next;
    renderer.refresh({ partialGraph: { nodes }, skipIndexation: true });
  }

  const unsubscribe = store.subscribe((state, previous) => {
    const moved = (state.view === 'map') !== (previous.view === 'map');
    if (moved) drawAt(graph, state.view === 'map' ? 'map' : 'force');
    if (state.filters !== previous.filters) shown = applyFilters(graph, state.filters, data);
    // Shown again after the dashboard or the overview: measure the container once it is laid out.
    const shownAgain = (state.view === 'network' || state.view === 'map') && (previous.view === 'communities' || previous.view === 'dashboard');
    if (shownAgain) requestAnimationFrame(() => renderer.refresh());
    const communitiesChanged = state.communities !== previous.communities && (state.colorBy === 'community' || state.community !== null);
    const everyActor = moved || state.filters !== previous.filters || state.lang !== previous.lang || state.colorBy !== previous.colorBy || communitiesChanged;
    const focusChanged = state.hovered !== previous.hovered || state.selected !== previous.selected || state.path !== previous.path || state.community !== previous.community;
    if (everyActor) {
      focus = focusOf(state);
      // Every actor's display data change: sigma 3.0.3 re-processes them all on any full refresh.
      renderer.refresh();
      if (moved && !state.camera) camera.restore(null);
    } else if (focusChanged) refocus(state);
  });

  return {
    renderer,
    camera,
    showActor: (id, animate) => camera.showActor(id, animate),
    showActors: (ids) => camera.showActors(ids),
    resetCamera: () => camera.reset(),
    shown: () => shown,
    labels: () => labels.entries(),
    kill() {
      unsubscribe();
      unbind();
      camera.kill();
      cards?.kill();
      focusLayer.kill();
      overlays.kill();
      renderer.kill();
    },
  };
}
