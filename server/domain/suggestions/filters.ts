/**
 * Which candidates a request admits: of the wanted types, never the asker, never one of its
 * partners, and inside every filter given (cluster, field, country, region, prefecture,
 * distance). A filter also names the pools to draw extra candidates from, so that a narrow
 * filter still finds candidates no path reaches. When a request is left with no suggestion,
 * `emptyNotice` says which filter emptied it, so that an empty answer is never silent.
 */
import { ACTOR_TYPES, type ActorType } from '../model.ts';
import { invalidParameter, notFound, type AppError } from '../errors.ts';
import { ACTOR_TYPE_NAMES } from '../reference/actor-types.ts';
import { findCluster } from '../reference/clusters.ts';
import { countryInSentence, countryName, countrySpellings, HOME_COUNTRY } from '../reference/countries.ts';
import { findField } from '../reference/fields.ts';
import { findPrefecture } from '../reference/prefectures.ts';
import { findRegion } from '../reference/regions.ts';
import { actorDistanceKm } from './features.ts';
import { pairKey, poolKey, type IndexedActor, type SuggestionIndex } from './suggestion-index.ts';
import type { SuggestionFilters, SuggestionNotice } from './suggestion-types.ts';

export interface CandidateFilter {
  accept: (candidate: number) => boolean;
  pools: string[];
}

type AttributeParameter = 'cluster' | 'field' | 'country' | 'region' | 'prefecture';

/** One filter on what an actor is or where it is. */
interface AttributeCheck {
  parameter: AttributeParameter;
  admits: (c: IndexedActor) => boolean;
}

/** Every spelling of the countries asked (`GB` and `UK`, `GR` and `EL`); undefined when none is. */
function countryCodes(filters: SuggestionFilters): ReadonlySet<string> | undefined {
  return filters.country?.length ? new Set(filters.country.flatMap(countrySpellings)) : undefined;
}

/** The attribute filters given, in the order a notice looks for the one that leaves no actor: what, then where, broadest first. */
function attributeChecks(filters: SuggestionFilters): AttributeCheck[] {
  const { cluster, field, region, prefecture } = filters;
  const countries = countryCodes(filters);
  const checks: AttributeCheck[] = [];
  if (cluster !== undefined) checks.push({ parameter: 'cluster', admits: (c) => c.clusters.includes(cluster) });
  if (field !== undefined) checks.push({ parameter: 'field', admits: (c) => c.fields.includes(field) });
  if (countries) checks.push({ parameter: 'country', admits: (c) => countries.has(c.country) });
  if (region !== undefined) checks.push({ parameter: 'region', admits: (c) => c.region === region });
  // A prefecture of Japan: an actor abroad whose region is written the same is not in it.
  if (prefecture !== undefined) checks.push({ parameter: 'prefecture', admits: (c) => c.country === HOME_COUNTRY && c.prefecture === prefecture });
  return checks;
}

function hasLocation(a: IndexedActor): boolean {
  return a.lat !== undefined && a.lon !== undefined;
}

/** A distance needs a place at both ends; the asker's is never guessed. */
function noLocation(me: IndexedActor): AppError {
  return invalidParameter('maxKm', `actor '${me.id}' has no location (neither coordinates nor a prefecture in Japan), so no distance can be measured from it; leave maxKm out`);
}

export function candidateFilter(
  index: SuggestionIndex,
  asker: number,
  types: readonly ActorType[],
  filters: SuggestionFilters,
): CandidateFilter {
  const me = index.actors[asker];
  // By type code (IndexedActor.typeCode) and by position: accept runs for every actor reached.
  const wanted = ACTOR_TYPES.map((t) => types.includes(t));
  const partners = new Set(index.links[asker].map((l) => l.to));
  const { region, prefecture, cluster, field, maxKm } = filters;
  if (maxKm !== undefined && !hasLocation(me)) throw noLocation(me);
  const checks = attributeChecks(filters);
  const exclude = filters.exclude;
  const accept = (v: number): boolean => {
    if (v === asker) return false;
    const c = index.actors[v];
    if (!wanted[c.typeCode]) return false;
    if (exclude?.has(c.id)) return false;
    for (const check of checks) if (!check.admits(c)) return false;
    if (maxKm !== undefined) {
      const km = actorDistanceKm(me, c);
      if (km === undefined || km > maxKm) return false;
    }
    return !partners.has(v);
  };

  const countries = countryCodes(filters);
  const pools: string[] = [];
  for (const t of types) {
    if (prefecture !== undefined) pools.push(poolKey(t, 'prefecture', prefecture));
    else if (region !== undefined) pools.push(poolKey(t, 'region', region));
    else if (countries) for (const code of countries) pools.push(poolKey(t, 'country', code));
    if (cluster !== undefined) pools.push(poolKey(t, 'cluster', cluster));
    if (field !== undefined) pools.push(poolKey(t, 'field', field));
  }
  return { accept, pools };
}

interface Text {
  en: string;
  ja: string;
}

