/**
 * After a write (an import, an edit) the network is asked for again and poured into the graph sigma
 * already draws: the same graphology instance, so the renderer, the reducers and every module that
 * holds `NetworkData` see the new actors and ties without being built again. The view state then
 * runs the filters again (a new `filters` object) and forgets the communities of the old network.
 */
import { loadGraph } from './api.ts';
import { loadCommunities } from './community-data.ts';
import { buildNetwork, type NetworkData } from './network-data.ts';
import type { Store } from './state.ts';
import type { GraphPayload } from '../../../server/contract/api.ts';

/** Loads the network payload again (unless given) and replaces the drawn graph's actors and ties with it. */
export async function reloadNetwork(data: NetworkData, store: Store, payload?: GraphPayload): Promise<void> {
  const fresh = buildNetwork(payload ?? (await loadGraph(() => undefined)));
  const { graph } = data;
  const onMap = store.get().view === 'map';
  graph.clearEdges();
  for (const id of graph.filterNodes((id) => !fresh.graph.hasNode(id))) graph.dropNode(id);
  fresh.graph.forEachNode((id, attr) => {
    const placed = onMap ? { ...attr, x: attr.gx, y: attr.gy } : attr;
    if (graph.hasNode(id)) graph.replaceNodeAttributes(id, placed);
    else graph.addNode(id, placed);
  });
  fresh.graph.forEachEdge((key, attr, source, target) => graph.addEdgeWithKey(key, source, target, attr));
  const { reference, version, counts, years, layout, typeColors } = fresh;
  Object.assign(data, { reference, version, counts, years, layout, typeColors });
  // Sigma indexes added actors in its next frame; the filters' update before then would name
  // actors it does not know yet ("node … can't be repaint").
  await new Promise((resolve) => requestAnimationFrame(resolve));

  const s = store.get();
  const gone = (id: string | null) => id !== null && !graph.hasNode(id);
  store.set({
    // A new object: the filters run again over the new actors (graph-view.ts, the status line).
    filters: { ...s.filters },
    communities: { status: 'none' },
    ...(gone(s.selected) ? { selected: null, suggestion: null, path: null } : {}),
    ...(gone(s.suggestion) ? { suggestion: null, path: null } : {}),
  });
  if (s.colorBy === 'community' || s.community !== null) await loadCommunities(store).catch(() => undefined);
}
