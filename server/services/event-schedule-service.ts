/**
 * The schedule of a matching event: the accepted meetings of registered participants placed by
 * the solver (domain/events/solve-schedule.ts; in a worker thread for large events) around the
 * pinned ones, written in one transaction with its summary; a coordinator pins or moves a meeting.
 */
import type { EventMeeting, EventScheduleResponse, EventScheduleSummary } from '../contract/api.ts';
import type { User } from '../domain/auth/roles.ts';
import { eventSlots, tablesOf } from '../domain/events/event-slots.ts';
import { UNPLACED_TEXTS, type MeetingRecord } from '../domain/events/meeting-steps.ts';
import { solveSchedule, type ScheduleSolution } from '../domain/events/solve-schedule.ts';
import type { ScheduleInput } from '../domain/events/schedule-model.ts';
import { availableSlots } from '../domain/events/validate-event.ts';
import { badRequest, conflict } from '../domain/errors.ts';
import * as store from '../store/event-store.ts';
import type { EventContext } from './event-context.ts';
import { inWorker } from './offload.ts';

/** From this many meeting × slot pairs on, the solver runs in a worker thread (it blocks for over ~100 ms). */
const WORKER_MIN_PAIRS = 2_000;
const SOLVE_MODULE = new URL('../domain/events/solve-schedule.ts', import.meta.url);

