/**
 * After a larger write the server answers the drawing at once, its new actors placed beside their
 * partners, and refines the layout in the background (`layout.refining` in the payload). While
 * the drawing shown is such a placement, the client asks every few seconds (HEAD /api/graph: the
 * `X-Layout-Refining` header, no body) whether the refined one is there, and then pours it into
 * the graph sigma draws: the actors glide to their refined places (or, if the network changed
 * meanwhile, the whole drawing is poured in again, network-reload.ts). It watches
 * every drawing the client loads (an import or an edit reloads it), and gives up after 10 minutes.
 */
import { animateNodes } from 'sigma/utils';
import { loadGraph } from './api.ts';
import { reloadNetwork } from './network-reload.ts';
import type { NetworkData } from './network-data.ts';
import type { Store } from './state.ts';
import type { GraphPayload } from '../../../server/contract/api.ts';

/** How long the actors glide from their placed to their refined positions. */
const GLIDE_MS = 800;

export interface RefinementWatch {
  /** Stops asking. */
  stop(): void;
}

export function followLayoutRefinement(data: NetworkData, store: Store, options: { firstMs?: number; maxMs?: number; giveUpMs?: number } = {}): RefinementWatch {
  const { firstMs = 2_000, maxMs = 15_000, giveUpMs = 600_000 } = options;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let since = 0;
  let delay = firstMs;
  let stopped = false;

  const schedule = () => {
    if (stopped || timer !== undefined || !data.layout.refining) return;
    if (!since) (since = Date.now()), (delay = firstMs);
    timer = setTimeout(() => void check(), delay);
  };

  async function check(): Promise<void> {
    try {
      const res = await fetch('/api/graph', { method: 'HEAD', cache: 'no-store' });
      if (res.ok && res.headers.get('X-Layout-Refining') === 'false') await applyRefined(data, store, await loadGraph(() => undefined));
    } catch {
      // Unreachable for now: asked again later, as long as the watch lasts.
    }
    timer = undefined;
    if (!data.layout.refining) since = 0;
    else if (Date.now() - since > giveUpMs) stopped = true;
    else {
      delay = Math.min(maxMs, delay * 1.5);
      schedule();
    }
  }

  // A reload (after an import, an edit or a collaboration) changes the filters object: look again.
  const unsubscribe = store.subscribe((s, prev) => s.filters !== prev.filters && schedule());
  schedule();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
      unsubscribe();
    },
  };
}

/**
 * The refined drawing of the network shown: the same actors glide to their new positions (the
 * force layout's; on the map only the stored ones change). Another network version is poured in whole.
 */
async function applyRefined(data: NetworkData, store: Store, payload: GraphPayload): Promise<void> {
  const { id, x, y } = payload.nodes;
  const same = payload.version === data.version && id.length === data.graph.order && id.every((n) => data.graph.hasNode(n));
  if (!same) return reloadNetwork(data, store, payload);
  const onMap = store.get().view === 'map';
  const targets: Record<string, Record<string, number>> = {};
  id.forEach((n, i) => {
    data.graph.mergeNodeAttributes(n, { fx: x[i], fy: y[i] });
    targets[n] = { x: x[i], y: y[i] };
  });
  data.layout = payload.layout;
  if (onMap) return;
  await new Promise<void>((resolve) => {
    // A switch to the map mid-way stops the glide (the switch places every actor from fx / gx).
    const unsubscribe = store.subscribe((s, prev) => s.view !== prev.view && finish());
    const cancel = animateNodes(data.graph, targets, { duration: GLIDE_MS, easing: 'quadraticInOut' }, () => finish());
    function finish() {
      unsubscribe();
      cancel();
      resolve();
    }
  });
}
