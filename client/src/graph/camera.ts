/**
 * The camera of the network and map views: moving to an actor, framing a set of actors (an
 * introduction path, a community) in the part of the stage nothing covers (the panel, the legend,
 * the camera buttons), restoring a camera from the URL or the history, and reporting the camera to the state
 * (for the URL; never read back except on restore).
 */
import type Sigma from 'sigma';
import type { CameraState } from 'sigma/types';
import type { ActorAttributes, NetworkGraph, TieAttributes } from '../data/network-data.ts';
import type { CameraView, Store } from '../data/state.ts';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface CameraControl {
  /** Moves the camera to an actor, zoomed so that most of its partners are in view. */
  showActor(id: string, animate?: boolean): void;
  /** Frames a set of actors, with room for their names, in the visible part of the stage. */
  showActors(ids: Iterable<string>): void;
  /** The whole drawing in view. */
  reset(): void;
  /** A camera from the URL (null: the whole drawing). */
  restore(camera: CameraView | null): void;
  /** The part of the stage nothing covers, in the stage's pixels. */
  visibleArea(): Rect;
  kill(): void;
}

const HOME: Readonly<CameraState> = Object.freeze({ x: 0.5, y: 0.5, ratio: 1, angle: 0 });
/** Room kept right of framed actors for their names (their cards), in pixels. */
const NAME_ROOM = 180;
const MARGIN = 28;
/** Two actors next to each other are not framed closer than this. */
const MIN_FRAMING_RATIO = 0.05;

export interface CameraOptions {
  /** Elements over the stage (the panel, the legend, the camera buttons) that may hide actors. */
  obstacles(): Element[];
}

export function createCameraControl(renderer: Sigma<ActorAttributes, TieAttributes>, graph: NetworkGraph, store: Store, options: CameraOptions): CameraControl {
  const camera = renderer.getCamera();

  function visibleArea(): Rect {
    const stage = renderer.getContainer().getBoundingClientRect();
    const covers = options
      .obstacles()
      .filter((el) => !(el as HTMLElement).hidden && el.getClientRects().length > 0)
      .map((el) => {
        const r = el.getBoundingClientRect();
        return { x: r.left - stage.left, y: r.top - stage.top, width: r.width, height: r.height };
      });
    return freeArea({ x: 0, y: 0, width: stage.width, height: stage.height }, covers);
  }

  /** The camera that shows framed-graph point (x, y) at the centre of the visible area. */
  function centredIn(area: Rect, x: number, y: number, ratio: number, shiftLeft = 0): CameraState {
    const state = { x, y, ratio, angle: 0 };
    const target = { x: area.x + area.width / 2 - shiftLeft, y: area.y + area.height / 2 };
    const p = renderer.viewportToFramedGraph(target, { cameraState: state });
    return { x: x + (x - p.x), y: y + (y - p.y), ratio, angle: 0 };
  }

  function move(target: CameraState, animate: boolean): void {
    if (animate) void camera.animate(target, { duration: 600, easing: 'quadraticInOut' });
    else camera.setState(target);
  }

  // The camera is reported to the state (for the URL), debounced while it moves.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const report = (c: CameraState) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const home = Math.abs(c.x - 0.5) < 1e-3 && Math.abs(c.y - 0.5) < 1e-3 && Math.abs(c.ratio - 1) < 1e-3;
      store.set({ camera: home ? null : { x: c.x, y: c.y, ratio: c.ratio } });
    }, 200);
  };
  camera.on('updated', report);

  return {
    showActor(id, animate = true) {
      const d = renderer.getNodeDisplayData(id);
      if (!d) return;
      // Zoomed so that most of its partners are in view (a hub's farthest partners would keep
      // the whole network in view).
      const reach: number[] = [];
      graph.forEachNeighbor(id, (n) => {
        const p = renderer.getNodeDisplayData(n);
        if (p && !p.hidden) reach.push(Math.hypot(p.x - d.x, p.y - d.y));
      });
      reach.sort((a, b) => a - b);
      const typical = reach.length ? reach[Math.floor(reach.length * 0.75)] : 0.02;
      move(centredIn(visibleArea(), d.x, d.y, Math.min(0.7, Math.max(0.04, typical * 2.5))), animate);
    },
    showActors(ids) {
      const points = [...ids].flatMap((id) => {
        const d = renderer.getNodeDisplayData(id);
        return d && !d.hidden ? [d] : [];
      });
      if (!points.length) return;
      const xs = points.map((p) => p.x);
      const ys = points.map((p) => p.y);
      const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
      const area = visibleArea();
      // Pixels per framed-graph unit at ratio 1 (the ratio divides it).
      const a = renderer.framedGraphToViewport({ x: 0, y: 0 }, { cameraState: HOME });
      const b = renderer.framedGraphToViewport({ x: 1, y: 1 }, { cameraState: HOME });
      const kx = Math.abs(b.x - a.x);
      const ky = Math.abs(b.y - a.y);
      const room = Math.min(NAME_ROOM, area.width / 3);
      const ratio = Math.max(
        MIN_FRAMING_RATIO,
        Math.min(1, Math.max(((maxX - minX) * kx) / Math.max(1, area.width - room - 2 * MARGIN), ((maxY - minY) * ky) / Math.max(1, area.height - 2 * MARGIN))),
      );
      move(centredIn(area, (minX + maxX) / 2, (minY + maxY) / 2, ratio, room / 2), true);
    },
    reset() {
      void camera.animate(HOME, { duration: 400 });
    },
    restore(view) {
      camera.setState(view ? { ...view, angle: 0 } : HOME);
    },
    visibleArea,
    kill() {
      clearTimeout(timer);
      camera.removeListener('updated', report);
    },
  };
}

/**
 * The largest rectangle of `stage` left free by the covering rectangles, taking each cover in
 * turn and keeping the larger of the parts beside, above or below it.
 */
export function freeArea(stage: Rect, covers: readonly Rect[]): Rect {
  let free = stage;
  for (const c of covers) {
    const [cx2, cy2, fx2, fy2] = [c.x + c.width, c.y + c.height, free.x + free.width, free.y + free.height];
    if (c.x >= fx2 || cx2 <= free.x || c.y >= fy2 || cy2 <= free.y) continue;
    const parts: Rect[] = [
      { x: free.x, y: free.y, width: c.x - free.x, height: free.height },
      { x: cx2, y: free.y, width: fx2 - cx2, height: free.height },
      { x: free.x, y: free.y, width: free.width, height: c.y - free.y },
      { x: free.x, y: cy2, width: free.width, height: fy2 - cy2 },
    ];
    free = parts.reduce((best, p) => (p.width > 0 && p.height > 0 && p.width * p.height > best.width * best.height ? p : best), { ...free, width: 0, height: 0 });
  }
  return free;
}
