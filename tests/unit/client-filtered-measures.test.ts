/**
 * The numbers the dashboard and the map compute under the filters (issue 10, defects 3 and 12),
 * on a network small enough to count by hand, and the community label without the server's
 * unformatted count (defect 10).
 */
import { describe, expect, it } from 'vitest';
import Graph from 'graphology';
import { filteredMeasures } from '../../client/src/dashboard/filtered-measures.ts';
import { withoutCount } from '../../client/src/dashboard/dashboard-charts.ts';
import { percent } from '../../client/src/dashboard/dashboard-messages.ts';
import { NO_VALUE_SHADE, prefectureValues, shadeClasses, shadeOf, SHADES } from '../../client/src/map/map-measures.ts';
import { EMPTY_FILTERS, type Filters } from '../../client/src/data/state.ts';
import type { ActorAttributes, NetworkData, NetworkGraph, TieAttributes } from '../../client/src/data/network-data.ts';

const reference = {
  types: [],
  regions: [{ id: 'kanto', name: 'Kanto', name_ja: '関東' }, { id: 'chubu', name: 'Chubu', name_ja: '中部' }],
  prefectures: [{ id: 'Tokyo', name: 'Tokyo', name_ja: '東京都', region: 0, x: 0, y: 0, radius: 1 }, { id: 'Aichi', name: 'Aichi', name_ja: '愛知県', region: 1, x: 0, y: 0, radius: 1 }],
  clusters: [{ id: 'tokai', name: 'Tokai', name_ja: '東海', region: 1 }],
  fields: [],
} as unknown as NetworkData['reference'];

function actor(actorType: ActorAttributes['actorType'], prefecture: number, clusters: number[] = []): ActorAttributes {
  return {
    x: 0, y: 0, fx: 0, fy: 0, gx: 0, gy: 0, size: 1, label: '', name_ja: '', actorType, prefecture,
    region: prefecture < 0 ? -1 : prefecture === 0 ? 0 : 1, clusters, fields: [], country: 'JP', degree: 0, hidden: false,
  };
}

/**
 * Aichi: a (Enterprise, Tokai), b (University, Tokai), c (Enterprise); Tokyo: d (Enterprise), e (University).
 * a—b 2005 (industry-academia), a—c 2006, b—c 2007 (industry-academia), d—e 2007 (industry-academia), c—d no year.
 */
function network(): Pick<NetworkData, 'graph' | 'reference' | 'years'> {
  const graph: NetworkGraph = new Graph<ActorAttributes, TieAttributes>({ type: 'undirected' });
  graph.addNode('a', actor('Enterprise', 1, [0]));
  graph.addNode('b', actor('University', 1, [0]));
  graph.addNode('c', actor('Enterprise', 1));
  graph.addNode('d', actor('Enterprise', 0));
  graph.addNode('e', actor('University', 0));
  const tie = (since: number): TieAttributes => ({ kinds: 1, weight: 1, since, size: 1, hidden: false });
  graph.addEdge('a', 'b', tie(2005));
  graph.addEdge('a', 'c', tie(2006));
  graph.addEdge('b', 'c', tie(2007));
  graph.addEdge('d', 'e', tie(2007));
  graph.addEdge('c', 'd', tie(0));
  return { graph, reference, years: [2005, 2007] };
}

const filters = (f: Partial<Filters>): Filters => ({ ...EMPTY_FILTERS, ...f });

