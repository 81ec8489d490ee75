/**
 * The meeting schedule as mixed-integer linear programmes (the classic timetabling assignment
 * model; see e.g. Schaerf, "A survey of automated timetabling", Artif. Intell. Rev. 13, 1999).
 * Both stages assign meetings to positions with the same rows (`buildAssignment`); a small event is
 * one programme over slots, a larger one two stages, because sixteen interchangeable slots make one
 * big model degenerate (its LP relaxation alone took 9 s for 300 participants in WebAssembly):
 *
 * 1. Sessions (`buildSessionModel`): which accepted meetings take place, and in which session.
 *      x[m,σ] ∈ {0,1}  meeting m in session σ (only where both sides share a slot of σ)
 *      z[p,k] ∈ [0,1]  participant p has at least k meetings: the fairness levels, worth
 *                      FAIRNESS/k, so a first meeting counts more than a fifth
 *      u[p,σ] ∈ [0,1]  p meets someone in σ: at least one run of meetings there, costing IDLE
 *      maximise  Σ x[m,σ]·(1 + SCORE·score_m) + Σ z[p,k]·FAIRNESS/k − IDLE·Σ u[p,σ]
 *      s.t.      Σ_σ x[m,σ] ≤ 1;  Σ_{m∋p} x[m,σ] ≤ slots p is free in σ;
 *                Σ_m x[m,σ] ≤ tables × slots of σ;  Σ_{m∋p} x[m,σ] − Σ_k z[p,k] = 0 (z ≤ 1: the maximum);
 *                u[p,σ] ≥ x[m,σ]
 *    Every schedule is a solution of this relaxation, so the optimum of its own LP relaxation
 *    bounds the schedule's worth; the solver rounds that LP (greedy-placement.ts).
 * 2. Slots, session by session (`buildScheduleModel` on one session's chosen meetings):
 *      x[m,s] ∈ {0,1}  meeting m in slot s (only where both sides are available)
 *      y[p,s] ∈ [0,1]  a run of p's meetings starts at s (an idle stretch before it, or the start)
 *      maximise  Σ x[m,s]·(1 + SCORE·score_m) + fairness levels − IDLE·Σ y[p,s]
 *      s.t.      Σ_s x[m,s] ≤ 1;  Σ_{m∋p} x[m,s] ≤ 1 (nobody double-booked);
 *                Σ_m x[m,s] ≤ tables(s);  y[p,s] ≥ busy(p,s) − busy(p,s−1)
 *
 * Pinned meetings are columns fixed at 1. The weights make placing a meeting always worth more than
 * the idle penalty, so meetings come first and compactness second. Rows are emitted only where they
 * can bind. Pure: returns the sparse arrays HiGHS takes, and what each column means.
 */

export interface ScheduleWeights {
  /** Added to a meeting's value per unit of suggestion score (scores are 0..1). */
  score: number;
  /** Worth of a participant's k-th meeting is fairness / k. */
  fairness: number;
  /** Cost of each run of consecutive meetings of a participant in a session. */
  idle: number;
}

export const DEFAULT_WEIGHTS: ScheduleWeights = { score: 0.5, fairness: 0.5, idle: 0.02 };

export interface ScheduleInput {
  /** Slots in time order; `session` groups consecutive slots. */
  slots: readonly { index: number; session: string }[];
  /** Tables usable in each slot, by slot index. */
  tables: readonly number[];
  /** Each participant and the slots it is available in. */
  participants: readonly { id: string; slots: readonly number[] }[];
  maxMeetings: number;
  /** Accepted meetings; `score` in 0..1; `pinned` ones stay where they are. */
  meetings: readonly { id: string; a: string; b: string; score: number; pinned?: { slot: number; table: number } }[];
  weights?: Partial<ScheduleWeights>;
}

/** Sparse rows (CSR) and columns of the programme, with the meaning of each column. */
export interface ScheduleModel {
  numCols: number;
  numRows: number;
  colCost: number[];
  colLower: number[];
  colUpper: number[];
  /** 1: integer (binary with its bounds), 0: continuous. */
  integrality: number[];
  rowLower: number[];
  rowUpper: number[];
  starts: number[];
  indices: number[];
  values: number[];
  /** For each meeting column (the first `meetingCols` columns): the meeting's index and the slot (or session index). */
  colMeeting: number[];
  colSlot: number[];
  meetingCols: number;
  /** Meetings without a single slot both sides are available in. */
  noCommonSlot: number[];
}

const INF = Number.POSITIVE_INFINITY;

