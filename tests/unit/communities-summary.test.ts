import { describe, expect, it } from 'vitest';
import type { Actor, Tie } from '../../server/domain/model.ts';
import { buildNetworkGraph } from '../../server/domain/graph/network-graph.ts';
import { compactNetwork } from '../../server/domain/graph/compact-network.ts';
import { summarizeCommunities } from '../../server/domain/communities/summarize-communities.ts';
import { communityBrokers } from '../../server/domain/communities/community-brokers.ts';
import { labelCommunities } from '../../server/domain/communities/community-labels.ts';
import { analyseCommunities, COMMUNITY_PARAMETER_DEFAULTS } from '../../server/domain/communities/analyse-communities.ts';

const actor = (id: string, type: Actor['type'], prefecture: string, fields: string[], clusters: string[] = []): Actor => ({
  id, type, name: `Name ${id}`, prefecture, fields, clusters,
});
const tie = (source: string, target: string, weight = 1, since?: number): Tie => ({ source, target, kind: 'COLLABORATES', weight, since });

/**
 * Two groups: in Aichi, a robot maker triangle with a university (a1..a4); in Fukuoka, a
 * semiconductor triangle (f1..f3). a4 ties to f1 (weight 1) and to f2 (weight 0.5).
 */
const actors: Actor[] = [
  actor('a1', 'Enterprise', 'Aichi', ['robots', 'gears'], ['tokai-monozukuri']),
  actor('a2', 'Enterprise', 'Aichi', ['robots'], ['tokai-monozukuri']),
  actor('a3', 'University', 'Aichi', ['robots', 'precision-machining']),
  actor('a4', 'FinancialInstitution', 'Gifu', []),
  actor('f1', 'Enterprise', 'Fukuoka', ['semiconductors'], ['kyushu-silicon']),
  actor('f2', 'Enterprise', 'Fukuoka', ['semiconductors']),
  actor('f3', 'ResearchInstitute', 'Saga', ['semiconductors', 'nanotech-materials'], ['kyushu-silicon']),
];
const ties: Tie[] = [
  tie('a1', 'a2', 3), tie('a1', 'a3', 2), tie('a2', 'a3', 2), tie('a1', 'a4', 2), tie('a2', 'a4', 1),
  tie('f1', 'f2', 3), tie('f1', 'f3', 2), tie('f2', 'f3', 2),
  tie('a4', 'f1', 1), tie('a4', 'f2', 0.5),
];
const network = compactNetwork(buildNetworkGraph(actors, ties));
const membership = Int32Array.from(network.nodes, (v) => (v.startsWith('a') ? 0 : 1));

describe('summarizeCommunities', () => {
  const { communities, small } = summarizeCommunities(network, membership, { minSize: 2 });
  const [aichi, kyushu] = communities;

  it('counts members by type, field, prefecture, region and cluster', () => {
    expect(aichi.size).toBe(4);
    expect(aichi.composition).toEqual({ Enterprise: 2, University: 1, ResearchInstitute: 0, IncubationManager: 0, FinancialInstitution: 1, SupportOrganization: 0 });
    expect(aichi.fields[0]).toMatchObject({ id: 'robots', name: 'Robots', name_ja: 'ロボット', count: 3, share: 0.75 });
    expect(aichi.prefectures.map((p) => [p.id, p.count])).toEqual([['Aichi', 3], ['Gifu', 1]]);
    expect(aichi.regions).toEqual([{ id: 'chubu', name: 'Chubu', name_ja: '中部', count: 4, share: 1 }]);
    expect(aichi.clusters[0]).toMatchObject({ id: 'tokai-monozukuri', count: 2 });
    expect(kyushu.regions[0]).toMatchObject({ id: 'kyushu', count: 3 });
  });

  it('counts ties and weight inside and to other communities, and names the neighbouring community', () => {
    expect(aichi.ties).toEqual({ inside: 5, outside: 2 });
    expect(aichi.weight).toEqual({ inside: 10, outside: 1.5 });
    expect(kyushu.ties).toEqual({ inside: 3, outside: 2 });
    expect(aichi.neighbours).toEqual([{ id: 1, weight: 1.5 }]);
  });

  it('labels communities by place, characteristic field and size, in English and Japanese', () => {
    expect(aichi.label).toEqual({ en: 'Aichi · Robots · 4 actors', ja: '愛知県 · ロボット · 4主体' });
    // Fukuoka holds 2 of 3 members; semiconductors are offered by all three.
    expect(kyushu.label).toEqual({ en: 'Fukuoka · Semiconductors · 3 actors', ja: '福岡県 · 半導体 · 3主体' });
  });

  it('ranks characteristic fields by share · ln(lift) over the whole network', () => {
    // Robots: 3 of 4 in the community, 3 of 7 in the network: lift 0.75 / (3/7) = 1.75, score 0.75·ln 1.75.
    // Gears has the same lift but only 1 of 4 members: score 0.25·ln 1.75.
    expect(aichi.characteristicFields.map((f) => [f.id, f.lift])).toEqual([['robots', 1.75], ['gears', 1.75], ['precision-machining', 1.75]]);
    expect(kyushu.characteristicFields.map((f) => f.id)).toEqual(['semiconductors', 'nanotech-materials']);
  });

  it('only counts communities below the minimum size', () => {
    const alone = summarizeCommunities(network, Int32Array.from(network.nodes, (v) => (v === 'f3' ? 2 : v.startsWith('a') ? 0 : 1)), { minSize: 2 });
    expect(alone.communities.map((c) => c.id)).toEqual([0, 1]);
    expect(alone.small).toEqual({ communities: 1, actors: 1 });
    expect(small).toEqual({ communities: 0, actors: 0 });
  });
});

