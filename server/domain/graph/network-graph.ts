/**
 * The network as a graphology graph for the algorithms (suggestions, communities, metrics):
 * one undirected edge per pair of actors, whose weight sums the pair's ties, optionally as it
 * stood at the end of a year (`asOf`) and restricted to some actor types.
 */
import Graph from 'graphology';
import type { Actor, ActorType, Tie, TieKind } from '../model.ts';
import { countryOf, HOME_COUNTRY } from '../reference/countries.ts';
import { findPrefecture } from '../reference/prefectures.ts';
import { runSteps, type Steps } from '../steps.ts';

export interface ActorNode {
  type: ActorType;
  name: string;
  name_ja?: string;
  prefecture?: string;
  region?: string;
  /** ISO 3166-1 alpha-2 code as the data writes it, upper case; `JP` when the actor gives none. */
  country: string;
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
  const country = countryOf(a.country);
  // Only a prefecture in Japan has a region and a capital to stand for the actor's coordinates;
  // abroad, `prefecture` is a region as written and gives no place.
  const pref = a.prefecture && country === HOME_COUNTRY ? findPrefecture(a.prefecture) : undefined;
  return {
    type: a.type,
    name: a.name,
    ...(a.name_ja ? { name_ja: a.name_ja } : {}),
    ...(a.prefecture ? { prefecture: a.prefecture } : {}),
    ...(pref ? { region: pref.region } : {}),
    country,
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

/** One pair of actors with ties: positions `a` and `b`, weights summed, kinds listed once, the earliest year. */
export interface NetworkPair {
  a: number;
  b: number;
  weight: number;
  kinds: TieKind[];
  since?: number;
}

/**
 * The pairs of the actors in `position` (actor id → index) that have ties kept by `options`: one
 * per pair, in the order of each pair's first tie; self-ties and ties to actors not in `position`
 * left out. Every form of the network is made of these (this graph, the compact form of
 * communities/compact-network.ts, the suggestion index).
 */
export function networkPairs(position: ReadonlyMap<string, number>, ties: Iterable<Tie>, options: NetworkGraphOptions = {}): NetworkPair[] {
  return runSteps(networkPairSteps(position, ties, options));
}

/** Ties read between two turns of the event loop by networkPairSteps: about 15 ms of work (a step that grows the pair map costs more). */
const TIES_PER_STEP = 20_000;

/** networkPairs as steps (steps.ts), for a server that must keep answering meanwhile. */
export function* networkPairSteps(position: ReadonlyMap<string, number>, ties: Iterable<Tie>, options: NetworkGraphOptions = {}): Steps<NetworkPair[]> {
  const { keepsTie } = networkSelection(options);
  const n = position.size;
  const byKey = new Map<number, NetworkPair>();
  let read = 0;
  for (const t of ties) {
    if (++read % TIES_PER_STEP === 0) yield;
    if (!keepsTie(t)) continue;
    const i = position.get(t.source);
    const j = position.get(t.target);
    if (i === undefined || j === undefined || i === j) continue;
    const key = i < j ? i * n + j : j * n + i;
    const pair = byKey.get(key);
    if (pair === undefined) {
      byKey.set(key, { a: i, b: j, weight: t.weight, kinds: [t.kind], ...(t.since !== undefined ? { since: t.since } : {}) });
    } else {
      pair.weight += t.weight;
      if (!pair.kinds.includes(t.kind)) pair.kinds.push(t.kind);
      if (t.since !== undefined && (pair.since === undefined || t.since < pair.since)) pair.since = t.since;
    }
  }
  yield;
  return [...byKey.values()];
}

/** Actor id → index over the actors `options` keeps, in their order; a repeated id is an error. */
export function actorPositions(actors: Iterable<Actor>, options: NetworkGraphOptions = {}): { kept: Actor[]; position: Map<string, number> } {
  const { keepsActor } = networkSelection(options);
  const kept: Actor[] = [];
  const position = new Map<string, number>();
  for (const a of actors) {
    if (!keepsActor(a)) continue;
    if (position.has(a.id)) throw new Error(`musubi network-graph: actor '${a.id}' is given twice.`);
    position.set(a.id, kept.length);
    kept.push(a);
  }
  return { kept, position };
}

export function buildNetworkGraph(actors: Iterable<Actor>, ties: Iterable<Tie>, options: NetworkGraphOptions = {}): NetworkGraph {
  const { kept, position } = actorPositions(actors, options);
  return graphOfPairs(kept, networkPairs(position, ties, options));
}

/** The graph of the kept actors (actorPositions) and their pairs (networkPairs). */
export function graphOfPairs(kept: readonly Actor[], pairs: readonly NetworkPair[]): NetworkGraph {
  const graph: NetworkGraph = new Graph({ type: 'undirected', multi: false, allowSelfLoops: false });
  for (const a of kept) graph.addNode(a.id, actorNode(a));
  for (const { a, b, weight, kinds, since } of pairs) {
    graph.addEdge(kept[a].id, kept[b].id, { weight, kinds, ...(since !== undefined ? { since } : {}) });
  }
  return graph;
}
