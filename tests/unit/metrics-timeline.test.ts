import { describe, expect, it } from 'vitest';
import type { Actor, Tie } from '../../server/domain/model.ts';
import { buildNetworkGraph } from '../../server/domain/graph/network-graph.ts';
import { compactNetwork } from '../../server/domain/graph/compact-network.ts';
import { measureNetwork } from '../../server/domain/metrics/network-measures.ts';
import { dataYears, metricsTimeline } from '../../server/domain/metrics/metrics-timeline.ts';

const actors: Actor[] = [
  { id: 'e1', type: 'Enterprise', name: 'E1', prefecture: 'Miyagi' },
  { id: 'e2', type: 'Enterprise', name: 'E2', prefecture: 'Miyagi' },
  { id: 'u1', type: 'University', name: 'U1', prefecture: 'Miyagi' },
  { id: 'e3', type: 'Enterprise', name: 'E3', prefecture: 'Hokkaido' },
];
/** 2003: e1–e2; 2005: e1–u1 (industry-academia); 2006: e2–u1 and e3–u1; a tie without a year. */
const ties: Tie[] = [
  { source: 'e1', target: 'e2', kind: 'SUPPLIES', weight: 1, since: 2003 },
  { source: 'e1', target: 'u1', kind: 'COLLABORATES', weight: 2, since: 2005 },
  { source: 'e2', target: 'u1', kind: 'COLLABORATES', weight: 1, since: 2006 },
  { source: 'e3', target: 'u1', kind: 'COLLABORATES', weight: 1, since: 2006 },
];

const years = (list: Tie[]) =>
  dataYears(list).map((year) => ({ year, measures: measureNetwork(compactNetwork(buildNetworkGraph(actors, list, { asOf: year }))) }));

describe('metrics timeline', () => {
  it('covers every year from the first tie to the last, gaps included', () => {
    expect(dataYears(ties)).toEqual([2003, 2004, 2005, 2006]);
    expect(dataYears([{ source: 'a', target: 'b', kind: 'SUPPLIES', weight: 1 }])).toEqual([]);
  });

  it('measures each region as it stood at the end of each year', () => {
    const timeline = metricsTimeline(years(ties), 'region');
    const tohoku = timeline.years.map((y) => y.groups.find((g) => g.id === 'tohoku')!);
    expect(timeline.years.map((y) => y.year)).toEqual([2003, 2004, 2005, 2006]);
    expect(tohoku.map((g) => g.tiesInside)).toEqual([1, 1, 2, 3]);
    // Three actors: density 2m / (3·2).
    expect(tohoku.map((g) => g.density)).toEqual([0.333333, 0.333333, 0.666667, 1]);
    // Industry-academia among the ties touching Tohoku: 0/1, 0/1, 1/2, then 3 of 4 (e3–u1 crosses regions).
    expect(tohoku.map((g) => g.industryAcademiaShare)).toEqual([0, 0, 0.5, 0.75]);
    expect(tohoku.map((g) => g.tiesOutside)).toEqual([0, 0, 0, 1]);
    expect(timeline.years.map((y) => y.network.components)).toEqual([3, 3, 2, 1]);
  });

  it('counts ties without a year in every year', () => {
    const undated: Tie = { source: 'e3', target: 'e1', kind: 'SUPPLIES', weight: 1 };
    const timeline = metricsTimeline(years([...ties, undated]), 'type');
    expect(timeline.years.map((y) => y.groups.find((g) => g.id === 'Enterprise')!.tiesInside)).toEqual([2, 2, 2, 2]);
  });
});