export function eventScheduleService(x: EventContext) {
  const { client, deps, now, context, audit, mayManage, event, viewMeeting, visibleMeeting, stepWrite } = x;

  /** The solver's input: accepted meetings of registered participants, pinned ones fixed. */
  function scheduleInput(e: store.EventRecord, ps: readonly store.ParticipantRecord[], ms: readonly MeetingRecord[]): ScheduleInput {
    const slots = eventSlots(e.spec.sessions);
    const tables = tablesOf(e.spec.sessions, e.spec.tables);
    const registered = new Set(ps.map((p) => p.actorId));
    return {
      slots,
      tables: slots.map((s) => tables.get(s.session) ?? e.spec.tables),
      participants: ps.map((p) => ({ id: p.actorId, slots: availableSlots(p.availability, slots, e.spec.sessions) })),
      maxMeetings: e.spec.maxMeetingsPerParticipant,
      meetings: ms
        .filter((m) => m.status === 'accepted' && registered.has(m.requesterId) && registered.has(m.targetId))
        .map((m) => ({ id: m.id, a: m.requesterId, b: m.targetId, score: m.score, ...(m.pinned && m.slot !== undefined ? { pinned: { slot: m.slot, table: m.table! } } : {}) })),
    };
  }

  async function solve(input: ScheduleInput): Promise<ScheduleSolution> {
    const pairs = input.meetings.length * input.slots.length;
    const options = deps.solve ?? {};
    if (pairs < WORKER_MIN_PAIRS) return solveSchedule(input, options);
    return inWorker(SOLVE_MODULE, 'solveSchedule', [input, options], () => solveSchedule(input, options));
  }

  /** Pinned meetings must not clash: one participant twice in a slot, or one table twice. */
  function checkPins(input: ScheduleInput): void {
    const seen = new Map<string, string>();
    for (const m of input.meetings) {
      if (!m.pinned) continue;
      for (const key of [`p:${m.a}:${m.pinned.slot}`, `p:${m.b}:${m.pinned.slot}`, `t:${m.pinned.table}:${m.pinned.slot}`]) {
        const other = seen.get(key);
        if (other) throw conflict(`Pinned meetings '${other}' and '${m.id}' clash in slot ${m.pinned.slot}; move or unpin one.`, { meetings: [other, m.id] });
        seen.set(key, m.id);
      }
    }
  }

  return {
    /** Runs the scheduler around the pinned meetings and writes every place in one transaction. */
    async schedule(user: User, eventId: string): Promise<EventScheduleResponse> {
      mayManage(user);
      const e = await event(eventId);
      const [ps, ms] = await Promise.all([store.participants(client, eventId), store.meetings(client, eventId)]);
      const input = scheduleInput(e, ps, ms);
      checkPins(input);
      const solution = await solve(input);
      const texts = UNPLACED_TEXTS;
      const summary: EventScheduleSummary = {
        ranAt: now().toISOString(),
        status: solution.status,
        accepted: input.meetings.length,
        placed: solution.placements.length,
        pinned: input.meetings.filter((m) => m.pinned).length,
        unplaced: solution.unplaced.map((u) => ({ meeting: u.meeting, reason: u.reason, text: texts[u.reason].en, text_ja: texts[u.reason].ja })),
        objective: solution.worth,
        bound: solution.bound,
        gap: solution.gap,
        seconds: solution.seconds,
        idleSlots: solution.idleSlots,
        runs: solution.runs,
        variables: solution.variables,
        constraints: solution.constraints,
      };
      const placed = new Map(solution.placements.map((p) => [p.meeting, p]));
      const places = input.meetings.map((m) => ({ id: m.id, slot: placed.get(m.id)?.slot ?? null, table: placed.get(m.id)?.table ?? null }));
      await store.writeSchedule(client, eventId, places, summary, summary.ranAt, audit(user, 'schedule', eventId, null, { placed: summary.placed, accepted: summary.accepted, gap: summary.gap, status: summary.status }));
      const ctx = await context({ user });
      return { schedule: summary, meetings: (await store.meetings(client, eventId)).map((m) => viewMeeting(m, e, ctx, user)) };
    },

    /** Moves an accepted meeting to `slot` and `table` and keeps it there (a re-run leaves it). */
    async pin(user: User, id: string, place: { slot: number; table: number } | null): Promise<EventMeeting> {
      mayManage(user);
      const { m, e } = await visibleMeeting(user, id);
      if (m.status !== 'accepted') throw conflict(`This meeting is '${m.status}': only accepted meetings are placed.`, { status: m.status });
      let next: MeetingRecord;
      if (place === null) next = { ...m, pinned: false, updatedAt: now().toISOString() };
      else {
        const slots = eventSlots(e.spec.sessions);
        const slot = slots[place.slot];
        if (!slot) throw badRequest(`Field 'slot': no slot ${place.slot} (0 to ${slots.length - 1}).`, { field: 'slot' });
        const tables = tablesOf(e.spec.sessions, e.spec.tables).get(slot.session) ?? e.spec.tables;
        if (place.table > tables) throw badRequest(`Field 'table': table ${place.table} does not exist (this session has ${tables} tables).`, { field: 'table' });
        const ps = await store.participants(client, e.id);
        for (const [side, actorId] of [['requester', m.requesterId], ['target', m.targetId]] as const) {
          const p = ps.find((x) => x.actorId === actorId);
          if (!p || !availableSlots(p.availability, slots, e.spec.sessions).includes(place.slot)) throw badRequest(`Field 'slot': the ${side} is not available in slot ${place.slot} (${slot.date} ${slot.start}).`, { field: 'slot' });
        }
        const clash = (await store.meetings(client, e.id)).find(
          (o) => o.id !== m.id && o.status === 'accepted' && o.slot === place.slot && (o.table === place.table || [o.requesterId, o.targetId].some((x) => x === m.requesterId || x === m.targetId)),
        );
        if (clash) throw conflict(`Slot ${place.slot} ${clash.table === place.table ? `table ${place.table} is taken` : 'has a side of this meeting busy'} by meeting '${clash.id}'; move or unpin that one first.`, { meeting: clash.id });
        next = { ...m, slot: place.slot, table: place.table, pinned: true, updatedAt: now().toISOString() };
      }
      const written = await stepWrite(user, m, next, place ? 'pin' : 'unpin', place);
      return viewMeeting(written, e, await context({ user }), user);
    },

  };
}
