/**
 * The network drawn by sigma.js. The graph holds data only; the view state reaches the drawing
 * through the node and edge reducers (colouring, language, hover and selection dimming, the
 * introduction path), and every state change ends with `refresh({ skipIndexation: true })`.
 * Filters set the nodes' and ties' `hidden` attribute (filters.ts); switching between the network
 * and the map moves the drawing position to the force or the geographic coordinates.
 */
import Sigma from 'sigma';
import { EdgeLineProgram, EdgeRectangleProgram } from 'sigma/rendering';
import type { EdgeDisplayData, NodeDisplayData } from 'sigma/types';
import { COMMUNITY_EDGE_COLOR, DIMMED_NODE_COLOR, EDGE_COLOR, FOCUS_EDGE_COLOR, nodeColor, PATH_COLOR } from './colors.ts';
import { computeFocus, LABELLED_PARTNERS, NO_FOCUS, type Focus } from './focus.ts';
import { createLabelDrawer, createLabelSpace, drawHover, FONT_STACK, labelBox } from './label-drawing.ts';
import { actorName, type ActorAttributes, type NetworkData, type TieAttributes } from '../data/network-data.ts';
import { applyFilters } from '../data/filters.ts';
import { attachOverlays } from './graph-overlays.ts';
import type { Store, ViewState } from '../data/state.ts';

export interface CommunityColouring {
  /** Actor id → rank of its community by size (0 = largest). */
  rank: ReadonlyMap<string, number>;
  /** Members of each community id. */
  members: ReadonlyMap<number, ReadonlySet<string>>;
}

export interface GraphView {
  readonly renderer: Sigma<ActorAttributes, TieAttributes>;
  /** Community ranks for the community colouring and the opened community. */
  setCommunities(communities: CommunityColouring | null): void;
  /** Moves the camera to an actor. */
  showActor(id: string, animate?: boolean): void;
  /** Frames a set of actors (an opened community). */
  showActors(ids: Iterable<string>): void;
  /** The whole drawing in view. */
  resetCamera(): void;
  /** Actors shown after the filters. */
  visibleCount(): number;
  kill(): void;
}

