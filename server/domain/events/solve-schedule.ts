/**
 * Solves the schedule's programme (schedule-model.ts) with HiGHS (Huangfu & Hall, "Parallelizing
 * the dual revised simplex method", Math. Prog. Comp. 10, 2018; its MIP solver: branch-and-cut),
 * compiled to WebAssembly by the `highs` package, in the two stages of schedule-model.ts. Reports the solver's status, its best objective,
 * the proven bound and the relative gap between them; gives concrete table numbers (pinned
 * meetings keep theirs); lists every accepted meeting that found no place, with why. Synchronous
 * once HiGHS is loaded: the service runs large events in a worker thread.
 */
import loadHighs from 'highs';
import type { ScheduleFigures, UnplacedReason } from '../../contract/api.ts';
import { compactByMoves, fillGreedily, placeByPreference } from './greedy-placement.ts';
import { buildScheduleModel, buildSessionModel, DEFAULT_WEIGHTS, scheduleWorth, worthCeiling, type ScheduleInput, type ScheduleModel } from './schedule-model.ts';

export interface SolveOptions {
  /** Seconds the solver may run (it answers its best schedule then, with the gap). */
  timeLimitS: number;
  /** Relative gap at which the solver stops as good enough (0.001 = 0.1 %). */
  mipRelGap: number;
  /** Up to this many meeting × slot pairs an event is placed by one programme (the solver's own bound); beyond, through stage 1's LP. */
  wholeModelMaxPairs: number;
}

/**
 * Up to this many meeting × slot pairs a session's compaction is a programme for the solver; beyond,
 * its LP relaxation alone outlasts the time (300 participants: 2,200 pairs a session, no LP in 2.5 s),
 * and moves do it.
 */
const COMPACT_MAX_PAIRS = 1_000;

export const DEFAULT_SOLVE: SolveOptions = { timeLimitS: 20, mipRelGap: 0.001, wholeModelMaxPairs: 4_000 };

export interface Placement {
  meeting: string;
  slot: number;
  table: number;
}

export interface ScheduleSolution extends ScheduleFigures {
  status: string;
  placements: Placement[];
  unplaced: { meeting: string; reason: UnplacedReason }[];
  /** The meetings' worth: each placed meeting's value (1 + SCORE·score) and the fairness levels reached. */
  worth: number;
}

type Highs = Awaited<ReturnType<typeof loadHighs>>;
let loading: Promise<Highs> | undefined;
/** HiGHS is loaded once per thread (its WebAssembly compiled once). */
function highs(): Promise<Highs> {
  loading ??= loadHighs();
  return loading;
}

const STATUS_NAMES: Record<number, string> = {
  0: 'Not set', 1: 'Load error', 2: 'Model error', 3: 'Presolve error', 4: 'Solve error', 5: 'Postsolve error', 6: 'Empty',
  7: 'Optimal', 8: 'Infeasible', 9: 'Infeasible or unbounded', 10: 'Unbounded', 11: 'Bound on objective reached',
  12: 'Target for objective reached', 13: 'Time limit reached', 14: 'Iteration limit reached', 15: 'Unknown',
  16: 'Solution limit reached', 17: 'Interrupted by user',
};

/**
 * Runs HiGHS on `model`. `start`, when given, is a schedule (meeting index → slot, or session index
 * in stage 1) passed as the first incumbent: every meeting column is set and HiGHS completes the
 * continuous ones, so its answer is never worse than the start. `relax` solves the LP relaxation
 * (every column continuous), whose optimum bounds the programme's.
 */
