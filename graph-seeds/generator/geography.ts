/**
 * Where actors are: how many per prefecture, a place near the prefectural capital, the distances
 * between prefectures, and the few overseas partners the program names.
 */
import { PREFECTURES } from '../../server/domain/reference/prefectures.ts';
import { distanceKm } from '../../server/domain/reference/geo.ts';
import type { Rng } from './rng.ts';
import { apportion } from './sampling.ts';

/**
 * Population by prefecture (2005 census, in ten thousands, JIS order). Actors are spread in
 * proportion to population to the power 0.85: industry follows people, a little less than
 * proportionally, because the cluster projects deliberately reach the regions.
 */
const POPULATION_2005 = [
  563, 144, 139, 236, 115, 122, 209, 298, 202, 202, 705, 606, 1258, 879, 243, 111, 117, 82, 88, 220,
  211, 379, 725, 187, 138, 265, 882, 559, 142, 104, 61, 74, 196, 288, 149, 81, 101, 147, 80, 505,
  87, 148, 184, 121, 115, 175, 136,
];

export const PREFECTURE_WEIGHTS: readonly number[] = POPULATION_2005.map((p) => p ** 0.85);

/**
 * Bearing (degrees from north) towards land from the capital's office, for capitals on a coast,
 * so that jittered places fall on land rather than in the bay. Null: inland, any direction.
 */
const LAND_BEARING: readonly (number | null)[] = [
  135, 180, null, 270, 90, null, null, 270, null, null, null, 110, 290, 260, 180, 180, 120, 90, null,
  null, null, 0, 0, 270, 200, null, 90, 0, null, 90, 180, 180, 0, 0, null, 270, 180, 90, 0, 135, 0,
  45, 90, 180, 270, 315, 45,
];
const MAX_JITTER_KM = 22;
const OKINAWA_JITTER_KM = 12;
const KM_PER_DEGREE = 111.32;

/**
 * Splits `total` actors over the 47 prefectures in proportion to `weights`, giving each at least
 * `minEach` when there are enough to go round (every prefecture has a university, a public
 * research institute, a regional bank).
 */
export function countsByPrefecture(total: number, minEach = 0, weights: readonly number[] = PREFECTURE_WEIGHTS): number[] {
  const floor = total >= minEach * weights.length ? minEach : 0;
  return apportion(total - floor * weights.length, weights).map((c) => c + floor);
}

/** A place near prefecture `p`'s capital: at most 22 km away (12 km on Okinawa), 4 decimals. */
export function placeNear(rng: Rng, p: number): { lat: number; lon: number } {
  const pref = PREFECTURES[p];
  const bearing = LAND_BEARING[p];
  const max = pref.id === 'Okinawa' ? OKINAWA_JITTER_KM : MAX_JITTER_KM;
  const spread = pref.id === 'Okinawa' ? 30 : 75;
  const deg = bearing === null ? rng.next() * 360 : bearing + (rng.next() * 2 - 1) * spread;
  // sqrt spreads places evenly over the disc; the second factor pulls them towards town.
  const r = max * Math.sqrt(rng.next()) * (0.35 + 0.65 * rng.next());
  const rad = (deg * Math.PI) / 180;
  const lat = pref.lat + (r * Math.cos(rad)) / KM_PER_DEGREE;
  const lon = pref.lon + (r * Math.sin(rad)) / (KM_PER_DEGREE * Math.cos((pref.lat * Math.PI) / 180));
  return { lat: round4(lat), lon: round4(lon) };
}

export function round4(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

/** Distances in km between prefectural capitals, indexed [a * 47 + b]. */
export const PREFECTURE_DISTANCE: Float64Array = (() => {
  const n = PREFECTURES.length;
  const d = new Float64Array(n * n);
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      d[a * n + b] = distanceKm(PREFECTURES[a].lat, PREFECTURES[a].lon, PREFECTURES[b].lat, PREFECTURES[b].lon);
    }
  }
  return d;
})();

/** Index of a prefecture id in PREFECTURES. */
export const PREFECTURE_INDEX: ReadonlyMap<string, number> = new Map(PREFECTURES.map((p, i) => [p.id, i]));

/** An overseas partner of a cluster (the exchanges the Phase II document reports). */
export interface OverseasPartner {
  type: 'Enterprise' | 'University' | 'SupportOrganization';
  name: string;
  name_ja: string;
  country: string;
  lat: number;
  lon: number;
  /** The cluster project it exchanges with. */
  cluster: string;
  fields: string[];
}

/**
 * TAMA with Veneto (Italy) and Ansan (Korea), the Hokkaido cluster's IT delegation to Shenyang,
 * and a German firm in the Greater Nagoya exchange. Names are invented; cities are real.
 */
export const OVERSEAS_PARTNERS: readonly OverseasPartner[] = [
  { type: 'SupportOrganization', name: 'Veneto Manufacturing Exchange Association', name_ja: 'ヴェネト製造業交流協会', country: 'IT', lat: 45.4064, lon: 11.8768, cluster: 'tama', fields: ['business-support-services'] },
  { type: 'Enterprise', name: 'Brenta Meccanica S.r.l.', name_ja: 'ブレンタ・メカニカ社', country: 'IT', lat: 45.5455, lon: 11.5354, cluster: 'tama', fields: ['precision-machining', 'gears'] },
  { type: 'Enterprise', name: 'Euganea Stampi S.r.l.', name_ja: 'エウガネア・スタンピ社', country: 'IT', lat: 45.4064, lon: 11.8768, cluster: 'tama', fields: ['moulds'] },
  { type: 'University', name: 'Ansan Technical University', name_ja: '安山技術大学', country: 'KR', lat: 37.3219, lon: 126.8309, cluster: 'tama', fields: ['precision-machining', 'information-appliances-it'] },
  { type: 'SupportOrganization', name: 'Ansan Industrial Partnership Office', name_ja: '安山産業連携オフィス', country: 'KR', lat: 37.3219, lon: 126.8309, cluster: 'tama', fields: ['business-support-services'] },
  { type: 'SupportOrganization', name: 'Shenyang Software Exchange Center', name_ja: '瀋陽ソフトウェア交流センター', country: 'CN', lat: 41.8057, lon: 123.4315, cluster: 'hokkaido-super-cluster', fields: ['information-appliances-it'] },
  { type: 'Enterprise', name: 'Neckar Antriebstechnik GmbH', name_ja: 'ネッカー駆動技術社', country: 'DE', lat: 48.7758, lon: 9.1829, cluster: 'tokai-monozukuri', fields: ['gears', 'precision-machining'] },
  { type: 'Enterprise', name: 'Isère Nanomatériaux SAS', name_ja: 'イゼール・ナノマテリオ社', country: 'FR', lat: 45.1885, lon: 5.7245, cluster: 'kansai-front-runner', fields: ['nanotech-materials'] },
];
