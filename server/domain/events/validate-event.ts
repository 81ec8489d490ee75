/**
 * The checks of an event and of a participant's availability: every bad field is a 400 that names
 * it (`sessions[1].meetingMinutes`, `availability[0].to`), with what would be right. Pure: the
 * routes pass the JSON body, the service stores what comes out.
 */
import type { EventAvailability, EventBody, EventBreak, EventRequestMode, EventSession, EventSettings } from '../../contract/api.ts';
import { badRequest, type AppError } from '../errors.ts';
import { parseDay } from '../introductions/introduction-steps.ts';
import { formatTime, parseTime, sessionSlotTimes } from './event-slots.ts';

export const REQUEST_MODES: readonly EventRequestMode[] = ['accept', 'auto'];
export const EVENT_LIMITS = { name: 200, venue: 300, sessions: 20, breaks: 10, tables: 1000, maxMeetings: 100, meetingMinutes: { min: 5, max: 240 }, days: 14 } as const;

/** An event's settings as stored (everything but its id and timestamps). */
export type EventSpec = EventSettings;

const DAY_MS = 86_400_000;
const fieldError = (field: string, message: string): AppError => badRequest(`Field '${field}': ${message}.`, { field });

function text(v: unknown, field: string, max: number, required: boolean): string | undefined {
  if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '' && !required)) {
    if (required) throw fieldError(field, 'required');
    return undefined;
  }
  if (typeof v !== 'string') throw fieldError(field, 'give it as text');
  const t = v.trim();
  if (t === '') throw fieldError(field, 'required (empty)');
  if (t.length > max) throw fieldError(field, `at most ${max} characters (${t.length} given)`);
  return t;
}

function int(v: unknown, field: string, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v)) throw fieldError(field, `a whole number from ${min} to ${max}`);
  if (v < min || v > max) throw fieldError(field, `${v} is outside ${min} to ${max}`);
  return v;
}

function day(v: unknown, field: string): string {
  if (typeof v !== 'string' || parseDay(v) === undefined) throw fieldError(field, `${JSON.stringify(v ?? null)} is not a date in the form YYYY-MM-DD`);
  return v;
}

function time(v: unknown, field: string): number {
  const t = parseTime(v);
  if (t === undefined) throw fieldError(field, `${JSON.stringify(v ?? null)} is not a time in the form HH:MM`);
  return t;
}

function breaksOf(v: unknown, field: string, start: number, end: number): EventBreak[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw fieldError(field, 'a list of {start, end}');
  if (v.length > EVENT_LIMITS.breaks) throw fieldError(field, `at most ${EVENT_LIMITS.breaks} breaks`);
  return v.map((b: unknown, i) => {
    const f = `${field}[${i}]`;
    if (typeof b !== 'object' || b === null) throw fieldError(f, 'an object {start, end}');
    const bs = time((b as EventBreak).start, `${f}.start`);
    const be = time((b as EventBreak).end, `${f}.end`);
    if (be <= bs) throw fieldError(`${f}.end`, 'a break ends after it starts');
    if (bs < start || be > end) throw fieldError(f, `the break ${formatTime(bs)}–${formatTime(be)} is outside its session (${formatTime(start)}–${formatTime(end)})`);
    return { start: formatTime(bs), end: formatTime(be) };
  });
}

function sessionsOf(v: unknown, startDate: string, endDate: string, tables: number): EventSession[] {
  if (!Array.isArray(v) || v.length === 0) throw fieldError('sessions', 'at least one session {date, start, end, meetingMinutes, breaks?, tables?}');
  if (v.length > EVENT_LIMITS.sessions) throw fieldError('sessions', `at most ${EVENT_LIMITS.sessions} sessions`);
  const ids = new Set<string>();
  const sessions = v.map((raw: unknown, i): EventSession => {
    const f = `sessions[${i}]`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw fieldError(f, 'an object {date, start, end, meetingMinutes, breaks?, tables?}');
    const s = raw as Record<string, unknown>;
    const id = text(s.id, `${f}.id`, 40, false) ?? `s${i + 1}`;
    if (!/^[A-Za-z0-9_-]+$/.test(id)) throw fieldError(`${f}.id`, 'letters, digits, - and _ only');
    if (ids.has(id)) throw fieldError(`${f}.id`, `'${id}' is given twice`);
    ids.add(id);
    const date = day(s.date, `${f}.date`);
    if (date < startDate || date > endDate) throw fieldError(`${f}.date`, `${date} is outside the event (${startDate} to ${endDate})`);
    const start = time(s.start, `${f}.start`);
    const end = time(s.end, `${f}.end`);
    if (end <= start) throw fieldError(`${f}.end`, 'a session ends after it starts');
    const meetingMinutes = int(s.meetingMinutes, `${f}.meetingMinutes`, EVENT_LIMITS.meetingMinutes.min, EVENT_LIMITS.meetingMinutes.max);
    if (meetingMinutes > end - start) throw fieldError(`${f}.meetingMinutes`, `a meeting of ${meetingMinutes} minutes is longer than its session (${end - start} minutes)`);
    const breaks = breaksOf(s.breaks, `${f}.breaks`, start, end);
    const own = s.tables === undefined || s.tables === null ? undefined : int(s.tables, `${f}.tables`, 1, EVENT_LIMITS.tables);
    if (own !== undefined && own > tables) throw fieldError(`${f}.tables`, `${own} tables, but the event has ${tables}`);
    const session: EventSession = { id, date, start: formatTime(start), end: formatTime(end), meetingMinutes, breaks, ...(own !== undefined ? { tables: own } : {}) };
    if (sessionSlotTimes(session).length === 0) throw fieldError(`${f}.breaks`, `no meeting of ${meetingMinutes} minutes fits between the breaks`);
    return session;
  });
  // Two sessions of one day may not overlap: a participant cannot sit at two tables at once.
  for (let i = 0; i < sessions.length; i++) {
    for (let j = 0; j < i; j++) {
      const a = sessions[i];
      const b = sessions[j];
      if (a.date === b.date && parseTime(a.start)! < parseTime(b.end)! && parseTime(b.start)! < parseTime(a.end)!) throw fieldError(`sessions[${i}]`, `overlaps session '${b.id}' on ${a.date}`);
    }
  }
  return sessions;
}

