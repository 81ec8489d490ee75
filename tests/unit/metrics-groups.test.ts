import { describe, expect, it } from 'vitest';
import type { Actor, Tie } from '../../server/domain/model.ts';
import { buildNetworkGraph } from '../../server/domain/graph/network-graph.ts';
import { compactNetwork } from '../../server/domain/graph/compact-network.ts';
import { measureNetwork } from '../../server/domain/metrics/network-measures.ts';
import { groupMetrics, type GroupMetrics } from '../../server/domain/metrics/group-metrics.ts';
import { localClustering, triangles } from '../../server/domain/metrics/local-clustering.ts';
import { formatMetricsCsv, METRICS_CSV_COLUMNS } from '../../server/domain/metrics/metrics-csv.ts';
import { GROUPINGS } from '../../server/domain/metrics/groupings.ts';

const actor = (id: string, type: Actor['type'], prefecture: string, clusters: string[] = [], fields: string[] = []): Actor => ({
  id, type, name: id.toUpperCase(), prefecture, clusters, fields,
});
const tie = (source: string, target: string, kind: Tie['kind'] = 'COLLABORATES', weight = 1): Tie => ({ source, target, kind, weight });

/**
 * e1, e2, u1 in Aichi; r1 in Gifu (both Chubu); f1, e3 in Tokyo (Kanto); e4 in Osaka, alone.
 * Pairs: e1–e2 (two ties, weight 2 + 1), e1–u1, e2–u1, u1–r1, e1–r1, f1–e1, f1–e3, e3–u1.
 * Triangles: e1-e2-u1 and e1-u1-r1.
 */
const actors: Actor[] = [
  actor('e1', 'Enterprise', 'Aichi', ['tama', 'kanto-it'], ['robots']),
  actor('e2', 'Enterprise', 'Aichi', ['tama'], ['robots']),
  actor('u1', 'University', 'Aichi'),
  actor('r1', 'ResearchInstitute', 'Gifu'),
  actor('f1', 'FinancialInstitution', 'Tokyo'),
  actor('e3', 'Enterprise', 'Tokyo'),
  actor('e4', 'Enterprise', 'Osaka'),
];
const ties: Tie[] = [
  tie('e1', 'e2', 'SUPPLIES', 2), tie('e2', 'e1', 'COLLABORATES', 1), tie('e1', 'u1'), tie('e2', 'u1'), tie('u1', 'r1'),
  tie('e1', 'r1'), tie('f1', 'e1', 'FINANCES'), tie('f1', 'e3', 'FINANCES'), tie('e3', 'u1'),
];
const measures = measureNetwork(compactNetwork(buildNetworkGraph(actors, ties)));
const group = (by: (typeof GROUPINGS)[number], id: string): GroupMetrics => {
  const found = groupMetrics(measures, by).groups.find((g) => g.id === id);
  if (!found) throw new Error(`no group ${id}`);
  return found;
};

describe('local clustering', () => {
  it('counts the triangles through each actor and divides by the pairs of its partners', () => {
    const at = (id: string) => measures.nodes.indexOf(id);
    const t = triangles(measures.csr);
    expect(['e1', 'e2', 'u1', 'r1', 'f1', 'e3', 'e4'].map((v) => t[at(v)])).toEqual([2, 1, 2, 1, 0, 0, 0]);
    const c = localClustering(measures.csr);
    // e1 has 4 partners: 2 triangles of 6 pairs; e2 and r1 have 2 partners, tied to each other.
    expect(c[at('e1')]).toBeCloseTo(1 / 3, 12);
    expect(c[at('e2')]).toBe(1);
    expect(c[at('r1')]).toBe(1);
    expect(c[at('f1')]).toBe(0);
    expect(c[at('e4')]).toBe(0);
  });
});