function runHighs(h: Highs, model: ScheduleModel, options: SolveOptions, start?: ReadonlyMap<number, number>, relax = false): { status: string; values: Float64Array | number[]; objective: number; bound: number; gap: number } {
  if (model.numCols === 0) return { status: 'Empty', values: [], objective: 0, bound: 0, gap: 0 };
  const m = h.createModel({
    numCols: model.numCols,
    numRows: model.numRows,
    sense: h.constants.objectiveSense.maximize,
    colCost: model.colCost,
    colLower: model.colLower,
    colUpper: model.colUpper,
    rowLower: model.rowLower,
    rowUpper: model.rowUpper,
    matrix: { format: 'csr', numRows: model.numRows, numCols: model.numCols, starts: model.starts, indices: model.indices, values: model.values },
    integrality: (relax ? model.integrality.map(() => 0) : model.integrality) as (0 | 1)[],
  });
  try {
    // The feasibility-jump heuristic cost seconds before the root LP, whose answer is mostly integral here.
    m.options.set({ output_flag: false, time_limit: options.timeLimitS, mip_rel_gap: options.mipRelGap, random_seed: 1, mip_heuristic_run_feasibility_jump: false });
    if (start) {
      const indices = Array.from({ length: model.meetingCols }, (_, j) => j);
      m.setSolution({ indices, values: indices.map((j) => (start.get(model.colMeeting[j]) === model.colSlot[j] ? 1 : 0)) });
    }
    const run = m.run();
    const status = STATUS_NAMES[run.modelStatus] ?? `Status ${run.modelStatus}`;
    const values = m.getSolution().colValue;
    const objective = m.getObjectiveValue();
    const info = (name: string) => {
      try {
        return Number(m.info.get(name));
      } catch {
        return Number.NaN;
      }
    };
    let bound = relax ? (status === 'Optimal' ? objective : Number.NaN) : info('mip_dual_bound');
    let gap = info('mip_gap');
    if (status === 'Optimal' && !(gap > 0)) gap = 0;
    if (!Number.isFinite(gap) && Number.isFinite(bound)) gap = Math.abs(bound - objective) / Math.max(1e-9, Math.abs(objective));
    return { status, values, objective, bound, gap };
  } finally {
    m.dispose();
  }
}

/** Runs of consecutive meetings of each participant in each session, summed. */
export function countRuns(placements: readonly { slot: number; people: readonly string[] }[], sessionOf: (slot: number) => string): number {
  const busy = new Set(placements.flatMap((p) => p.people.map((who) => `${who}\u0000${p.slot}`)));
  let runs = 0;
  for (const key of busy) {
    const [who, slot] = key.split('\u0000');
    const s = Number(slot);
    if (!(busy.has(`${who}\u0000${s - 1}`) && sessionOf(s - 1) === sessionOf(s))) runs++;
  }
  return runs;
}

/** Idle slots between a participant's first and last meeting of a session, summed over all. */
export function countIdleSlots(placements: readonly { slot: number; people: readonly string[] }[], sessionOf: (slot: number) => string): number {
  const byPersonSession = new Map<string, number[]>();
  for (const p of placements) {
    for (const who of p.people) {
      const key = `${who}\u0000${sessionOf(p.slot)}`;
      (byPersonSession.get(key) ?? byPersonSession.set(key, []).get(key)!).push(p.slot);
    }
  }
  let idle = 0;
  for (const slots of byPersonSession.values()) idle += Math.max(...slots) - Math.min(...slots) + 1 - slots.length;
  return idle;
}

/**
 * The schedule of `input`'s meetings, in the order of aims: first the meetings' worth
 * (placed meetings weighted by score and fairness), then compactness.
 *
 * 1. Placement. A small event is one programme over slots, solved from the greedy schedule
 *    (greedy-placement.ts); its bound is the solver's. A larger one: the LP relaxation of stage 1
 *    (meetings to sessions) gives the proven bound, and its values, rounded greedily in their
 *    order, the schedule. A greedy pass then fills any table left free.
 * 2. Compaction. Each session's placed meetings are re-slotted, every one keeping a slot, to cut
 *    the runs of meetings (idle stretches) within the time left, from the schedule as it is.
 *
 * `worth`, `bound` and `gap` are the meetings' worth (phase 1's aim); `idleSlots` and `runs` what
 * compaction reached. Without a bound from the solver in time, the plain ceiling of
 * `worthCeiling` serves.
 */
