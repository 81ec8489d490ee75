/**
 * Actors abroad in partner suggestions: the country filter (and the candidate pools it adds),
 * distances only between actors with a place, the notice that explains an empty answer, and
 * reasons that say where a candidate is without claiming a prefecture it does not have.
 */
import { describe, expect, it } from 'vitest';
import { AppError } from '../../server/domain/errors.ts';
import type { Actor, Tie } from '../../server/domain/model.ts';
import { countryName, countrySpellings, isoCountry } from '../../server/domain/reference/countries.ts';
import { distanceKm } from '../../server/domain/reference/geo.ts';
import { place } from '../../server/domain/suggestions/explain.ts';
import { emptyNotice } from '../../server/domain/suggestions/filters.ts';
import { buildSuggestionIndex } from '../../server/domain/suggestions/suggestion-index.ts';
import { suggestPartners } from '../../server/domain/suggestions/suggest-partners.ts';
import type { SuggestionFilters } from '../../server/domain/suggestions/suggestion-types.ts';

const MUNICH = { lat: 48.137, lon: 11.575 };
const GARCHING = { lat: 48.249, lon: 11.651 };
const BERLIN = { lat: 52.52, lon: 13.405 };
const PARIS = { lat: 48.857, lon: 2.352 };
const NAGOYA = { lat: 35.1802, lon: 136.9066 };

const actors: Actor[] = [
  { id: 'de1', type: 'Enterprise', name: 'Isar Robotik GmbH', country: 'DE', prefecture: 'Bayern', ...MUNICH, fields: ['robots'], seeks: ['fuel-cells'] },
  { id: 'de2', type: 'University', name: 'Garching Institute', country: 'DE', prefecture: 'Bayern', ...GARCHING, fields: ['fuel-cells'] },
  { id: 'de3', type: 'Enterprise', name: 'Spree Antriebe', country: 'DE', ...BERLIN, fields: ['robots'] },
  { id: 'de4', type: 'University', name: 'Rhein Hochschule', country: 'de', fields: ['fuel-cells'] },
  { id: 'fr1', type: 'University', name: 'Université de Paris-Est', country: 'FR', ...PARIS, fields: ['fuel-cells'] },
  { id: 'fr2', type: 'Enterprise', name: 'Lyon Engrenages', country: 'FR', fields: ['gears'] },
  { id: 'uk1', type: 'University', name: 'Thames College', country: 'UK', fields: ['robots'] },
  { id: 'el1', type: 'University', name: 'Athens Polytechnic', country: 'EL', fields: ['robots'] },
  // In Japan: without a country (JP), one without any place, one with a prefecture only.
  { id: 'jp1', type: 'Enterprise', name: 'Kita Gears', fields: ['gears'], seeks: ['fuel-cells'] },
  { id: 'jp2', type: 'University', name: 'Minami University', fields: ['fuel-cells'] },
  { id: 'jp3', type: 'University', name: 'Nagoya Lab', prefecture: 'Aichi', fields: ['fuel-cells'] },
  { id: 'jp4', type: 'Enterprise', name: 'Nagoya Works', country: 'JP', ...NAGOYA, fields: ['robots'] },
  // Abroad, a region written like a prefecture of Japan is not that prefecture.
  { id: 'xx1', type: 'University', name: 'Aichi Road Institute', country: 'US', prefecture: 'Aichi', fields: ['robots'] },
];
const ties: Tie[] = [
  { source: 'de1', target: 'de3', kind: 'COLLABORATES', weight: 2, since: 2015 },
  { source: 'de3', target: 'fr1', kind: 'COLLABORATES', weight: 1, since: 2015 },
  { source: 'de1', target: 'fr2', kind: 'SUPPLIES', weight: 1, since: 2016 },
  { source: 'jp1', target: 'de3', kind: 'COLLABORATES', weight: 1, since: 2016 },
  { source: 'jp1', target: 'uk1', kind: 'COLLABORATES', weight: 1, since: 2016 },
];
const index = buildSuggestionIndex(actors, ties);
const byId = new Map(actors.map((a) => [a.id, a]));
const actor = (id: string) => index.actors[index.position.get(id)!];
const ids = (asker: string, filters: SuggestionFilters & { types?: Actor['type'][] }) =>
  suggestPartners(index, asker, { limit: 50, types: ['Enterprise', 'University'], ...filters }).suggestions.map((s) => s.id);
const countryOf = (id: string) => isoCountry(byId.get(id)!.country ?? 'JP');

