/**
 * The network as GEXF 1.3 for Gephi (https://gexf.net/schema.html): actors as nodes (type,
 * prefecture, position, fields, clusters), ties as edges (kind, weight, first year). Colours
 * follow the actor types. The file is checked against the format's schema in
 * tests/unit/network-gexf.test.ts.
 */
import Graph from 'graphology';
import gexf from 'graphology-gexf';
import type { Actor, ActorType, Tie } from '../model.ts';

/** One colour per actor type, shared with the legend of the web client. */
export const TYPE_COLORS: Record<ActorType, string> = {
  Enterprise: '#4e79a7',
  University: '#e15759',
  ResearchInstitute: '#f28e2b',
  IncubationManager: '#59a14f',
  FinancialInstitution: '#b07aa1',
  SupportOrganization: '#9c755f',
};

export function networkGraph(actors: Iterable<Actor>, ties: Iterable<Tie>): Graph {
  const graph = new Graph({ type: 'mixed', multi: true });
  for (const a of actors) {
    graph.addNode(a.id, {
      label: a.name,
      name_ja: a.name_ja ?? '',
      type: a.type,
      prefecture: a.prefecture ?? '',
      country: a.country ?? 'JP',
      fields: (a.fields ?? []).join(';'),
      seeks: (a.seeks ?? []).join(';'),
      clusters: (a.clusters ?? []).join(';'),
      color: TYPE_COLORS[a.type],
      ...(a.lat !== undefined && a.lon !== undefined ? { x: a.lon, y: a.lat } : {}),
    });
  }
  for (const t of ties) {
    const attributes = { kind: t.kind, weight: t.weight, since: t.since ?? 0 };
    if (t.kind === 'COLLABORATES') graph.addUndirectedEdge(t.source, t.target, attributes);
    else graph.addDirectedEdge(t.source, t.target, attributes);
  }
  return graph;
}

/** graphology-gexf writes GEXF 1.2 (with a malformed viz namespace) unless asked for 1.3. */
export const GEXF_VERSION = '1.3';

export function networkGexf(actors: Iterable<Actor>, ties: Iterable<Tie>): string {
  return gexf.write(networkGraph(actors, ties), { pretty: false, version: GEXF_VERSION });
}
