/**
 * What actors offer (`fields`) and look for (`seeks`), and which cluster projects they join.
 * Fields, seeks and cluster memberships are held as bit masks while the network is generated,
 * so that "does this university offer what that enterprise seeks" is one AND.
 *
 * Complementarity follows the resource-based view of partner choice in R&D alliances
 * (firms ally to reach capabilities they lack; cf. Mowery, Oxley & Silverman 1998): an
 * enterprise seeks fields next to its own along the value chain, and finds them at universities
 * and institutes.
 */
import { FIELDS } from '../../server/domain/reference/fields.ts';
import { CLUSTERS } from '../../server/domain/reference/clusters.ts';
import { PREFECTURES } from '../../server/domain/reference/prefectures.ts';
import { REGION_IDS } from '../../server/domain/reference/regions.ts';
import type { Rng } from './rng.ts';
import { weightedIndex } from './sampling.ts';

export const FIELD_BIT: ReadonlyMap<string, number> = new Map(FIELDS.map((f, i) => [f.id, i]));
export const CLUSTER_BIT: ReadonlyMap<string, number> = new Map(CLUSTERS.map((c, i) => [c.id, i]));
export const REGION_INDEX: ReadonlyMap<string, number> = new Map(REGION_IDS.map((r, i) => [r, i]));

/** Bit mask of a list of ids. */
export function maskOf(ids: readonly string[], bits: ReadonlyMap<string, number>): number {
  let m = 0;
  for (const id of ids) {
    const b = bits.get(id);
    if (b === undefined) throw new Error(`graph-seeds: unknown id "${id}"`);
    m |= 1 << b;
  }
  return m;
}

/** Ids of the bits set in a mask, in reference order (FIELDS or CLUSTERS). */
export function idsOfMask(mask: number, ids: readonly { id: string }[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < ids.length; i++) if (mask & (1 << i)) out.push(ids[i].id);
  return out;
}

export function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** How common each field is among the program's SMEs: monozukuri first, then IT and food. */
const ENTERPRISE_FIELD_WEIGHTS: Readonly<Record<string, number>> = {
  'precision-machining': 14, moulds: 6, gears: 5, 'information-appliances-it': 12, semiconductors: 6,
  'nanotech-materials': 7, robots: 5, 'fuel-cells': 2, 'environment-energy': 7, recycling: 4,
  biotechnology: 6, 'food-local-resources': 8, 'advanced-medical-instruments': 4,
  'health-welfare-devices': 4, content: 4, 'business-support-services': 4,
};

/** What a firm in one field typically looks for in partners. */
export const COMPLEMENTS: Readonly<Record<string, readonly string[]>> = {
  'fuel-cells': ['nanotech-materials', 'environment-energy', 'precision-machining'],
  robots: ['information-appliances-it', 'semiconductors', 'gears', 'precision-machining'],
  'environment-energy': ['nanotech-materials', 'recycling', 'fuel-cells', 'biotechnology'],
  'information-appliances-it': ['semiconductors', 'content', 'nanotech-materials'],
  content: ['information-appliances-it', 'business-support-services'],
  'health-welfare-devices': ['robots', 'advanced-medical-instruments', 'information-appliances-it'],
  'advanced-medical-instruments': ['precision-machining', 'biotechnology', 'nanotech-materials', 'semiconductors'],
  biotechnology: ['food-local-resources', 'advanced-medical-instruments', 'nanotech-materials'],
  'nanotech-materials': ['semiconductors', 'environment-energy', 'precision-machining'],
  semiconductors: ['nanotech-materials', 'precision-machining', 'information-appliances-it'],
  'precision-machining': ['nanotech-materials', 'robots', 'moulds', 'advanced-medical-instruments'],
  gears: ['precision-machining', 'robots', 'nanotech-materials'],
  moulds: ['precision-machining', 'nanotech-materials', 'information-appliances-it'],
  recycling: ['environment-energy', 'nanotech-materials', 'biotechnology'],
  'food-local-resources': ['biotechnology', 'health-welfare-devices', 'environment-energy'],
  'business-support-services': ['information-appliances-it', 'content'],
};