describe('the country filter', () => {
  it('keeps only candidates in the countries asked, any case, several at once', () => {
    for (const country of [['DE'], ['de'], ['DE', 'FR'], ['fr', 'JP']]) {
      const found = ids('jp1', { country });
      const wanted = new Set(country.map(isoCountry));
      expect(found.length, country.join()).toBeGreaterThan(0);
      for (const id of found) expect(wanted.has(countryOf(id)), `${id} for ${country}`).toBe(true);
    }
  });

  it('counts an actor without a country as in Japan', () => {
    expect(new Set(ids('de1', { country: ['JP'] }))).toEqual(new Set(['jp1', 'jp2', 'jp3', 'jp4']));
  });

  it('finds CORDIS spellings by their ISO code and the other way round', () => {
    expect(countrySpellings('GB')).toEqual(['GB', 'UK']);
    expect(countrySpellings('el')).toEqual(['GR', 'EL']);
    expect(ids('de1', { country: ['GB'] })).toEqual(['uk1']);
    expect(ids('de1', { country: ['UK'] })).toEqual(['uk1']);
    expect(ids('de1', { country: ['GR'] })).toEqual(['el1']);
  });

  it('finds candidates no path reaches: the filter adds its country pools', () => {
    // 300 busy labs in France, one lab without ties in Germany: the most active actors overall
    // are all French, so only the country's own pool brings the German lab.
    const many: Actor[] = [{ id: 'asker', type: 'Enterprise', name: 'Asker' }, { id: 'de-lab', type: 'University', name: 'Quiet Lab', country: 'DE' }];
    const links: Tie[] = [];
    for (let i = 0; i < 300; i++) {
      many.push({ id: `fr-lab${i}`, type: 'University', name: `Lab ${i}`, country: 'FR' }, { id: `fr-firm${i}`, type: 'Enterprise', name: `Firm ${i}`, country: 'FR' });
      links.push({ source: `fr-firm${i}`, target: `fr-lab${i}`, kind: 'COLLABORATES', weight: 1 });
    }
    const busy = buildSuggestionIndex(many, links);
    expect(suggestPartners(busy, 'asker', { types: ['University'], country: ['DE'] }).suggestions.map((s) => s.id)).toEqual(['de-lab']);
  });

  it('reads prefecture as a prefecture of Japan: an actor abroad with a region of that name is not in it', () => {
    expect(ids('de1', { prefecture: 'Aichi' })).toEqual(['jp3']);
  });
});

describe('distances', () => {
  it('measures from coordinates when given and from the prefectural capital otherwise, and leaves out actors without a place', () => {
    expect(actor('jp3').lat).toBe(NAGOYA.lat);
    expect(actor('de4').lat).toBeUndefined();
    expect(actor('jp1').lat).toBeUndefined();
    const near = ids('de1', { maxKm: 800 });
    expect(near).toEqual(expect.arrayContaining(['de2', 'fr1']));
    for (const id of near) {
      const a = byId.get(id)!;
      expect(a.lat, id).toBeDefined();
      expect(distanceKm(MUNICH.lat, MUNICH.lon, a.lat!, a.lon!)).toBeLessThanOrEqual(800);
    }
  });

  it('rejects maxKm for an asker without any place, naming the parameter', () => {
    try {
      suggestPartners(index, 'jp1', { maxKm: 500 });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).status).toBe(400);
      expect((err as AppError).details).toEqual({ parameter: 'maxKm' });
      expect((err as AppError).message).toContain('no location');
    }
  });
});

describe('the notice of an empty answer', () => {
  const notice = (asker: string, filters: SuggestionFilters, types: Actor['type'][] = ['Enterprise', 'University']) => {
    expect(suggestPartners(index, asker, { types, ...filters }).suggestions, JSON.stringify(filters)).toEqual([]);
    return emptyNotice(index, asker, types, filters);
  };
  const abroad = buildSuggestionIndex(actors.filter((a) => a.country && a.country !== 'JP'), ties);

  it('names a region of Japan no actor is in, and says when the network has no prefecture at all', () => {
    const n = emptyNotice(abroad, 'de1', ['Enterprise', 'University'], { region: 'kanto' });
    expect(n).toMatchObject({ code: 'no_actor_in_region', parameter: 'region' });
    expect(n.text).toBe('No actor of the types asked is in the region Kanto: no actor of this network has a prefecture in Japan.');
    expect(n.text_ja).toBe('関東地域にある求める種類の相手はいません（このネットワークには日本の都道府県にあるアクターがいません）。');
    expect(notice('de1', { region: 'hokkaido' })).toMatchObject({ code: 'no_actor_in_region', text: 'No actor of the types asked is in the region Hokkaido.' });
  });

  it('names the country, the prefecture, the cluster and the field that leave no actor', () => {
    expect(notice('de1', { country: ['IT', 'ES'] })).toMatchObject({ code: 'no_actor_in_country', parameter: 'country', text: 'No actor of the types asked is in Italy or Spain.', text_ja: 'イタリア・スペインにある求める種類の相手はいません。' });
    expect(notice('de1', { prefecture: 'Osaka' })).toMatchObject({ code: 'no_actor_in_prefecture', parameter: 'prefecture', text_ja: '大阪府にある求める種類の相手はいません。' });
    expect(notice('de1', { cluster: 'tama' })).toMatchObject({ code: 'no_actor_in_cluster', parameter: 'cluster' });
    expect(notice('de1', { field: 'moulds' })).toMatchObject({ code: 'no_actor_with_field', parameter: 'field' });
  });

  it('names the filter that empties the list together with those before it', () => {
    // Germany has actors and Aichi has actors, but none is in both.
    expect(notice('jp1', { country: ['DE'], prefecture: 'Aichi' })).toMatchObject({
      code: 'no_actor_in_prefecture',
      text: 'No actor of the types asked that matches the other filters is in Aichi.',
    });
  });

  it('tells a distance no candidate can be measured to from one no candidate is within', () => {
    expect(notice('de1', { country: ['GB', 'GR'], maxKm: 5000 })).toMatchObject({ code: 'no_actor_with_location', parameter: 'maxKm' });
    expect(notice('de1', { country: ['JP'], maxKm: 1000 })).toMatchObject({ code: 'no_actor_within_distance', parameter: 'maxKm', text: 'No actor of the types asked that matches the other filters is within 1000 km.' });
  });

  it('says when every match is a partner already, and when no actor of the types exists', () => {
    expect(notice('de1', { country: ['FR'] }, ['Enterprise'])).toMatchObject({ code: 'all_already_partners' });
    expect(notice('de1', {}, ['FinancialInstitution'])).toMatchObject({ code: 'no_actor_of_types', parameter: 'types' });
  });
});