class Builder {
  colCost: number[] = [];
  colLower: number[] = [];
  colUpper: number[] = [];
  integrality: number[] = [];
  rowLower: number[] = [];
  rowUpper: number[] = [];
  starts: number[] = [0];
  indices: number[] = [];
  values: number[] = [];
  col(cost: number, lower: number, upper: number, integer: boolean): number {
    this.colCost.push(cost);
    this.colLower.push(lower);
    this.colUpper.push(upper);
    this.integrality.push(integer ? 1 : 0);
    return this.colCost.length - 1;
  }
  row(lower: number, upper: number, cols: readonly number[], vals: readonly number[]): void {
    this.rowLower.push(lower);
    this.rowUpper.push(upper);
    for (let i = 0; i < cols.length; i++) {
      this.indices.push(cols[i]);
      this.values.push(vals[i]);
    }
    this.starts.push(this.indices.length);
  }
}

/**
 * Where a programme's meetings may go: `positions` are slots (stage 2) or sessions (stage 1). The
 * rows both stages share: a meeting in at most one position, a participant in at most
 * `personCap` meetings per position, a position's tables, and the fairness levels.
 */
interface Positions {
  /** The positions a meeting may take, given both sides' availability (not for pinned ones). */
  candidates(a: string, b: string): number[];
  /** The position of a pinned slot. */
  ofSlot(slot: number): number;
  personCap(participant: string, position: number): number;
  capacity(position: number): number;
}

interface Assignment {
  b: Builder;
  colMeeting: number[];
  colSlot: number[];
  noCommonSlot: number[];
  /** Meeting columns of each participant in each position. */
  byPerson: Map<string, Map<number, number[]>>;
}

/** `required`: every meeting with a position must take one (the compaction phase re-slots placed meetings). */
function buildAssignment(input: ScheduleInput, positions: Positions, required = false): Assignment {
  const w = { ...DEFAULT_WEIGHTS, ...input.weights };
  const b = new Builder();
  const colMeeting: number[] = [];
  const colSlot: number[] = [];
  const noCommonSlot: number[] = [];
  const byPerson = new Map<string, Map<number, number[]>>();
  const byPosition = new Map<number, number[]>();
  const pinnedCount = new Map<string, number>();
  const add = (p: string, q: number, j: number) => {
    let m = byPerson.get(p);
    if (!m) byPerson.set(p, (m = new Map()));
    (m.get(q) ?? m.set(q, []).get(q)!).push(j);
  };
  input.meetings.forEach((m, mi) => {
    const value = 1 + w.score * Math.min(1, Math.max(0, m.score));
    let candidates: number[];
    if (m.pinned) {
      candidates = [positions.ofSlot(m.pinned.slot)];
      for (const p of [m.a, m.b]) pinnedCount.set(p, (pinnedCount.get(p) ?? 0) + 1);
    } else {
      candidates = positions.candidates(m.a, m.b);
    }
    if (candidates.length === 0) noCommonSlot.push(mi);
    const cols = candidates.map((q) => {
      const j = b.col(value, m.pinned ? 1 : 0, 1, true);
      colMeeting.push(mi);
      colSlot.push(q);
      add(m.a, q, j);
      add(m.b, q, j);
      (byPosition.get(q) ?? byPosition.set(q, []).get(q)!).push(j);
      return j;
    });
    if (cols.length > 1 || (required && cols.length === 1)) b.row(required ? 1 : -INF, 1, cols, cols.map(() => 1));
  });
  // Nobody over-booked (double-booked, in slots); pinned meetings always fit.
  for (const [p, perPosition] of byPerson) {
    for (const [q, cols] of perPosition) {
      const cap = Math.max(positions.personCap(p, q), cols.filter((j) => b.colLower[j] === 1).length);
      if (cols.length > cap) b.row(-INF, cap, cols, cols.map(() => 1));
    }
  }
  // Tables.
  for (const [q, cols] of byPosition) if (cols.length > positions.capacity(q)) b.row(-INF, positions.capacity(q), cols, cols.map(() => 1));
  // Meetings per participant, through the fairness levels (as many as it could have).
  for (const [p, perPosition] of byPerson) {
    const cols = [...perPosition.values()].flat();
    const most = [...perPosition.keys()].reduce((sum, q) => sum + positions.personCap(p, q), 0);
    const levels = Math.max(pinnedCount.get(p) ?? 0, Math.min(input.maxMeetings, most));
    const z: number[] = [];
    for (let k = 1; k <= levels; k++) z.push(b.col(w.fairness / k, 0, 1, false));
    b.row(0, 0, [...cols, ...z], [...cols.map(() => 1), ...z.map(() => -1)]);
  }
  return { b, colMeeting, colSlot, noCommonSlot, byPerson };
}

function toModel({ b, colMeeting, colSlot, noCommonSlot }: Assignment, meetingCols: number): ScheduleModel {
  return {
    numCols: b.colCost.length,
    numRows: b.rowLower.length,
    colCost: b.colCost,
    colLower: b.colLower,
    colUpper: b.colUpper,
    integrality: b.integrality,
    rowLower: b.rowLower,
    rowUpper: b.rowUpper,
    starts: b.starts,
    indices: b.indices,
    values: b.values,
    colMeeting,
    colSlot,
    meetingCols,
    noCommonSlot,
  };
}

