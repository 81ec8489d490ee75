import { describe, expect, it } from 'vitest';
import { AppError } from '../../server/domain/errors.ts';
import { eventSlots } from '../../server/domain/events/event-slots.ts';
import { availableSlots, validateAvailability, validateEvent } from '../../server/domain/events/validate-event.ts';

const base = {
  name: 'Chubu matching day',
  name_ja: '中部ビジネスマッチング',
  startDate: '2026-03-10',
  endDate: '2026-03-10',
  venue: 'Nagoya Congress Center',
  sessions: [
    { date: '2026-03-10', start: '10:00', end: '12:00', meetingMinutes: 20, breaks: [{ start: '11:00', end: '11:10' }] },
    { date: '2026-03-10', start: '13:00', end: '14:00', meetingMinutes: 30, tables: 5 },
  ],
  tables: 10,
  maxMeetingsPerParticipant: 6,
  requestMode: 'accept',
};

function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(400);
    return ((err as AppError).details as { field: string }).field;
  }
  return undefined;
}

describe('event validation', () => {
  it('accepts a sound event and derives its slots around the breaks', () => {
    const spec = validateEvent(base);
    expect(spec.sessions.map((s) => s.id)).toEqual(['s1', 's2']);
    const slots = eventSlots(spec.sessions);
    // 10:00-11:00 holds three 20-minute slots, the break pushes the next to 11:10; 11:10-11:50 two more; 13:00-14:00 two of 30.
    expect(slots.map((s) => `${s.session} ${s.start}-${s.end}`)).toEqual([
      's1 10:00-10:20', 's1 10:20-10:40', 's1 10:40-11:00', 's1 11:10-11:30', 's1 11:30-11:50', 's2 13:00-13:30', 's2 13:30-14:00',
    ]);
    expect(slots.map((s) => s.index)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('names the field of each mistake', () => {
    const withSession = (patch: object) => ({ ...base, sessions: [{ ...base.sessions[0], ...patch }] });
    expect(fieldOf(() => validateEvent(withSession({ meetingMinutes: 150 })))).toBe('sessions[0].meetingMinutes');
    expect(fieldOf(() => validateEvent({ ...base, sessions: [{ ...base.sessions[1], tables: 11 }] }))).toBe('sessions[0].tables');
    expect(fieldOf(() => validateEvent(withSession({ date: '2026-03-11' })))).toBe('sessions[0].date');
    expect(fieldOf(() => validateEvent(withSession({ end: '09:00' })))).toBe('sessions[0].end');
    expect(fieldOf(() => validateEvent(withSession({ breaks: [{ start: '09:00', end: '09:30' }] })))).toBe('sessions[0].breaks[0]');
    expect(fieldOf(() => validateEvent({ ...base, requestMode: 'maybe' }))).toBe('requestMode');
    expect(fieldOf(() => validateEvent({ ...base, tables: 0 }))).toBe('tables');
    expect(fieldOf(() => validateEvent({ ...base, name_ja: '' }))).toBe('name_ja');
    expect(fieldOf(() => validateEvent({ ...base, endDate: '2026-03-01' }))).toBe('endDate');
    expect(fieldOf(() => validateEvent({ ...base, sessions: [base.sessions[0], { ...base.sessions[0] }] }))).toBe('sessions[1]');
  });

  it('keeps the fields a change leaves out', () => {
    const spec = validateEvent(base);
    const changed = validateEvent({ tables: 12 }, spec);
    expect(changed).toEqual({ ...spec, tables: 12 });
    expect(fieldOf(() => validateEvent({ tables: 2 }, spec))).toBe('sessions[1].tables');
  });

  it('checks availability against the sessions and turns it into slots', () => {
    const spec = validateEvent(base);
    const slots = eventSlots(spec.sessions);
    expect(validateAvailability(undefined, spec.sessions)).toEqual([{ session: 's1' }, { session: 's2' }]);
    expect(fieldOf(() => validateAvailability([{ session: 's3' }], spec.sessions))).toBe('availability[0].session');
    expect(fieldOf(() => validateAvailability([{ session: 's1', from: '09:00' }], spec.sessions))).toBe('availability[0].from');
    expect(fieldOf(() => validateAvailability([{ session: 's2', to: '15:00' }], spec.sessions))).toBe('availability[0].to');
    const a = validateAvailability([{ session: 's1', from: '10:20', to: '11:30' }], spec.sessions);
    expect(availableSlots(a, slots, spec.sessions)).toEqual([1, 2, 3]);
  });
});
