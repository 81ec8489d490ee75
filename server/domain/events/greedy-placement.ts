/**
 * Greedy placement of accepted meetings in slots: the solver's starting schedules and the final
 * fill of any table the solver left free. A meeting takes a common free slot of its two sides with
 * a free table, in the sessions it prefers, choosing the slot next to most of the two sides' other
 * meetings (fewer idle stretches), then the earliest. Pure and deterministic.
 */
import type { ScheduleInput } from './schedule-model.ts';

export class GreedyPlacer {
  readonly slotOf = new Map<number, number>();
  private readonly busy = new Set<string>();
  private readonly count = new Map<string, number>();
  private readonly perSlot = new Map<number, number>();
  private readonly available: Map<string, number[]>;
  private readonly sessionOf: Map<number, string>;

  constructor(private readonly input: ScheduleInput, placed: ReadonlyMap<number, number> = new Map()) {
    this.available = new Map(input.participants.map((p) => [p.id, [...p.slots].sort((x, y) => x - y)]));
    this.sessionOf = new Map(input.slots.map((s) => [s.index, s.session]));
    for (const [mi, s] of placed) this.take(mi, s);
    input.meetings.forEach((m, mi) => {
      if (m.pinned && !this.slotOf.has(mi)) this.take(mi, m.pinned.slot);
    });
  }

  meetingsOf(participant: string): number {
    return this.count.get(participant) ?? 0;
  }

  /**
   * Places meeting `mi` if both sides are under `limit` meetings (the event's maximum by default) and
   * share a free slot with a free table, in the first of `sessions` that has one (any session when
   * absent). Returns whether it was placed.
   */
  tryPlace(mi: number, sessions?: readonly string[], limit = this.input.maxMeetings): boolean {
    if (this.slotOf.has(mi)) return false;
    const m = this.input.meetings[mi];
    if (this.meetingsOf(m.a) >= limit || this.meetingsOf(m.b) >= limit) return false;
    const sb = new Set(this.available.get(m.b));
    const free = (this.available.get(m.a) ?? []).filter((s) => sb.has(s) && this.isFree(m.a, s) && this.isFree(m.b, s) && (this.perSlot.get(s) ?? 0) < (this.input.tables[s] ?? 0));
    for (const session of sessions ?? [undefined]) {
      const slots = session === undefined ? free : free.filter((s) => this.sessionOf.get(s) === session);
      if (slots.length === 0) continue;
      let best = slots[0];
      let bestNext = -1;
      for (const s of slots) {
        const next = this.neighbours(m.a, s) + this.neighbours(m.b, s);
        if (next > bestNext) {
          best = s;
          bestNext = next;
        }
      }
      this.take(mi, best);
      return true;
    }
    return false;
  }

  private isFree(participant: string, slot: number): boolean {
    return !this.busy.has(`${participant}\u0000${slot}`);
  }

  /** How many of the slots beside `slot`, in its session, `participant` already meets in. */
  private neighbours(participant: string, slot: number): number {
    const session = this.sessionOf.get(slot);
    let n = 0;
    for (const s of [slot - 1, slot + 1]) if (this.sessionOf.get(s) === session && !this.isFree(participant, s)) n++;
    return n;
  }

  private take(mi: number, slot: number): void {
    const m = this.input.meetings[mi];
    this.slotOf.set(mi, slot);
    for (const p of [m.a, m.b]) {
      this.busy.add(`${p}\u0000${slot}`);
      this.count.set(p, this.meetingsOf(p) + 1);
    }
    this.perSlot.set(slot, (this.perSlot.get(slot) ?? 0) + 1);
  }
}

/**
 * Adds to `placed` (meeting index → slot) the meetings still unplaced, in rounds: a participant's
 * k-th meeting only in round k (fairness first), within a round the best-scored first. From an
 * empty map (pinned meetings first) it is a schedule of its own.
 */
export function fillGreedily(input: ScheduleInput, placed: ReadonlyMap<number, number> = new Map()): Map<number, number> {
  const placer = new GreedyPlacer(input, placed);
  const byScore = input.meetings.map((_, mi) => mi).sort((x, y) => input.meetings[y].score - input.meetings[x].score);
  for (let round = 1; round <= input.maxMeetings; round++) for (const mi of byScore) placer.tryPlace(mi, undefined, round);
  return placer.slotOf;
}

/**
 * A schedule guided by a relaxation's answer: meetings in the order of their largest fractional
 * value (the best-scored first among equals), each in the sessions the relaxation gave it most of.
 * `preference` maps a meeting index to its (session, value) pairs.
 */
