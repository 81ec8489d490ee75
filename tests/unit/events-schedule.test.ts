import { describe, expect, it } from 'vitest';
import { buildScheduleModel, buildSessionModel, DEFAULT_WEIGHTS, scheduleWorth, type ScheduleInput } from '../../server/domain/events/schedule-model.ts';
import { countIdleSlots, solveSchedule } from '../../server/domain/events/solve-schedule.ts';
import { seededRng } from '../../server/domain/graph/seeded-rng.ts';

const slots = (n: number, perSession = n) => Array.from({ length: n }, (_, i) => ({ index: i, session: `s${Math.floor(i / perSession) + 1}` }));

/** Checks every hard rule of a schedule against its input, independently of the solver. */
function checkSchedule(input: ScheduleInput, placements: { meeting: string; slot: number; table: number }[]) {
  const byId = new Map(input.meetings.map((m) => [m.id, m]));
  const avail = new Map(input.participants.map((p) => [p.id, new Set(p.slots)]));
  const seen = new Set<string>();
  const count = new Map<string, number>();
  for (const p of placements) {
    const m = byId.get(p.meeting)!;
    expect(seen.has(p.meeting), 'placed twice').toBe(false);
    seen.add(p.meeting);
    for (const who of [m.a, m.b]) {
      const key = `${who}@${p.slot}`;
      expect(seen.has(key), `${who} double-booked in slot ${p.slot}`).toBe(false);
      seen.add(key);
      if (!m.pinned) expect(avail.get(who)!.has(p.slot), `${who} not available in ${p.slot}`).toBe(true);
      count.set(who, (count.get(who) ?? 0) + 1);
    }
    expect(p.table).toBeGreaterThanOrEqual(1);
    expect(p.table).toBeLessThanOrEqual(input.tables[p.slot]);
    const tableKey = `t${p.table}@${p.slot}`;
    expect(seen.has(tableKey), `table ${p.table} twice in slot ${p.slot}`).toBe(false);
    seen.add(tableKey);
  }
  for (const n of count.values()) expect(n).toBeLessThanOrEqual(input.maxMeetings);
}

describe('the schedule model', () => {
  it('has a column only for slots both sides are available in, and a fixed one for a pinned meeting', () => {
    const input: ScheduleInput = {
      slots: slots(4),
      tables: [1, 1, 1, 1],
      participants: [{ id: 'a', slots: [0, 1, 2] }, { id: 'b', slots: [1, 2, 3] }, { id: 'c', slots: [3] }],
      maxMeetings: 3,
      meetings: [{ id: 'ab', a: 'a', b: 'b', score: 1 }, { id: 'ac', a: 'a', b: 'c', score: 0 }, { id: 'bc', a: 'b', b: 'c', score: 0, pinned: { slot: 3, table: 1 } }],
      weights: { idle: 0 },
    };
    const model = buildScheduleModel(input);
    const pairs = Array.from({ length: model.meetingCols }, (_, j) => `${input.meetings[model.colMeeting[j]].id}@${model.colSlot[j]}`);
    expect(pairs).toEqual(['ab@1', 'ab@2', 'bc@3']);
    expect(model.noCommonSlot).toEqual([1]);
    expect(model.colLower[2]).toBe(1);
    // Stage 1 groups by session: one session here, so one column per meeting with a common slot.
    expect(buildSessionModel(input).meetingCols).toBe(2);
  });
});

