/**
 * What stands out: the hovered or selected actor with its partners, an introduction path, or the
 * members of an opened community; everything else is veiled (focus-layer.ts). Computed once per
 * state change, so the layer only looks up sets.
 */
import type { NetworkGraph } from '../data/network-data.ts';
import type { ViewState } from '../data/state.ts';

export interface Focus {
  /** The actor the focus is about (hovered, else selected); null for a community. */
  center: string | null;
  /** Nodes kept in colour; null when nothing is focused (everything in colour). */
  nodes: ReadonlySet<string> | null;
  /** Edges kept visible. */
  edges: ReadonlySet<string>;
  /** Nodes whose labels are shown whatever the label grid picks. */
  labelled: ReadonlySet<string>;
  /** Nodes and edges of the introduction path. */
  pathNodes: ReadonlySet<string>;
  pathEdges: ReadonlySet<string>;
  /** The two ends of the proposed tie (selected actor and suggestion) when they are not tied yet. */
  proposed: [string, string] | null;
}

export const NO_FOCUS: Focus = Object.freeze({ center: null, nodes: null, edges: new Set(), labelled: new Set(), pathNodes: new Set(), pathEdges: new Set(), proposed: null }) as Focus;

/** At most this many partners (the strongest ties) or members (the most connected) keep their labels. */
export const LABELLED_PARTNERS = 30;

/**
 * The nodes that look different between two focuses apart from the veil: only the labelled ones
 * (the focus's actor, the path, the strongest partners, named by the focus layer); the other
 * partners are drawn again by the focus layer as they are. (The graph view redraws only the focus
 * layer on a focus change, so it no longer refreshes even these in sigma.)
 */
export function focusChange(a: Focus, b: Focus): string[] {
  return [...new Set([...a.labelled, ...b.labelled])];
}

export function computeFocus(graph: NetworkGraph, state: ViewState, communityMembers: ReadonlySet<string> | null): Focus {
  const center = [state.hovered, state.selected].find((id): id is string => Boolean(id && graph.hasNode(id))) ?? null;
  if (!center) {
    if (state.community !== null && communityMembers?.size) {
      const nodes = new Set([...communityMembers].filter((id) => graph.hasNode(id)));
      const labelled = strongest([...nodes].map((id) => [id, graph.degree(id)]));
      return { ...NO_FOCUS, nodes, labelled, edges: internalEdges(graph, nodes) };
    }
    return NO_FOCUS;
  }
  const nodes = new Set<string>([center]);
  const edges = new Set<string>();
  const weights: [string, number][] = [];
  graph.forEachEdge(center, (edge, attr, source, target) => {
    const partner = source === center ? target : source;
    nodes.add(partner);
    edges.add(edge);
    weights.push([partner, attr.weight]);
  });
  const labelled = strongest(weights);
  labelled.add(center);

  const pathNodes = new Set<string>();
  const pathEdges = new Set<string>();
  let proposed: [string, string] | null = null;
  // The path belongs to the selected actor: it stays while the pointer is on one of its nodes.
  const path = state.path?.filter((id) => graph.hasNode(id)) ?? [];
  if (state.selected && path.length >= 2 && (center === state.selected || path.includes(center))) {
    for (let i = 0; i < path.length; i++) {
      pathNodes.add(path[i]);
      nodes.add(path[i]);
      labelled.add(path[i]);
      if (i > 0) {
        const edge = graph.edge(path[i - 1], path[i]);
        if (edge !== undefined) pathEdges.add(edge);
      }
    }
    const [first, last] = [path[0], path[path.length - 1]];
    if (!graph.hasEdge(first, last)) proposed = [first, last];
    for (const edge of pathEdges) edges.add(edge);
  }
  return { center, nodes, edges, labelled, pathNodes, pathEdges, proposed };
}

/** The LABELLED_PARTNERS ids with the largest values (ties broken by id, so it repeats). */
function strongest(values: [string, number][]): Set<string> {
  values.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return new Set(values.slice(0, LABELLED_PARTNERS).map(([id]) => id));
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
