/**
 * The key under which the suggestion service keeps a ranking (suggest-partners.ts `rankingKey`):
 * requests with the same key must get the same ranking, and every option that ranks must move it.
 */
import { describe, expect, it } from 'vitest';
import { readNetworkFiles } from '../../scripts/lib/read-network-files.ts';
import { buildSuggestionIndex } from '../../server/domain/suggestions/suggestion-index.ts';
import { presentRanking, rankFor, rankingKey, suggestPartners } from '../../server/domain/suggestions/suggest-partners.ts';
import type { SuggestOptions } from '../../server/domain/suggestions/suggestion-types.ts';

const { actors, ties } = await readNetworkFiles('graph-seeds/demo/actors.csv', 'graph-seeds/demo/ties.csv');
const index = buildSuggestionIndex(actors, ties);
const asker = actors.find((a) => a.type === 'Enterprise' && a.prefecture)!;

/** One value for every option that ranks, and another for each. */
const OPTIONS: Required<Omit<SuggestOptions, 'conceal' | 'explain'>> = {
  types: ['University', 'ResearchInstitute'],
  limit: 15,
  country: ['JP', 'DE'],
  region: 'chubu',
  prefecture: '愛知県',
  cluster: 'greater-nagoya',
  field: 'robots',
  maxKm: 120,
  exclude: new Set(['x1', 'x2']),
};
const OTHER: typeof OPTIONS = {
  types: ['University'],
  limit: 16,
  country: ['JP'],
  region: 'kanto',
  prefecture: '岐阜県',
  cluster: 'other-cluster',
  field: 'fuel-cells',
  maxKm: 121,
  exclude: new Set(['x1']),
};

describe('the key of a ranking', () => {
  it('moves with every option that ranks, and with the asker', () => {
    const key = rankingKey(asker.id, OPTIONS);
    for (const name of Object.keys(OPTIONS) as (keyof typeof OPTIONS)[]) {
      expect(rankingKey(asker.id, { ...OPTIONS, [name]: OTHER[name] }), name).not.toBe(key);
      const { [name]: _left, ...without } = OPTIONS;
      expect(rankingKey(asker.id, without), `${name} left out`).not.toBe(key);
    }
    expect(rankingKey(`${asker.id}x`, OPTIONS)).not.toBe(key);
  });

  it('does not move with what only shows a ranking, nor with the order of a list', () => {
    const key = rankingKey(asker.id, OPTIONS);
    const conceal = () => ({ id: 'anon-1', name: 'A member', name_ja: '会員' });
    expect(rankingKey(asker.id, { ...OPTIONS, conceal, explain: false })).toBe(key);
    expect(rankingKey(asker.id, { ...OPTIONS, types: ['ResearchInstitute', 'University'], country: ['DE', 'JP'], exclude: new Set(['x2', 'x1']) })).toBe(key);
    expect(rankingKey(asker.id, { ...OPTIONS, region: undefined })).toBe(rankingKey(asker.id, (({ region: _r, ...rest }) => rest)(OPTIONS)));
  });

  it('names requests that rank alike: a ranking kept for one answers the other exactly', () => {
    const first: SuggestOptions = { types: ['University', 'Enterprise'], country: ['JP'], limit: 12 };
    const second: SuggestOptions = { limit: 12, country: ['JP'], types: ['Enterprise', 'University'], explain: true };
    expect(rankingKey(asker.id, second)).toBe(rankingKey(asker.id, first));
    const kept = rankFor(index, asker.id, first);
    const copy = structuredClone(kept);
    expect(presentRanking(index, kept, second)).toEqual(suggestPartners(index, asker.id, second));
    // Showing a ranking leaves it as it was, for the next request that finds it kept.
    const conceal = (id: string) => ({ id: `anon-${id}`, name: 'A member', name_ja: '会員' });
    presentRanking(index, kept, { conceal });
    expect(kept).toEqual(copy);
  });
});
