/**
 * The program's small and medium enterprises: established manufacturers and service firms
 * spread by population and shaped by their region's cluster fields, plus university-launched
 * ventures (about 3.5% of enterprises, founded 2001-2010, about 30% of them cluster members as
 * the program reports) that live near their parent university and often start in an incubator.
 */
import { PREFECTURES } from '../../server/domain/reference/prefectures.ts';
import { drawVisibility, newAgent, type Agent, type Facility } from './agents.ts';
import {
  FIELD_BIT, REGION_INDEX, enterpriseFields, idsOfMask, joinClusters, maskOf, seeksFor,
} from './field-profiles.ts';
import { FIELDS } from '../../server/domain/reference/fields.ts';
import { PREFECTURE_WEIGHTS, countsByPrefecture, placeNear } from './geography.ts';
import type { NameBook } from './names.ts';
import type { Rng } from './rng.ts';
import { CumulativeSampler, logNormal, weightedIndex } from './sampling.ts';

/** Share of enterprises that are university-launched ventures. */
export const VENTURE_SHARE = 0.035;
/** Share of ventures that are cluster members (the program: about 30%). */
const VENTURE_MEMBER_SHARE = 0.3;
/** Ventures founded per year 2001..2010 (relative): the university-venture boom peaked mid-decade. */
const VENTURE_YEAR_WEIGHTS = [6, 8, 10, 12, 12, 11, 10, 8, 7, 6];

/** Founding year of an established firm: mostly post-war, a tail of recent start-ups. */
function foundedYear(rng: Rng): number {
  if (rng.chance(0.12)) return rng.between(1996, 2008);
  return Math.max(1890, Math.min(1995, Math.round(1972 + 16 * rng.normal())));
}

/** Heavy-tailed headcount: log-normal around 35 (SMEs mostly 5-300), a few mid-sized firms. */
function employeesOf(rng: Rng, median: number, sigma: number): number {
  return Math.max(2, Math.min(5000, Math.round(logNormal(rng, median, sigma))));
}

function incubate(rng: Rng, a: Agent, facilitiesByPref: readonly number[][], p: number): void {
  const local = facilitiesByPref[a.pref];
  if (local.length === 0 || !rng.chance(p)) return;
  a.facility = rng.pick(local);
  a.incubatedIn = Math.max(2001, a.founded!);
}

function established(rng: Rng, names: NameBook, pref: number, facilitiesByPref: readonly number[][]): Agent {
  const fields = enterpriseFields(rng, pref);
  const founded = foundedYear(rng);
  const name = names.enterprise(fields[0], founded >= 1996 ? 0.3 : 0.02);
  const a = newAgent('Enterprise', 'sme', name, pref, REGION_INDEX.get(PREFECTURES[pref].region)!);
  a.fields = maskOf(fields, FIELD_BIT);
  a.seeks = maskOf(seeksFor(rng, fields), FIELD_BIT);
  a.clusters = joinClusters(rng, pref, a.fields, 0.62, 0.3);
  a.founded = founded;
  a.employees = employeesOf(rng, 35, 1.05);
  a.visibility = drawVisibility(rng, 0.1, 0.04);
  a.fitness = logNormal(rng, 1, 0.75) * (a.employees / 35) ** 0.25 * (a.clusters ? 1.3 : 1);
  if (founded >= 1996) incubate(rng, a, facilitiesByPref, 0.25);
  return a;
}

function venture(rng: Rng, names: NameBook, parent: Agent, facilitiesByPref: readonly number[][]): Agent {
  // Most ventures stay near their lab; a few move to a big market.
  const pref = rng.chance(0.85) ? parent.pref : weightedIndex(rng, PREFECTURE_WEIGHTS);
  const parentFields = idsOfMask(parent.fields, FIELDS);
  const fields = rng.shuffle([...parentFields]).slice(0, Math.min(parentFields.length, rng.between(1, 2)));
  const a = newAgent('Enterprise', 'venture', names.enterprise(fields[0], 0.75), pref, REGION_INDEX.get(PREFECTURES[pref].region)!);
  a.parent = parent;
  a.fields = maskOf(fields, FIELD_BIT);
  a.seeks = maskOf(seeksFor(rng, fields), FIELD_BIT);
  a.clusters = joinClusters(rng, pref, a.fields, VENTURE_MEMBER_SHARE, VENTURE_MEMBER_SHARE);
  // A venture cannot be older than the university it came from.
  a.founded = Math.max(2001 + weightedIndex(rng, VENTURE_YEAR_WEIGHTS), parent.founded ?? 0);
  a.employees = employeesOf(rng, 8, 0.7);
  a.visibility = drawVisibility(rng, 0.12, 0.05);
  a.fitness = logNormal(rng, 1, 0.7);
  incubate(rng, a, facilitiesByPref, 0.6);
  return a;
}

/**
 * `count` enterprises in Japan, in prefecture order (ids then read north to south), ventures
 * mixed in among the established firms of their prefecture.
 */
export function buildEnterprises(
  rng: Rng, names: NameBook, count: number, universities: readonly Agent[], facilities: readonly Facility[],
): Agent[] {
  const facilitiesByPref: number[][] = PREFECTURES.map(() => []);
  facilities.forEach((f, i) => facilitiesByPref[f.pref].push(i));

  const byPref: Agent[][] = PREFECTURES.map(() => []);
  const ventures = universities.length > 0 ? Math.round(count * VENTURE_SHARE) : 0;
  // Research-heavy universities launch more ventures; kosen few.
  const parents = new CumulativeSampler(universities.map((u) => u.fitness * (u.role === 'kosen' ? 0.3 : 1)));
  for (let k = 0; k < ventures; k++) {
    const v = venture(rng, names, universities[parents.sample(rng)], facilitiesByPref);
    byPref[v.pref].push(v);
  }
  countsByPrefecture(count - ventures).forEach((n, pref) => {
    for (let k = 0; k < n; k++) byPref[pref].push(established(rng, names, pref, facilitiesByPref));
  });
  return byPref.flatMap((list) => rng.shuffle(list)).map((a) => {
    const at = placeNear(rng, a.pref);
    a.lat = at.lat;
    a.lon = at.lon;
    return a;
  });
}
