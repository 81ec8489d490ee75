/**
 * How an initiator picks a partner. A handful of candidates are proposed from several sources
 * (preferential attachment, the neighbourhood, complementary fields, the clusters, introductions
 * by common partners), each valid candidate is scored, and one is drawn in proportion to its
 * score: a sampled version of a multiplicative attachment kernel.
 *
 * Models behind the kernel: preferential attachment (Barabási & Albert 1999) with fitness
 * (Bianconi & Barabási 2001); "meeting friends of friends" (Jackson & Rogers 2007) for triadic
 * closure through brokers; homophily by place and field (McPherson, Smith-Lovin & Cook 2001);
 * a gravity decay with distance between prefectures; complementarity of fields.
 */
import { ACTOR_TYPES } from '../../server/domain/model.ts';
import { PREFECTURES } from '../../server/domain/reference/prefectures.ts';
import { ROLE_CODE, TYPE_INDEX, randomBit, type ActorIndex } from './actor-index.ts';
import { PREFECTURE_DISTANCE } from './geography.ts';
import type { NetworkState } from './network-state.ts';
import type { Rng } from './rng.ts';
import type { ProposalSource, ScoreFactors, TiePlan } from './tie-plans.ts';

/** Candidates proposed per tie. */
export const CANDIDATES = 6;

const P = PREFECTURES.length;
const ENTERPRISE = TYPE_INDEX.get('Enterprise')!;
/** Types that introduce their partners to each other. */
const BROKER = ACTOR_TYPES.map((t) => t !== 'Enterprise');
const ROLE = ROLE_CODE as Required<typeof ROLE_CODE>;

/** A plan prepared for fast use: proposal sources as a cumulative table. */
export interface PreparedPlan {
  plan: TiePlan;
  kind: number;
  partnerType: number;
  /** Caps after scaling to the network's density (see `preparePlan`). */
  partnerCap: number;
  initiatorCap: number;
  /** The tie points from the partner to the initiator (SUPPLIES, FINANCES). */
  partnerIsSource: boolean;
  sources: ProposalSource[];
  cumulative: number[];
}

/**
 * Prepares a plan. `density` is the network's mean degree relative to the default network's; the
 * per-actor caps grow with it, so a denser benchmark network stays feasible.
 */
export function preparePlan(plan: TiePlan, kind: number, density: number): PreparedPlan {
  const sources = Object.keys(plan.proposals) as ProposalSource[];
  let sum = 0;
  const cumulative = sources.map((s) => (sum += plan.proposals[s]!));
  const scale = (cap: number | undefined) => (cap === undefined ? Infinity : Math.ceil(cap * Math.max(1, density)));
  return {
    plan, kind, partnerType: TYPE_INDEX.get(plan.partner)!, partnerIsSource: plan.sourceEnd === 'partner',
    partnerCap: scale(plan.partnerCap), initiatorCap: scale(plan.initiatorCap),
    sources, cumulative: cumulative.map((c) => c / sum),
  };
}

export interface Choice {
  partner: number;
  introduced: boolean;
}

/** Chooses partners for initiators; holds the scratch space for one tie at a time. */
export class PartnerChooser {
  private readonly candidates = new Int32Array(CANDIDATES);
  private readonly introducedFlags = new Uint8Array(CANDIDATES);
  private readonly scores = new Float64Array(CANDIDATES);

  constructor(private readonly ix: ActorIndex, private readonly net: NetworkState, private readonly rng: Rng) {}

  /** A partner for `i` under `pp` in `year`, or null when no valid candidate came up. */
  choose(pp: PreparedPlan, i: number, year: number): Choice | null {
    let n = 0;
    let total = 0;
    for (let k = 0; k < CANDIDATES; k++) {
      const u = this.rng.next();
      let s = 0;
      while (pp.cumulative[s] < u) s++;
      const source = pp.sources[s];
      const j = this.propose(source, pp.partnerType, i);
      if (j < 0 || j === i || this.ix.founded[j] > year) continue;
      if (this.net.ofKind(j, pp.kind) >= pp.partnerCap) continue;
      if (pp.partnerIsSource ? this.net.has(j, i, pp.kind) : this.net.has(i, j, pp.kind)) continue;
      let dup = false;
      for (let m = 0; m < n; m++) if (this.candidates[m] === j) dup = true;
      if (dup) continue;
      const introduced = source === 'introduced';
      const score = this.score(pp.plan.score, i, j, introduced);
      this.candidates[n] = j;
      this.introducedFlags[n] = introduced ? 1 : 0;
      this.scores[n] = score;
      total += score;
      n++;
    }
    if (n === 0 || total <= 0) return null;
    let x = this.rng.next() * total;
    for (let m = 0; m < n; m++) {
      x -= this.scores[m];
      if (x < 0 || m === n - 1) return { partner: this.candidates[m], introduced: this.introducedFlags[m] === 1 };
    }
    return null;
  }

  private uniform(list: readonly number[]): number {
    return list.length === 0 ? -1 : list[this.rng.int(list.length)];
  }

