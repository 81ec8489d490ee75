/**
 * Agendas: a participant's meetings in time order, as a printable HTML page (organisers hand out
 * paper agendas) in English or Japanese, and as an iCalendar file written by the `ics` package
 * (RFC 5545); and the organisers' timetable per table. Names come in already as the viewer may see
 * them. Pure.
 */
import { createEvents, type EventAttributes } from 'ics';
import type { EventMeeting, EventParty, EventSlot, MatchingEvent } from '../../contract/api.ts';

export type Lang = 'en' | 'ja';
export const LANGS: readonly Lang[] = ['en', 'ja'];

/** One line of an agenda: when, where, with whom. */
export interface AgendaEntry {
  meetingId: string;
  slot: EventSlot;
  table: number;
  partner: EventParty;
}

/** The scheduled meetings of `actorId` in time order (the meetings as the viewer sees them). */
export function agendaOf(actorId: string, meetings: readonly EventMeeting[], shownId: string = actorId): AgendaEntry[] {
  return meetings
    .filter((m) => m.status === 'accepted' && m.slot && (m.requester.id === shownId || m.target.id === shownId || m.requester.id === actorId || m.target.id === actorId))
    .map((m) => ({ meetingId: m.id, slot: m.slot!, table: m.slot!.table, partner: m.requester.id === shownId || m.requester.id === actorId ? m.target : m.requester }))
    .sort((a, b) => a.slot.index - b.slot.index);
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const WORDS = {
  en: { agenda: 'Meeting agenda', time: 'Time', table: 'Table', with: 'With', none: 'No meeting is scheduled yet.', venue: 'Venue', timetable: 'Timetable', free: '—', print: 'Times are Japan time (JST).' },
  ja: { agenda: '商談スケジュール', time: '時間', table: 'テーブル', with: '商談相手', none: '予定されている商談はまだありません。', venue: '会場', timetable: 'テーブル別タイムテーブル', free: '—', print: '時刻は日本時間です。' },
} as const;

const nameIn = (p: { name: string; name_ja: string }, lang: Lang) => (lang === 'ja' ? p.name_ja || p.name : p.name);

function page(lang: Lang, title: string, body: string): string {
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>
body{font-family:"Noto Sans","Noto Sans CJK JP",sans-serif;margin:2rem;color:#111}
h1{font-size:1.4rem;margin:0 0 .2rem}h2{font-size:1.1rem;margin:1.2rem 0 .4rem}
table{border-collapse:collapse;width:100%;margin-bottom:1rem}th,td{border:1px solid #999;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#eee}.meta{color:#444;margin:.2rem 0}@media print{body{margin:1cm}h2{break-after:avoid}table{break-inside:auto}tr{break-inside:avoid}}
</style></head><body>
${body}
</body></html>
`;
}

function header(event: MatchingEvent, lang: Lang, heading: string): string {
  const w = WORDS[lang];
  const venue = lang === 'ja' ? event.venue_ja ?? event.venue : event.venue;
  const dates = event.startDate === event.endDate ? event.startDate : `${event.startDate} – ${event.endDate}`;
  return `<h1>${esc(lang === 'ja' ? event.name_ja : event.name)}</h1>
<p class="meta">${esc(dates)} · ${esc(w.venue)}: ${esc(venue)}</p>
<h2>${esc(heading)}</h2>`;
}

/** A participant's agenda as a printable page. */
export function agendaHtml(event: MatchingEvent, participant: EventParty, entries: readonly AgendaEntry[], lang: Lang): string {
  const w = WORDS[lang];
  const rows = entries
    .map((e) => `<tr><td>${esc(e.slot.date)} ${esc(e.slot.start)}–${esc(e.slot.end)}</td><td>${e.table}</td><td>${esc(nameIn(e.partner, lang))}</td></tr>`)
    .join('\n');
  const table = entries.length ? `<table><thead><tr><th>${w.time}</th><th>${w.table}</th><th>${w.with}</th></tr></thead><tbody>\n${rows}\n</tbody></table>` : `<p>${w.none}</p>`;
  return page(lang, `${w.agenda}: ${nameIn(participant, lang)}`, `${header(event, lang, `${w.agenda}: ${nameIn(participant, lang)}`)}\n${table}\n<p class="meta">${w.print}</p>`);
}

/** `YYYY-MM-DD` and `HH:MM` in Japan time as a UTC date-time array for `ics`. */
function utcParts(date: string, time: string): [number, number, number, number, number] {
  const t = new Date(`${date}T${time}:00+09:00`);
  return [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate(), t.getUTCHours(), t.getUTCMinutes()];
}

/** A participant's agenda as an iCalendar file (one VEVENT per meeting, times in UTC). */
export function agendaIcs(event: MatchingEvent, entries: readonly AgendaEntry[], lang: Lang): string {
  const w = WORDS[lang];
  const eventName = lang === 'ja' ? event.name_ja : event.name;
  const venue = lang === 'ja' ? event.venue_ja ?? event.venue : event.venue;
  const items: EventAttributes[] = entries.map((e) => ({
    uid: `${e.meetingId}@musubi`,
    title: `${lang === 'ja' ? `商談：${nameIn(e.partner, lang)}` : `Meeting: ${nameIn(e.partner, lang)}`}`,
    description: `${eventName} — ${w.table} ${e.table}`,
    location: `${venue}, ${w.table} ${e.table}`,
    start: utcParts(e.slot.date, e.slot.start),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: utcParts(e.slot.date, e.slot.end),
    endInputType: 'utc',
    endOutputType: 'utc',
    productId: 'musubi/events',
    calName: eventName,
  }));
  const { error, value } = createEvents(items.length ? items : [], { productId: 'musubi/events', calName: eventName });
  if (error || !value) throw new Error(`ics: ${error?.message ?? "no calendar written"}`);
  return value;
}

/** Every table slot by slot: which meeting sits there. */
export function timetable(event: MatchingEvent, meetings: readonly EventMeeting[]): { table: number; slots: { slot: EventSlot; meeting?: { id: string; requester: EventParty; target: EventParty } }[] }[] {
  const at = new Map<string, EventMeeting>();
  for (const m of meetings) if (m.status === 'accepted' && m.slot) at.set(`${m.slot.index}:${m.slot.table}`, m);
  const out = [];
  for (let table = 1; table <= event.tables; table++) {
    out.push({
      table,
      slots: event.slots.map((slot) => {
        const m = at.get(`${slot.index}:${table}`);
        return m ? { slot, meeting: { id: m.id, requester: m.requester, target: m.target } } : { slot };
      }),
    });
  }
  return out;
}

/** The timetable as a printable page: one row per slot, one column per table in use. */
export function timetableHtml(event: MatchingEvent, meetings: readonly EventMeeting[], lang: Lang): string {
  const w = WORDS[lang];
  const grid = timetable(event, meetings).filter((t) => t.slots.some((s) => s.meeting));
  const head = `<tr><th>${w.time}</th>${grid.map((t) => `<th>${w.table} ${t.table}</th>`).join('')}</tr>`;
  const rows = event.slots
    .map((slot, i) => `<tr><td>${esc(slot.date)} ${esc(slot.start)}–${esc(slot.end)}</td>${grid.map((t) => {
      const m = t.slots[i].meeting;
      return `<td>${m ? `${esc(nameIn(m.requester, lang))}<br>${esc(nameIn(m.target, lang))}` : w.free}</td>`;
    }).join('')}</tr>`)
    .join('\n');
  return page(lang, `${w.timetable}`, `${header(event, lang, w.timetable)}\n<table><thead>${head}</thead><tbody>\n${rows}\n</tbody></table>\n<p class="meta">${w.print}</p>`);
}
