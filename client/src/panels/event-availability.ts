/**
 * A participant's availability as slots and back (issue 12: "each participant states its
 * availability per session"). The server keeps availability as time ranges per session
 * (`{session, from?, to?}`, the whole session when `from`/`to` are left out) and counts a slot as
 * available when it lies wholly inside one range (server/domain/events/validate-event.ts
 * `availableSlots`); the form shows the slots as check boxes. Ranges are rebuilt from the slots
 * ticked: a whole session stays `{session}`, otherwise one range per run of neighbouring slots.
 * Also the offers and seeks as tags. Pure: no DOM.
 */
import type { EventAvailability, EventSession, EventSlot } from '../../../server/contract/api.ts';

/** The server's limits on offers and seeks (server/http/routes/event-routes.ts). */
export const MAX_TAGS = 30;
export const MAX_TAG_LENGTH = 100;

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

type SessionTimes = Pick<EventSession, 'id' | 'start' | 'end'>;
type SlotTimes = Pick<EventSlot, 'index' | 'session' | 'start' | 'end'>;

/** The slots (indices) inside the availability, by the server's rule. */
export function slotsFromAvailability(availability: readonly EventAvailability[], slots: readonly SlotTimes[], sessions: readonly SessionTimes[]): Set<number> {
  const byId = new Map(sessions.map((s) => [s.id, s]));
  const out = new Set<number>();
  for (const slot of slots) {
    const session = byId.get(slot.session);
    if (!session) continue;
    const inside = availability.some((a) => a.session === slot.session && minutes(slot.start) >= minutes(a.from ?? session.start) && minutes(slot.end) <= minutes(a.to ?? session.end));
    if (inside) out.add(slot.index);
  }
  return out;
}

/** The availability that covers exactly the slots chosen (sessions in the event's order). */
export function availabilityFromSlots(chosen: ReadonlySet<number>, slots: readonly SlotTimes[], sessions: readonly SessionTimes[]): EventAvailability[] {
  const out: EventAvailability[] = [];
  for (const session of sessions) {
    const own = slots.filter((s) => s.session === session.id).sort((a, b) => a.index - b.index);
    if (!own.length || !own.some((s) => chosen.has(s.index))) continue;
    if (own.every((s) => chosen.has(s.index))) {
      out.push({ session: session.id });
      continue;
    }
    let run: SlotTimes[] = [];
    const close = () => {
      if (run.length) out.push({ session: session.id, from: run[0].start, to: run[run.length - 1].end });
      run = [];
    };
    for (const slot of own) {
      if (chosen.has(slot.index)) run.push(slot);
      else close();
    }
    close();
  }
  return out;
}

/**
 * Tags typed in one go: split at commas (also the Japanese 、 and ，) and line breaks, trimmed,
 * without empties and repeats (a repeat of one already in `existing` too).
 */
export function splitTags(text: string, existing: readonly string[] = []): string[] {
  const seen = new Set(existing.map((t) => t.toLowerCase()));
  const out: string[] = [];
  for (const raw of text.split(/[,、，\n]/)) {
    const tag = raw.trim();
    if (!tag || seen.has(tag.toLowerCase())) continue;
    seen.add(tag.toLowerCase());
    out.push(tag);
  }
  return out;
}

/** Why a list of tags would be refused, or null: the server's limits, told before sending. */
export function tagProblem(tags: readonly string[]): { kind: 'too-many'; max: number } | { kind: 'too-long'; tag: string; max: number } | null {
  if (tags.length > MAX_TAGS) return { kind: 'too-many', max: MAX_TAGS };
  const long = tags.find((t) => t.length > MAX_TAG_LENGTH);
  return long ? { kind: 'too-long', tag: long, max: MAX_TAG_LENGTH } : null;
}
