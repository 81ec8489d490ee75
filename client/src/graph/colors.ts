/**
 * Node colours for each colouring of the view state. Actor types keep the colours of the GEXF
 * export (server/domain/export/network-gexf.ts, sent in the payload's reference list); regions,
 * clusters and communities take Tableau's 10- and 20-colour categorical palettes, which stay
 * distinguishable on white and for most colour-vision deficiencies.
 */
import type { ActorAttributes, NetworkData } from '../data/network-data.ts';
import type { ColorBy } from '../data/state.ts';

export const TABLEAU_10 = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];
export const TABLEAU_20 = [
  '#4e79a7', '#a0cbe8', '#f28e2b', '#ffbe7d', '#59a14f', '#8cd17d', '#b6992d', '#f1ce63', '#499894', '#86bcb6',
  '#e15759', '#ff9d9a', '#79706e', '#bab0ac', '#d37295', '#fabfd2', '#b07aa1', '#d4a6c8', '#9d7660', '#d7b5a6',
];

/** Actors with no value for the colouring (no cluster, abroad, a small community). */
export const NO_VALUE_COLOR = '#c3c8d0';
/** Everything outside the focus while hovering or selecting. */
export const DIMMED_NODE_COLOR = '#eceff3';
// Opaque on purpose: sigma blends WebGL colours as premultiplied, so a translucent grey over
// white comes out white.
export const EDGE_COLOR = '#dde2e8';
export const FOCUS_EDGE_COLOR = '#a3acb8';
export const COMMUNITY_EDGE_COLOR = '#c4cbd4';
export const PATH_COLOR = '#d9480f';

/** Communities get the palette in order of size; those beyond it share the "other" colour. */
export const COMMUNITY_COLORS = TABLEAU_20;

/** The colour of one actor under a colouring. `community` maps actor ids to ranks by size. */
export function nodeColor(
  attr: ActorAttributes,
  node: string,
  colorBy: ColorBy,
  data: NetworkData,
  communityRank: ReadonlyMap<string, number> | null,
): string {
  switch (colorBy) {
    case 'type':
      return typeColor(data, attr.actorType);
    case 'region':
      return attr.region >= 0 ? TABLEAU_10[attr.region % TABLEAU_10.length] : NO_VALUE_COLOR;
    case 'cluster':
      return attr.clusters.length ? TABLEAU_20[attr.clusters[0] % TABLEAU_20.length] : NO_VALUE_COLOR;
    case 'community': {
      const rank = communityRank?.get(node);
      return rank !== undefined && rank < COMMUNITY_COLORS.length ? COMMUNITY_COLORS[rank] : NO_VALUE_COLOR;
    }
  }
}

export function typeColor(data: Pick<NetworkData, 'typeColors'>, type: string): string {
  return data.typeColors.get(type) ?? NO_VALUE_COLOR;
}