/** The end of "No actor of the types asked … " for the filter that left none. */
function attributeText(parameter: AttributeParameter, filters: SuggestionFilters): Text {
  switch (parameter) {
    case 'cluster': {
      const c = findCluster(filters.cluster!);
      return c ? { en: `belongs to the ${c.name}`, ja: `${c.name_ja}に参加している` } : { en: `belongs to the cluster '${filters.cluster}'`, ja: `クラスター「${filters.cluster}」に参加している` };
    }
    case 'field': {
      const f = findField(filters.field!);
      return { en: `works in the field '${f?.name ?? filters.field}'`, ja: `「${f?.name_ja ?? filters.field}」の分野で活動している` };
    }
    case 'country': {
      const names = filters.country!.map(countryName);
      return { en: `is in ${names.map((n) => countryInSentence(n.en)).join(' or ')}`, ja: `${names.map((n) => n.ja).join('・')}にある` };
    }
    case 'region': {
      const r = findRegion(filters.region!);
      return { en: `is in the region ${r?.name ?? filters.region}`, ja: `${r?.name_ja ?? filters.region}地域にある` };
    }
    case 'prefecture': {
      const p = findPrefecture(filters.prefecture!);
      return { en: `is in ${p?.id ?? filters.prefecture}`, ja: `${p?.name_ja ?? filters.prefecture}にある` };
    }
  }
}

const CODES: Readonly<Record<AttributeParameter, SuggestionNotice['code']>> = {
  cluster: 'no_actor_in_cluster',
  field: 'no_actor_with_field',
  country: 'no_actor_in_country',
  region: 'no_actor_in_region',
  prefecture: 'no_actor_in_prefecture',
};

/**
 * Why a request has no suggestion: its filters applied one at a time to the actors of the wanted
 * types (cluster, field, country, region, prefecture, then distance), the first that leaves none
 * is named; when every filter leaves some, they are all partners already. Meant for an empty
 * answer only (it scans the actors of the wanted types).
 */
export function emptyNotice(index: SuggestionIndex, actorId: string, types: readonly ActorType[], filters: SuggestionFilters): SuggestionNotice {
  const asker = index.position.get(actorId);
  if (asker === undefined) throw notFound('actor', actorId);
  const me = index.actors[asker];
  let left = types.flatMap((t) => index.pools.get(poolKey(t, 'all')) ?? []).filter((v) => v !== asker);
  if (!left.length) {
    const names = types.map((t) => ACTOR_TYPE_NAMES[t]);
    return {
      code: 'no_actor_of_types',
      parameter: 'types',
      text: `No other actor of the types asked (${names.map((n) => n.name).join(', ')}) is in the network.`,
      text_ja: `ネットワークには、求める種類（${names.map((n) => n.name_ja).join('・')}）の相手がほかにいません。`,
    };
  }
  let narrowed = false;
  const others = () => (narrowed ? { en: ' that matches the other filters', ja: 'ほかの条件に合い、' } : { en: '', ja: '' });
  for (const check of attributeChecks(filters)) {
    left = left.filter((v) => check.admits(index.actors[v]));
    if (!left.length) {
      const what = attributeText(check.parameter, filters);
      // A network whose actors are all abroad has no region or prefecture of Japan to offer: say so.
      const placeInJapan = check.parameter === 'region' || check.parameter === 'prefecture';
      const why =
        placeInJapan && !index.actors.some((a) => a.region !== undefined)
          ? { en: ': no actor of this network has a prefecture in Japan', ja: '（このネットワークには日本の都道府県にあるアクターがいません）' }
          : { en: '', ja: '' };
      return {
        code: CODES[check.parameter],
        parameter: check.parameter,
        text: `No actor of the types asked${others().en} ${what.en}${why.en}.`,
        text_ja: `${others().ja}${what.ja}求める種類の相手はいません${why.ja}。`,
      };
    }
    narrowed = true;
  }
  const { maxKm } = filters;
  if (maxKm !== undefined) {
    if (!hasLocation(me)) throw noLocation(me);
    left = left.filter((v) => hasLocation(index.actors[v]));
    if (!left.length) {
      return {
        code: 'no_actor_with_location',
        parameter: 'maxKm',
        text: `No actor of the types asked${others().en} has a location (coordinates, or a prefecture in Japan), so none can be within ${maxKm} km.`,
        text_ja: `${others().ja}求める種類の相手には所在地（座標または日本の都道府県）がないため、${maxKm} km以内の相手は見つかりません。`,
      };
    }
    left = left.filter((v) => actorDistanceKm(me, index.actors[v])! <= maxKm);
    if (!left.length) {
      return {
        code: 'no_actor_within_distance',
        parameter: 'maxKm',
        text: `No actor of the types asked${others().en} is within ${maxKm} km.`,
        text_ja: `${others().ja}${maxKm} km以内にある求める種類の相手はいません。`,
      };
    }
  }
  if (left.every((v) => index.pairs.has(pairKey(index, asker, v)))) {
    return {
      code: 'all_already_partners',
      text: 'Every actor of the types asked that matches the filters is already a partner.',
      text_ja: '条件に合う求める種類の相手とは、すべてすでにつながっています。',
    };
  }
  return { code: 'no_suggestion', text: 'No suggestion was found for this request.', text_ja: 'この条件では提案が見つかりませんでした。' };
}
