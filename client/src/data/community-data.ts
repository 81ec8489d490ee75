/**
 * The communities of the network, as the server's community detection finds them
 * (`GET /api/communities?members=true`), loaded once on demand into the store
 * (`ViewState.communities`) and shared from there by the community colouring, the legend, the
 * community overview and the dashboard. The overview graph (one node per community, one edge per
 * pair of communities tied) is derived here from the drawn network.
 */
import Graph from 'graphology';
import { getCommunities, type CommunitiesResponse, type CommunitySummary } from './api.ts';
import { COMMUNITY_COLORS, NO_VALUE_COLOR } from '../graph/colors.ts';
import { t } from '../i18n/i18n.ts';
import type { NetworkData } from './network-data.ts';
import type { Lang, Store } from './state.ts';
import type { CommunityInfo } from './community-info.ts';

/**
 * The communities, loaded once into the store; concurrent callers wait for the same request, and
 * a failed load is tried again on the next call.
 */
export function loadCommunities(store: Store): Promise<CommunityInfo> {
  const load = store.get().communities;
  if (load.status === 'ready') return Promise.resolve(load.info);
  if (load.status === 'loading') return settled(store);
  store.set({ communities: { status: 'loading' } });
  getCommunities().then(
    (response) => store.set({ communities: { status: 'ready', info: toInfo(response) } }),
    (error: unknown) => store.set({ communities: { status: 'failed', error } }),
  );
  return settled(store);
}

/** The outcome of the load under way. */
function settled(store: Store): Promise<CommunityInfo> {
  return new Promise((resolve, reject) => {
    const stop = store.subscribe(({ communities: load }) => {
      if (load.status === 'loading') return;
      stop();
      if (load.status === 'ready') resolve(load.info);
      else reject(load.status === 'failed' ? load.error : new Error('the communities were not loaded'));
    });
  });
}

function toInfo(response: CommunitiesResponse): CommunityInfo {
  const rankOfCommunity = new Map(response.communities.map((c, i) => [c.id, i]));
  const rank = new Map<string, number>();
  const members = new Map<number, Set<string>>();
  for (const [actor, community] of Object.entries(response.members ?? {})) {
    const r = rankOfCommunity.get(community);
    if (r !== undefined) rank.set(actor, r);
    let set = members.get(community);
    if (!set) members.set(community, (set = new Set()));
    set.add(actor);
  }
  return { response, rank, members, rankOfCommunity, byId: new Map(response.communities.map((c) => [c.id, c])) };
}

export function communityColor(info: CommunityInfo, id: number): string {
  const r = info.rankOfCommunity.get(id);
  return r !== undefined && r < COMMUNITY_COLORS.length ? COMMUNITY_COLORS[r] : NO_VALUE_COLOR;
}

export function communityLabel(info: CommunityInfo, id: number, lang: Lang): string {
  const label = info.byId.get(id)?.label;
  const name = label ? (lang === 'ja' ? label.ja : label.en) : '';
  return name || t('community.name', { id });
}

export interface CommunityNode {
  x: number;
  y: number;
  /** Radius in graph units (the overview draws sizes in positions). */
  size: number;
  color: string;
  label: string;
  members: number;
  community: number;
}

export interface CommunityEdge {
  size: number;
  ties: number;
  color: string;
}

/** Communities smaller than this are left out of the overview (pairs, small islands). */
export const OVERVIEW_MIN_SIZE = 10;

/**
 * One node per community of at least OVERVIEW_MIN_SIZE actors, at the centre of its members'
 * force positions, its area proportional to its members, moved apart until no two overlap; one
 * edge per pair of communities with the number of ties between them.
 */
export function communityGraph(info: CommunityInfo, data: NetworkData, lang: Lang): Graph<CommunityNode, CommunityEdge> {
  const graph = new Graph<CommunityNode, CommunityEdge>({ type: 'undirected' });
  const communityOf = new Map<string, number>();
  const shown = info.response.communities.filter((c) => c.size >= OVERVIEW_MIN_SIZE);
  const total = shown.reduce((sum, c) => sum + c.size, 0);
  // Discs cover about a quarter of the layout's square (side 2000).
  const k = Math.sqrt((0.25 * 2000 * 2000) / (Math.PI * Math.max(total, 1)));
  for (const c of shown) {
    const ids = info.members.get(c.id);
    if (!ids) continue;
    let x = 0;
    let y = 0;
    let n = 0;
    for (const id of ids) {
      if (!data.graph.hasNode(id)) continue;
      const a = data.graph.getNodeAttributes(id);
      x += a.fx;
      y += a.fy;
      n++;
      communityOf.set(id, c.id);
    }
    if (!n) continue;
    graph.addNode(String(c.id), {
      x: x / n,
      y: y / n,
      size: k * Math.sqrt(c.size),
      color: communityColor(info, c.id),
      // The server's label reads "Kanto · Moulds and dies · 3430 actors": one part per line.
      label: communityLabel(info, c.id, lang).split(/\s+·\s+/).join('\n'),
      members: c.size,
      community: c.id,
    });
  }
  separate(graph, k * 1.5);
  const ties = new Map<string, number>();
  data.graph.forEachEdge((_e, _a, source, target) => {
    const a = communityOf.get(source);
    const b = communityOf.get(target);
    if (a === undefined || b === undefined || a === b) return;
    const key = a < b ? `${a}|${b}` : `${b}|${a}`;
    ties.set(key, (ties.get(key) ?? 0) + 1);
  });
  const strongest = Math.max(1, ...ties.values());
  for (const [key, n] of ties) {
    const [a, b] = key.split('|');
    graph.addEdge(a, b, { ties: n, size: k * (0.4 + 4 * Math.sqrt(n / strongest)), color: '#cbd2db' });
  }
  return graph;
}

/** Pushes overlapping discs apart (the larger moves less) until none overlap, in a fixed order. */
function separate(graph: Graph<CommunityNode, CommunityEdge>, gap: number): void {
  const nodes = graph.nodes().map((id) => graph.getNodeAttributes(id));
  for (let round = 0; round < 300; round++) {
    let overlaps = 0;
    for (let i = 0; i < nodes.length; i++) {
      for (let j = i + 1; j < nodes.length; j++) {
        const a = nodes[i];
        const b = nodes[j];
        let dx = b.x - a.x;
        let dy = b.y - a.y;
        let d = Math.hypot(dx, dy);
        const min = a.size + b.size + gap;
        if (d >= min) continue;
        overlaps++;
        if (d < 1e-6) [dx, dy, d] = [1, 0, 1];
        const push = min - d;
        const share = b.size / (a.size + b.size);
        a.x -= (dx / d) * push * share;
        a.y -= (dy / d) * push * share;
        b.x += (dx / d) * push * (1 - share);
        b.y += (dy / d) * push * (1 - share);
      }
    }
    if (!overlaps) break;
  }
}