export async function solveSchedule(input: ScheduleInput, options: Partial<SolveOptions> = {}): Promise<ScheduleSolution> {
  const opts = { ...DEFAULT_SOLVE, ...options };
  const started = performance.now();
  const h = await highs();
  const placement = { ...input, weights: { ...input.weights, idle: 0 } };
  let slotOf: Map<number, number>;
  let bound: number;
  let status: string;
  let variables: number;
  let constraints: number;
  const whole = buildScheduleModel(placement);
  if (whole.meetingCols <= opts.wholeModelMaxPairs) {
    const start = fillGreedily(input);
    const solved = runHighs(h, whole, { ...opts, timeLimitS: opts.timeLimitS * 0.7 }, start);
    slotOf = start;
    if (solved.values.length === whole.numCols) {
      slotOf = new Map();
      for (let j = 0; j < whole.meetingCols; j++) if (solved.values[j] > 0.5) slotOf.set(whole.colMeeting[j], whole.colSlot[j]);
    }
    ({ status, bound } = solved);
    variables = whole.numCols;
    constraints = whole.numRows;
  } else {
    const stage1 = buildSessionModel(placement);
    const relaxed = runHighs(h, stage1, { ...opts, timeLimitS: opts.timeLimitS * 0.7 }, undefined, true);
    bound = relaxed.bound;
    status = relaxed.status === 'Optimal' ? 'LP bound, rounded' : relaxed.status;
    variables = stage1.numCols;
    constraints = stage1.numRows;
    const solved = relaxed.values.length === stage1.numCols;
    const preference = new Map<number, { session: string; value: number }[]>();
    for (let j = 0; j < stage1.meetingCols; j++) {
      const mi = stage1.colMeeting[j];
      (preference.get(mi) ?? preference.set(mi, []).get(mi)!).push({ session: stage1.sessions[stage1.colSlot[j]], value: solved ? relaxed.values[j] : input.meetings[mi].score });
    }
    slotOf = placeByPreference(input, preference);
  }
  slotOf = fillGreedily(input, slotOf);

  // Phase 2: compaction, session by session, every placed meeting keeping a slot of its session:
  // by the solver where a session's programme is small enough, then by moves until the time is up.
  const sessions = [...new Set(input.slots.map((s) => s.session))];
  const sessionOf = new Map(input.slots.map((s) => [s.index, s.session]));
  const deadline = started + opts.timeLimitS * 1000 * 0.95;
  sessions.forEach((session, σ) => {
    const indices = [...slotOf].filter(([, s]) => sessionOf.get(s) === session).map(([mi]) => mi);
    if (indices.length < 2) return;
    const slots = input.slots.filter((s) => s.session === session);
    const own = new Set(slots.map((s) => s.index));
    const sub: ScheduleInput = {
      ...input,
      slots,
      participants: input.participants.map((p) => ({ id: p.id, slots: p.slots.filter((s) => own.has(s)) })),
      meetings: indices.map((mi) => input.meetings[mi]),
    };
    const model = buildScheduleModel(sub, true);
    if (model.meetingCols > COMPACT_MAX_PAIRS) return;
    const start = new Map(indices.map((mi, k) => [k, slotOf.get(mi)!]));
    const compacted = runHighs(h, model, { ...opts, timeLimitS: Math.max(0.2, (deadline - performance.now()) / 1000 / (sessions.length - σ)) }, start);
    variables += model.numCols;
    constraints += model.numRows;
    if (compacted.values.length !== model.numCols) return;
    const next = new Map<number, number>();
    for (let j = 0; j < model.meetingCols; j++) if (compacted.values[j] > 0.5) next.set(indices[model.colMeeting[j]], model.colSlot[j]);
    if (next.size === indices.length) for (const [mi, s] of next) slotOf.set(mi, s);
  });
  compactByMoves(input, slotOf, deadline);

  // Tables: pinned meetings keep theirs, the others take the lowest free numbers of their slot.
  const taken = new Map<number, Set<number>>();
  const tablesIn = (s: number) => taken.get(s) ?? taken.set(s, new Set()).get(s)!;
  const placements: Placement[] = [];
  input.meetings.forEach((m, mi) => {
    if (m.pinned && slotOf.get(mi) === m.pinned.slot) tablesIn(m.pinned.slot).add(m.pinned.table);
  });
  input.meetings.forEach((m, mi) => {
    const slot = slotOf.get(mi);
    if (slot === undefined) return;
    if (m.pinned && m.pinned.slot === slot) {
      placements.push({ meeting: m.id, slot, table: m.pinned.table });
      return;
    }
    const used = tablesIn(slot);
    let table = 1;
    while (used.has(table)) table++;
    used.add(table);
    placements.push({ meeting: m.id, slot, table });
  });

  const people = new Map(input.meetings.map((m) => [m.id, [m.a, m.b]]));
  const busy = placements.map((p) => ({ slot: p.slot, people: people.get(p.meeting)! }));
  const worth = scheduleWorth(input, [...slotOf.keys()]);
  bound = Math.max(worth, Number.isFinite(bound) ? bound : worthCeiling(input));
  return {
    status,
    placements,
    unplaced: explainUnplaced(input, whole.noCommonSlot, slotOf),
    worth: round(worth),
    bound: round(bound),
    gap: round(worth > 0 ? (bound - worth) / worth : 0),
    seconds: round((performance.now() - started) / 1000),
    idleSlots: countIdleSlots(busy, (s) => sessionOf.get(s) ?? ''),
    runs: countRuns(busy, (s) => sessionOf.get(s) ?? ''),
    variables,
    constraints,
  };
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;

/**
 * Why each accepted meeting found no place: no slot both sides are available in; one side already
 * has its maximum of meetings; every common slot has its tables full; or in every common slot one
 * side meets someone else (or the solver stopped at its limit before placing it).
 */
function explainUnplaced(input: ScheduleInput, noCommonSlot: readonly number[], slotOf: ReadonlyMap<number, number>): { meeting: string; reason: UnplacedReason }[] {
  const noCommon = new Set(noCommonSlot);
  const count = new Map<string, number>();
  const busy = new Set<string>();
  const perSlot = new Map<number, number>();
  for (const [mi, s] of slotOf) {
    const m = input.meetings[mi];
    for (const p of [m.a, m.b]) {
      count.set(p, (count.get(p) ?? 0) + 1);
      busy.add(`${p}\u0000${s}`);
    }
    perSlot.set(s, (perSlot.get(s) ?? 0) + 1);
  }
  const available = new Map(input.participants.map((p) => [p.id, new Set(p.slots)]));
  const out: { meeting: string; reason: UnplacedReason }[] = [];
  input.meetings.forEach((m, mi) => {
    if (slotOf.has(mi)) return;
    let reason: UnplacedReason;
    if (noCommon.has(mi)) reason = 'no_common_availability';
    else if ((count.get(m.a) ?? 0) >= input.maxMeetings || (count.get(m.b) ?? 0) >= input.maxMeetings) reason = 'max_meetings';
    else {
      const sb = available.get(m.b);
      const slots = [...(available.get(m.a) ?? [])].filter((s) => sb?.has(s) && (input.tables[s] ?? 0) > 0);
      const free = slots.filter((s) => !busy.has(`${m.a}\u0000${s}`) && !busy.has(`${m.b}\u0000${s}`));
      if (free.length === 0) reason = 'sides_busy';
      else if (free.every((s) => (perSlot.get(s) ?? 0) >= (input.tables[s] ?? 0))) reason = 'tables_full';
      else reason = 'solver_limit';
    }
    out.push({ meeting: m.id, reason });
  });
  return out;
}