describe('group metrics', () => {
  it('measures a prefecture: ties inside, density, degrees, clustering, industry-academia share, ties out', () => {
    const aichi = group('prefecture', 'Aichi');
    expect(aichi).toMatchObject({
      name: 'Aichi',
      name_ja: '愛知県',
      actors: 3,
      tiesInside: 3,
      weightInside: 5,
      density: 1,
      averageDegree: 3.3333,
      internalAverageDegree: 2,
      tiesOutside: 4,
      externalShare: 0.5714,
      components: 1,
      largestComponent: 3,
    });
    // (1/3 + 1 + 1/3) / 3
    expect(aichi.clustering).toBeCloseTo(5 / 9, 4);
    // Touching Aichi: e1–u1, e2–u1, e1–r1, e3–u1 link industry and academia; e1–e2, u1–r1, f1–e1 do not.
    expect(aichi.industryAcademiaShare).toBeCloseTo(4 / 7, 4);
    expect(aichi.partners).toEqual([{ id: 'Gifu', ties: 2 }, { id: 'Tokyo', ties: 2 }]);
  });

  it('gives a lone actor density 0 and one component', () => {
    expect(group('prefecture', 'Osaka')).toMatchObject({ actors: 1, tiesInside: 0, density: 0, averageDegree: 0, industryAcademiaShare: 0, components: 1, largestComponent: 1 });
  });

  it('measures regions, actor types and overlapping cluster groups', () => {
    expect(group('region', 'chubu')).toMatchObject({ actors: 4, tiesInside: 5, density: 0.833333, tiesOutside: 2 });
    expect(group('type', 'Enterprise')).toMatchObject({ actors: 4, tiesInside: 1, components: 3, largestComponent: 2 });
    expect(group('cluster', 'tama')).toMatchObject({ actors: 2, tiesInside: 1, density: 1 });
    expect(group('cluster', 'kanto-it')).toMatchObject({ actors: 1, tiesInside: 0, tiesOutside: 4 });
    expect(group('cluster', 'none')).toMatchObject({ actors: 5, name: 'In no cluster project' });
    expect(group('field', 'robots')).toMatchObject({ actors: 2, name_ja: 'ロボット' });
  });

  it('measures the whole network as one group', () => {
    const { network } = groupMetrics(measures, 'region');
    expect(network).toMatchObject({ id: 'all', actors: 7, tiesInside: 8, tiesOutside: 0, components: 2, largestComponent: 6, industryAcademiaShare: 0.5 });
    expect(network.density).toBeCloseTo(16 / 42, 6);
    expect(network.clustering).toBeCloseTo((1 / 3 + 1 + 1 / 3 + 1) / 7, 4);
  });

  it('names the brokers of a group by betweenness and states how betweenness was computed', () => {
    const result = groupMetrics(measures, 'prefecture');
    // e1 and u1 both lie on 3 of the shortest paths (graphology-metrics agrees): equal values go by id.
    const [first, second] = group('prefecture', 'Aichi').brokers;
    expect([first.id, second.id]).toEqual(['e1', 'u1']);
    expect(first.betweenness).toBeCloseTo(3 / 15, 6);
    expect(result.betweenness).toMatchObject({ algorithm: 'brandes', exact: true, sources: 7, weighted: false, normalized: true });
  });

  it('lists every group of a grouping, the largest first', () => {
    const regions = groupMetrics(measures, 'region').groups.map((g) => [g.id, g.actors]);
    expect(regions).toEqual([['chubu', 4], ['kanto', 2], ['kinki', 1]]);
  });
});

describe('metrics CSV', () => {
  it('writes the same numbers as the JSON, one row per group after the whole network', () => {
    const result = groupMetrics(measures, 'prefecture');
    const lines = formatMetricsCsv(result).trim().split('\n');
    expect(lines[0]).toBe(METRICS_CSV_COLUMNS.join(','));
    expect(lines).toHaveLength(2 + result.groups.length);
    const row = Object.fromEntries(lines[2].split(',').map((cell, i) => [METRICS_CSV_COLUMNS[i], cell]));
    const aichi = result.groups[0];
    expect(row).toMatchObject({ by: 'prefecture', id: 'Aichi', actors: '3', density: String(aichi.density), clustering: String(aichi.clustering), partners: 'Gifu:2;Tokyo:2', brokers: 'e1;u1' });
  });
});
