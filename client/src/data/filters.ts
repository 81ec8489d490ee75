/**
 * Filters by actor type, region, prefecture, cluster project, field and year. They hide what is
 * filtered out (the `hidden` attribute of nodes and ties) and never rebuild the graph: sigma hides
 * the ties of hidden actors by itself. Within one facet the choices add up (Kanto or Kinki);
 * between facets they narrow (Kanto and robots).
 */
import type { NetworkData, NetworkGraph } from './network-data.ts';
import type { Filters } from './state.ts';

/** What the filters leave: actors, and pairs of tied actors (edges) with both ends shown. */
export interface Shown {
  actors: number;
  pairs: number;
}

/** Marks hidden nodes and ties for `filters`; returns what remains visible. */
export function applyFilters(graph: NetworkGraph, filters: Filters, data: NetworkData): Shown {
  const keep = nodePredicate(filters, data);
  let visible = 0;
  graph.updateEachNodeAttributes(
    (_node, attr) => {
      attr.hidden = !keep(attr);
      if (!attr.hidden) visible++;
      return attr;
    },
    { attributes: ['hidden'] },
  );
  const year = filters.year;
  let pairs = 0;
  graph.updateEachEdgeAttributes(
    (_edge, attr, source, target, sourceAttr, targetAttr) => {
      attr.hidden = year !== null && attr.since > year;
      if (!attr.hidden && !sourceAttr.hidden && !targetAttr.hidden) pairs++;
      return attr;
    },
    { attributes: ['hidden'] },
  );
  return { actors: visible, pairs };
}

type NodeFacts = { actorType: string; region: number; prefecture: number; clusters: number[]; fields: number[] };

/** The test an actor must pass; every facet left empty lets everything through. */
export function nodePredicate(filters: Filters, data: Pick<NetworkData, 'reference'>): (attr: NodeFacts) => boolean {
  const r = data.reference;
  const indexes = (ids: readonly string[], list: readonly { id: string }[]) => {
    const wanted = new Set(ids);
    return new Set(list.flatMap((item, i) => (wanted.has(item.id) ? [i] : [])));
  };
  const types = new Set<string>(filters.types);
  const regions = indexes(filters.regions, r.regions);
  const prefectures = indexes(filters.prefectures, r.prefectures);
  const clusters = indexes(filters.clusters, r.clusters);
  const fields = indexes(filters.fields, r.fields);
  const anyOf = (values: number[], wanted: Set<number>) => values.some((v) => wanted.has(v));
  return (a) =>
    (!filters.types.length || types.has(a.actorType)) &&
    (!filters.regions.length || regions.has(a.region)) &&
    (!filters.prefectures.length || prefectures.has(a.prefecture)) &&
    (!filters.clusters.length || anyOf(a.clusters, clusters)) &&
    (!filters.fields.length || anyOf(a.fields, fields));
}

/** Filters with one value of a facet switched on or off. */
export function toggled(filters: Filters, facet: Exclude<keyof Filters, 'year'>, id: string, on: boolean): Filters {
  const current = filters[facet] as string[];
  const next = on ? [...new Set([...current, id])] : current.filter((v) => v !== id);
  return { ...filters, [facet]: next };
}