describe('the solver', () => {
  it('finds the known optimum of a small case: a triangle of meetings in two slots places two', async () => {
    // a-b, b-c, a-c all want to meet; two slots, tables enough: a triangle needs three slots, so two fit.
    const input: ScheduleInput = {
      slots: slots(2),
      tables: [5, 5],
      participants: ['a', 'b', 'c'].map((id) => ({ id, slots: [0, 1] })),
      maxMeetings: 5,
      meetings: [{ id: 'ab', a: 'a', b: 'b', score: 0.2 }, { id: 'bc', a: 'b', b: 'c', score: 1 }, { id: 'ac', a: 'a', b: 'c', score: 0.9 }],
    };
    const s = await solveSchedule(input);
    expect(s.placements).toHaveLength(2);
    // The two best-scored meetings win: bc and ac (each side's first meeting counts the same).
    expect(s.placements.map((p: { meeting: string }) => p.meeting).sort()).toEqual(['ac', 'bc']);
    expect(s.unplaced).toEqual([{ meeting: 'ab', reason: 'sides_busy' }]);
    expect(s.gap).toBeLessThanOrEqual(0.001);
    // The worth of the two meetings; c meets twice, back to back: three runs in all.
    expect(s.worth).toBeCloseTo(scheduleWorth(input, [1, 2]), 6);
    expect(s.runs).toBe(3);
    checkSchedule(input, s.placements);
  });

  it('uses no more tables than a slot has and says so for what is left', async () => {
    const input: ScheduleInput = {
      slots: slots(1),
      tables: [2],
      participants: ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => ({ id, slots: [0] })),
      maxMeetings: 1,
      meetings: [{ id: 'ab', a: 'a', b: 'b', score: 0.5 }, { id: 'cd', a: 'c', b: 'd', score: 0.9 }, { id: 'ef', a: 'e', b: 'f', score: 0.1 }],
    };
    const s = await solveSchedule(input);
    expect(s.placements.map((p) => p.meeting).sort()).toEqual(['ab', 'cd']);
    expect(s.placements.map((p) => p.table).sort()).toEqual([1, 2]);
    expect(s.unplaced).toEqual([{ meeting: 'ef', reason: 'tables_full' }]);
  });

  it('gives the reasons: no common slot, a side at its maximum', async () => {
    const input: ScheduleInput = {
      slots: slots(3),
      tables: [5, 5, 5],
      participants: [{ id: 'a', slots: [0, 1, 2] }, { id: 'b', slots: [0, 1, 2] }, { id: 'c', slots: [0, 1, 2] }, { id: 'd', slots: [2] }, { id: 'e', slots: [0] }],
      maxMeetings: 1,
      meetings: [{ id: 'ab', a: 'a', b: 'b', score: 1 }, { id: 'ac', a: 'a', b: 'c', score: 0 }, { id: 'de', a: 'd', b: 'e', score: 1 }],
    };
    const s = await solveSchedule(input);
    const reasons = Object.fromEntries(s.unplaced.map((u) => [u.meeting, u.reason]));
    expect(reasons).toEqual({ ac: 'max_meetings', de: 'no_common_availability' });
  });

  it('keeps pinned meetings where they are and schedules the others around them', async () => {
    const input: ScheduleInput = {
      slots: slots(3),
      tables: [1, 1, 1],
      participants: ['a', 'b', 'c'].map((id) => ({ id, slots: [0, 1, 2] })),
      maxMeetings: 3,
      meetings: [{ id: 'ab', a: 'a', b: 'b', score: 0, pinned: { slot: 1, table: 1 } }, { id: 'bc', a: 'b', b: 'c', score: 1 }, { id: 'ac', a: 'a', b: 'c', score: 1 }],
    };
    const s = await solveSchedule(input);
    expect(s.placements.find((p) => p.meeting === 'ab')).toEqual({ meeting: 'ab', slot: 1, table: 1 });
    expect(s.placements).toHaveLength(3);
    checkSchedule(input, s.placements);
  });

  it('packs a participant’s meetings together: no idle slot when none is needed', async () => {
    // a meets b and c; four slots, one table each: compact means adjacent slots.
    const input: ScheduleInput = {
      slots: slots(4),
      tables: [1, 1, 1, 1],
      participants: ['a', 'b', 'c'].map((id) => ({ id, slots: [0, 1, 2, 3] })),
      maxMeetings: 4,
      meetings: [{ id: 'ab', a: 'a', b: 'b', score: 0.5 }, { id: 'ac', a: 'a', b: 'c', score: 0.5 }],
    };
    const s = await solveSchedule(input);
    expect(s.placements).toHaveLength(2);
    expect(s.idleSlots).toBe(0);
    const [x, y] = s.placements.map((p) => p.slot).sort();
    expect(y - x).toBe(1);
  });

  it('keeps every rule on a random event, and counts idle slots as an independent count does', async () => {
    const rng = seededRng(3);
    const n = 30;
    const sl = slots(8, 4);
    const input: ScheduleInput = {
      slots: sl,
      tables: sl.map(() => 4),
      participants: Array.from({ length: n }, (_, i) => ({ id: `p${i}`, slots: sl.filter(() => rng() < 0.8).map((s) => s.index) })),
      maxMeetings: 3,
      meetings: Array.from({ length: 60 }, (_, i) => {
        const a = Math.floor(rng() * n);
        const b = (a + 1 + Math.floor(rng() * (n - 1))) % n;
        return { id: `m${i}`, a: `p${a}`, b: `p${b}`, score: rng() };
      }),
    };
    const s = await solveSchedule(input, { timeLimitS: 5 });
    checkSchedule(input, s.placements);
    expect(s.placements.length + s.unplaced.length).toBe(60);
    expect(s.bound).toBeGreaterThanOrEqual(s.worth - 1e-6);
    const byId = new Map(input.meetings.map((m) => [m.id, m]));
    const people = s.placements.map((p) => ({ slot: p.slot, people: [byId.get(p.meeting)!.a, byId.get(p.meeting)!.b] }));
    let idle = 0;
    for (const who of input.participants.map((p) => p.id)) {
      for (const session of ['s1', 's2']) {
        const mine = people.filter((x) => x.people.includes(who) && sl[x.slot].session === session).map((x) => x.slot);
        if (mine.length) idle += Math.max(...mine) - Math.min(...mine) + 1 - mine.length;
      }
    }
    expect(countIdleSlots(people, (x) => sl[x].session)).toBe(idle);
    expect(s.idleSlots).toBe(idle);
  });
});
