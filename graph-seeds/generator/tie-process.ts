/**
 * Forms the ties year by year, 2001-2010. Each year first records the ties that follow from who
 * the actors are (a venture's spin-off tie to its university in its founding year, an incubated
 * firm's tie to an IM of its facility), then forms that year's budget of ties of every plan in
 * shuffled order, so that preferential attachment and triadic closure act on the network as it
 * grows. Budgets grow each year, with a step at the start of Phase II (2006).
 */
import { ActorIndex, TYPE_INDEX } from './actor-index.ts';
import type { Population } from './build-actors.ts';
import { KIND_INDEX, NetworkState } from './network-state.ts';
import { DEFAULT_TIES, FIRST_YEAR, LAST_YEAR, PROGRAM_TOTAL } from './options.ts';
import { PartnerChooser, preparePlan, type PreparedPlan } from './partner-choice.ts';
import type { Rng } from './rng.ts';
import { CumulativeSampler, apportion } from './sampling.ts';
import { TIE_PLANS, incubationWeight, tieWeight } from './tie-plans.ts';

const YEARS = Array.from({ length: LAST_YEAR - FIRST_YEAR + 1 }, (_, k) => FIRST_YEAR + k);

/** Relative number of new ties per year: +15% of the first year's each year, ×1.15 from 2006. */
export const YEAR_WEIGHTS: readonly number[] = YEARS.map((y) => (1 + 0.15 * (y - FIRST_YEAR)) * (y >= 2006 ? 1.15 : 1));

/**
 * Enterprise initiators: a share drawn by degree (the active get more active), a share uniformly
 * (every member firm gets its turn), the rest by fitness.
 */
const ACTIVE_INITIATOR_SHARE = 0.2;
const UNIFORM_INITIATOR_SHARE = 0.25;
/** Tries per tie before it is carried over to the next year. */
const ATTEMPTS = 30;
/** Tries per tie left over after the last year before giving up. */
const FINAL_ATTEMPTS = 500;

const ENTERPRISE = TYPE_INDEX.get('Enterprise')!;

interface Planned {
  a: number;
  b: number;
  year: number;
}

class TieProcess {
  readonly ix: ActorIndex;
  readonly net: NetworkState;
  private readonly chooser: PartnerChooser;
  private readonly samplers: CumulativeSampler[];

  constructor(private readonly rng: Rng, pop: Population, total: number) {
    this.ix = new ActorIndex(pop.agents, pop.facilities);
    this.net = new NetworkState(this.ix, total);
    this.chooser = new PartnerChooser(this.ix, this.net, rng.fork('partners'));
    this.samplers = this.ix.byType.map((list) => new CumulativeSampler(list.map((i) => this.ix.fitness[i])));
  }

  /** An initiator of the plan's type that exists in `year` and has room for the tie, or -1. */
  private initiator(pp: PreparedPlan, year: number): number {
    const t = TYPE_INDEX.get(pp.plan.initiator)!;
    const all = this.ix.byType[t];
    const stubs = this.net.stubs[t];
    let i: number;
    const u = t === ENTERPRISE ? this.rng.next() : 1;
    if (u < ACTIVE_INITIATOR_SHARE && stubs.length > 0) i = stubs[this.rng.int(stubs.length)];
    else if (u < ACTIVE_INITIATOR_SHARE + UNIFORM_INITIATOR_SHARE) i = all[this.rng.int(all.length)];
    else i = all[this.samplers[t].sample(this.rng)];
    if (i === undefined || this.ix.founded[i] > year) return -1;
    return this.net.ofKind(i, pp.kind) >= pp.initiatorCap ? -1 : i;
  }

  /** Forms one tie of the plan in `year`; false when `attempts` tries found no new partner. */
  place(pp: PreparedPlan, year: number, attempts: number): boolean {
    for (let k = 0; k < attempts; k++) {
      const i = this.initiator(pp, year);
      if (i < 0) continue;
      const choice = this.chooser.choose(pp, i, year);
      if (!choice) continue;
      const j = choice.partner;
      const end = pp.plan.sourceEnd;
      const [s, t] = end === 'initiator' ? [i, j] : end === 'partner' ? [j, i] : i < j ? [i, j] : [j, i];
      this.net.add(s, t, pp.kind, tieWeight(this.rng, pp.plan.kind, this.ix, i, j, choice.introduced), year);
      return true;
    }
    return false;
  }

