/**
 * Explanations in plain words, in English and Japanese: one sentence per reason that carries
 * part of a suggestion's score, with the intermediaries who can make the introduction (`via`,
 * best-placed first: those who pass the largest share of the resource-allocation score).
 */
import type { TieKind } from '../model.ts';
import { ACTOR_TYPE_NAMES } from '../reference/actor-types.ts';
import { findCluster } from '../reference/clusters.ts';
import { countryInSentence, countryName, HOME_COUNTRY, sameCountry } from '../reference/countries.ts';
import { findField } from '../reference/fields.ts';
import { findPrefecture } from '../reference/prefectures.ts';
import { findRegion } from '../reference/regions.ts';
import type { Path } from './candidates.ts';
import { actorDistanceKm } from './features.ts';
import type { RankedCandidate } from './candidates.ts';
import { partnersInField, tieKinds, type IndexedActor, type SuggestionIndex } from './suggestion-index.ts';
import type { Conceal, Reason, ReasonKind } from './suggestion-types.ts';

interface Text {
  en: string;
  ja: string;
}

/** How two actors are tied, said without a direction. */
const TIE_VERB: Readonly<Record<TieKind | 'mixed', Text>> = {
  COLLABORATES: { en: 'collaborate with', ja: '連携しています' },
  SUPPLIES: { en: 'trade with', ja: '取引しています' },
  FINANCES: { en: 'have a financing tie with', ja: '融資・出資の関係があります' },
  SUPPORTS: { en: 'have a support tie with', ja: '支援の関係があります' },
  SPUN_OFF_FROM: { en: 'have a spin-off tie with', ja: 'スピンオフの関係があります' },
  mixed: { en: 'work with', ja: 'つながりがあります' },
};

/** "fuel cells", "information appliances and IT": lower case inside a sentence, acronyms kept. */
function fieldName(id: string): Text {
  const f = findField(id);
  if (!f) return { en: id, ja: id };
  const words = f.name.split(' ').map((w) => (w === w.toUpperCase() ? w : w.toLowerCase()));
  return { en: words.join(' '), ja: f.name_ja };
}

function listOf(ids: readonly string[], name: (id: string) => Text): Text {
  const names = ids.map(name);
  return { en: names.map((n) => n.en).join(' and '), ja: names.map((n) => n.ja).join('・') };
}

function clusterName(id: string): Text {
  const c = findCluster(id);
  return c ? { en: `the ${c.name}`, ja: c.name_ja } : { en: `the cluster ${id}`, ja: id };
}

/** Prefecture names as written, looked up once each (findPrefecture normalises the text): every explanation names some. */
const prefectureNames = new Map<string, Text>();

function prefectureName(p: string | undefined): Text | undefined {
  if (!p) return undefined;
  let name = prefectureNames.get(p);
  if (!name) {
    if (prefectureNames.size >= 10_000) prefectureNames.clear(); // bounded whatever the data writes
    prefectureNames.set(p, (name = { en: p, ja: findPrefecture(p)?.name_ja ?? p }));
  }
  return name;
}

/** "Kaedeshima University (robots, Aichi)" and "楓島大学（ロボット、愛知県）". */
function describe(a: IndexedActor, conceal?: Conceal): Text {
  const hidden = conceal?.(a.id);
  // A hidden actor's stand-in already says its type, place and field.
  if (hidden) return { en: hidden.name, ja: hidden.name_ja };
  const field = a.fields[0] ? fieldName(a.fields[0]) : undefined;
  const pref = prefectureName(a.prefecture);
  const en = [field?.en, pref?.en].filter(Boolean).join(', ');
  const ja = [field?.ja, pref?.ja].filter(Boolean).join('、');
  return { en: en ? `${a.name} (${en})` : a.name, ja: ja ? `${a.name_ja ?? a.name}（${ja}）` : a.name_ja ?? a.name };
}