describe('the dashboard under the filters', () => {
  it('counts density and ties per group as the server defines them', () => {
    const m = filteredMeasures(network(), EMPTY_FILTERS);
    expect(m.actors).toBe(5);
    expect(m.ties).toBe(5);
    const chubu = m.byRegion.find((g) => g.id === 'chubu')!;
    expect(chubu).toMatchObject({ actors: 3, tiesInside: 3, density: 1, internalAverageDegree: 2 });
    expect(m.byRegion.find((g) => g.id === 'kanto')).toMatchObject({ actors: 2, tiesInside: 1, density: 1 });
    expect(m.byCluster).toEqual([expect.objectContaining({ id: 'tokai', actors: 2, tiesInside: 1, density: 1 })]);
    // The undated tie stands from the first year on.
    expect(m.years.map((y) => [y.year, y.added, y.total])).toEqual([[2005, 2, 2], [2006, 1, 3], [2007, 2, 5]]);
    expect(m.years.map((y) => y.industryAcademiaShare)).toEqual([1 / 2, 1 / 3, 3 / 5]);
  });

  it('follows the region, type, cluster and year filters', () => {
    const kanto = filteredMeasures(network(), filters({ regions: ['kanto'] }));
    expect(kanto.byRegion.map((g) => g.id)).toEqual(['kanto']);
    expect(kanto.ties).toBe(1);
    expect(kanto.years.at(-1)).toMatchObject({ year: 2007, total: 1, industryAcademiaShare: 1 });
    const enterprises = filteredMeasures(network(), filters({ types: ['Enterprise'] }));
    expect(enterprises.byRegion.find((g) => g.id === 'chubu')).toMatchObject({ actors: 2, tiesInside: 1 });
    expect(enterprises.years.every((y) => y.industryAcademiaShare === 0)).toBe(true);
    const tokai = filteredMeasures(network(), filters({ clusters: ['tokai'] }));
    expect(tokai.actors).toBe(2);
    expect(tokai.keeps('a') && tokai.keeps('b') && !tokai.keeps('c')).toBe(true);
    const until2006 = filteredMeasures(network(), filters({ year: 2006 }));
    expect(until2006.years.map((y) => y.year)).toEqual([2005, 2006]);
    expect(until2006.ties).toBe(3);
    expect(until2006.byRegion.find((g) => g.id === 'chubu')).toMatchObject({ tiesInside: 2, density: 2 / 3 });
  });
});

describe('the map shading', () => {
  it('counts actors, ties and density per prefecture under the filters', () => {
    const data = network();
    expect(prefectureValues(data, EMPTY_FILTERS, 'actors')).toEqual([2, 3]);
    // A tie between two prefectures counts for both; a tie inside one, once.
    expect(prefectureValues(data, EMPTY_FILTERS, 'ties')).toEqual([2, 4]);
    expect(prefectureValues(data, EMPTY_FILTERS, 'density')).toEqual([1, 1]);
    expect(prefectureValues(data, filters({ year: 2006 }), 'density')).toEqual([0, 2 / 3]);
    expect(prefectureValues(data, filters({ types: ['University'] }), 'actors')).toEqual([1, 1]);
  });

  it('classes values by quantiles, darker for larger, and leaves zero unshaded', () => {
    const values = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 100];
    const classes = shadeClasses(values);
    expect(classes).toHaveLength(SHADES.length);
    expect(classes[0].from).toBe(1);
    expect(classes.at(-1)!.to).toBe(100);
    for (let i = 1; i < classes.length; i++) expect(classes[i].from).toBeGreaterThan(classes[i - 1].to);
    expect(shadeOf(0, classes)).toBe(NO_VALUE_SHADE);
    expect(shadeOf(100, classes)).toBe(SHADES.at(-1));
    expect(shadeOf(1, classes)).toBe(SHADES[0]);
    // Equal values never split over two classes.
    expect(shadeClasses([3, 3, 3, 3])).toEqual([{ from: 3, to: 3, color: SHADES.at(-1) }]);
    expect(shadeClasses([0, 0])).toEqual([]);
  });
});

describe('community labels and shares', () => {
  it('drops the server\'s unformatted count from a community label, in both languages', () => {
    expect(withoutCount('Kanto · Moulds and dies · 3430 actors')).toBe('Kanto · Moulds and dies');
    expect(withoutCount('Kanto · Robots · 12 actors (2)')).toBe('Kanto · Robots (2)');
    expect(withoutCount('関東 · 金型 · 3430主体')).toBe('関東 · 金型');
    expect(withoutCount('Community 4')).toBe('Community 4');
  });

  it('writes a share that would round to nothing as under one percent', () => {
    expect(percent(0.004)).toBe('<1%');
    expect(percent(0.34)).toBe('34%');
    expect(percent(0)).toBe('0%');
  });
});
