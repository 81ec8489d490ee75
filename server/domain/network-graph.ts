/**
 * The network as a graphology graph for the algorithms (suggestions, communities, metrics):
 * one undirected edge per pair of actors, whose weight sums the pair's ties, optionally as it
 * stood at the end of a year (`asOf`) and restricted to some actor types.
 */
import Graph from 'graphology';
import type { Actor, ActorType, Tie, TieKind } from './model.ts';
import { findPrefecture } from './reference/prefectures.ts';

export interface ActorNode {
  type: ActorType;
  name: string;
  name_ja?: string;
  prefecture?: string;
  region?: string;
  lat?: number;
  lon?: number;
  fields: string[];
  seeks: string[];
  clusters: string[];
}

export interface PairEdge {
  /** Sum of the weights of the pair's ties. */
  weight: number;
  kinds: TieKind[];
  /** Year of the pair's first tie (undefined when no tie carries a year). */
  since?: number;
}

export type NetworkGraph = Graph<ActorNode, PairEdge>;

export interface NetworkGraphOptions {
  /** Keep only ties whose `since` is at most this year (ties without a year are kept). */
  asOf?: number;
  /** Keep only actors of these types (and the ties among them). */
  types?: readonly ActorType[];
}

export function actorNode(a: Actor): ActorNode {
  const pref = a.prefecture && (!a.country || a.country === 'JP') ? findPrefecture(a.prefecture) : undefined;
  return {
    type: a.type,
    name: a.name,
    ...(a.name_ja ? { name_ja: a.name_ja } : {}),
    ...(a.prefecture ? { prefecture: a.prefecture } : {}),
    ...(pref ? { region: pref.region } : {}),
    lat: a.lat ?? pref?.lat,
    lon: a.lon ?? pref?.lon,
    fields: a.fields ?? [],
    seeks: a.seeks ?? [],
    clusters: a.clusters ?? [],
  };
}

/**
 * Which actors and ties a network of `options` holds: the actors of the given types (all when
 * none are given), the ties whose year is at most `asOf` (ties without a year always). Every
 * form of the network (this graph, the compact form of communities/compact-network.ts) uses it.
 */
export function networkSelection(options: NetworkGraphOptions): { keepsActor(a: Actor): boolean; keepsTie(t: Tie): boolean } {
  const types = options.types && options.types.length ? new Set(options.types) : null;
  const asOf = options.asOf;
  return {
    keepsActor: (a) => !types || types.has(a.type),
    keepsTie: (t) => asOf === undefined || t.since === undefined || t.since <= asOf,
  };
}

export function buildNetworkGraph(actors: Iterable<Actor>, ties: Iterable<Tie>, options: NetworkGraphOptions = {}): NetworkGraph {
  const { keepsActor, keepsTie } = networkSelection(options);
  const graph: NetworkGraph = new Graph({ type: 'undirected', multi: false, allowSelfLoops: false });
  for (const a of actors) if (keepsActor(a)) graph.addNode(a.id, actorNode(a));
  for (const t of ties) {
    if (!keepsTie(t) || t.source === t.target || !graph.hasNode(t.source) || !graph.hasNode(t.target)) continue;
    const edge = graph.edge(t.source, t.target);
    if (edge === undefined) {
      graph.addEdge(t.source, t.target, { weight: t.weight, kinds: [t.kind], ...(t.since !== undefined ? { since: t.since } : {}) });
    } else {
      graph.updateEdgeAttributes(edge, (e) => ({
        weight: e.weight + t.weight,
        kinds: e.kinds.includes(t.kind) ? e.kinds : [...e.kinds, t.kind],
        since: t.since === undefined ? e.since : e.since === undefined ? t.since : Math.min(e.since, t.since),
      }));
    }
  }
  return graph;
}