function commonKind(index: SuggestionIndex, a: string, b: string, c: string): TieKind | 'mixed' {
  const first = tieKinds(index, a, b);
  const second = tieKinds(index, b, c);
  return first.find((k) => second.includes(k)) ?? 'mixed';
}

function introduction(index: SuggestionIndex, me: IndexedActor, other: IndexedActor, paths: Path[], count: number, broker: boolean, conceal?: Conceal): Text {
  const first = index.actors[paths[0].via];
  const who = describe(first, conceal);
  const more = Math.max(count, paths.length) - 1;
  if (broker) {
    const label = ACTOR_TYPE_NAMES[first.type].one;
    const others = more > 0 ? { en: ` and ${more} other intermediar${more > 1 ? 'ies' : 'y'}`, ja: `ほか${more}者` } : { en: '', ja: '' };
    return {
      en: `${who.en}, a ${label.en}${others.en}, work${more > 0 ? '' : 's'} with both of you: ask for an introduction`,
      ja: `${label.ja}の${who.ja}${others.ja}が双方とつながっています。紹介を依頼できます`,
    };
  }
  const verb = TIE_VERB[commonKind(index, me.id, first.id, other.id)];
  if (more === 0) return { en: `Both ${verb.en} ${who.en}: ask it for an introduction`, ja: `どちらも${who.ja}と${verb.ja}。紹介を依頼できます` };
  return {
    en: `Both ${verb.en} ${who.en} and ${more} other shared partner${more > 1 ? 's' : ''}: ask them for an introduction`,
    ja: `どちらも${who.ja}ほか${more}者と${verb.ja}。紹介を依頼できます`,
  };
}

/**
 * Where the candidate is, seen from the asker: the narrowest place both share (a prefecture or a
 * region of Japan; abroad, a region as written or the country), then the distance when both
 * have a place. Nearness is never claimed without a distance.
 */
export function place(me: IndexedActor, other: IndexedActor): Text {
  const km = actorDistanceKm(me, other);
  const round = km === undefined ? 0 : Math.round(km);
  const far = km === undefined ? { en: '', ja: '' } : km < 1 ? { en: ', less than 1 km away', ja: '、1 km未満' } : { en: `, ${round} km away`, ja: `、約${round} km` };
  const inJapan = me.country === HOME_COUNTRY && other.country === HOME_COUNTRY;
  if (inJapan) {
    const pref = prefectureName(other.prefecture);
    if (pref && me.prefecture === other.prefecture) return { en: `Same prefecture (${pref.en})${far.en}`, ja: `同じ県（${pref.ja}）${far.ja}` };
    const region = other.region ? findRegion(other.region) : undefined;
    if (region && me.region === other.region) return { en: `Same region (${region.name})${far.en}`, ja: `同じ地域（${region.name_ja}）${far.ja}` };
    // Both with a prefecture: the distance says it all, as it always has on Japan's networks.
    if (km !== undefined && me.prefecture && other.prefecture) return round < 1 ? { en: 'Less than 1 km away', ja: '1 km未満の距離にあります' } : { en: `${round} km away`, ja: `約${round} km離れています` };
    return { en: `Both in Japan${far.en}`, ja: `どちらも日本国内${far.ja || 'にあります'}` };
  }
  const country = countryName(other.country);
  if (sameCountry(me.country, other.country)) {
    // Abroad, `prefecture` holds the region as the data writes it ("Bavaria").
    if (other.prefecture && me.prefecture === other.prefecture) return { en: `Same region (${other.prefecture}, ${country.en})${far.en}`, ja: `同じ地域（${country.ja}・${other.prefecture}）${far.ja}` };
    return { en: `Same country (${country.en})${far.en}`, ja: `同じ国（${country.ja}）${far.ja}` };
  }
  return { en: `In ${countryInSentence(country.en)}${far.en}`, ja: `${country.ja}${far.ja || 'にあります'}` };
}

