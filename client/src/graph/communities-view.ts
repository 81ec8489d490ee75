/**
 * The community overview: the communities as a graph of their own, for a first look at a network
 * too large to read actor by actor (sigma's maintainers advise an overview first above about
 * 10^4 nodes). Each circle is a community placed at the centre of its members, sized by its
 * members; lines are the ties between communities. Clicking one opens its members in the network.
 */
import type Graph from 'graphology';
import Sigma from 'sigma';
import { EdgeRectangleProgram } from 'sigma/rendering';
import type { NodeDisplayData, EdgeDisplayData } from 'sigma/types';
import { communityGraph, loadCommunities, OVERVIEW_MIN_SIZE, type CommunityEdge, type CommunityNode } from '../data/community-data.ts';
import type { CommunityInfo } from '../data/community-info.ts';
import { communityName } from '../dashboard/dashboard-charts.ts';
import { DIMMED_NODE_COLOR } from './colors.ts';
import { t, formatValue } from '../i18n/i18n.ts';
import { drawCentredLabel, FONT_STACK } from './label-drawing.ts';
import { describeError } from '../i18n/messages.ts';
import { el } from '../dom.ts';
import type { NetworkData } from '../data/network-data.ts';
import type { Lang, Store } from '../data/state.ts';

export interface CommunitiesView {
  renderer(): Sigma | null;
  kill(): void;
}

export function createCommunitiesView(root: HTMLElement, data: NetworkData, store: Store, options: { onOpen(community: number): void }): CommunitiesView {
  let renderer: Sigma<CommunityNode, CommunityEdge> | null = null;
  let info: CommunityInfo | null = null;
  let hovered: string | null = null;
  const header = el('div', { className: 'communities-header' });
  const canvas = el('div', { className: 'communities-canvas' });
  root.append(header, canvas);

  function renderHeader(error?: unknown): void {
    header.replaceChildren();
    if (error) {
      header.append(el('p', { className: 'error-text' }, describeError(error, t('communities.feature'))));
      return;
    }
    if (!info) {
      header.append(el('p', { className: 'muted' }, t('communities.loading')));
      return;
    }
    const r = info.response;
    header.append(
      el('h2', {}, t('communities.title')),
      el('p', { className: 'summary' }, t('communities.summary', { count: formatValue(r.count), q: r.modularity.toFixed(3) })),
      el('p', { className: 'muted' }, t('communities.shown', { shown: formatValue(r.communities.filter((c) => c.size >= OVERVIEW_MIN_SIZE).length), min: OVERVIEW_MIN_SIZE })),
      el('p', { className: 'muted' }, t('communities.hint')),
    );
  }

  async function show(): Promise<void> {
    renderHeader();
    try {
      info = await loadCommunities(store);
    } catch (err) {
      renderHeader(err);
      return;
    }
    renderHeader();
    // The container has just been shown: let the browser lay it out before sigma measures it.
    await new Promise((resolve) => requestAnimationFrame(resolve));
    if (renderer) {
      renderer.refresh();
      return;
    }
    const graph = communityGraph(info, data, store.get().lang);
    relabelNodes(graph, info, store.get().lang);
    renderer = new Sigma<CommunityNode, CommunityEdge>(graph, canvas, {
      itemSizesReference: 'positions',
      defaultEdgeType: 'thick',
      edgeProgramClasses: { thick: EdgeRectangleProgram },
      labelFont: FONT_STACK,
      labelSize: 13,
      labelWeight: '500',
      defaultDrawNodeLabel: drawCentredLabel,
      defaultDrawNodeHover: drawCentredLabel,
      labelRenderedSizeThreshold: 0,
      labelDensity: 1,
      labelGridCellSize: 60,
      stagePadding: 60,
      zIndex: true,
      allowInvalidContainer: true,
      nodeReducer: (node, attr): Partial<NodeDisplayData> => {
        const out: Partial<NodeDisplayData> = { ...attr, forceLabel: true };
        if (hovered && node !== hovered && !graph.areNeighbors(node, hovered)) return { ...out, color: DIMMED_NODE_COLOR, label: null, zIndex: 0 };
        return { ...out, zIndex: node === hovered ? 2 : 1 };
      },
      edgeReducer: (edge, attr): Partial<EdgeDisplayData> => {
        if (hovered && !graph.hasExtremity(edge, hovered)) return { ...attr, hidden: true };
        return attr;
      },
    });
    renderer.on('enterNode', ({ node }) => {
      hovered = node;
      renderer!.refresh({ skipIndexation: true });
    });
    renderer.on('leaveNode', () => {
      hovered = null;
      renderer!.refresh({ skipIndexation: true });
    });
    renderer.on('clickNode', ({ node }) => options.onOpen(graph.getNodeAttribute(node, 'community')));
  }

  function relabel(): void {
    if (!renderer || !info) return;
    relabelNodes(renderer.getGraph(), info, store.get().lang);
    renderHeader();
  }

  const unsubscribe = store.subscribe((s, prev) => {
    if (s.view === 'communities' && prev.view !== 'communities') void show();
    if (s.lang !== prev.lang) relabel();
  });
  if (store.get().view === 'communities') void show();

  return {
    renderer: () => renderer as Sigma | null,
    kill() {
      unsubscribe();
      renderer?.kill();
    },
  };
}

/**
 * Each community's label in the interface language, one part per line, its number of actors
 * written as the rest of the interface writes numbers ("3,430 actors", not the server's "3430").
 */
function relabelNodes(graph: Graph<CommunityNode, CommunityEdge>, info: CommunityInfo, lang: Lang): void {
  graph.updateEachNodeAttributes(
    (_node, attr) => ({ ...attr, label: [...communityName(info, attr.community, lang).split(/\s+·\s+/), t('communities.members', { n: formatValue(attr.members) })].join('\n') }),
    { attributes: ['label'] },
  );
}
