/**
 * The meeting schedule as mixed-integer linear programmes (the classic timetabling assignment
 * model; see e.g. Schaerf, "A survey of automated timetabling", Artif. Intell. Rev. 13, 1999),
 * solved in two stages because sixteen interchangeable slots make one big model degenerate (its
 * LP relaxation alone took 9 s for 300 participants in WebAssembly):
 *
 * 1. Sessions (`buildSessionModel`): which accepted meetings take place, and in which session.
 *      x[m,σ] ∈ {0,1}  meeting m in session σ (only where both sides share a slot of σ)
 *      z[p,k] ∈ [0,1]  participant p has at least k meetings: the fairness levels, worth
 *                      FAIRNESS/k, so a first meeting counts more than a fifth
 *      maximise  Σ x[m,σ]·(1 + SCORE·score_m) + Σ z[p,k]·FAIRNESS/k
 *      s.t.      Σ_σ x[m,σ] ≤ 1;  Σ_{m∋p} x[m,σ] ≤ slots p is free in σ;
 *                Σ_m x[m,σ] ≤ tables × slots of σ;  Σ_{m∋p} x[m,σ] − Σ_k z[p,k] = 0 (z ≤ 1: the maximum)
 *    Every schedule is a solution of this relaxation, so its proven bound bounds the schedule's worth.
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

/** The programme for one event's accepted meetings (see the banner). */
export function buildScheduleModel(input: ScheduleInput): ScheduleModel {
  const w = { ...DEFAULT_WEIGHTS, ...input.weights };
  const b = new Builder();
  const available = new Map(input.participants.map((p) => [p.id, new Set(p.slots)]));
  const colMeeting: number[] = [];
  const colSlot: number[] = [];
  const noCommonSlot: number[] = [];
  /** Columns of each participant in each slot, and of each slot. */
  const byPersonSlot = new Map<string, Map<number, number[]>>();
  const bySlot = new Map<number, number[]>();
  const pinnedCount = new Map<string, number>();
  const add = (p: string, s: number, j: number) => {
    let slots = byPersonSlot.get(p);
    if (!slots) byPersonSlot.set(p, (slots = new Map()));
    (slots.get(s) ?? slots.set(s, []).get(s)!).push(j);
  };

  input.meetings.forEach((m, mi) => {
    const value = 1 + w.score * Math.min(1, Math.max(0, m.score));
    let candidates: number[];
    if (m.pinned) {
      candidates = [m.pinned.slot];
      for (const p of [m.a, m.b]) pinnedCount.set(p, (pinnedCount.get(p) ?? 0) + 1);
    } else {
      const sa = available.get(m.a);
      const sb = available.get(m.b);
      candidates = sa && sb ? [...sa].filter((s) => sb.has(s) && (input.tables[s] ?? 0) > 0).sort((x, y) => x - y) : [];
    }
    if (candidates.length === 0) noCommonSlot.push(mi);
    const cols = candidates.map((s) => {
      const j = b.col(value, m.pinned ? 1 : 0, 1, true);
      colMeeting.push(mi);
      colSlot.push(s);
      add(m.a, s, j);
      add(m.b, s, j);
      (bySlot.get(s) ?? bySlot.set(s, []).get(s)!).push(j);
      return j;
    });
    if (cols.length > 1) b.row(-INF, 1, cols, cols.map(() => 1));
  });
  const meetingCols = colMeeting.length;

  // Nobody double-booked.
  for (const slots of byPersonSlot.values()) {
    for (const cols of slots.values()) if (cols.length > 1) b.row(-INF, 1, cols, cols.map(() => 1));
  }
  // Tables per slot.
  for (const [s, cols] of bySlot) if (cols.length > (input.tables[s] ?? 0)) b.row(-INF, input.tables[s] ?? 0, cols, cols.map(() => 1));
  // Meetings per participant, through the fairness levels.
  for (const [p, slots] of byPersonSlot) {
    const cols = [...slots.values()].flat();
    const levels = Math.max(pinnedCount.get(p) ?? 0, Math.min(input.maxMeetings, slots.size));
    const z: number[] = [];
    for (let k = 1; k <= levels; k++) z.push(b.col(w.fairness / k, 0, 1, false));
    b.row(0, 0, [...cols, ...z], [...cols.map(() => 1), ...z.map(() => -1)]);
  }
  // Runs of consecutive meetings (compactness).
  if (w.idle > 0) {
    const sessionOf = new Map(input.slots.map((s) => [s.index, s.session]));
    for (const slots of byPersonSlot.values()) {
      for (const [s, cols] of slots) {
        const prev = sessionOf.get(s - 1) === sessionOf.get(s) ? (slots.get(s - 1) ?? []) : [];
        const y = b.col(-w.idle, 0, 1, false);
        b.row(0, INF, [y, ...cols, ...prev], [1, ...cols.map(() => -1), ...prev.map(() => 1)]);
      }
    }
  }
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
 * Stage 1: meetings to sessions (see the banner). `colSlot` holds the session's index in
 * `sessions`; `noCommonSlot` the meetings whose sides share no slot at all.
 */
export function buildSessionModel(input: ScheduleInput): ScheduleModel & { sessions: string[] } {
  const w = { ...DEFAULT_WEIGHTS, ...input.weights };
  const b = new Builder();
  const sessions = [...new Set(input.slots.map((s) => s.session))];
  const sessionIndex = new Map(sessions.map((s, i) => [s, i]));
  const sessionOfSlot = new Map(input.slots.map((s) => [s.index, sessionIndex.get(s.session)!]));
  const capacity = sessions.map(() => 0);
  for (const s of input.slots) capacity[sessionOfSlot.get(s.index)!] += input.tables[s.index] ?? 0;
  const available = new Map(input.participants.map((p) => [p.id, new Set(p.slots.filter((s) => (input.tables[s] ?? 0) > 0))]));
  /** Slots a participant is free in, per session. */
  const freeIn = (p: string, σ: number) => [...(available.get(p) ?? [])].filter((s) => sessionOfSlot.get(s) === σ).length;
  const colMeeting: number[] = [];
  const colSlot: number[] = [];
  const noCommonSlot: number[] = [];
  const byPersonSession = new Map<string, Map<number, number[]>>();
  const bySession = new Map<number, number[]>();
  const pinnedCount = new Map<string, number>();
  const add = (p: string, σ: number, j: number) => {
    let m = byPersonSession.get(p);
    if (!m) byPersonSession.set(p, (m = new Map()));
    (m.get(σ) ?? m.set(σ, []).get(σ)!).push(j);
  };
  input.meetings.forEach((m, mi) => {
    const value = 1 + w.score * Math.min(1, Math.max(0, m.score));
    let candidates: number[];
    if (m.pinned) {
      candidates = [sessionOfSlot.get(m.pinned.slot)!];
      for (const p of [m.a, m.b]) pinnedCount.set(p, (pinnedCount.get(p) ?? 0) + 1);
    } else {
      const sa = available.get(m.a);
      const sb = available.get(m.b);
      const common = sa && sb ? [...sa].filter((s) => sb.has(s)) : [];
      candidates = [...new Set(common.map((s) => sessionOfSlot.get(s)!))].sort((x, y) => x - y);
    }
    if (candidates.length === 0) noCommonSlot.push(mi);
    const cols = candidates.map((σ) => {
      const j = b.col(value, m.pinned ? 1 : 0, 1, true);
      colMeeting.push(mi);
      colSlot.push(σ);
      add(m.a, σ, j);
      add(m.b, σ, j);
      (bySession.get(σ) ?? bySession.set(σ, []).get(σ)!).push(j);
      return j;
    });
    if (cols.length > 1) b.row(-INF, 1, cols, cols.map(() => 1));
  });
  const meetingCols = colMeeting.length;
  for (const [p, perSession] of byPersonSession) {
    for (const [σ, cols] of perSession) {
      const cap = Math.max(freeIn(p, σ), cols.filter((j) => b.colLower[j] === 1).length);
      if (cols.length > cap) b.row(-INF, cap, cols, cols.map(() => 1));
    }
  }
  for (const [σ, cols] of bySession) if (cols.length > capacity[σ]) b.row(-INF, capacity[σ], cols, cols.map(() => 1));
  for (const [p, perSession] of byPersonSession) {
    const cols = [...perSession.values()].flat();
    const levels = Math.max(pinnedCount.get(p) ?? 0, Math.min(input.maxMeetings, available.get(p)?.size ?? 0));
    const z: number[] = [];
    for (let k = 1; k <= levels; k++) z.push(b.col(w.fairness / k, 0, 1, false));
    b.row(0, 0, [...cols, ...z], [...cols.map(() => 1), ...z.map(() => -1)]);
  }
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
    sessions,
  };
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