describe('communityBrokers', () => {
  it('ranks the actors tying a community to others, with their participation coefficient', () => {
    const brokers = communityBrokers(network, membership);
    const [top] = brokers.get(0)!;
    // a4: weight 3 inside (a1, a2), 1.5 outside, one other community reached.
    expect(top).toMatchObject({ id: 'a4', type: 'FinancialInstitution', externalWeight: 1.5, communitiesReached: 1 });
    // P = 1 − (3/4.5)² − (1.5/4.5)² = 1 − 4/9 − 1/9 = 4/9.
    expect(top.participation).toBeCloseTo(4 / 9, 4);
    expect(brokers.get(0)).toHaveLength(1);
    expect(brokers.get(1)!.map((b) => b.id)).toEqual(['f1', 'f2']);
  });
});

describe('labelCommunities', () => {
  const base = { size: 10, composition: { Enterprise: 10 }, prefectures: [], regions: [{ name: 'Kanto', name_ja: '関東', share: 1 }] };
  const field = (name: string, name_ja: string) => ({ name, name_ja, share: 0.5 });

  it('gives repeated labels a second field, then a number', () => {
    const labels = labelCommunities([
      { ...base, fields: [], characteristicFields: [field('Robots', 'ロボット'), field('Gears', '歯車')] },
      { ...base, fields: [], characteristicFields: [field('Robots', 'ロボット'), field('Moulds', '金型')] },
      { ...base, fields: [], characteristicFields: [field('Robots', 'ロボット'), field('Moulds', '金型')] },
    ]);
    expect(labels.map((l) => l.en)).toEqual([
      'Kanto · Robots & Gears · 10 actors',
      'Kanto · Robots & Moulds · 10 actors',
      'Kanto · Robots & Moulds · 10 actors (2)',
    ]);
    expect(new Set(labels.map((l) => l.ja)).size).toBe(3);
  });

  it('names two regions when none holds half, abroad when none, and the main type without fields', () => {
    const [spread, abroad] = labelCommunities([
      { ...base, fields: [], characteristicFields: [], regions: [{ name: 'Kanto', name_ja: '関東', share: 0.4 }, { name: 'Tohoku', name_ja: '東北', share: 0.3 }] },
      { ...base, composition: { FinancialInstitution: 10 }, fields: [], characteristicFields: [], regions: [] },
    ]);
    expect(spread.en).toBe('Kanto & Tohoku · Enterprises · 10 actors');
    expect(spread.ja).toBe('関東・東北 · 企業 · 10主体');
    expect(abroad.en).toBe('Abroad · Financial institutions · 10 actors');
  });
});

describe('analyseCommunities', () => {
  it('finds the two groups of the example and reports them with the method used', () => {
    const analysis = analyseCommunities(network, COMMUNITY_PARAMETER_DEFAULTS);
    expect(analysis.count).toBe(2);
    expect(analysis.actors).toBe(7);
    expect(analysis.ties).toBe(10);
    expect(new Set(['a1', 'a2', 'a3', 'a4'].map((a) => analysis.assignment[a])).size).toBe(1);
    expect(analysis.assignment.a1).not.toBe(analysis.assignment.f1);
    expect(analysis.method.name).toBe('leiden');
    expect(analysis.communities[0].label.en).toBe('Aichi · Robots · 4 actors');
  });
});
