/**
 * What the Events view writes for ids and dates: actor types, regions, prefectures and fields by
 * their names in the interface language (from the network's reference lists, as the dashboard
 * names them), and an event's dates in the language's form.
 *
 * Events carry no time zone: the contract gives dates (YYYY-MM-DD) and wall-clock times (HH:MM)
 * as the organiser entered them (Japan's clock, server/contract/api.ts). They are shown as
 * entered: a date is formatted as a calendar day (in UTC, so no offset can move it to the day
 * before) and times are left as they are, with no offset added. Pure: no DOM.
 */
import type { GraphPayload } from '../../../server/contract/api.ts';
import type { Lang } from '../data/state.ts';
import { translate } from '../i18n/i18n.ts';

export type Reference = GraphPayload['reference'];

export interface EventLabels {
  type(id: string): string;
  /** Also the report's `abroad` and `unknown`. */
  region(id: string): string;
  prefecture(id: string): string;
  /** A field id by its name; any other text (an offer typed freely) as it is. */
  field(id: string): string;
}

const locale = (lang: Lang) => (lang === 'ja' ? 'ja-JP' : 'en-GB');

/** Names by id in `lang`; an id the lists do not know (or no lists at all) stands for itself. */
export function eventLabels(reference: Reference | undefined, lang: Lang): EventLabels {
  const named = (list: readonly { id: string; name: string; name_ja?: string }[] | undefined) => {
    const byId = new Map((list ?? []).map((r) => [r.id, lang === 'ja' && r.name_ja ? r.name_ja : r.name]));
    return (id: string) => byId.get(id) ?? id;
  };
  const region = named(reference?.regions);
  return {
    type: named(reference?.types),
    region: (id) => (id === 'abroad' ? translate(lang, 'map.abroad') : id === 'unknown' ? translate(lang, 'map.unknown') : region(id)),
    prefecture: named(reference?.prefectures),
    field: named(reference?.fields),
  };
}

/** A report's counts as chart bars: labelled, most first (ties by label). */
export function chartBars(counts: Record<string, number>, label: (id: string) => string): { ids: string[]; labels: string[]; values: number[] } {
  const rows = Object.entries(counts)
    .map(([id, n]) => ({ id, label: label(id), n }))
    .sort((a, b) => b.n - a.n || a.label.localeCompare(b.label));
  return { ids: rows.map((r) => r.id), labels: rows.map((r) => r.label), values: rows.map((r) => r.n) };
}

function calendarDay(date: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : null;
}

const LONG: Intl.DateTimeFormatOptions = { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' };
const SHORT: Intl.DateTimeFormatOptions = { weekday: 'short', month: 'short', day: 'numeric', timeZone: 'UTC' };

/** A date of the event in the language's form (`long`: with the year); as given when it is not a date. */
export function eventDate(date: string, lang: Lang, form: 'long' | 'short' = 'long'): string {
  const day = calendarDay(date);
  return day === null ? date : new Intl.DateTimeFormat(locale(lang), form === 'long' ? LONG : SHORT).format(day);
}

/** The event's first to last day (one day alone when they are the same). */
export function eventDates(start: string, end: string, lang: Lang): string {
  if (start === end) return eventDate(start, lang);
  return lang === 'ja' ? `${eventDate(start, lang)}〜${eventDate(end, lang)}` : `${eventDate(start, lang)} – ${eventDate(end, lang)}`;
}
