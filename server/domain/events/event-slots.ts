/**
 * The time slots of an event: each session cut into meetings of its length from its start, a
 * slot never overlapping a break (the next slot starts when the break ends) and never running
 * past the session's end. Slots are numbered across the event, session by session, from 0. Times
 * are minutes since midnight, Japan's clock.
 */
import type { EventSession, EventSlot } from '../../contract/api.ts';

/** `HH:MM` (00:00 to 24:00) as minutes since midnight, or undefined. */
export function parseTime(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const m = /^(\d{2}):(\d{2})$/.exec(text.trim());
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 24 || min > 59 || (h === 24 && min > 0)) return undefined;
  return h * 60 + min;
}

export function formatTime(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** The slots of one session, as [start, end) minute pairs. */
export function sessionSlotTimes(session: Pick<EventSession, 'start' | 'end' | 'meetingMinutes' | 'breaks'>): [number, number][] {
  const start = parseTime(session.start)!;
  const end = parseTime(session.end)!;
  const breaks = session.breaks.map((b) => [parseTime(b.start)!, parseTime(b.end)!] as const).sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  let t = start;
  while (t + session.meetingMinutes <= end) {
    const clash = breaks.find(([bs, be]) => t < be && t + session.meetingMinutes > bs);
    if (clash) {
      t = Math.max(t, clash[1]);
      continue;
    }
    out.push([t, t + session.meetingMinutes]);
    t += session.meetingMinutes;
  }
  return out;
}

/** Every slot of the event, numbered from 0 in session order. */
export function eventSlots(sessions: readonly EventSession[]): EventSlot[] {
  const slots: EventSlot[] = [];
  for (const s of sessions) {
    for (const [a, b] of sessionSlotTimes(s)) slots.push({ index: slots.length, session: s.id, date: s.date, start: formatTime(a), end: formatTime(b) });
  }
  return slots;
}

/** The tables usable in a slot's session. */
export function tablesOf(sessions: readonly EventSession[], tables: number): Map<string, number> {
  return new Map(sessions.map((s) => [s.id, s.tables ?? tables]));
}
