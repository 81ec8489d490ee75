/**
 * Builds the payload of `GET /api/graph` (see graph-payload.ts) from the actors, their pair
 * graph (network-graph.ts) and the positions of both views. Pure.
 */
import { ACTOR_TYPES, TIE_KINDS, type Actor } from '../model.ts';
import type { PairView } from '../graph/pair-graph.ts';
import { REGIONS } from '../reference/regions.ts';
import { findPrefecture, PREFECTURES } from '../reference/prefectures.ts';
import { CLUSTERS } from '../reference/clusters.ts';
import { FIELDS } from '../reference/fields.ts';
import { groupName } from '../metrics/groupings.ts';
import { TYPE_COLORS } from '../export/network-gexf.ts';
import type { GraphPayload } from './graph-payload.ts';
import { project, type GeoSpread } from './geo-spread.ts';
import type { Point } from './force-layout.ts';

export interface PayloadLayout {
  version: number;
  /** Ties in the network (several may join the same pair). */
  ties: number;
  positions: ReadonlyMap<string, Point>;
  geo: GeoSpread;
  seed: number;
  scale: number;
  iterations: number;
  reused: number;
  computedMs: number;
  /** The positions are a quick placement; a refined layout of this version follows. */
  refining?: boolean;
}

/** The payload for these actors (those in `graph`, in the order given). */
export function buildGraphPayload(actors: readonly Actor[], graph: PairView, layout: PayloadLayout): GraphPayload {
  const regionIndex = new Map(REGIONS.map((r, i) => [r.id as string, i]));
  const prefectureIndex = new Map(PREFECTURES.map((p, i) => [p.id, i]));
  const anchors = new Map(layout.geo.anchors.map((a) => [a.id, a]));
  const clusters = indexedList(CLUSTERS.map((c) => ({ id: c.id, name: c.name, name_ja: c.name_ja, region: regionIndex.get(c.region) ?? -1 })));
  const fields = indexedList(FIELDS.map((f) => ({ id: f.id, name: f.name, name_ja: f.name_ja })));
  const typeIndex = new Map(ACTOR_TYPES.map((t, i) => [t as string, i]));

  const nodes: GraphPayload['nodes'] = {
    id: [], name: [], name_ja: [], type: [], prefecture: [], region: [], country: [],
    clusters: [], fields: [], degree: [], x: [], y: [], gx: [], gy: [],
  };
  const nodeIndex = new Map<string, number>();
  for (const a of actors) {
    if (!graph.hasNode(a.id)) continue;
    nodeIndex.set(a.id, nodes.id.length);
    const abroad = Boolean(a.country && a.country !== 'JP');
    const pref = !abroad && a.prefecture ? findPrefecture(a.prefecture) : undefined;
    const force = layout.positions.get(a.id) ?? { x: 0, y: 0 };
    const geo = layout.geo.positions.get(a.id) ?? { x: 0, y: 0 };
    nodes.id.push(a.id);
    nodes.name.push(a.name);
    nodes.name_ja.push(a.name_ja ?? '');
    nodes.type.push(typeIndex.get(a.type) ?? 0);
    nodes.prefecture.push(pref ? prefectureIndex.get(pref.id)! : -1);
    nodes.region.push(pref ? regionIndex.get(pref.region)! : -1);
    nodes.country.push(abroad ? a.country!.toUpperCase() : '');
    nodes.clusters.push((a.clusters ?? []).map((id) => clusters.indexOf(id, { id, name: id, name_ja: id, region: -1 })));
    nodes.fields.push((a.fields ?? []).map((id) => fields.indexOf(id, { id, name: id, name_ja: id })));
    nodes.degree.push(graph.degree(a.id));
    nodes.x.push(force.x);
    nodes.y.push(force.y);
    nodes.gx.push(geo.x);
    nodes.gy.push(geo.y);
  }

  const edges: GraphPayload['edges'] = { source: [], target: [], kinds: [], weight: [], since: [] };
  const kindBit = new Map(TIE_KINDS.map((k, i) => [k, 1 << i]));
  graph.forEachEdge((_e, attr, source, target) => {
    edges.source.push(nodeIndex.get(source)!);
    edges.target.push(nodeIndex.get(target)!);
    edges.kinds.push(attr.kinds.reduce((bits, k) => bits | (kindBit.get(k) ?? 0), 0));
    edges.weight.push(Math.round(attr.weight * 100) / 100);
    edges.since.push(attr.since ?? 0);
  });

  return {
    version: layout.version,
    counts: { actors: nodes.id.length, ties: layout.ties, pairs: edges.source.length },
    layout: { method: 'forceatlas2-barnes-hut', seed: layout.seed, scale: layout.scale, iterations: layout.iterations, reused: layout.reused, computedMs: layout.computedMs, refining: layout.refining ?? false },
    reference: {
      types: ACTOR_TYPES.map((t) => ({ id: t, ...groupName('type', t), color: TYPE_COLORS[t] })),
      regions: REGIONS.map((r) => ({ id: r.id, name: r.name, name_ja: r.name_ja })),
      prefectures: PREFECTURES.map((p) => {
        const anchor = anchors.get(p.id);
        const c = anchor ?? { ...project(p.lat, p.lon), radius: 0 };
        return { id: p.id, name: p.id, name_ja: p.name_ja, region: regionIndex.get(p.region)!, x: c.x, y: c.y, radius: c.radius };
      }),
      places: layout.geo.anchors.filter((a) => !prefectureIndex.has(a.id)).map((a) => ({ id: a.id, x: a.x, y: a.y, radius: a.radius })),
      clusters: clusters.items,
      fields: fields.items,
      kinds: [...TIE_KINDS],
    },
    nodes,
    edges,
  };
}

/** A list that gives each id an index, adding ids it does not know yet at the end. */
function indexedList<T extends { id: string }>(items: T[]) {
  const index = new Map(items.map((item, i) => [item.id, i]));
  return {
    items,
    indexOf(id: string, fallback: T): number {
      let i = index.get(id);
      if (i === undefined) {
        i = items.length;
        items.push(fallback);
        index.set(id, i);
      }
      return i;
    },
  };
}