export function placeByPreference(input: ScheduleInput, preference: ReadonlyMap<number, readonly { session: string; value: number }[]>, noise?: () => number): Map<number, number> {
  const placer = new GreedyPlacer(input);
  const key = new Map([...preference].map(([mi, prefs]) => [mi, Math.max(0, ...prefs.map((p) => p.value)) + (noise ? noise() : 0)]));
  const order = [...preference.keys()].sort((x, y) => key.get(y)! - key.get(x)! || input.meetings[y].score - input.meetings[x].score);
  for (const mi of order) {
    const sessions = [...(preference.get(mi) ?? [])].sort((x, y) => y.value - x.value).map((p) => p.session);
    placer.tryPlace(mi, sessions);
  }
  return placer.slotOf;
}

/**
 * Cuts the runs of meetings (idle stretches) of a schedule by local moves: a meeting goes to another
 * slot of its session, or two meetings of a session exchange slots, where the sides are available and
 * free and the tables suffice, whenever that lowers the runs of the people involved; passes repeat
 * until none helps or `deadline` (a `performance.now()` time) passes. Every placed meeting keeps a
 * slot of its session, so the meetings' worth is unchanged. Pinned meetings stay.
 */
export function compactByMoves(input: ScheduleInput, slotOf: Map<number, number>, deadline: number): void {
  const sessionOf = new Map(input.slots.map((s) => [s.index, s.session]));
  const available = new Map(input.participants.map((p) => [p.id, new Set(p.slots)]));
  const busy = new Map<string, Set<number>>();
  const inSlot = new Map<number, Set<number>>();
  for (const [mi, s] of slotOf) {
    const m = input.meetings[mi];
    for (const p of [m.a, m.b]) (busy.get(p) ?? busy.set(p, new Set()).get(p)!).add(s);
    (inSlot.get(s) ?? inSlot.set(s, new Set()).get(s)!).add(mi);
  }
  /** Runs of `p` in `session`: busy slots whose previous slot (same session) is free. */
  const runs = (p: string, session: string) => {
    let n = 0;
    for (const s of busy.get(p) ?? []) if (sessionOf.get(s) === session && !(sessionOf.get(s - 1) === session && busy.get(p)!.has(s - 1))) n++;
    return n;
  };
  const runsOf = (people: readonly string[], session: string) => people.reduce((sum, p) => sum + runs(p, session), 0);
  const move = (mi: number, from: number, to: number) => {
    const m = input.meetings[mi];
    for (const p of [m.a, m.b]) {
      busy.get(p)!.delete(from);
      busy.get(p)!.add(to);
    }
    inSlot.get(from)!.delete(mi);
    (inSlot.get(to) ?? inSlot.set(to, new Set()).get(to)!).add(mi);
    slotOf.set(mi, to);
  };
  const canTake = (p: string, to: number, except: number) => available.get(p)?.has(to) === true && (!busy.get(p)!.has(to) || except === to);
  const sessionSlots = new Map<string, number[]>();
  for (const s of input.slots) (sessionSlots.get(s.session) ?? sessionSlots.set(s.session, []).get(s.session)!).push(s.index);
  let improved = true;
  while (improved && performance.now() < deadline) {
    improved = false;
    for (const mi of [...slotOf.keys()]) {
      if (performance.now() >= deadline) return;
      const m = input.meetings[mi];
      if (m.pinned) continue;
      const from = slotOf.get(mi)!;
      const session = sessionOf.get(from)!;
      if (runs(m.a, session) + runs(m.b, session) <= 2) continue;
      for (const to of sessionSlots.get(session)!) {
        if (to === from) continue;
        // A move to a free table.
        if ((inSlot.get(to)?.size ?? 0) < (input.tables[to] ?? 0) && canTake(m.a, to, -1) && canTake(m.b, to, -1)) {
          const before = runsOf([m.a, m.b], session);
          move(mi, from, to);
          if (runsOf([m.a, m.b], session) < before) {
            improved = true;
            break;
          }
          move(mi, to, from);
        }
        // An exchange with a meeting of `to` whose sides can take `from`.
        let swapped = false;
        for (const other of [...(inSlot.get(to) ?? [])]) {
          const o = input.meetings[other];
          if (o.pinned) continue;
          const mine = [m.a, m.b];
          const theirs = [o.a, o.b];
          // Each side must be free in the other slot, apart from the meeting that leaves it.
          if (!mine.every((p) => available.get(p)?.has(to) && (!busy.get(p)!.has(to) || theirs.includes(p)))) continue;
          if (!theirs.every((p) => available.get(p)?.has(from) && (!busy.get(p)!.has(from) || mine.includes(p)))) continue;
          if (mine.some((p) => theirs.includes(p))) continue;
          const people = [...mine, ...theirs];
          const before = runsOf(people, session);
          move(mi, from, to);
          move(other, to, from);
          if (runsOf(people, session) < before) {
            swapped = true;
            break;
          }
          move(other, from, to);
          move(mi, to, from);
        }
        if (swapped) {
          improved = true;
          break;
        }
      }
    }
  }
}
