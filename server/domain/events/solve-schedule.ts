/**
 * Solves the schedule's programme (schedule-model.ts) with HiGHS (Huangfu & Hall, "Parallelizing
 * the dual revised simplex method", Math. Prog. Comp. 10, 2018; its MIP solver: branch-and-cut),
 * compiled to WebAssembly by the `highs` package, in the two stages of schedule-model.ts. Reports the solver's status, its best objective,
 * the proven bound and the relative gap between them; gives concrete table numbers (pinned
 * meetings keep theirs); lists every accepted meeting that found no place, with why. Synchronous
 * once HiGHS is loaded: the service runs large events in a worker thread.
 */
import loadHighs from 'highs';
import type { UnplacedReason } from '../../contract/api.ts';
import { buildScheduleModel, buildSessionModel, DEFAULT_WEIGHTS, scheduleWorth, type ScheduleInput, type ScheduleModel } from './schedule-model.ts';

export interface SolveOptions {
  /** Seconds the solver may run (it answers its best schedule then, with the gap). */
  timeLimitS: number;
  /** Relative gap at which the solver stops as good enough (0.001 = 0.1 %). */
  mipRelGap: number;
}

export const DEFAULT_SOLVE: SolveOptions = { timeLimitS: 20, mipRelGap: 0.001 };

/** Up to this many meeting × slot pairs an event is solved as one model (exact bound); beyond, in two stages. */
export const WHOLE_MODEL_MAX_PAIRS = 4_000;

export interface Placement {
  meeting: string;
  slot: number;
  table: number;
}

