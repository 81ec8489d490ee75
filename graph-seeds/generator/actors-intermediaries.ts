/**
 * Intermediaries between enterprises and resources: incubation facilities and the incubation
 * managers (IMs) who work there, and financial institutions (regional banks, shinkin banks,
 * credit co-operatives, government lenders' branches, venture capital).
 */
import { PREFECTURES } from '../../server/domain/reference/prefectures.ts';
import { drawVisibility, newAgent, type Agent, type Facility, type Role } from './agents.ts';
import { FIELD_BIT, REGION_INDEX, drawField, joinClusters, maskOf, regionalFieldMask } from './field-profiles.ts';
import { PREFECTURE_WEIGHTS, countsByPrefecture, placeNear } from './geography.ts';
import { GOVERNMENT_LENDERS, type Word } from './name-parts.ts';
import { capitalShortJa, type Name, type NameBook } from './names.ts';
import type { Rng } from './rng.ts';
import { apportion, logNormal, weightedIndex } from './sampling.ts';

const SERVICES = maskOf(['business-support-services'], FIELD_BIT);

/** Fields start-ups are in, for what IMs and lenders look for. */
const START_UP_FIELDS: Record<string, number> = {
  biotechnology: 6, 'information-appliances-it': 8, content: 3, 'nanotech-materials': 4,
  'advanced-medical-instruments': 4, 'health-welfare-devices': 3, 'environment-energy': 4, robots: 3,
  semiconductors: 2, 'precision-machining': 3, 'food-local-resources': 4, 'fuel-cells': 2,
};

/** `n` distinct fields from START_UP_FIELDS, boosted towards the prefecture's clusters. */
function seekMask(rng: Rng, pref: number, n: number, boost: number): number {
  let mask = 0;
  const regional = pref >= 0 ? regionalFieldMask(pref) : 0;
  for (let k = 0; k < n; k++) mask |= 1 << FIELD_BIT.get(drawField(rng, START_UP_FIELDS, regional, boost))!;
  return mask;
}

function located(rng: Rng, type: Agent['type'], role: Role, name: Name, pref: number): Agent {
  const a = newAgent(type, role, name, pref, REGION_INDEX.get(PREFECTURES[pref].region)!);
  const at = placeNear(rng, pref);
  a.lat = at.lat;
  a.lon = at.lon;
  a.fields = SERVICES;
  return a;
}

/** `count` incubation facilities ("fac-001"), in prefecture order, at least one per prefecture when possible. */
export function buildFacilities(count: number): Facility[] {
  const width = Math.max(3, String(count).length);
  const out: Facility[] = [];
  countsByPrefecture(count, count >= 94 ? 1 : 0).forEach((n, pref) => {
    for (let k = 0; k < n; k++) out.push({ id: `fac-${String(out.length + 1).padStart(width, '0')}`, pref });
  });
  return out;
}

/** `count` IMs: one per facility first, the rest to the larger facilities. */
export function buildIncubationManagers(rng: Rng, names: NameBook, count: number, facilities: readonly Facility[]): Agent[] {
  const size = facilities.map(() => logNormal(rng, 1, 0.6));
  const staff = new Array<number>(facilities.length).fill(0);
  if (count >= facilities.length) {
    staff.fill(1);
    apportion(count - facilities.length, size).forEach((n, f) => { staff[f] += n; });
  } else {
    for (const f of rng.shuffle(facilities.map((_, i) => i)).slice(0, count)) staff[f] = 1;
  }
  const out: Agent[] = [];
  staff.forEach((n, f) => {
    for (let k = 0; k < n; k++) {
      const a = located(rng, 'IncubationManager', 'im', names.person(), facilities[f].pref);
      a.facility = f;
      a.seeks = seekMask(rng, a.pref, rng.between(1, 2), 3);
      a.clusters = joinClusters(rng, a.pref, a.seeks, 0.5, 0.25);
      a.visibility = drawVisibility(rng, 0.25, 0);
      a.fitness = logNormal(rng, 1, 0.6);
      out.push(a);
    }
  });
  return out;
}

interface LenderKind {
  role: Role;
  share: number;
  form: Word;
  founded: [number, number];
  fitness: number;
  member: number;
}

const LENDER_KINDS: readonly LenderKind[] = [
  { role: 'regional-bank', share: 0.2, form: ['Bank', '銀行'], founded: [1873, 1951], fitness: 1.8, member: 0.6 },
  { role: 'shinkin', share: 0.45, form: ['Shinkin Bank', '信用金庫'], founded: [1920, 1965], fitness: 1.0, member: 0.35 },
  { role: 'credit-coop', share: 0.15, form: ['Credit Cooperative', '信用組合'], founded: [1949, 1975], fitness: 0.6, member: 0.2 },
  { role: 'government-lender', share: 0.08, form: ['', ''], founded: [1949, 1958], fitness: 1.4, member: 0.5 },
  { role: 'venture-capital', share: 0.12, form: ['', ''], founded: [1972, 2008], fitness: 0.8, member: 0.4 },
];

/** Where lenders of a kind sit, one prefecture index per lender. */
function lenderPrefectures(rng: Rng, role: Role, n: number): number[] {
  if (role === 'venture-capital') {
    // Venture capital concentrates in Tokyo, then the other big cities.
    const tokyo = PREFECTURES.findIndex((p) => p.id === 'Tokyo');
    return Array.from({ length: n }, () => (rng.chance(0.45) ? tokyo : weightedIndex(rng, PREFECTURE_WEIGHTS.map((w) => w * w))));
  }
  const counts = countsByPrefecture(n, role === 'regional-bank' && n >= 47 ? 1 : 0);
  return counts.flatMap((c, pref) => new Array<number>(c).fill(pref));
}

/** `count` financial institutions in the shares of the Financial Support Conferences' members. */
export function buildFinancialInstitutions(rng: Rng, names: NameBook, count: number): Agent[] {
  const split = apportion(count, LENDER_KINDS.map((k) => k.share));
  const out: Agent[] = [];
  LENDER_KINDS.forEach((kind, ki) => {
    lenderPrefectures(rng, kind.role, split[ki]).forEach((pref, k) => {
      let name: Name;
      if (kind.role === 'government-lender') {
        const lender = GOVERNMENT_LENDERS[k % GOVERNMENT_LENDERS.length];
        const p = PREFECTURES[pref];
        const city = p.id === 'Tokyo' ? 'Tokyo' : p.capital.name;
        const main = { name: `${lender[0]}, ${city} Branch`, name_ja: `${lender[1]}${capitalShortJa(p)}支店` };
        // A second branch in the same prefecture is named for its district.
        name = names.taken(main) ? names.unique(() => {
          const d = names.place();
          return { name: `${lender[0]}, ${d[0]} Branch`, name_ja: `${lender[1]}${d[1]}支店` };
        }) : names.take(main);
      } else if (kind.role === 'venture-capital') {
        name = names.ventureCapital();
      } else {
        name = names.bank(kind.form, kind.role === 'regional-bank' ? 0.4 : 0.3);
      }
      const a = located(rng, 'FinancialInstitution', kind.role, name, pref);
      a.seeks = kind.role === 'venture-capital' ? seekMask(rng, -1, rng.between(1, 3), 1) : seekMask(rng, pref, rng.between(1, 2), 4);
      a.clusters = joinClusters(rng, pref, a.seeks, kind.member, kind.member / 2);
      a.founded = rng.between(kind.founded[0], kind.founded[1]);
      a.fitness = kind.fitness * logNormal(rng, 1, kind.role === 'venture-capital' ? 0.8 : 0.5);
      out.push(a);
    });
  });
  return out;
}
