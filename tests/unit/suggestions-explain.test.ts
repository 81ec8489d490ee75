import { describe, expect, it } from 'vitest';
import type { Actor, Tie } from '../../server/domain/model.ts';
import { distanceKm } from '../../server/domain/reference/geo.ts';
import { findCluster } from '../../server/domain/reference/clusters.ts';
import { buildSuggestionIndex } from '../../server/domain/suggestions/suggestion-index.ts';
import { rankCandidates, suggestPartners } from '../../server/domain/suggestions/suggest-partners.ts';
import { explainSuggestion } from '../../server/domain/suggestions/explain.ts';
import { contributions, SHOWN_SHARE } from '../../server/domain/suggestions/scoring.ts';

const NAGOYA = { lat: 35.1802, lon: 136.9066 };
const actors: Actor[] = [
  { id: 'e1', type: 'Enterprise', name: 'Kita Gears', name_ja: '北ギア工業', prefecture: 'Aichi', ...NAGOYA, fields: ['gears'], seeks: ['fuel-cells'], clusters: ['tokai-monozukuri'] },
  { id: 'e2', type: 'Enterprise', name: 'Minami Precision', name_ja: '南精密', prefecture: 'Aichi', lat: 35.2, lon: 136.95, fields: ['precision-machining'] },
  { id: 'e3', type: 'Enterprise', name: 'Higashi Moulds', name_ja: '東金型', prefecture: 'Gifu', fields: ['moulds'] },
  { id: 'u1', type: 'University', name: 'Nagoya Fuel Cell Lab', name_ja: '名古屋燃料電池研究室', prefecture: 'Aichi', lat: 35.1802, lon: 137.0385, fields: ['fuel-cells'], clusters: ['tokai-monozukuri'] },
  { id: 'u2', type: 'University', name: 'Far Robotics', name_ja: '遠ロボット大学', prefecture: 'Hokkaido', fields: ['robots'] },
  { id: 'im1', type: 'IncubationManager', name: 'Sato Hanako', name_ja: '佐藤 花子', prefecture: 'Aichi', fields: ['business-support-services'] },
];
const ties: Tie[] = [
  { source: 'e1', target: 'e2', kind: 'COLLABORATES', weight: 5, since: 2004 },
  { source: 'e2', target: 'u1', kind: 'COLLABORATES', weight: 4, since: 2005 },
  { source: 'e1', target: 'e3', kind: 'COLLABORATES', weight: 1, since: 2006 },
  { source: 'e3', target: 'u1', kind: 'COLLABORATES', weight: 1, since: 2006 },
  { source: 'im1', target: 'e1', kind: 'SUPPORTS', weight: 3, since: 2007 },
  { source: 'im1', target: 'u1', kind: 'SUPPORTS', weight: 2, since: 2007 },
];

describe('suggestion explanations', () => {
  const index = buildSuggestionIndex(actors, ties);
  const result = suggestPartners(index, 'e1', { types: ['University'] });
  const top = result.suggestions[0];
  // Every reason of the top suggestion, before the small ones are summed into `other`: the sentences are what is tested here.
  const ranked = rankCandidates(index, index.position.get('e1')!, ['University'])[0];
  const every = explainSuggestion(index, index.actors[index.position.get('e1')!], ranked, contributions(ranked.features, ranked.weights));
  const reason = (kind: string) => every.find((r) => r.kind === kind)!;

  it('puts the lab that offers what the asker seeks, next door and reachable through partners, first', () => {
    expect(result.actor).toEqual({ id: 'e1', name: 'Kita Gears', name_ja: '北ギア工業', type: 'Enterprise' });
    expect(result.suggestions.map((s) => s.id)).toEqual(['u1', 'u2']);
  });

  it('names the shared partners as the introduction path, best-placed first, in English and Japanese', () => {
    const shared = reason('shared-partners');
    expect(shared.via).toEqual(['e2', 'e3']);
    expect(shared.text).toBe('Both collaborate with Minami Precision (precision machining, Aichi) and 1 other shared partner: ask them for an introduction');
    expect(shared.text_ja).toBe('どちらも南精密（精密加工、愛知県）ほか1者と連携しています。紹介を依頼できます');
  });

  it('names a hidden intermediary and a hidden candidate only by their stand-ins (privacy)', () => {
    const stand = (id: string) => ({ id: `anon-${id}`, name: `A hidden actor ${id.length}`, name_ja: `非公開${id.length}` });
    const conceal = (id: string) => (id === 'e2' || id === 'u1' ? stand(id) : undefined);
    const hidden = explainSuggestion(index, index.actors[index.position.get('e1')!], ranked, contributions(ranked.features, ranked.weights), conceal);
    const shared = hidden.find((r) => r.kind === 'shared-partners')!;
    expect(shared.via).toEqual(['anon-e2', 'e3']);
    expect(shared.text).toBe('Both collaborate with A hidden actor 2 and 1 other shared partner: ask them for an introduction');
    expect(shared.text_ja).toContain('非公開2');
    expect(JSON.stringify(hidden)).not.toMatch(/Minami|南精密/);
    const listed = suggestPartners(index, 'e1', { types: ['University'], conceal });
    expect(listed.suggestions[0]).toMatchObject({ id: 'anon-u1', name: 'A hidden actor 2', name_ja: '非公開2' });
    expect(JSON.stringify(listed)).not.toMatch(/Nagoya Fuel|名古屋燃料|Minami|"e2"|"u1"/);
  });

  it('names a broker who knows both', () => {
    const broker = reason('broker');
    expect(broker.via).toEqual(['im1']);
    expect(broker.text).toContain('Sato Hanako');
    expect(broker.text).toContain('incubation manager');
    expect(broker.text_ja).toContain('インキュベーション・マネージャー');
  });

  it('says what the candidate offers that the asker seeks, and where it is', () => {
    expect(reason('offers')).toMatchObject({ text: 'Offers fuel cells, which you seek', text_ja: 'あなたが求める燃料電池の強みを持っています', via: [] });
    const km = Math.round(distanceKm(NAGOYA.lat, NAGOYA.lon, 35.1802, 137.0385));
    expect(reason('place')).toMatchObject({ text: `Same prefecture (Aichi), ${km} km away`, text_ja: `同じ県（愛知県）、約${km} km` });
    const cluster = findCluster('tokai-monozukuri')!;
    expect(reason('cluster')).toMatchObject({ text: `Both belong to the ${cluster.name}`, text_ja: `ともに${cluster.name_ja}に参加しています` });
  });

  it('shows the reasons that carry a tenth of the score, largest first, and sums the rest as "other"', () => {
    const shown = top.reasons.filter((r) => r.kind !== 'other');
    for (const r of shown) expect(r.contribution).toBeGreaterThanOrEqual(SHOWN_SHARE * top.score);
    const other = top.reasons.find((r) => r.kind === 'other');
    if (other) expect(top.reasons.at(-1)).toBe(other);
    const total = top.reasons.reduce((s, r) => s + r.contribution, 0);
    expect(total).toBeCloseTo(top.score, 3);
    expect(every.length).toBeGreaterThan(shown.length); // this example has small reasons to fold
    const c = shown.map((r) => r.contribution);
    expect([...c].sort((a, b) => b - a)).toEqual(c);
  });
});
