import { describe, expect, it } from 'vitest';
import { fillGreedily, placeByPreference } from '../../server/domain/events/greedy-placement.ts';
import type { ScheduleInput } from '../../server/domain/events/schedule-model.ts';
import { countRuns, solveSchedule } from '../../server/domain/events/solve-schedule.ts';
import { seededRng } from '../../server/domain/graph/seeded-rng.ts';

const slots = (n: number, perSession = n) => Array.from({ length: n }, (_, i) => ({ index: i, session: `s${Math.floor(i / perSession) + 1}` }));

function randomEvent(seed: number, n: number, requests: number, tables: number, maxMeetings: number): ScheduleInput {
  const rng = seededRng(seed);
  const sl = slots(16, 8);
  const seen = new Set<string>();
  const meetings: ScheduleInput['meetings'][number][] = [];
  while (meetings.length < requests) {
    const a = Math.floor(rng() * n);
    const b = Math.floor(rng() * n);
    const key = a < b ? `${a}-${b}` : `${b}-${a}`;
    if (a === b || seen.has(key)) continue;
    seen.add(key);
    meetings.push({ id: `m${meetings.length}`, a: `p${a}`, b: `p${b}`, score: rng() });
  }
  return {
    slots: sl,
    tables: sl.map(() => tables),
    participants: Array.from({ length: n }, (_, i) => ({ id: `p${i}`, slots: sl.filter(() => rng() >= 0.1).map((s) => s.index) })),
    maxMeetings,
    meetings,
  };
}

/** Every hard rule, checked independently of the placer. */
function expectValid(input: ScheduleInput, slotOf: ReadonlyMap<number, number>) {
  const avail = new Map(input.participants.map((p) => [p.id, new Set(p.slots)]));
  const busy = new Set<string>();
  const count = new Map<string, number>();
  const perSlot = new Map<number, number>();
  for (const [mi, s] of slotOf) {
    const m = input.meetings[mi];
    for (const p of [m.a, m.b]) {
      expect(busy.has(`${p}@${s}`), `${p} double-booked in ${s}`).toBe(false);
      busy.add(`${p}@${s}`);
      if (!m.pinned) expect(avail.get(p)!.has(s)).toBe(true);
      count.set(p, (count.get(p) ?? 0) + 1);
    }
    perSlot.set(s, (perSlot.get(s) ?? 0) + 1);
  }
  for (const n of count.values()) expect(n).toBeLessThanOrEqual(input.maxMeetings);
  for (const [s, n] of perSlot) expect(n).toBeLessThanOrEqual(input.tables[s]);
}

describe('greedy placement', () => {
  it('gives everyone a first meeting before anyone a second (fairness rounds)', () => {
    // Two slots of one table: a's second meeting (ac, well scored) would cost e and f their only one.
    const input: ScheduleInput = {
      slots: slots(2),
      tables: [1, 1],
      participants: ['a', 'b', 'c', 'e', 'f'].map((id) => ({ id, slots: [0, 1] })),
      maxMeetings: 2,
      meetings: [
        { id: 'ab', a: 'a', b: 'b', score: 1 },
        { id: 'ac', a: 'a', b: 'c', score: 0.9 },
        { id: 'ef', a: 'e', b: 'f', score: 0.1 },
      ],
    };
    const placed = fillGreedily(input);
    expectValid(input, placed);
    expect([...placed.keys()].map((mi) => input.meetings[mi].id).sort()).toEqual(['ab', 'ef']);
  });

  it('puts a meeting next to the two sides’ other meetings', () => {
    const input: ScheduleInput = {
      slots: slots(4),
      tables: [1, 1, 1, 1],
      participants: ['a', 'b', 'c'].map((id) => ({ id, slots: [0, 1, 2, 3] })),
      maxMeetings: 4,
      meetings: [{ id: 'ab', a: 'a', b: 'b', score: 1, pinned: { slot: 2, table: 1 } }, { id: 'ac', a: 'a', b: 'c', score: 0.5 }],
    };
    const placed = fillGreedily(input);
    expect(placed.get(0)).toBe(2);
    // Slot 1 or 3 touches a's pinned meeting; the earliest of those is 1.
    expect(placed.get(1)).toBe(1);
  });

  it('follows the preferred sessions of a relaxation, in the order of its values', () => {
    const input = randomEvent(5, 40, 200, 4, 6);
    const preference = new Map(input.meetings.map((_, mi) => [mi, [{ session: mi % 2 ? 's2' : 's1', value: 0.9 }, { session: mi % 2 ? 's1' : 's2', value: 0.1 }]]));
    const placed = placeByPreference(input, preference);
    expectValid(input, placed);
    const inPreferred = [...placed].filter(([mi, s]) => (mi % 2 ? s >= 8 : s < 8)).length;
    expect(inPreferred / placed.size).toBeGreaterThan(0.8);
  });
});

describe('a large event through stage 1’s LP and compaction', () => {
  it('keeps every rule, proves a bound at least its worth and the exact optimum, and compacts the greedy schedule', async () => {
    const input = randomEvent(9, 60, 400, 6, 8);
    const exact = await solveSchedule(input, { timeLimitS: 8 });
    const staged = await solveSchedule(input, { timeLimitS: 5, wholeModelMaxPairs: 0 });
    const byId = new Map(input.meetings.map((m, mi) => [m.id, mi]));
    const slotOf = new Map(staged.placements.map((p) => [byId.get(p.meeting)!, p.slot]));
    expectValid(input, slotOf);
    expect(staged.placements.length + staged.unplaced.length).toBe(400);
    expect(staged.bound).toBeGreaterThanOrEqual(staged.worth - 1e-6);
    // The LP bound bounds every schedule, the exact programme's best one included.
    expect(staged.bound).toBeGreaterThanOrEqual(exact.worth - 1e-6);
    expect(staged.gap).toBeLessThan(0.02);
    const greedy = fillGreedily(input);
    const sessionOf = (s: number) => input.slots[s].session;
    const runsOf = (placed: Map<number, number>) => countRuns([...placed].map(([mi, s]) => ({ slot: s, people: [input.meetings[mi].a, input.meetings[mi].b] })), sessionOf);
    expect(staged.runs).toBe(runsOf(slotOf));
    expect(staged.runs).toBeLessThan(runsOf(greedy));
  }, 60_000);
});
