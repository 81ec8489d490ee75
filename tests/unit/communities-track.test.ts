import { describe, expect, it } from 'vitest';
import { linkCommunities, trackCommunities, type Step } from '../../server/domain/communities/track-communities.ts';
import { communityTimeline, analyseCommunities, COMMUNITY_PARAMETER_DEFAULTS } from '../../server/domain/communities/analyse-communities.ts';
import { buildNetworkGraph } from '../../server/domain/graph/network-graph.ts';
import { compactNetwork } from '../../server/domain/graph/compact-network.ts';
import type { Actor, Tie } from '../../server/domain/model.ts';

const range = (prefix: string, from: number, to: number) => Array.from({ length: to - from }, (_, i) => `${prefix}${from + i}`);

describe('linkCommunities', () => {
  it('links communities whose Jaccard similarity reaches the threshold', () => {
    const links = linkCommunities(
      [{ id: 0, members: range('x', 0, 10) }],
      [{ id: 0, members: range('x', 0, 4) }, { id: 1, members: range('x', 4, 10) }, { id: 2, members: ['x9', ...range('y', 0, 9)] }],
    );
    // x0..x9 against x0..x3: 4/10; against x4..x9: 6/10; against x9 and nine others: 1/19, too weak.
    expect(links).toEqual([
      { from: 0, to: 1, shared: 6, jaccard: 0.6 },
      { from: 0, to: 0, shared: 4, jaccard: 0.4 },
    ]);
  });
});

describe('trackCommunities', () => {
  const years: Step<number>[] = [
    { key: 2001, communities: [
      { id: 0, members: range('a', 0, 10) },
      { id: 1, members: range('b', 0, 6) },
      { id: 2, members: range('c', 0, 5) },
      { id: 3, members: range('d', 0, 4) },
    ] },
    { key: 2002, communities: [
      { id: 0, members: [...range('b', 0, 6), ...range('c', 0, 5)] }, // b and c merge
      { id: 1, members: range('a', 0, 6) }, // a splits in two
      { id: 2, members: range('a', 6, 10) },
      { id: 3, members: range('e', 0, 3) }, // new; d ends
    ] },
    { key: 2003, communities: [
      { id: 0, members: [...range('b', 0, 6), ...range('c', 0, 5), 'z'] },
      { id: 1, members: range('a', 0, 6) },
    ] },
  ];
  const [first, second, third] = trackCommunities(years);

  it('gives every community of the first year an identity', () => {
    expect([...first.lineage.values()]).toEqual(['L1', 'L2', 'L3', 'L4']);
    expect(first.events).toEqual([]);
  });

  it('reports splits, merges, new and ended communities, and hands identities down the strongest links', () => {
    const types = second.events.map((e) => e.type).sort();
    expect(types).toEqual(['continued', 'continued', 'ended', 'merged', 'new', 'split']);
    expect(second.events).toContainEqual({ type: 'split', from: 0, to: [1, 2] });
    expect(second.events).toContainEqual({ type: 'merged', from: [1, 2], to: 0 });
    expect(second.events).toContainEqual({ type: 'new', to: 3 });
    expect(second.events).toContainEqual({ type: 'ended', from: 3 });
    // a0..a5 is the larger part of a (6/10): it keeps a's identity; the merged community keeps b's (6/11 > 5/11).
    expect(second.lineage.get(1)).toBe('L1');
    expect(second.lineage.get(0)).toBe('L2');
    expect(second.lineage.get(2)).toBe('L5');
    expect(second.lineage.get(3)).toBe('L6');
  });

  it('keeps an identity from year to year while the community continues', () => {
    expect(third.lineage.get(0)).toBe('L2');
    expect(third.lineage.get(1)).toBe('L1');
    expect(third.events).toContainEqual({ type: 'ended', from: 2 });
  });

  it('does not link communities below the threshold', () => {
    const [, next] = trackCommunities(
      [
        { key: 1, communities: [{ id: 0, members: range('a', 0, 10) }] },
        { key: 2, communities: [{ id: 0, members: [...range('a', 0, 2), ...range('n', 0, 8)] }] },
      ],
      { threshold: 0.3 },
    );
    expect(next.events.map((e) => e.type).sort()).toEqual(['ended', 'new']);
    expect(next.lineage.get(0)).toBe('L2');
  });
});

describe('communityTimeline', () => {
  it('follows communities over the years of a network whose ties carry years', () => {
    const actors: Actor[] = [...range('a', 0, 5), ...range('b', 0, 5)].map((id) => ({ id, type: 'Enterprise', name: id, prefecture: 'Aichi' }));
    const clique = (ids: string[], since: number): Tie[] =>
      ids.flatMap((s, i) => ids.slice(i + 1).map((t) => ({ source: s, target: t, kind: 'COLLABORATES' as const, weight: 1, since })));
    // 2001: two groups; 2002: a strong bridge makes them one.
    const ties: Tie[] = [...clique(range('a', 0, 5), 2001), ...clique(range('b', 0, 5), 2001)];
    for (const a of range('a', 0, 5)) for (const b of range('b', 0, 5)) ties.push({ source: a, target: b, kind: 'SUPPLIES', weight: 1, since: 2002 });
    const years = [2001, 2002].map((year) => ({
      year,
      analysis: analyseCommunities(compactNetwork(buildNetworkGraph(actors, ties, { asOf: year })), { ...COMMUNITY_PARAMETER_DEFAULTS, asOf: year }),
    }));
    const timeline = communityTimeline(years);
    expect(timeline.years.map((y) => y.count)).toEqual([2, 1]);
    const merged = timeline.years[1].events.find((e) => e.type === 'merged');
    expect(merged).toMatchObject({ type: 'merged', to: { id: 0 } });
    expect(timeline.years[1].communities[0].lineage).toBe(timeline.years[0].communities[0].lineage);
  });
});