export function createGraphView(container: HTMLElement, data: NetworkData, store: Store): GraphView {
  const { graph } = data;
  let focus: Focus = NO_FOCUS;
  let communities: CommunityColouring | null = null;
  let visible = graph.order;

  // Sigma hands the reducers a shallow copy of the attributes: they complete and return it,
  // which spares an object per node and per tie at every refresh.
  const nodeReducer = (node: string, attr: ActorAttributes): Partial<NodeDisplayData> => {
    const s = store.get();
    const out = attr as ActorAttributes & Partial<NodeDisplayData>;
    if (s.view === 'map') out.size = attr.size * 0.75;
    out.label = actorName(attr, s.lang);
    out.color = nodeColor(attr, node, s.colorBy, data, communities?.rank ?? null);
    out.zIndex = 1;
    if (!focus.nodes) return out;
    if (node === focus.center || focus.pathNodes.has(node)) {
      out.forceLabel = true;
      out.highlighted = true;
      out.zIndex = 3;
    } else if (focus.nodes.has(node)) {
      out.zIndex = 2;
      out.forceLabel = focus.nodes.size <= LABELLED_PARTNERS;
    } else {
      out.color = DIMMED_NODE_COLOR;
      out.label = null as unknown as string;
      out.size = (out.size ?? attr.size) * 0.8;
      out.zIndex = 0;
    }
    return out;
  };

  const edgeReducer = (edge: string, attr: TieAttributes): Partial<EdgeDisplayData> => {
    const out = attr as TieAttributes & Partial<EdgeDisplayData>;
    out.color = EDGE_COLOR;
    out.zIndex = 0;
    if (!focus.nodes) {
      // On the map, 50,000 ties between prefectures are a grey veil: they show on hover and selection.
      if (store.get().view === 'map') out.hidden = true;
      return out;
    }
    if (focus.pathEdges.has(edge)) {
      out.color = PATH_COLOR;
      out.size = 4;
      out.type = 'thick';
      out.zIndex = 2;
    } else if (focus.edges.has(edge)) {
      // An actor's ties stand out; a community's thousands of ties stay fine lines.
      if (focus.center) {
        out.color = FOCUS_EDGE_COLOR;
        out.size = Math.max(1, attr.size);
        out.type = 'thick';
      } else out.color = COMMUNITY_EDGE_COLOR;
      out.zIndex = 1;
    } else out.hidden = true;
    return out;
  };

  // The initial state (from the URL) is applied before sigma's first drawing, so it draws once.
  const initial = store.get();
  if (initial.view === 'map') usePositions('map');
  visible = applyFilters(graph, initial.filters, data);
  focus = computeFocus(graph, initial, null);

  const labels = createLabelSpace();
  const renderer = new Sigma<ActorAttributes, TieAttributes>(graph, container, {
    defaultEdgeType: 'line',
    edgeProgramClasses: { line: EdgeLineProgram, thick: EdgeRectangleProgram },
    labelFont: FONT_STACK,
    labelSize: 12,
    labelWeight: '500',
    labelDensity: 0.5,
    labelGridCellSize: 140,
    labelRenderedSizeThreshold: 6,
    defaultDrawNodeLabel: createLabelDrawer(labels),
    // Sigma 3.0.3 keeps a node "hovered" when the pointer leaves the stage straight from it
    // (sigma.js issue #1327): the card is drawn only for the node the state says is hovered.
    defaultDrawNodeHover: (context, d, settings) => {
      if (d.highlighted || (d as { key?: string }).key === store.get().hovered) drawHover(context, d, settings);
    },
    zIndex: true,
    minCameraRatio: 0.01,
    maxCameraRatio: 4,
    stagePadding: 24,
    hideEdgesOnMove: graph.size > 20_000,
    // The container is hidden while the dashboard or the overview is shown.
    allowInvalidContainer: true,
    nodeReducer,
    edgeReducer,
  });
  const overlays = attachOverlays(renderer, data, store, () => focus);
  const measure = document.createElement('canvas').getContext('2d')!;
  // Each frame, the focus's labels (and cards) take their room first (again once the display
  // data are processed, when a refresh processes them).
  const reserveFocusLabels = () => {
    const reserved: { key: string; box: ReturnType<typeof labelBox> }[] = [];
    if (focus.nodes) {
      const settings = renderer.getSettings();
      for (const key of focus.nodes) {
        const d = renderer.getNodeDisplayData(key);
        if (!d || d.hidden || !d.label || !d.forceLabel) continue;
        const p = renderer.framedGraphToViewport(d);
        const radius = renderer.scaleSize(d.size);
        const box = labelBox(measure, d.label, p.x, p.y, d.highlighted ? Math.max(radius, 10) + 4 : radius, settings, true);
        reserved.push({ key, box: d.highlighted ? { ...box, x1: p.x - radius - 4, y1: box.y1 - 4, y2: box.y2 + 4 } : box });
      }
    }
    labels.reset(reserved);
  };
  renderer.on('beforeRender', reserveFocusLabels);
  renderer.on('afterProcess', reserveFocusLabels);
  if (initial.camera) renderer.getCamera().setState({ ...initial.camera, angle: 0 });

  /** Recomputes the focus and redraws without re-indexing (the graph did not change). */
  function redraw(state: ViewState): void {
    focus = computeFocus(graph, state, state.community !== null ? communities?.members.get(state.community) ?? null : null);
    renderer.refresh({ skipIndexation: true });
  }

  function usePositions(view: ViewState['view']): void {
    const geo = view === 'map';
    graph.updateEachNodeAttributes(
      (_node, attr) => {
        attr.x = geo ? attr.gx : attr.fx;
        attr.y = geo ? attr.gy : attr.fy;
        return attr;
      },
      { attributes: ['x', 'y'] },
    );
  }

  // Sigma follows the window's size, not its container's (the panel opens and closes).
  let resizeFrame = 0;
  let size = `${container.clientWidth}x${container.clientHeight}`;
  const resizes = new ResizeObserver(() => {
    const now = `${container.clientWidth}x${container.clientHeight}`;
    if (now === size || !container.clientWidth) return;
    size = now;
    cancelAnimationFrame(resizeFrame);
    resizeFrame = requestAnimationFrame(() => renderer.refresh());
  });
  resizes.observe(container);

  renderer.on('enterNode', ({ node }) => store.set({ hovered: node }));
  renderer.on('leaveNode', () => store.set({ hovered: null }));
  renderer.on('clickNode', ({ node }) => {
    if (store.get().selected !== node) store.set({ selected: node, suggestion: null, path: null });
  });
  renderer.on('clickStage', () => {
    if (store.get().selected || store.get().community !== null) store.set({ selected: null, suggestion: null, path: null, community: null });
  });

  // The camera is reported to the state (for the URL), never read back except on restore.
  let cameraTimer: ReturnType<typeof setTimeout> | undefined;
  renderer.getCamera().on('updated', (c) => {
    clearTimeout(cameraTimer);
    cameraTimer = setTimeout(() => {
      const home = Math.abs(c.x - 0.5) < 1e-3 && Math.abs(c.y - 0.5) < 1e-3 && Math.abs(c.ratio - 1) < 1e-3;
      store.set({ camera: home ? null : { x: c.x, y: c.y, ratio: c.ratio } });
    }, 200);
  });

  const unsubscribe = store.subscribe((state, previous) => {
    let reindex = false;
    if ((state.view === 'map') !== (previous.view === 'map')) {
      usePositions(state.view);
      reindex = true;
    }
    if (state.filters !== previous.filters) {
      visible = applyFilters(graph, state.filters, data);
    }
    const shownAgain = (state.view === 'network' || state.view === 'map') && (previous.view === 'communities' || previous.view === 'dashboard');
    // Shown again after the dashboard or the overview: measure the container once it is laid out.
    if (shownAgain) requestAnimationFrame(() => renderer.refresh());
    const changed =
      reindex ||
      state.filters !== previous.filters ||
      state.lang !== previous.lang ||
      state.colorBy !== previous.colorBy ||
      state.hovered !== previous.hovered ||
      state.selected !== previous.selected ||
      state.path !== previous.path ||
      state.community !== previous.community;
    if (!changed) return;
    if (reindex) {
      focus = computeFocus(graph, state, null);
      renderer.refresh();
      if (!state.camera) renderer.getCamera().setState({ x: 0.5, y: 0.5, ratio: 1, angle: 0 });
    } else redraw(state);
  });


  return {
    renderer,
    setCommunities(next) {
      communities = next;
      redraw(store.get());
    },
    showActor(id, animate = true) {
      const d = renderer.getNodeDisplayData(id);
      if (!d) return;
      // Centred on the actor, zoomed so that most of its partners are in view (a hub's farthest
      // partners would keep the whole network in view).
      const reach: number[] = [];
      graph.forEachNeighbor(id, (n) => {
        const p = renderer.getNodeDisplayData(n);
        if (p && !p.hidden) reach.push(Math.hypot(p.x - d.x, p.y - d.y));
      });
      reach.sort((a, b) => a - b);
      const typical = reach.length ? reach[Math.floor(reach.length * 0.75)] : 0.02;
      const target = { x: d.x, y: d.y, ratio: Math.min(0.7, Math.max(0.04, typical * 2.5)), angle: 0 };
      const camera = renderer.getCamera();
      if (animate) camera.animate(target, { duration: 600, easing: 'quadraticInOut' });
      else camera.setState(target);
    },
    showActors(ids) {
      let minX = Infinity;
      let minY = Infinity;
      let maxX = -Infinity;
      let maxY = -Infinity;
      for (const id of ids) {
        const d = renderer.getNodeDisplayData(id);
        if (!d || d.hidden) continue;
        minX = Math.min(minX, d.x);
        maxX = Math.max(maxX, d.x);
        minY = Math.min(minY, d.y);
        maxY = Math.max(maxY, d.y);
      }
      if (!Number.isFinite(minX)) return;
      const ratio = Math.min(1, Math.max(0.05, Math.max(maxX - minX, maxY - minY) * 1.3));
      renderer.getCamera().animate({ x: (minX + maxX) / 2, y: (minY + maxY) / 2, ratio }, { duration: 600 });
    },
    resetCamera() {
      renderer.getCamera().animate({ x: 0.5, y: 0.5, ratio: 1, angle: 0 }, { duration: 400 });
    },
    visibleCount: () => visible,
    kill() {
      unsubscribe();
      resizes.disconnect();
      clearTimeout(cameraTimer);
      overlays.kill();
      renderer.kill();
    },
  };
}
