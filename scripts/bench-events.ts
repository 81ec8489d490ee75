/**
 * `npm run bench:events`: schedules synthetic matching events with the event service's solver —
 * 300 participants with 3,000 accepted requests (2 sessions of 8 slots, 40 tables) and 1,000
 * participants with 10,000 (2 sessions of 8 slots, 134 tables: the same tables per participant) —
 * and prints the time, the meetings placed, the gap of their worth to the solver's bound (the
 * schedule's first aim) and the runs and idle slots left by compaction (its second). Availability: each
 * participant misses a slot with probability 0.1; scores uniform in 0..1; seeded, so each run
 * schedules the same events. `-- --time-limit S` sets the solver's limit (default 10 / 60 s).
 */
import { solveSchedule } from '../server/domain/events/solve-schedule.ts';
import type { ScheduleInput } from '../server/domain/events/schedule-model.ts';
import { seededRng } from '../server/domain/graph/seeded-rng.ts';
import { recordFigures } from './lib/bench-figures.ts';

interface Case {
  participants: number;
  requests: number;
  tables: number;
  maxMeetings: number;
  timeLimitS: number;
}

const CASES: Case[] = [
  { participants: 300, requests: 3_000, tables: 40, maxMeetings: 12, timeLimitS: 10 },
  { participants: 1_000, requests: 10_000, tables: 134, maxMeetings: 12, timeLimitS: 60 },
];

function syntheticEvent(c: Case, seed: number): ScheduleInput {
  const rng = seededRng(seed);
  const slots = Array.from({ length: 16 }, (_, i) => ({ index: i, session: i < 8 ? 's1' : 's2' }));
  const participants = Array.from({ length: c.participants }, (_, i) => ({ id: `p${i}`, slots: slots.filter(() => rng() >= 0.1).map((s) => s.index) }));
  const seen = new Set<string>();
  const meetings: ScheduleInput['meetings'][number][] = [];
  while (meetings.length < c.requests) {
    const a = Math.floor(rng() * c.participants);
    const b = Math.floor(rng() * c.participants);
    const key = a < b ? `${a}-${b}` : `${b}-${a}`;
    if (a === b || seen.has(key)) continue;
    seen.add(key);
    meetings.push({ id: `m${meetings.length}`, a: `p${a}`, b: `p${b}`, score: rng() });
  }
  return { slots, tables: slots.map(() => c.tables), participants, maxMeetings: c.maxMeetings, meetings };
}

const limitArg = process.argv.indexOf('--time-limit');
const override = limitArg > 0 ? Number(process.argv[limitArg + 1]) : undefined;

console.log('participants  requests  tables  placed  capacity  seconds  gap      runs   idle  status');
for (const c of CASES) {
  const input = syntheticEvent(c, 12);
  const started = performance.now();
  const s = await solveSchedule(input, { timeLimitS: override ?? c.timeLimitS, mipRelGap: 0.001 });
  const seconds = (performance.now() - started) / 1000;
  const capacity = c.tables * 16;
  recordFigures('events', { participants: c.participants, requests: c.requests, tables: c.tables, placed: s.placements.length, capacity, seconds: Math.round(seconds * 10) / 10, gap: s.gap, runs: s.runs, idleSlots: s.idleSlots, status: s.status });
  console.log(
    `${String(c.participants).padStart(12)}  ${String(c.requests).padStart(8)}  ${String(c.tables).padStart(6)}  ${String(s.placements.length).padStart(6)}  ${String(capacity).padStart(8)}  ${seconds.toFixed(1).padStart(7)}  ${(s.gap * 100).toFixed(2).padStart(5)} %  ${String(s.runs).padStart(5)}  ${String(s.idleSlots).padStart(5)}  ${s.status} (${s.variables} variables)`,
  );
}