describe('place in the reasons', () => {
  const said = (a: string, b: string) => place(actor(a), actor(b));
  const km = (p: { lat: number; lon: number }, q: { lat: number; lon: number }) => Math.round(distanceKm(p.lat, p.lon, q.lat, q.lon));

  it('names the country abroad, in English and Japanese, with the distance when both have a place', () => {
    expect(said('de3', 'de4')).toEqual({ en: 'Same country (Germany)', ja: '同じ国（ドイツ）' });
    const far = km(BERLIN, MUNICH);
    expect(said('de3', 'de1')).toEqual({ en: `Same country (Germany), ${far} km away`, ja: `同じ国（ドイツ）、約${far} km` });
  });

  it('names Greece and the United Kingdom for the CORDIS codes EL and UK', () => {
    expect(countryName('EL')).toEqual({ en: 'Greece', ja: 'ギリシャ' });
    expect(countryName('UK')).toEqual({ en: 'United Kingdom', ja: 'イギリス' });
    expect(said('de1', 'el1')).toEqual({ en: 'In Greece', ja: 'ギリシャにあります' });
    expect(said('de1', 'uk1')).toEqual({ en: 'In the United Kingdom', ja: 'イギリスにあります' });
  });

  it('never says same prefecture abroad: a shared region as written is a region', () => {
    const far = km(MUNICH, GARCHING);
    expect(said('de1', 'de2')).toEqual({ en: `Same region (Bayern, Germany), ${far} km away`, ja: `同じ地域（ドイツ・Bayern）、約${far} km` });
    for (const [a, b] of [['de1', 'xx1'], ['jp3', 'xx1'], ['jp1', 'jp2'], ['de3', 'de4']]) {
      expect(said(a, b).en, `${a} ${b}`).not.toMatch(/prefecture|Nearby/);
      expect(said(a, b).ja, `${a} ${b}`).not.toMatch(/県|近く/);
    }
  });

  it('says both are in Japan when one has no prefecture, and claims no nearness without a distance', () => {
    expect(said('jp1', 'jp2')).toEqual({ en: 'Both in Japan', ja: 'どちらも日本国内にあります' });
    expect(said('jp1', 'jp3')).toEqual({ en: 'Both in Japan', ja: 'どちらも日本国内にあります' });
    expect(said('jp4', 'jp3')).toEqual({ en: 'Both in Japan, less than 1 km away', ja: 'どちらも日本国内、1 km未満' });
    const far = km(PARIS, MUNICH);
    expect(said('fr1', 'de1')).toEqual({ en: `In Germany, ${far} km away`, ja: `ドイツ、約${far} km` });
  });

  it('keeps the sentences of Japan: same prefecture, same region, a distance', () => {
    const aichi = buildSuggestionIndex(
      [
        { id: 'a', type: 'Enterprise', name: 'A', prefecture: 'Aichi' },
        { id: 'b', type: 'University', name: 'B', prefecture: 'Aichi', ...NAGOYA },
        { id: 'c', type: 'University', name: 'C', prefecture: 'Gifu' },
        { id: 'd', type: 'University', name: 'D', prefecture: 'Tokyo' },
      ],
      [],
    );
    const at = (id: string) => aichi.actors[aichi.position.get(id)!];
    expect(place(at('a'), at('b'))).toEqual({ en: 'Same prefecture (Aichi), less than 1 km away', ja: '同じ県（愛知県）、1 km未満' });
    expect(place(at('a'), at('c')).en).toMatch(/^Same region \(Chubu\), \d+ km away$/);
    expect(place(at('a'), at('d')).en).toMatch(/^\d+ km away$/);
    expect(place(at('a'), at('d')).ja).toMatch(/^約\d+ km離れています$/);
  });

  it('carries the country on the suggestions of actors abroad only', () => {
    const { suggestions } = suggestPartners(index, 'jp1', { types: ['University'], limit: 50 });
    expect(suggestions.find((s) => s.id === 'fr1')?.country).toBe('FR');
    expect(suggestions.find((s) => s.id === 'jp2')).not.toHaveProperty('country');
  });
});
