import { describe, expect, it } from 'vitest';
import type { Actor, Tie } from '../../server/domain/model.ts';
import { TIE_KINDS } from '../../server/domain/model.ts';
import { buildNetworkGraph } from '../../server/domain/graph/network-graph.ts';
import { buildGraphPayload } from '../../server/domain/layout/build-graph-payload.ts';
import { geoSpread } from '../../server/domain/layout/geo-spread.ts';
import { TYPE_COLORS } from '../../server/domain/export/network-gexf.ts';

const actors: Actor[] = [
  { id: 'e1', type: 'Enterprise', name: 'Alpha Gear', name_ja: 'アルファ歯車', prefecture: 'Aichi', clusters: ['greater-nagoya'], fields: ['gears'] },
  { id: 'u1', type: 'University', name: 'Beta University', prefecture: 'Tokyo', clusters: ['tama', 'new-cluster'], fields: ['robots', 'x-field'] },
  { id: 'f1', type: 'FinancialInstitution', name: 'Gamma Bank', country: 'IT' },
];
const ties: Tie[] = [
  { source: 'e1', target: 'u1', kind: 'COLLABORATES', weight: 1.5, since: 2007 },
  { source: 'u1', target: 'e1', kind: 'SUPPORTS', weight: 1, since: 2004 },
  { source: 'f1', target: 'e1', kind: 'FINANCES', weight: 2 },
];

function payload() {
  const graph = buildNetworkGraph(actors, ties);
  const geo = geoSpread(actors.map((a) => ({ id: a.id, prefecture: a.prefecture, country: a.country, degree: graph.degree(a.id) })));
  const positions = new Map([['e1', { x: 1, y: 2 }], ['u1', { x: 3, y: 4 }], ['f1', { x: 5, y: 6 }]]);
  return buildGraphPayload(actors, graph, { version: 9, ties: ties.length, positions, geo, seed: 42, scale: 2, iterations: 150, reused: 0, computedMs: 12 });
}

describe('buildGraphPayload', () => {
  it('holds one index-aligned entry per actor in every node column', () => {
    const p = payload();
    for (const column of Object.values(p.nodes)) expect(column).toHaveLength(3);
    expect(p.nodes.id).toEqual(['e1', 'u1', 'f1']);
    expect(p.nodes.name_ja).toEqual(['アルファ歯車', '', '']);
    expect(p.nodes.x).toEqual([1, 3, 5]);
    expect(p.nodes.degree).toEqual([2, 1, 1]);
    expect(p.counts).toEqual({ actors: 3, ties: 3, pairs: 2 });
  });

  it('codes types, prefectures, regions, clusters and fields as indexes into the reference lists', () => {
    const p = payload();
    const r = p.reference;
    expect(p.nodes.type.map((i) => r.types[i].id)).toEqual(['Enterprise', 'University', 'FinancialInstitution']);
    expect(r.types.find((t) => t.id === 'University')!.color).toBe(TYPE_COLORS.University);
    expect(r.prefectures[p.nodes.prefecture[0]].id).toBe('Aichi');
    expect(r.regions[p.nodes.region[1]].id).toBe('kanto');
    expect(p.nodes.prefecture[2]).toBe(-1);
    expect(p.nodes.country).toEqual(['', '', 'IT']);
    expect(p.nodes.clusters[1].map((i) => r.clusters[i].id)).toEqual(['tama', 'new-cluster']);
    // Ids the reference data does not know are added, named by themselves.
    expect(r.clusters.at(-1)).toEqual({ id: 'new-cluster', name: 'new-cluster', name_ja: 'new-cluster', region: -1 });
    expect(r.fields.at(-1)).toMatchObject({ id: 'x-field', name: 'x-field' });
    expect(r.places.map((x) => x.id)).toEqual(['IT']);
  });

  it('sends one edge per pair of actors, with the kinds as bits, the summed weight and the first year', () => {
    const p = payload();
    const pairs = p.edges.source.map((s, i) => [p.nodes.id[s], p.nodes.id[p.edges.target[i]]].sort().join('-'));
    expect(pairs.sort()).toEqual(['e1-f1', 'e1-u1']);
    const i = p.edges.source.findIndex((s, k) => new Set([p.nodes.id[s], p.nodes.id[p.edges.target[k]]]).has('u1'));
    const kinds = p.reference.kinds.filter((_k, bit) => p.edges.kinds[i] & (1 << bit));
    expect(kinds.sort()).toEqual(['COLLABORATES', 'SUPPORTS']);
    expect(p.reference.kinds).toEqual([...TIE_KINDS]);
    expect(p.edges.weight[i]).toBe(2.5);
    expect(p.edges.since[i]).toBe(2004);
    const j = 1 - i;
    expect(p.edges.since[j]).toBe(0);
  });
});