/** Cluster indices whose member prefectures include each prefecture. */
export const CLUSTERS_OF_PREFECTURE: readonly number[][] = PREFECTURES.map((p) =>
  CLUSTERS.flatMap((c, i) => (c.prefectures.includes(p.id) ? [i] : [])));

/** Cluster indices by region index. */
export const CLUSTERS_OF_REGION: readonly number[][] = REGION_IDS.map((r) =>
  CLUSTERS.flatMap((c, i) => (c.region === r ? [i] : [])));

const CLUSTER_FIELD_MASK = CLUSTERS.map((c) => maskOf(c.fields, FIELD_BIT));

/**
 * Field mask of the clusters that cover a prefecture (or, where none does, of its region's
 * clusters): the prefecture's industrial specialisation.
 */
export function regionalFieldMask(pref: number): number {
  const local = CLUSTERS_OF_PREFECTURE[pref];
  const list = local.length > 0 ? local : CLUSTERS_OF_REGION[REGION_INDEX.get(PREFECTURES[pref].region)!];
  return list.reduce((m, c) => m | CLUSTER_FIELD_MASK[c], 0);
}

/** Draws one field from `weights` (by field id), boosted where `boostMask` has the field. */
export function drawField(rng: Rng, weights: Readonly<Record<string, number>>, boostMask: number, boost: number): string {
  const w = FIELDS.map((f, i) => (weights[f.id] ?? 0) * (boostMask & (1 << i) ? boost : 1));
  return FIELDS[weightedIndex(rng, w)].id;
}

/** An enterprise's fields: a main field shaped by its region's clusters, sometimes one or two more. */
export function enterpriseFields(rng: Rng, pref: number): string[] {
  const main = drawField(rng, ENTERPRISE_FIELD_WEIGHTS, regionalFieldMask(pref), 3);
  const fields = [main];
  const extra = rng.chance(0.1) ? 2 : rng.chance(0.3) ? 1 : 0;
  for (let k = 0; k < extra; k++) {
    // A second line of business is usually next to the first along the value chain.
    const next = rng.chance(0.6) ? rng.pick(COMPLEMENTS[main]) : drawField(rng, ENTERPRISE_FIELD_WEIGHTS, 0, 1);
    if (!fields.includes(next)) fields.push(next);
  }
  return fields;
}

/** What an actor with these fields seeks: one to three complements, sometimes its own field. */
export function seeksFor(rng: Rng, fields: readonly string[]): string[] {
  const pool = [...new Set(fields.flatMap((f) => COMPLEMENTS[f] ?? []))].filter((f) => !fields.includes(f));
  const n = Math.min(pool.length, 1 + (rng.chance(0.55) ? 1 : 0) + (rng.chance(0.2) ? 1 : 0));
  const seeks = rng.shuffle([...pool]).slice(0, n);
  // Firms also look for deeper expertise in their own field (a university lab in it).
  if (rng.chance(0.25)) seeks.push(fields[0]);
  return seeks;
}

/**
 * Cluster memberships: with probability `pIn` when a cluster covers the actor's prefecture
 * (`pOut` when only its region has clusters), one cluster chosen by field overlap, and now and
 * then a second one.
 */
export function joinClusters(rng: Rng, pref: number, fieldMask: number, pIn: number, pOut: number): number {
  const local = CLUSTERS_OF_PREFECTURE[pref];
  const regional = CLUSTERS_OF_REGION[REGION_INDEX.get(PREFECTURES[pref].region)!];
  const candidates = local.length > 0 ? local : regional;
  if (candidates.length === 0 || !rng.chance(local.length > 0 ? pIn : pOut)) return 0;
  const weights = candidates.map((c) => 0.25 + popcount(CLUSTER_FIELD_MASK[c] & fieldMask));
  let mask = 1 << candidates[weightedIndex(rng, weights)];
  if (candidates.length > 1 && rng.chance(0.12)) mask |= 1 << candidates[weightedIndex(rng, weights)];
  return mask;
}