  /** Runs the whole process; `spinoffs` and `incubations` are recorded in their years. */
  run(plans: PreparedPlan[], perYear: number[][], spinoffs: Planned[], incubations: Planned[]): void {
    const spun = KIND_INDEX.get('SPUN_OFF_FROM')!;
    const supports = KIND_INDEX.get('SUPPORTS')!;
    const carry = plans.map(() => 0);
    YEARS.forEach((year, y) => {
      for (const s of spinoffs) if (s.year === year) this.net.add(s.a, s.b, spun, tieWeight(this.rng, 'SPUN_OFF_FROM', this.ix, s.a, s.b, false), year);
      for (const s of incubations) if (s.year === year) this.net.add(s.a, s.b, supports, incubationWeight(this.rng), year);
      const tokens: number[] = [];
      plans.forEach((_, p) => {
        for (let k = perYear[p][y] + carry[p]; k > 0; k--) tokens.push(p);
        carry[p] = 0;
      });
      for (const p of this.rng.shuffle(tokens)) if (!this.place(plans[p], year, ATTEMPTS)) carry[p]++;
    });
    plans.forEach((pp, p) => {
      for (; carry[p] > 0; carry[p]--) {
        if (!this.place(pp, LAST_YEAR, FINAL_ATTEMPTS)) {
          throw new Error(`graph-seeds: could not place ${carry[p]} more ${pp.plan.id} ties; ask for fewer ties or more actors.`);
        }
      }
    });
  }
}

/** Fails fast when a plan's budget exceeds the pairs it could possibly use. */
function checkCapacity(pp: PreparedPlan, budget: number, ix: ActorIndex, total: number): void {
  const a = ix.byType[TYPE_INDEX.get(pp.plan.initiator)!].length;
  const b = ix.byType[pp.partnerType].length;
  const pairs = pp.plan.initiator !== pp.plan.partner ? a * b : pp.plan.sourceEnd === 'lower' ? (a * (a - 1)) / 2 : a * (a - 1);
  const capacity = Math.min(pairs, a * pp.initiatorCap, b * pp.partnerCap);
  if (budget > capacity) {
    throw new Error(
      `graph-seeds: ${total} ties do not fit among ${ix.n} actors: the ${pp.plan.id} ties alone need ${budget} ` +
        `but at most ${capacity} pairs exist; ask for fewer ties or more actors.`,
    );
  }
}

/**
 * Forms exactly `total` ties among the population. Spin-offs come first (one per venture, as
 * long as `total` allows), then the plans share the rest by their `share`.
 */
export function formTies(rng: Rng, pop: Population, total: number): NetworkState {
  const process = new TieProcess(rng, pop, total);
  const ix = process.ix;
  const indexOf = new Map(pop.agents.map((a, i) => [a, i]));

  const spinoffs: Planned[] = [];
  pop.agents.forEach((a, i) => {
    if (a.parent && spinoffs.length < total) spinoffs.push({ a: i, b: indexOf.get(a.parent)!, year: a.founded! });
  });

  const density = total / pop.agents.length / (DEFAULT_TIES / PROGRAM_TOTAL);
  const plans = TIE_PLANS.map((p) => preparePlan(p, KIND_INDEX.get(p.kind)!, density));
  const budgets = apportion(total - spinoffs.length, plans.map((p) => p.plan.share));
  const incubationPlan = plans.findIndex((p) => p.plan.id === 'supports-incubation');
  const incubations: Planned[] = [];
  pop.agents.forEach((a, e) => {
    const staff = a.facility >= 0 && a.type === 'Enterprise' ? ix.managers[a.facility] : [];
    if (staff.length > 0 && incubations.length < budgets[incubationPlan]) {
      incubations.push({ a: staff[rng.int(staff.length)], b: e, year: a.incubatedIn });
    }
  });
  budgets[incubationPlan] -= incubations.length;

  plans.forEach((pp, p) => checkCapacity(pp, budgets[p] + (p === incubationPlan ? incubations.length : 0), ix, total));
  const perYear = budgets.map((b) => apportion(b, [...YEAR_WEIGHTS]));
  process.run(plans, perYear, spinoffs, incubations);
  if (process.net.count !== total) throw new Error(`graph-seeds: formed ${process.net.count} ties, expected ${total}.`);
  return process.net;
}