function sentence(kind: ReasonKind, index: SuggestionIndex, me: IndexedActor, r: RankedCandidate, conceal?: Conceal): { text: Text; via: string[] } {
  const other = index.actors[r.candidate.index];
  const none: string[] = [];
  switch (kind) {
    case 'shared-partners':
    case 'broker': {
      // Only intermediaries who really tie both sides can make the introduction.
      const paths = (kind === 'broker' ? r.candidate.brokerPaths : r.candidate.peerPaths).filter(
        (p) => tieKinds(index, me.id, index.actors[p.via].id).length > 0 && tieKinds(index, index.actors[p.via].id, other.id).length > 0,
      );
      if (paths.length === 0) return sentence('network', index, me, r, conceal);
      const count = kind === 'broker' ? r.candidate.brokerCount : r.candidate.peerCount;
      return {
        text: introduction(index, me, other, paths, count, kind === 'broker', conceal),
        via: paths.map((p) => index.actors[p.via].id).map((id) => conceal?.(id)?.id ?? id),
      };
    }
    case 'cluster': {
      const shared = me.clusters.filter((c) => other.clusters.includes(c));
      const n = listOf(shared, clusterName);
      return { text: { en: `Both belong to ${n.en}`, ja: `ともに${n.ja}に参加しています` }, via: none };
    }
    case 'offers': {
      const f = listOf(other.fields.filter((x) => me.seeks.includes(x)), fieldName);
      return { text: { en: `Offers ${f.en}, which you seek`, ja: `あなたが求める${f.ja}の強みを持っています` }, via: none };
    }
    case 'seeks': {
      const f = listOf(other.seeks.filter((x) => me.fields.includes(x)), fieldName);
      return { text: { en: `Seeks ${f.en}, which you offer`, ja: `あなたが提供できる${f.ja}を求めています` }, via: none };
    }
    case 'similar-fields': {
      const f = listOf(other.fields.filter((x) => me.fields.includes(x)), fieldName);
      return { text: { en: `Works in the same field: ${f.en}`, ja: `同じ分野（${f.ja}）で活動しています` }, via: none };
    }
    case 'audience': {
      // The asker's field with most of the candidate's partners (the first such, as the feature counts).
      let best = 0;
      for (let i = 1; i < me.fieldCodes.length; i++) if (partnersInField(other, me.fieldCodes[i]) > partnersInField(other, me.fieldCodes[best])) best = i;
      const n = me.fieldCodes.length ? partnersInField(other, me.fieldCodes[best]) : 0;
      const f = fieldName(me.fields[best]);
      return {
        text: { en: `Already works with ${n} partner${n > 1 ? 's' : ''} in your field (${f.en})`, ja: `すでにあなたと同じ分野（${f.ja}）の相手${n}者とつながっています` },
        via: none,
      };
    }
    case 'place':
      return { text: place(me, other), via: none };
    case 'activity':
      return { text: { en: `Active in the network: ${other.degree} ties`, ja: `ネットワークで活発に活動しています（つながり${other.degree}件）` }, via: none };
    case 'network':
      return {
        text: { en: "Close to you in the network: your partners' partners work with its partners", ja: 'ネットワーク上で近い位置にあります（連携先の連携先を通じてつながっています）' },
        via: none,
      };
    case 'other':
      return { text: { en: 'Smaller signals together (each under a tenth of the score)', ja: 'その他の小さな要因の合計（それぞれスコアの1割未満）' }, via: none };
  }
}

/** The reasons of one suggestion, from its contributions (largest first). */
export function explainSuggestion(
  index: SuggestionIndex,
  me: IndexedActor,
  r: RankedCandidate,
  parts: readonly { kind: ReasonKind; contribution: number }[],
  conceal?: Conceal,
): Reason[] {
  return parts.map(({ kind, contribution }) => {
    const { text, via } = sentence(kind, index, me, r, conceal);
    return { kind, text: text.en, text_ja: text.ja, via, contribution };
  });
}
