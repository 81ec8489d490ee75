/**
 * Universities (including technical colleges, kosen) and research institutes (prefectural
 * public research institutes and sites of national institutes): the actors that offer the
 * technology enterprises seek.
 */
import { FIELDS } from '../../server/domain/reference/fields.ts';
import { PREFECTURES } from '../../server/domain/reference/prefectures.ts';
import { newAgent, type Agent } from './agents.ts';
import {
  FIELD_BIT, REGION_INDEX, drawField, joinClusters, maskOf, regionalFieldMask, seeksFor,
} from './field-profiles.ts';
import { PREFECTURE_WEIGHTS, countsByPrefecture, placeNear } from './geography.ts';
import { NATIONAL_INSTITUTES, RESEARCH_THEMES } from './name-parts.ts';
import { NameBook, prefecturalAdjective, type UniversityKind } from './names.ts';
import type { Rng } from './rng.ts';
import { logNormal, weightedIndex } from './sampling.ts';

const KIND_SHARES: readonly [UniversityKind, number][] = [
  ['university', 0.45], ['technology', 0.13], ['science', 0.07], ['medical', 0.08], ['agriculture', 0.05], ['kosen', 0.22],
];

/** What each kind of school teaches and researches (relative weights by field id). */
const KIND_FIELDS: Record<UniversityKind, Record<string, number>> = {
  university: {
    biotechnology: 8, 'nanotech-materials': 8, 'information-appliances-it': 8, 'environment-energy': 7, semiconductors: 4,
    'advanced-medical-instruments': 5, 'health-welfare-devices': 4, robots: 4, 'fuel-cells': 3, 'precision-machining': 4,
    content: 3, 'food-local-resources': 4, recycling: 3, gears: 1, moulds: 1, 'business-support-services': 3,
  },
  technology: {
    'precision-machining': 8, robots: 7, semiconductors: 6, 'nanotech-materials': 8, 'information-appliances-it': 7,
    'environment-energy': 5, 'fuel-cells': 4, gears: 3, moulds: 3, recycling: 2, 'advanced-medical-instruments': 2,
  },
  science: { 'nanotech-materials': 8, semiconductors: 6, biotechnology: 6, 'environment-energy': 4, 'information-appliances-it': 5, 'fuel-cells': 3 },
  medical: { 'advanced-medical-instruments': 8, biotechnology: 7, 'health-welfare-devices': 6 },
  agriculture: { 'food-local-resources': 8, biotechnology: 7, 'environment-energy': 5, recycling: 2 },
  kosen: {
    'precision-machining': 8, moulds: 5, gears: 4, 'information-appliances-it': 6, 'environment-energy': 4, robots: 5,
    'nanotech-materials': 4, recycling: 2, semiconductors: 2,
  },
};

/** Research weight of a school: comprehensive universities are the hubs, kosen serve locally. */
const KIND_FITNESS: Record<UniversityKind, number> = {
  university: 1.6, technology: 1.4, science: 1.0, medical: 0.9, agriculture: 0.8, kosen: 0.55,
};

/** `n` distinct fields drawn from `weights`, favouring the prefecture's cluster fields. */
function distinctFields(rng: Rng, weights: Record<string, number>, pref: number, n: number): string[] {
  const out: string[] = [];
  const boost = regionalFieldMask(pref);
  const available = FIELDS.filter((f) => (weights[f.id] ?? 0) > 0).length;
  while (out.length < Math.min(n, available)) {
    const f = drawField(rng, weights, boost, 1.8);
    if (!out.includes(f)) out.push(f);
  }
  return out;
}

function place(agent: Agent, rng: Rng): Agent {
  const at = placeNear(rng, agent.pref);
  agent.lat = at.lat;
  agent.lon = at.lon;
  return agent;
}

/** `count` universities and kosen, at least one in every prefecture when there are 94 or more. */
export function buildUniversities(rng: Rng, names: NameBook, count: number): Agent[] {
  const perPref = countsByPrefecture(count, count >= 94 ? 1 : 0);
  const out: Agent[] = [];
  perPref.forEach((n, pref) => {
    for (let k = 0; k < n; k++) {
      const kind = KIND_SHARES[weightedIndex(rng, KIND_SHARES.map((s) => s[1]))][0];
      const region = REGION_INDEX.get(PREFECTURES[pref].region)!;
      const a = newAgent('University', kind === 'kosen' ? 'kosen' : 'university', names.university(kind), pref, region);
      const nFields = kind === 'university' ? rng.between(3, 5) : kind === 'technology' ? rng.between(2, 4) : rng.between(2, 3);
      const fields = distinctFields(rng, KIND_FIELDS[kind], pref, nFields);
      a.fields = maskOf(fields, FIELD_BIT);
      a.seeks = maskOf(seeksFor(rng, fields), FIELD_BIT);
      a.clusters = joinClusters(rng, pref, a.fields, 0.8, 0.4);
      a.founded = kind === 'kosen' ? rng.between(1962, 1991) : rng.chance(0.25) ? rng.between(1877, 1948) : rng.between(1949, 2004);
      a.fitness = KIND_FITNESS[kind] * logNormal(rng, 1, 0.8);
      out.push(place(a, rng));
    }
  });
  return out;
}

