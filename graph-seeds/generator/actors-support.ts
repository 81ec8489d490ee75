/**
 * Support organisations: METI's regional bureaus, the prefectural governments, the secretariat of
 * each cluster project, and the promotion centres, technology exchange associations, business
 * matching councils and trading firms the program works through.
 */
import { CLUSTERS } from '../../server/domain/reference/clusters.ts';
import { PREFECTURES } from '../../server/domain/reference/prefectures.ts';
import { REGIONS } from '../../server/domain/reference/regions.ts';
import { newAgent, type Agent, type Role } from './agents.ts';
import {
  CLUSTERS_OF_PREFECTURE, CLUSTERS_OF_REGION, FIELD_BIT, REGION_INDEX, joinClusters, maskOf, regionalFieldMask,
} from './field-profiles.ts';
import { PREFECTURE_INDEX, PREFECTURE_WEIGHTS, placeNear } from './geography.ts';
import type { Name, NameBook } from './names.ts';
import type { Rng } from './rng.ts';
import { logNormal, weightedIndex } from './sampling.ts';

const SERVICES = maskOf(['business-support-services'], FIELD_BIT);

/** Seat of each regional bureau (the Kanto bureau sits in Saitama). */
const BUREAU_SEAT: Record<string, string> = {
  hokkaido: 'Hokkaido', tohoku: 'Miyagi', kanto: 'Saitama', chubu: 'Aichi', kinki: 'Osaka',
  chugoku: 'Hiroshima', shikoku: 'Kagawa', kyushu: 'Fukuoka', okinawa: 'Okinawa',
};

const OTHER_KINDS: readonly { role: Role; share: number; fitness: number; founded: [number, number] }[] = [
  { role: 'promotion', share: 0.4, fitness: 1.2, founded: [1960, 2004] },
  { role: 'exchange', share: 0.2, fitness: 0.8, founded: [1970, 2005] },
  { role: 'matching', share: 0.15, fitness: 0.8, founded: [1995, 2006] },
  { role: 'trading', share: 0.25, fitness: 1.0, founded: [1900, 1995] },
];

/** At most `n` fields of a mask, chosen at random: what a body promotes. */
function someOf(rng: Rng, mask: number, n: number): number {
  const bits: number[] = [];
  for (let b = 0; b < 32; b++) if (mask & (1 << b)) bits.push(b);
  return rng.shuffle(bits).slice(0, n).reduce((m, b) => m | (1 << b), 0);
}

function body(rng: Rng, role: Role, name: Name, pref: number, fitness: number): Agent {
  const a = newAgent('SupportOrganization', role, name, pref, REGION_INDEX.get(PREFECTURES[pref].region)!);
  const at = placeNear(rng, pref);
  a.lat = at.lat;
  a.lon = at.lon;
  a.fields = SERVICES;
  a.fitness = fitness * logNormal(rng, 1, 0.4);
  return a;
}

function governmentName(p: (typeof PREFECTURES)[number]): Name {
  if (p.id === 'Tokyo') return { name: 'Tokyo Metropolitan Government', name_ja: '東京都' };
  if (p.id === 'Hokkaido') return { name: 'Hokkaido Government', name_ja: '北海道' };
  return { name: `${p.id} Prefectural Government`, name_ja: p.name_ja };
}

/**
 * `count` support organisations: the public bodies first (bureaus, prefectural governments,
 * cluster secretariats; cut short if `count` is small), then invented private bodies.
 */
export function buildSupportOrganizations(rng: Rng, names: NameBook, count: number): Agent[] {
  const fixed: (() => Agent)[] = [];
  for (const r of REGIONS) {
    fixed.push(() => {
      const a = body(rng, 'bureau', names.take({ name: r.bureau, name_ja: r.bureau_ja }), PREFECTURE_INDEX.get(BUREAU_SEAT[r.id])!, 3);
      a.clusters = CLUSTERS_OF_REGION[REGION_INDEX.get(r.id)!].reduce((m, c) => m | (1 << c), 0);
      a.seeks = someOf(rng, CLUSTERS_OF_REGION[a.region].reduce((m, c) => m | maskOf(CLUSTERS[c].fields, FIELD_BIT), 0), 4);
      return a;
    });
  }
  PREFECTURES.forEach((p, pref) => {
    fixed.push(() => {
      const a = body(rng, 'prefecture', names.take(governmentName(p)), pref, 1.8);
      a.clusters = CLUSTERS_OF_PREFECTURE[pref].reduce((m, c) => m | (1 << c), 0);
      a.seeks = someOf(rng, regionalFieldMask(pref), 4);
      return a;
    });
  });
  CLUSTERS.forEach((c, ci) => {
    fixed.push(() => {
      const name = names.take({ name: `${c.name} promotion office`, name_ja: `${c.name_ja}推進事務局` });
      const a = body(rng, 'secretariat', name, PREFECTURE_INDEX.get(c.prefectures[0])!, 2.5);
      a.clusters = 1 << ci;
      a.seeks = someOf(rng, maskOf(c.fields, FIELD_BIT), 4);
      return a;
    });
  });

  const out = fixed.slice(0, count).map((make) => make());
  while (out.length < count) {
    const kind = OTHER_KINDS[weightedIndex(rng, OTHER_KINDS.map((k) => k.share))];
    const pref = weightedIndex(rng, PREFECTURE_WEIGHTS);
    const name = names.supportBody(kind.role as 'promotion' | 'exchange' | 'matching' | 'trading');
    const a = body(rng, kind.role, name, pref, kind.fitness);
    a.seeks = someOf(rng, regionalFieldMask(pref), rng.between(1, 3));
    a.clusters = joinClusters(rng, pref, a.seeks, 0.55, 0.3);
    a.founded = rng.between(kind.founded[0], kind.founded[1]);
    out.push(a);
  }
  return out;
}
