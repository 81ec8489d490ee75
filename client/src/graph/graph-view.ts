/**
 * The network drawn by sigma.js, assembled from its parts: the reducers (reducers.ts), the focus
 * layer and its labels (focus-layer.ts, focus-labels.ts), the pointer (events.ts) and the camera
 * (camera.ts). The graph holds data only. When every actor's look changes (language, colouring,
 * filters, communities) sigma refreshes without re-indexing; when only the focus changes (a hover,
 * a selection, a path, a community) sigma's drawing stays as it is and only the focus layer is
 * drawn again over it. Switching between the network and the map moves the drawing position (the
 * only change that re-indexes).
 */
import Sigma from 'sigma';
import { EdgeLineProgram, EdgeRectangleProgram } from 'sigma/rendering';
import { createCameraControl, type CameraControl } from './camera.ts';
import { bindGraphEvents } from './events.ts';
import { computeFocus, NO_FOCUS, type Focus } from './focus.ts';
import { createFocusLabels } from './focus-labels.ts';
import { attachFocusLayer } from './focus-layer.ts';
import { attachOverlays } from './graph-overlays.ts';
import { createLabelDrawer, createLabelSpace, createTextWidth, FONT_STACK, type LabelEntry } from './label-drawing.ts';
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

  // Sigma's labels (the label grid's, while nothing is focused) and the focus's names each take
  // room in a space of their own: only one of them is shown at a time.
  const gridLabels = createLabelSpace();
  const focusLabels = createLabelSpace();
  const textWidth = createTextWidth();
  const { nodeReducer, edgeReducer } = createReducers(data, store);
  const renderer = new Sigma<ActorAttributes, TieAttributes>(graph, container, {
    defaultEdgeType: 'line',
    edgeProgramClasses: { line: EdgeLineProgram, thick: EdgeRectangleProgram },
    labelFont: FONT_STACK,
    labelSize: 12,
    labelWeight: '500',
    labelDensity: 0.5,
    labelGridCellSize: 140,
    labelRenderedSizeThreshold: 6,
    // The grid's labels only while nothing is focused: the focus layer names the focus's actors.
    defaultDrawNodeLabel: createLabelDrawer(gridLabels, () => !focus.nodes, textWidth),
    // The hovered actor's card is the focus labels' (focus-labels.ts), drawn for the actor the
    // state says is hovered: sigma 3.0.3 keeps a node "hovered" when the pointer leaves the stage
    // straight from it (sigma.js issue #1327).
    defaultDrawNodeHover: () => undefined,
    minCameraRatio: 0.01,
    maxCameraRatio: 4,
    stagePadding: 24,
    hideEdgesOnMove: graph.size > 20_000,
    // The container is hidden while the dashboard or the overview is shown.
    allowInvalidContainer: true,
    nodeReducer,
    edgeReducer,
  });
  const overlays = attachOverlays(renderer, data, store);
  const focusLayer = attachFocusLayer(renderer, graph, () => focus, createFocusLabels(renderer, focusLabels, textWidth));
  // Whether sigma's labels canvas holds the grid's labels (it holds none when drawn while focused).
  let gridDrawn = !focus.nodes;
  const beforeRender = () => {
    gridLabels.reset();
    gridDrawn = !focus.nodes;
  };
  renderer.on('beforeRender', beforeRender);
  const unbind = bindGraphEvents(renderer, store);
  const camera = createCameraControl(renderer, graph, store, options);
  if (initial.camera) camera.restore(initial.camera);

  /**
   * Draws the focus layer again over sigma's last frame, which does not depend on the focus (the
   * camera has not moved since, or sigma would have drawn a frame and the layer with it).
   */
  function refocus(state: ViewState): void {
    focus = focusOf(state);
    focusLayer.draw();
    // Back to no focus after sigma drew a frame without its grid labels: they are drawn again.
    if (!focus.nodes && !gridDrawn) renderer.scheduleRender();
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
    labels: () => (focus.nodes ? focusLabels : gridLabels).entries(),
    kill() {
      unsubscribe();
      unbind();
      camera.kill();
      renderer.off('beforeRender', beforeRender);
      focusLayer.kill();
      overlays.kill();
      renderer.kill();
    },
  };
}