/**
 * An event's settings from a JSON body: a new event (`current` undefined: every field required)
 * or a change of one (fields left out keep their values).
 */
export function validateEvent(body: Partial<EventBody> | Record<string, unknown>, current?: EventSpec): EventSpec {
  const b = body as Record<string, unknown>;
  const has = (k: string) => b[k] !== undefined;
  const name = has('name') || !current ? text(b.name, 'name', EVENT_LIMITS.name, true)! : current.name;
  const name_ja = has('name_ja') || !current ? text(b.name_ja, 'name_ja', EVENT_LIMITS.name, true)! : current.name_ja;
  const venue = has('venue') || !current ? text(b.venue, 'venue', EVENT_LIMITS.venue, true)! : current.venue;
  const venue_ja = has('venue_ja') ? text(b.venue_ja, 'venue_ja', EVENT_LIMITS.venue, false) : current?.venue_ja;
  const startDate = has('startDate') || !current ? day(b.startDate, 'startDate') : current.startDate;
  const endDate = has('endDate') || !current ? day(b.endDate, 'endDate') : current.endDate;
  if (endDate < startDate) throw fieldError('endDate', `${endDate} is before the start (${startDate})`);
  if ((Date.parse(endDate) - Date.parse(startDate)) / DAY_MS >= EVENT_LIMITS.days) throw fieldError('endDate', `an event lasts at most ${EVENT_LIMITS.days} days`);
  const tables = has('tables') || !current ? int(b.tables, 'tables', 1, EVENT_LIMITS.tables) : current.tables;
  const maxMeetingsPerParticipant = has('maxMeetingsPerParticipant') || !current ? int(b.maxMeetingsPerParticipant, 'maxMeetingsPerParticipant', 1, EVENT_LIMITS.maxMeetings) : current.maxMeetingsPerParticipant;
  let requestMode = current?.requestMode;
  if (has('requestMode') || !current) {
    requestMode = REQUEST_MODES.find((m) => m === b.requestMode);
    if (!requestMode) throw fieldError('requestMode', `${JSON.stringify(b.requestMode ?? null)} is not one of ${REQUEST_MODES.join(', ')}`);
  }
  const sessions = has('sessions') || !current ? sessionsOf(b.sessions, startDate, endDate, tables) : sessionsOf(current.sessions, startDate, endDate, tables);
  return { name, name_ja, startDate, endDate, venue, ...(venue_ja ? { venue_ja } : {}), sessions, tables, maxMeetingsPerParticipant, requestMode: requestMode! };
}

/**
 * A participant's availability, checked against the event's sessions: a session it names must
 * exist, and `from`/`to` lie inside it. Every session, whole, when none is given.
 */
export function validateAvailability(v: unknown, sessions: readonly EventSession[]): EventAvailability[] {
  if (v === undefined || v === null) return sessions.map((s) => ({ session: s.id }));
  if (!Array.isArray(v)) throw fieldError('availability', 'a list of {session, from?, to?}');
  if (v.length > sessions.length * 4) throw fieldError('availability', `at most ${sessions.length * 4} entries`);
  return v.map((raw: unknown, i): EventAvailability => {
    const f = `availability[${i}]`;
    if (typeof raw !== 'object' || raw === null) throw fieldError(f, 'an object {session, from?, to?}');
    const a = raw as Record<string, unknown>;
    const session = sessions.find((s) => s.id === a.session);
    if (!session) throw fieldError(`${f}.session`, `no session '${String(a.session)}' in this event (${sessions.map((s) => s.id).join(', ')})`);
    const ss = parseTime(session.start)!;
    const se = parseTime(session.end)!;
    const from = a.from === undefined || a.from === null ? ss : time(a.from, `${f}.from`);
    const to = a.to === undefined || a.to === null ? se : time(a.to, `${f}.to`);
    if (from < ss || from >= se) throw fieldError(`${f}.from`, `${formatTime(from)} is outside the event's session '${session.id}' (${session.date} ${session.start}–${session.end})`);
    if (to <= from || to > se) throw fieldError(`${f}.to`, `${formatTime(to)} is outside the event's session '${session.id}' (${session.date} ${session.start}–${session.end}) or not after ${formatTime(from)}`);
    return { session: session.id, ...(a.from !== undefined && a.from !== null ? { from: formatTime(from) } : {}), ...(a.to !== undefined && a.to !== null ? { to: formatTime(to) } : {}) };
  });
}

/** The slots (indices) a participant is available in: those wholly inside one of its availabilities. */
export function availableSlots(availability: readonly EventAvailability[], slots: readonly { index: number; session: string; start: string; end: string }[], sessions: readonly EventSession[]): number[] {
  const out: number[] = [];
  for (const slot of slots) {
    const session = sessions.find((s) => s.id === slot.session)!;
    const ok = availability.some((a) => {
      if (a.session !== slot.session) return false;
      const from = parseTime(a.from ?? session.start)!;
      const to = parseTime(a.to ?? session.end)!;
      return parseTime(slot.start)! >= from && parseTime(slot.end)! <= to;
    });
    if (ok) out.push(slot.index);
  }
  return out;
}