  /** One candidate of type `t` from `source`, or -1. Falls back to wider pools when one is empty. */
  private propose(source: ProposalSource, t: number, i: number): number {
    const ix = this.ix;
    const region = ix.region[i];
    if (region < 0) return this.fromCluster(t, 1 << ix.partnerCluster[i]); // overseas partners meet through their cluster
    switch (source) {
      case 'attachRegion': {
        const stubs = this.net.regionalStubs[t][region];
        return stubs.length > 0 ? this.uniform(stubs) : this.uniform(ix.byTypeRegion[t][region]);
      }
      case 'attachNation': {
        const stubs = this.net.stubs[t];
        return stubs.length > 0 ? this.uniform(stubs) : this.uniform(ix.byType[t]);
      }
      case 'local': {
        const here = ix.byTypePref[t][ix.pref[i]];
        return here.length > 0 ? this.uniform(here) : this.uniform(ix.byTypeRegion[t][region]);
      }
      case 'offers':
      case 'wants': {
        const mask = source === 'offers' ? ix.seeks[i] : ix.fields[i];
        const f = randomBit(mask, this.rng.next());
        if (f < 0) return this.uniform(ix.byTypeRegion[t][region]);
        return this.uniform((source === 'offers' ? ix.byTypeOffer : ix.byTypeSeek)[t][f]);
      }
      case 'cluster':
        return ix.clusters[i] ? this.fromCluster(t, ix.clusters[i]) : this.uniform(ix.byTypePref[t][ix.pref[i]]);
      case 'introduced':
        return this.introduce(t, i);
      case 'facility': {
        const f = ix.facility[i];
        return f >= 0 && t === ENTERPRISE ? this.uniform(ix.incubatees[f]) : this.uniform(ix.byTypePref[t][ix.pref[i]]);
      }
    }
  }

  private fromCluster(t: number, mask: number): number {
    const c = randomBit(mask, this.rng.next());
    return c < 0 ? -1 : this.uniform(this.ix.byTypeCluster[t][c]);
  }

  /** A partner's partner of type `t`, reached preferably through a broker (IM, bank, support body, academic). */
  private introduce(t: number, i: number): number {
    const mine = this.net.adjacency[i];
    if (mine.length === 0) return this.uniform(this.net.regionalStubs[t][this.ix.region[i]]);
    let b = this.uniform(mine);
    if (!BROKER[this.ix.type[b]]) {
      const other = this.uniform(mine);
      if (BROKER[this.ix.type[other]]) b = other;
    }
    const theirs = this.net.adjacency[b];
    for (let k = 0; k < 4; k++) {
      const j = this.uniform(theirs);
      if (j !== i && this.ix.type[j] === t) return j;
    }
    return -1;
  }

  /** The attachment kernel: fitness × degree^β × place × fields × clusters × introduction × rules. */
  private score(f: ScoreFactors, i: number, j: number, introduced: boolean): number {
    const ix = this.ix;
    let s = ix.fitness[j] * Math.pow(this.net.degree[j] + 1, f.degree);
    s *= f.rule === 'lender' ? this.lenderPlace(f, i, j) : this.place(f, i, j);

    const seekHit = ix.seeks[i] & ix.fields[j];
    const offerHit = ix.fields[i] & ix.seeks[j];
    const shared = ix.fields[i] & ix.fields[j];
    if (seekHit) s *= f.seekMatch;
    if (offerHit) s *= f.offerMatch;
    if (shared) s *= f.sharedField;
    if (!seekHit && !offerHit && !shared) s *= f.fieldMiss;
    if (ix.clusters[i] & ix.clusters[j]) s *= f.sharedCluster;
    if (introduced) s *= f.introduced;

    if (f.rule === 'incubator') {
      // An IM works first with the firms in its own facility, and with young firms.
      if (ix.facility[j] >= 0 && ix.facility[j] === ix.facility[i]) s *= 12;
      if (ix.role[j] === ROLE.venture || ix.founded[j] >= 1996) s *= 2.5;
    }
    return s;
  }

  /** Homophily by place with a gravity decay; overseas partners only meet their cluster's members. */
  private place(f: ScoreFactors, i: number, j: number): number {
    const ix = this.ix;
    const pi = ix.pref[i], pj = ix.pref[j];
    if (pi < 0 || pj < 0) {
      if (pi < 0 && pj < 0) return 0.002;
      const [abroad, home] = pi < 0 ? [i, j] : [j, i];
      return ix.clusters[home] & (1 << ix.partnerCluster[abroad]) ? 0.5 : 0.002;
    }
    if (pi === pj) return f.samePrefecture;
    const d = PREFECTURE_DISTANCE[pi * P + pj];
    return (ix.region[i] === ix.region[j] ? f.sameRegion : 1) * Math.exp(-d / f.distanceKm);
  }

  /**
   * Lenders: shinkin banks and credit co-ops lend within their prefecture, regional banks mostly
   * so, government lenders across their region, venture capital nationwide to young firms.
   */
  private lenderPlace(f: ScoreFactors, i: number, j: number): number {
    const ix = this.ix;
    const role = ix.role[j];
    const young = ix.role[i] === ROLE.venture || ix.founded[i] >= 1996;
    if (ix.pref[i] < 0 || ix.pref[j] < 0) return 0.002;
    const same = ix.pref[i] === ix.pref[j];
    switch (role) {
      case ROLE.shinkin:
      case ROLE['credit-coop']:
        return (same ? 8 : 0.05) * (young ? 0.8 : 1);
      case ROLE['regional-bank']:
        return same ? 5 : ix.region[i] === ix.region[j] ? 0.6 : 0.1;
      case ROLE['government-lender']:
        return (same ? 2 : ix.region[i] === ix.region[j] ? 0.8 : 0.1) * (young ? 1.5 : 1);
      case ROLE['venture-capital']:
        return (young ? 4 : 0.25) * (ix.employees[i] < 50 ? 1.5 : 1);
      default:
        return this.place(f, i, j);
    }
  }
}
