/**
 * Optional live refinement of the layout in a web worker: graphology's ForceAtlas2 supervisor
 * runs the same algorithm and settings as the server (server/domain/layout/force-layout.ts),
 * starting from the server's positions, and writes each step back to the graph, which sigma
 * redraws. When it stops, the refined positions become the network view's positions.
 */
import type FA2Layout from 'graphology-layout-forceatlas2/worker';
import type { NetworkGraph } from '../data/network-data.ts';

export interface Refinement {
  running(): boolean;
  start(): Promise<void>;
  /** Stops and keeps the refined positions. */
  stop(): void;
  kill(): void;
}

/**
 * `scale` is the payload's layout scale: positions are divided by it so that ForceAtlas2 goes on
 * at the scale it settled at on the server (else it would first shrink or swell the picture).
 */
export function createRefinement(graph: NetworkGraph, scale: number, onChange: (running: boolean) => void): Refinement {
  let layout: FA2Layout | null = null;
  const rescale = (factor: number, keep: boolean) => {
    graph.updateEachNodeAttributes(
      (_n, attr) => {
        attr.x *= factor;
        attr.y *= factor;
        if (keep) {
          attr.fx = attr.x;
          attr.fy = attr.y;
        }
        return attr;
      },
      { attributes: ['x', 'y', 'fx', 'fy'] },
    );
  };
  const unit = scale > 0 ? scale : 1;
  return {
    running: () => Boolean(layout?.isRunning()),
    async start() {
      if (layout?.isRunning()) return;
      // Loaded on first use: the first drawing does not wait for it.
      const [{ default: Supervisor }, { FORCE_LAYOUT_DEFAULTS }] = await Promise.all([
        import('graphology-layout-forceatlas2/worker'),
        import('../../../server/domain/layout/force-layout.ts'),
      ]);
      rescale(1 / unit, false);
      layout ??= new Supervisor(graph, { settings: { ...FORCE_LAYOUT_DEFAULTS.settings }, getEdgeWeight: 'weight' });
      layout.start();
      onChange(true);
    },
    stop() {
      if (!layout?.isRunning()) return;
      layout.stop();
      rescale(unit, true);
      onChange(false);
    },
    kill() {
      layout?.kill();
      layout = null;
    },
  };
}
