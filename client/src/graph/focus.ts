/**
 * What the reducers emphasise: the hovered or selected actor with its partners, an introduction
 * path, or the members of an opened community. Everything else is dimmed. Computed once per state
 * change, so the reducers only look up sets.
 */
import type { NetworkGraph } from '../data/network-data.ts';
import type { ViewState } from '../data/state.ts';

export interface Focus {
  /** The actor the focus is about (hovered, else selected); null for a community. */
  center: string | null;
  /** Nodes kept in colour; null when nothing is focused (everything in colour). */
  nodes: Set<string> | null;
  /** Edges kept visible. */
  edges: Set<string>;
  /** Nodes and edges of the introduction path. */
  pathNodes: Set<string>;
  pathEdges: Set<string>;
  /** The two ends of the proposed tie (selected actor and suggestion) when they are not tied yet. */
  proposed: [string, string] | null;
}

export const NO_FOCUS: Focus = Object.freeze({ center: null, nodes: null, edges: new Set(), pathNodes: new Set(), pathEdges: new Set(), proposed: null }) as Focus;

/** Above this many partners, only the strongest ties of a focused actor keep their labels. */
export const LABELLED_PARTNERS = 30;

export function computeFocus(graph: NetworkGraph, state: ViewState, communityMembers: ReadonlySet<string> | null): Focus {
  const center = [state.hovered, state.selected].find((id): id is string => Boolean(id && graph.hasNode(id))) ?? null;
  if (!center) {
    if (state.community !== null && communityMembers?.size) {
      return { ...NO_FOCUS, nodes: new Set(communityMembers), edges: internalEdges(graph, communityMembers) };
    }
    return NO_FOCUS;
  }
  const nodes = new Set<string>([center]);
  const edges = new Set<string>();
  graph.forEachEdge(center, (edge, _attr, source, target) => {
    nodes.add(source === center ? target : source);
    edges.add(edge);
  });

  const pathNodes = new Set<string>();
  const pathEdges = new Set<string>();
  let proposed: [string, string] | null = null;
  // The path belongs to the selected actor: it stays while the pointer is on one of its nodes.
  const path = state.path?.filter((id) => graph.hasNode(id)) ?? [];
  if (state.selected && path.length >= 2 && (center === state.selected || path.includes(center))) {
    for (let i = 0; i < path.length; i++) {
      pathNodes.add(path[i]);
      nodes.add(path[i]);
      if (i > 0) {
        const edge = graph.edge(path[i - 1], path[i]);
        if (edge !== undefined) pathEdges.add(edge);
      }
    }
    const [first, last] = [path[0], path[path.length - 1]];
    if (!graph.hasEdge(first, last)) proposed = [first, last];
    for (const edge of pathEdges) edges.add(edge);
  }
  return { center, nodes, edges, pathNodes, pathEdges, proposed };
}

function internalEdges(graph: NetworkGraph, members: ReadonlySet<string>): Set<string> {
  const edges = new Set<string>();
  for (const node of members) {
    if (!graph.hasNode(node)) continue;
    graph.forEachEdge(node, (edge, _attr, source, target) => {
      if (members.has(source) && members.has(target)) edges.add(edge);
    });
  }
  return edges;
}

/**
 * The introduction path from `from` to `to`: through the first intermediary the suggestion names
 * when that intermediary is tied to both, else the shortest path in the drawn network (breadth
 * first, at most `maxHops` ties), else just the two ends.
 */
export function introductionPath(graph: NetworkGraph, from: string, to: string, via: readonly string[], maxHops = 4): string[] {
  if (!graph.hasNode(from) || !graph.hasNode(to)) return [from, to];
  for (const v of via) {
    if (graph.hasNode(v) && graph.hasEdge(from, v) && graph.hasEdge(v, to)) return [from, v, to];
  }
  const previous = new Map<string, string | null>([[from, null]]);
  let frontier = [from];
  for (let hop = 0; hop < maxHops && frontier.length; hop++) {
    const next: string[] = [];
    for (const node of frontier) {
      for (const neighbour of graph.neighbors(node)) {
        if (previous.has(neighbour)) continue;
        previous.set(neighbour, node);
        if (neighbour === to) return walkBack(previous, to);
        next.push(neighbour);
      }
    }
    frontier = next;
  }
  return [from, to];
}

function walkBack(previous: Map<string, string | null>, to: string): string[] {
  const path: string[] = [];
  for (let node: string | null = to; node !== null; node = previous.get(node) ?? null) path.unshift(node);
  return path;
}