/**
 * Meetings to slots (see the banner): a small event whole, or (`required`) the compaction of a
 * session's placed meetings, each of which must keep a slot.
 */
export function buildScheduleModel(input: ScheduleInput, required = false): ScheduleModel {
  const w = { ...DEFAULT_WEIGHTS, ...input.weights };
  const available = new Map(input.participants.map((p) => [p.id, new Set(p.slots)]));
  const assignment = buildAssignment(input, {
    candidates: (a, b) => {
      const sa = available.get(a);
      const sb = available.get(b);
      return sa && sb ? [...sa].filter((s) => sb.has(s) && (input.tables[s] ?? 0) > 0).sort((x, y) => x - y) : [];
    },
    ofSlot: (slot) => slot,
    personCap: () => 1,
    capacity: (slot) => input.tables[slot] ?? 0,
  }, required);
  const meetingCols = assignment.colMeeting.length;
  // Runs of consecutive meetings (compactness): y[p,s] ≥ busy(p,s) − busy(p,s−1).
  if (w.idle > 0) {
    const { b } = assignment;
    const sessionOf = new Map(input.slots.map((s) => [s.index, s.session]));
    for (const slots of assignment.byPerson.values()) {
      for (const [s, cols] of slots) {
        const prev = sessionOf.get(s - 1) === sessionOf.get(s) ? (slots.get(s - 1) ?? []) : [];
        const y = b.col(-w.idle, 0, 1, false);
        b.row(0, INF, [y, ...cols, ...prev], [1, ...cols.map(() => -1), ...prev.map(() => 1)]);
      }
    }
  }
  return toModel(assignment, meetingCols);
}

/**
 * Stage 1: meetings to sessions (see the banner). `colSlot` holds the session's index in
 * `sessions`; `noCommonSlot` the meetings whose sides share no slot at all.
 */
export function buildSessionModel(input: ScheduleInput): ScheduleModel & { sessions: string[] } {
  const sessions = [...new Set(input.slots.map((s) => s.session))];
  const sessionIndex = new Map(sessions.map((s, i) => [s, i]));
  const sessionOfSlot = new Map(input.slots.map((s) => [s.index, sessionIndex.get(s.session)!]));
  const capacity = sessions.map(() => 0);
  for (const s of input.slots) capacity[sessionOfSlot.get(s.index)!] += input.tables[s.index] ?? 0;
  const available = new Map(input.participants.map((p) => [p.id, new Set(p.slots.filter((s) => (input.tables[s] ?? 0) > 0))]));
  const assignment = buildAssignment(input, {
    candidates: (a, b) => {
      const sa = available.get(a);
      const sb = available.get(b);
      const common = sa && sb ? [...sa].filter((s) => sb.has(s)) : [];
      return [...new Set(common.map((s) => sessionOfSlot.get(s)!))].sort((x, y) => x - y);
    },
    ofSlot: (slot) => sessionOfSlot.get(slot)!,
    /** Slots a participant is free in, in the session. */
    personCap: (p, σ) => [...(available.get(p) ?? [])].filter((s) => sessionOfSlot.get(s) === σ).length,
    capacity: (σ) => capacity[σ],
  });
  const meetingCols = assignment.colMeeting.length;
  return { ...toModel(assignment, meetingCols), sessions };
}

/** The worth of a schedule as both stages count it: each meeting's value, then the fairness levels. */
export function scheduleWorth(input: ScheduleInput, placed: readonly number[]): number {
  const w = { ...DEFAULT_WEIGHTS, ...input.weights };
  const count = new Map<string, number>();
  let worth = 0;
  for (const mi of placed) {
    const m = input.meetings[mi];
    worth += 1 + w.score * Math.min(1, Math.max(0, m.score));
    for (const p of [m.a, m.b]) count.set(p, (count.get(p) ?? 0) + 1);
  }
  for (const n of count.values()) for (let k = 1; k <= n; k++) worth += w.fairness / k;
  return worth;
}

/**
 * A ceiling on any schedule's worth without a solver: the best meetings that fit the tables at
 * all, and every participant at its most meetings (requests and the maximum), with no idle cost.
 */
export function worthCeiling(input: ScheduleInput): number {
  const w = { ...DEFAULT_WEIGHTS, ...input.weights };
  const capacity = input.slots.reduce((sum, s) => sum + (input.tables[s.index] ?? 0), 0);
  const values = input.meetings.map((m) => 1 + w.score * Math.min(1, Math.max(0, m.score))).sort((x, y) => y - x);
  const requests = new Map<string, number>();
  for (const m of input.meetings) for (const p of [m.a, m.b]) requests.set(p, (requests.get(p) ?? 0) + 1);
  let worth = values.slice(0, capacity).reduce((sum, v) => sum + v, 0);
  for (const n of requests.values()) for (let k = 1; k <= Math.min(n, input.maxMeetings); k++) worth += w.fairness / k;
  return worth;
}
