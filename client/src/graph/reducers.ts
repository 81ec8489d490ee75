/**
 * Sigma's node and edge reducers: what the view state changes in the drawing without touching
 * the graph. Colouring, the language of the labels and the map's smaller nodes apply to every
 * actor (a full refresh). The focus is not theirs: it is drawn over sigma's drawing
 * (focus-layer.ts, focus-labels.ts), so a hover or a selection refreshes no actor at all.
 */
import type { EdgeDisplayData, NodeDisplayData } from 'sigma/types';
import { EDGE_COLOR, nodeColor } from './colors.ts';
import { actorName, type ActorAttributes, type NetworkData, type TieAttributes } from '../data/network-data.ts';
import type { Store } from '../data/state.ts';

export interface Reducers {
  nodeReducer(node: string, attr: ActorAttributes): Partial<NodeDisplayData>;
  edgeReducer(edge: string, attr: TieAttributes): Partial<EdgeDisplayData>;
}

export function createReducers(data: NetworkData, store: Store): Reducers {
  // Sigma hands the reducers a shallow copy of the attributes: they complete and return it,
  // which spares an object per node and per tie at every refresh.
  return {
    nodeReducer(node, attr) {
      const s = store.get();
      const out = attr as ActorAttributes & Partial<NodeDisplayData>;
      if (s.view === 'map') out.size = attr.size * 0.75;
      out.label = actorName(attr, s.lang);
      const communities = s.communities.status === 'ready' ? s.communities.info.rank : null;
      out.color = nodeColor(attr, node, s.colorBy, data, communities);
      return out;
    },
    edgeReducer(_edge, attr) {
      const out = attr as TieAttributes & Partial<EdgeDisplayData>;
      out.color = EDGE_COLOR;
      // On the map, 50,000 ties between prefectures are a grey veil: the focus layer shows an
      // actor's own.
      if (store.get().view === 'map') out.hidden = true;
      return out;
    },
  };
}
