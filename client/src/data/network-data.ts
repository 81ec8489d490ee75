/**
 * The network payload turned into the graphology graph sigma draws, plus the reference lists the
 * interface names things with. Node attributes are data (what the actor is, where each view puts
 * it); everything that depends on the view state is left to the reducers (graph-view.ts).
 */
import Graph from 'graphology';
import type { ActorType, GraphPayload, NamedRef, TieKind } from '../../../server/contract/api.ts';
import type { Lang } from './state.ts';

export interface ActorAttributes {
  /** Current drawing position (sigma reads x/y): the force or the map position. */
  x: number;
  y: number;
  fx: number;
  fy: number;
  gx: number;
  gy: number;
  size: number;
  /** Always the English name; the reducer shows `name_ja` in Japanese. */
  label: string;
  name_ja: string;
  actorType: ActorType;
  /** Indexes into the reference lists; -1 for none. */
  prefecture: number;
  region: number;
  clusters: number[];
  fields: number[];
  country: string;
  degree: number;
  /** Set by the filters. */
  hidden: boolean;
}

export interface TieAttributes {
  kinds: number;
  weight: number;
  since: number;
  size: number;
  hidden: boolean;
}

export type NetworkGraph = Graph<ActorAttributes, TieAttributes>;

export interface NetworkData {
  graph: NetworkGraph;
  reference: GraphPayload['reference'];
  version: number;
  counts: GraphPayload['counts'];
  /** First and last year a tie began (null when no tie has a year). */
  years: [number, number] | null;
  layout: GraphPayload['layout'];
  /** Colour of each actor type (the GEXF export's, from the reference list). */
  typeColors: ReadonlyMap<string, string>;
}

/** Node size from the number of partners: area grows with degree, so hubs stand out, not dominate. */
export function nodeSize(degree: number): number {
  return 1.5 + Math.sqrt(degree) * 0.55;
}

/** Builds the graph from the payload (about 0.2 s for 11,000 actors and 50,000 pairs). */
export function buildNetwork(payload: GraphPayload): NetworkData {
  const graph: NetworkGraph = new Graph({ type: 'undirected', multi: false, allowSelfLoops: false });
  const n = payload.nodes;
  const types = payload.reference.types.map((t) => t.id);
  for (let i = 0; i < n.id.length; i++) {
    graph.addNode(n.id[i], {
      x: n.x[i],
      y: n.y[i],
      fx: n.x[i],
      fy: n.y[i],
      gx: n.gx[i],
      gy: n.gy[i],
      size: nodeSize(n.degree[i]),
      label: n.name[i],
      name_ja: n.name_ja[i],
      actorType: types[n.type[i]],
      prefecture: n.prefecture[i],
      region: n.region[i],
      clusters: n.clusters[i],
      fields: n.fields[i],
      country: n.country[i],
      degree: n.degree[i],
      hidden: false,
    });
  }
  const e = payload.edges;
  let first = Infinity;
  let last = -Infinity;
  for (let i = 0; i < e.source.length; i++) {
    const since = e.since[i];
    if (since) {
      if (since < first) first = since;
      if (since > last) last = since;
    }
    graph.addEdgeWithKey(String(i), n.id[e.source[i]], n.id[e.target[i]], {
      kinds: e.kinds[i],
      weight: e.weight[i],
      since,
      size: Math.min(3, 0.4 + Math.log1p(e.weight[i]) * 0.5),
      hidden: false,
    });
  }
  const typeColors = new Map(payload.reference.types.map((t) => [t.id as string, t.color]));
  return { graph, reference: payload.reference, version: payload.version, counts: payload.counts, years: first <= last ? [first, last] : null, layout: payload.layout, typeColors };
}

/** Moves the drawing position (x, y) to the force layout's or the map's coordinates. */
export function drawAt(graph: NetworkGraph, positions: 'force' | 'map'): void {
  const geo = positions === 'map';
  graph.updateEachNodeAttributes(
    (_node, attr) => {
      attr.x = geo ? attr.gx : attr.fx;
      attr.y = geo ? attr.gy : attr.fy;
      return attr;
    },
    { attributes: ['x', 'y'] },
  );
}

/** A reference entry's name in the interface language. */
export function refName(ref: Pick<NamedRef, 'name' | 'name_ja'> | undefined, lang: Lang): string {
  if (!ref) return '';
  return lang === 'ja' && ref.name_ja ? ref.name_ja : ref.name;
}

/** An actor's name in the interface language (Japanese falls back to English and back). */
export function actorName(attr: Pick<ActorAttributes, 'label' | 'name_ja'>, lang: Lang): string {
  return lang === 'ja' && attr.name_ja ? attr.name_ja : attr.label;
}

/** The tie kinds a pair's bit set holds. */
export function kindsOf(bits: number, kinds: readonly TieKind[]): TieKind[] {
  return kinds.filter((_k, i) => bits & (1 << i));
}