export interface ScheduleSolution {
  status: string;
  placements: Placement[];
  unplaced: { meeting: string; reason: UnplacedReason }[];
  /** The programmes' objective at the schedule: its worth less the cost of its runs of meetings. */
  objective: number;
  /** The solver's proven bound on that objective. */
  bound: number;
  /** (bound − objective) / objective. */
  gap: number;
  seconds: number;
  idleSlots: number;
  variables: number;
  constraints: number;
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

function runHighs(h: Highs, model: ScheduleModel, options: SolveOptions): { status: string; values: Float64Array | number[]; objective: number; bound: number; gap: number } {
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
    integrality: model.integrality as (0 | 1)[],
  });
  try {
    // The feasibility-jump heuristic cost seconds before the root LP, whose answer is mostly integral here.
    m.options.set({ output_flag: false, time_limit: options.timeLimitS, mip_rel_gap: options.mipRelGap, random_seed: 1, mip_heuristic_run_feasibility_jump: false });
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
    let bound = info('mip_dual_bound');
    let gap = info('mip_gap');
    if (status === 'Optimal' && !(gap > 0)) gap = 0;
    if (!Number.isFinite(bound)) bound = objective;
    if (!Number.isFinite(gap)) gap = Math.abs(bound - objective) / Math.max(1e-9, Math.abs(objective));
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
 * The schedule of `input`'s meetings: a small event in one model; a larger one in two stages —
 * stage 1 (meetings to sessions) gives the choice and the proven bound, stage 2 places each
 * session's meetings in slots. Then a greedy pass fills any
 * free table with a meeting still unplaced (both sides free and under their maximum). The gap is
 * the distance from the schedule's worth to stage 1's bound, relative to the worth.
 */
export async function solveSchedule(input: ScheduleInput, options: Partial<SolveOptions> = {}): Promise<ScheduleSolution> {
  const opts = { ...DEFAULT_SOLVE, ...options };
  const started = performance.now();
  const h = await highs();
  const slotOf = new Map<number, number>();
  let bound: number;
  let variables: number;
  let constraints: number;
  let status: string;
  const whole = buildScheduleModel(input);
  if (whole.meetingCols <= WHOLE_MODEL_MAX_PAIRS) {
    // A small event is solved in one model: its bound is the exact problem's.
    const solved = runHighs(h, whole, opts);
    if (solved.values.length === whole.numCols) for (let j = 0; j < whole.meetingCols; j++) if (solved.values[j] > 0.5) slotOf.set(whole.colMeeting[j], whole.colSlot[j]);
    ({ status, bound } = solved);
    variables = whole.numCols;
    constraints = whole.numRows;
  } else {
    const stage1 = buildSessionModel(input);
    const first = runHighs(h, stage1, { ...opts, timeLimitS: opts.timeLimitS * 0.7 });
    bound = first.bound;
    status = first.status;
    variables = stage1.numCols;
    constraints = stage1.numRows;
    const chosen = new Map<number, number>();
    if (first.values.length === stage1.numCols) for (let j = 0; j < stage1.meetingCols; j++) if (first.values[j] > 0.5) chosen.set(stage1.colMeeting[j], stage1.colSlot[j]);
    const remaining = () => Math.max(0.5, opts.timeLimitS - (performance.now() - started) / 1000);
    stage1.sessions.forEach((session, σ) => {
      const indices = [...chosen].filter(([, s]) => s === σ).map(([mi]) => mi);
      if (indices.length === 0) return;
      const slots = input.slots.filter((s) => s.session === session);
      const own = new Set(slots.map((s) => s.index));
      const sub: ScheduleInput = {
        ...input,
        slots,
        participants: input.participants.map((p) => ({ id: p.id, slots: p.slots.filter((s) => own.has(s)) })),
        meetings: indices.map((mi) => input.meetings[mi]),
      };
      const model = buildScheduleModel(sub);
      const second = runHighs(h, model, { ...opts, timeLimitS: remaining() / (stage1.sessions.length - σ) });
      variables += model.numCols;
      constraints += model.numRows;
      if (second.status !== 'Optimal' && second.status !== 'Empty') status = second.status;
      if (second.values.length === model.numCols) for (let j = 0; j < model.meetingCols; j++) if (second.values[j] > 0.5) slotOf.set(indices[model.colMeeting[j]], model.colSlot[j]);
    });
  }
  fillGreedily(input, slotOf);

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

  // The programmes' objective: the worth less the cost of each run of meetings; both bounds bound it.
  const people = new Map(input.meetings.map((m) => [m.id, [m.a, m.b]]));
  const sessionOf = new Map(input.slots.map((s) => [s.index, s.session]));
  const busy = placements.map((p) => ({ slot: p.slot, people: people.get(p.meeting)! }));
  const idleWeight = { ...DEFAULT_WEIGHTS, ...input.weights }.idle;
  const worth = scheduleWorth(input, [...slotOf.keys()]) - idleWeight * countRuns(busy, (s) => sessionOf.get(s) ?? '');
  bound = Math.max(worth, Number.isFinite(bound) ? bound : worth);
  return {
    status,
    placements,
    unplaced: explainUnplaced(input, whole.noCommonSlot, slotOf),
    objective: round(worth),
    bound: round(bound),
    gap: round(worth > 0 ? (bound - worth) / worth : 0),
    seconds: round((performance.now() - started) / 1000),
    idleSlots: countIdleSlots(busy, (s) => sessionOf.get(s) ?? ''),
    variables,
    constraints,
  };
}

/** Common free slots of a meeting's two sides with a free table, first first. */
function fillGreedily(input: ScheduleInput, slotOf: Map<number, number>): void {
  const busy = new Set<string>();
  const count = new Map<string, number>();
  const perSlot = new Map<number, number>();
  const take = (mi: number, s: number) => {
    const m = input.meetings[mi];
    slotOf.set(mi, s);
    for (const p of [m.a, m.b]) {
      busy.add(`${p}\u0000${s}`);
      count.set(p, (count.get(p) ?? 0) + 1);
    }
    perSlot.set(s, (perSlot.get(s) ?? 0) + 1);
  };
  for (const [mi, s] of [...slotOf]) take(mi, s);
  const available = new Map(input.participants.map((p) => [p.id, new Set(p.slots)]));
  const order = input.meetings.map((_, mi) => mi).filter((mi) => !slotOf.has(mi)).sort((x, y) => input.meetings[y].score - input.meetings[x].score);
  for (const mi of order) {
    const m = input.meetings[mi];
    if ((count.get(m.a) ?? 0) >= input.maxMeetings || (count.get(m.b) ?? 0) >= input.maxMeetings) continue;
    const sb = available.get(m.b);
    const slot = [...(available.get(m.a) ?? [])]
      .sort((x, y) => x - y)
      .find((s) => sb?.has(s) && !busy.has(`${m.a}\u0000${s}`) && !busy.has(`${m.b}\u0000${s}`) && (perSlot.get(s) ?? 0) < (input.tables[s] ?? 0));
    if (slot !== undefined) take(mi, slot);
  }
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
