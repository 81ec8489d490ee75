/**
 * Readable labels for communities, in English and Japanese: where the community is, what it
 * works on, and how big it is ("Aichi · Robots · 312 actors", "愛知県 · ロボット · 312主体").
 *
 * - Place: the prefecture holding at least half of the members; otherwise the region holding at
 *   least half; otherwise the two largest regions; "Abroad" when no member is in Japan.
 * - Topic: the community's most characteristic field (common in it and rarer elsewhere, see
 *   summarize-communities.ts); else the field most members offer; without fields, the largest
 *   actor type.
 * - Labels that would repeat get a second field, then a number.
 */
import { ACTOR_TYPES } from '../model.ts';
import { groupName } from '../metrics/groupings.ts';

export interface CommunityLabel {
  en: string;
  ja: string;
}

interface Named {
  name: string;
  name_ja: string;
  share: number;
}

/** What a label is made from: the ranked lists of a community summary. */
export interface LabelSource {
  size: number;
  composition: Record<string, number>;
  fields: readonly Named[];
  characteristicFields: readonly Named[];
  prefectures: readonly Named[];
  regions: readonly Named[];
}

/** Half of the members: a place or field shared by that many names the community. */
const MAJORITY = 0.5;

/** Labels for a list of communities, in the same order, none repeated. */
export function labelCommunities(sources: readonly LabelSource[]): CommunityLabel[] {
  const labels = sources.map((s) => compose(s, 1));
  const seen = new Map<string, number>();
  for (const l of labels) seen.set(l.en, (seen.get(l.en) ?? 0) + 1);
  const repeated = new Set([...seen].filter(([, n]) => n > 1).map(([en]) => en));
  const out = sources.map((s, i) => (repeated.has(labels[i].en) ? compose(s, 2) : labels[i]));
  const used = new Map<string, number>();
  return out.map((l) => {
    const n = (used.get(l.en) ?? 0) + 1;
    used.set(l.en, n);
    return n === 1 ? l : { en: `${l.en} (${n})`, ja: `${l.ja} (${n})` };
  });
}

function compose(s: LabelSource, fields: number): CommunityLabel {
  const place = placeOf(s);
  const topic = topicOf(s, fields);
  return {
    en: `${place.en} · ${topic.en} · ${s.size} ${s.size === 1 ? 'actor' : 'actors'}`,
    ja: `${place.ja} · ${topic.ja} · ${s.size}主体`,
  };
}

function placeOf(s: LabelSource): CommunityLabel {
  const [pref] = s.prefectures;
  if (pref && pref.share >= MAJORITY) return { en: pref.name, ja: pref.name_ja };
  const [first, second] = s.regions;
  if (!first) return { en: 'Abroad', ja: '海外' };
  if (first.share >= MAJORITY || !second) return { en: first.name, ja: first.name_ja };
  return { en: `${first.name} & ${second.name}`, ja: `${first.name_ja}・${second.name_ja}` };
}

function topicOf(s: LabelSource, fields: number): CommunityLabel {
  const top = (s.characteristicFields.length ? s.characteristicFields : s.fields).slice(0, fields);
  if (top.length) return { en: top.map((f) => f.name).join(' & '), ja: top.map((f) => f.name_ja).join('・') };
  const type = ACTOR_TYPES.reduce((best, t) => ((s.composition[t] ?? 0) > (s.composition[best] ?? 0) ? t : best), ACTOR_TYPES[0]);
  const names = groupName('type', type);
  return { en: names.name, ja: names.name_ja };
}
