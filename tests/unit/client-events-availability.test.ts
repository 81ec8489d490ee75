import { seededRng } from '../../server/domain/graph/seeded-rng.ts';
/**
 * The participation form's availability and tags (client/src/panels/event-availability.ts),
 * checked against the server's own reading of availability (validate-event.ts `availableSlots`
 * and `validateAvailability`): the slots a participant ticks are exactly the slots the scheduler
 * will count as available.
 */
import { describe, expect, it } from 'vitest';
import type { EventSession } from '../../server/contract/api.ts';
import { availabilityFromSlots, MAX_TAG_LENGTH, MAX_TAGS, slotsFromAvailability, splitTags, tagProblem } from '../../client/src/panels/event-availability.ts';
import { eventSlots } from '../../server/domain/events/event-slots.ts';
import { availableSlots, validateAvailability } from '../../server/domain/events/validate-event.ts';

/** Two sessions of 8 slots, the second with a break in the middle; a third of 3 slots. */
const sessions: EventSession[] = [
  { id: 's1', date: '2025-10-14', start: '09:30', end: '12:10', meetingMinutes: 20, breaks: [] },
  { id: 's2', date: '2025-10-14', start: '13:00', end: '16:10', meetingMinutes: 20, breaks: [{ start: '14:20', end: '14:50' }] },
  { id: 's3', date: '2025-10-15', start: '10:00', end: '11:00', meetingMinutes: 20, breaks: [] },
];
const slots = eventSlots(sessions);

/** A seeded generator, so a failure repeats. */
const rng = seededRng;

const sorted = (s: Iterable<number>) => [...s].sort((a, b) => a - b);

describe('availability from the slots ticked', () => {
  it('covers exactly the slots ticked, as the server counts them, for any choice', () => {
    expect(slots.length).toBe(8 + 8 + 3);
    const random = rng(12);
    for (let run = 0; run < 300; run++) {
      const chosen = new Set(slots.filter(() => random() < 0.5).map((s) => s.index));
      const availability = availabilityFromSlots(chosen, slots, sessions);
      expect(availableSlots(availability, slots, sessions)).toEqual(sorted(chosen));
      expect(sorted(slotsFromAvailability(availability, slots, sessions))).toEqual(sorted(chosen));
      // The server takes it as it is when it is within its limit of entries.
      if (availability.length <= sessions.length * 4) expect(validateAvailability(availability, sessions)).toEqual(availability);
    }
  });

  it('keeps a whole session whole and leaves out a session with no slot ticked', () => {
    const s2 = slots.filter((s) => s.session === 's2').map((s) => s.index);
    expect(availabilityFromSlots(new Set(s2), slots, sessions)).toEqual([{ session: 's2' }]);
    expect(availabilityFromSlots(new Set(), slots, sessions)).toEqual([]);
    expect(availabilityFromSlots(new Set(slots.map((s) => s.index)), slots, sessions)).toEqual([{ session: 's1' }, { session: 's2' }, { session: 's3' }]);
  });

  it('makes one range per run of neighbouring slots, a run across a break included', () => {
    const s2 = slots.filter((s) => s.session === 's2');
    // Slots 4 and 5 of s2 lie on either side of the break: one run, one range.
    const chosen = new Set([s2[0].index, s2[3].index, s2[4].index]);
    expect(availabilityFromSlots(chosen, slots, sessions)).toEqual([
      { session: 's2', from: s2[0].start, to: s2[0].end },
      { session: 's2', from: s2[3].start, to: s2[4].end },
    ]);
  });
});

describe('the slots of an availability', () => {
  it('agrees with the server for ranges that do not fall on slot boundaries', () => {
    const random = rng(7);
    const time = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));
    for (let run = 0; run < 300; run++) {
      const availability = sessions.flatMap((s) => {
        if (random() < 0.3) return [];
        if (random() < 0.3) return [{ session: s.id }];
        const a = minutes(s.start) + Math.floor(random() * (minutes(s.end) - minutes(s.start)));
        const b = a + 1 + Math.floor(random() * (minutes(s.end) - a));
        return [{ session: s.id, from: time(a), to: time(Math.min(b, minutes(s.end))) }];
      });
      expect(sorted(slotsFromAvailability(availability, slots, sessions))).toEqual(availableSlots(availability, slots, sessions));
    }
  });

  it('ignores a session the event does not have', () => {
    expect(slotsFromAvailability([{ session: 'gone' }], slots, sessions).size).toBe(0);
  });
});

describe('offers and seeks typed as tags', () => {
  it('splits at commas (also Japanese ones) and line breaks, without empties or repeats', () => {
    expect(splitTags(' moulds, sensors 、ロボット，,\nMoulds\n')).toEqual(['moulds', 'sensors', 'ロボット']);
    expect(splitTags('Sensors, lasers', ['sensors'])).toEqual(['lasers']);
    expect(splitTags('   ')).toEqual([]);
  });

  it('tells the server’s limits before sending', () => {
    const many = Array.from({ length: MAX_TAGS + 1 }, (_, i) => `t${i}`);
    expect(tagProblem(many)).toEqual({ kind: 'too-many', max: MAX_TAGS });
    expect(tagProblem(many.slice(0, MAX_TAGS))).toBeNull();
    const long = 'x'.repeat(MAX_TAG_LENGTH + 1);
    expect(tagProblem(['ok', long])).toEqual({ kind: 'too-long', tag: long, max: MAX_TAG_LENGTH });
    expect(tagProblem(['x'.repeat(MAX_TAG_LENGTH)])).toBeNull();
  });
});