/** "愛知" from 愛知県, "東京" from 東京都; 北海道 stays whole. */
function shortJa(pref: number): string {
  const ja = PREFECTURES[pref].name_ja;
  return PREFECTURES[pref].id === 'Hokkaido' ? ja : ja.slice(0, -1);
}

/**
 * `count` research institutes: a fifth are regional sites of four national institutes (in the
 * larger prefectures), the rest prefectural public research institutes, one or more per
 * prefecture, the first of each an industrial technology centre.
 */
export function buildResearchInstitutes(rng: Rng, names: NameBook, count: number): Agent[] {
  const national = Math.round(count * 0.2);
  const perPref = countsByPrefecture(count - national, count - national >= 47 ? 1 : 0);
  const out: Agent[] = [];

  perPref.forEach((n, pref) => {
    const adj = prefecturalAdjective(PREFECTURES[pref]);
    const themes = [RESEARCH_THEMES[0], ...rng.shuffle(RESEARCH_THEMES.slice(1))];
    for (let k = 0; k < n; k++) {
      const theme = themes[k % themes.length];
      const base = { name: `${adj.name} Research Center for ${theme.en}`, name_ja: `${adj.name_ja}${theme.ja}研究センター` };
      const name = k < themes.length ? names.take(base) : names.unique(() => {
        const p = names.place();
        return { name: `${base.name}, ${p[0]} Branch`, name_ja: `${base.name_ja}${p[1]}支所` };
      });
      const region = REGION_INDEX.get(PREFECTURES[pref].region)!;
      const a = newAgent('ResearchInstitute', 'prefectural-institute', name, pref, region);
      const fields = rng.shuffle([...theme.fields]).slice(0, Math.min(theme.fields.length, rng.between(1, 3)));
      a.fields = maskOf(fields, FIELD_BIT);
      a.seeks = maskOf(seeksFor(rng, fields), FIELD_BIT);
      a.clusters = joinClusters(rng, pref, a.fields, 0.7, 0.4);
      a.founded = rng.between(1900, 2005);
      a.fitness = logNormal(rng, 1, 0.6);
      out.push(place(a, rng));
    }
  });

  // National sites go to the big industrial prefectures first.
  const siteWeights = PREFECTURE_WEIGHTS.map((w) => w ** 1.4);
  const taken = new Set<string>();
  for (let k = 0; k < national; k++) {
    const inst = NATIONAL_INSTITUTES[k % NATIONAL_INSTITUTES.length];
    let pref = weightedIndex(rng, siteWeights);
    for (let t = 0; t < 20 && taken.has(`${inst.en}@${pref}`); t++) pref = weightedIndex(rng, siteWeights);
    const base = { name: `${inst.en}, ${PREFECTURES[pref].id} Site`, name_ja: `${inst.ja}${shortJa(pref)}拠点` };
    const name = taken.has(`${inst.en}@${pref}`) ? names.unique(() => {
      const p = names.place();
      return { name: `${base.name} (${p[0]})`, name_ja: `${base.name_ja}（${p[1]}）` };
    }) : names.take(base);
    taken.add(`${inst.en}@${pref}`);
    const region = REGION_INDEX.get(PREFECTURES[pref].region)!;
    const a = newAgent('ResearchInstitute', 'national-site', name, pref, region);
    const fields = rng.shuffle([...inst.fields]).slice(0, rng.between(2, 3));
    a.fields = maskOf(fields, FIELD_BIT);
    a.seeks = maskOf(seeksFor(rng, fields), FIELD_BIT);
    a.clusters = joinClusters(rng, pref, a.fields, 0.6, 0.4);
    a.founded = rng.between(1950, 2004);
    a.fitness = 1.6 * logNormal(rng, 1, 0.6);
    out.push(place(a, rng));
  }
  return out;
}
