/**
 * What a matching event prints and reports: a participant's agenda (a printable page or an
 * iCalendar file, English or Japanese), the timetable per table, and the report for policymakers
 * (JSON and CSV): its ties formed are those recorded since the event between two participants who
 * met there, and standing now.
 */
import type { EventReportResponse } from '../contract/api.ts';
import { allows, type User } from '../domain/auth/roles.ts';
import { agendaHtml, agendaIcs, agendaOf, timetable, timetableHtml, type Lang } from '../domain/events/agenda.ts';
import { eventReport, eventReportCsv } from '../domain/events/event-report.ts';
import { badRequest } from '../domain/errors.ts';
import * as store from '../store/event-store.ts';
import type { EventContext } from './event-context.ts';
import { pairKey, tiedPairs } from './network-source.ts';

export function eventDocuments(x: EventContext) {
  const { client, actors, context, mayManage, event, view, viewMeeting, actingActor } = x;
  const documents = {
    /** A participant's agenda: a printable page or an iCalendar file, in English or Japanese. */
    async agenda(user: User, eventId: string, actor: string | undefined, lang: Lang, format: 'html' | 'ics'): Promise<{ body: string; filename: string }> {
      const e = await event(eventId);
      const ctx = await context({ user });
      const actorId = await actingActor(user, actor ?? (allows(user, 'manage-events') ? undefined : user.actorId), ctx, 'actor');
      const ps = await store.participants(client, eventId);
      if (!ps.some((p) => p.actorId === actorId)) throw badRequest(`Parameter 'actor': '${actor ?? actorId}' is not registered for this event.`, { parameter: 'actor' });
      const views = (await store.meetings(client, eventId)).filter((m) => m.requesterId === actorId || m.targetId === actorId).map((m) => viewMeeting(m, e, ctx, allows(user, 'manage-events') ? user : { ...user, actorId }));
      const shown = ctx.party(actorId, true);
      const entries = agendaOf(actorId, views, shown.id);
      const body = format === 'html' ? agendaHtml(view(e), shown, entries, lang) : agendaIcs(view(e), entries, lang);
      return { body, filename: `agenda-${lang}.${format}` };
    },

    async timetable(user: User, eventId: string, lang: Lang, format: 'json' | 'html') {
      mayManage(user);
      const e = await event(eventId);
      const ctx = await context({ user });
      const views = (await store.meetings(client, eventId)).map((m) => viewMeeting(m, e, ctx, user));
      return format === 'html' ? { html: timetableHtml(view(e), views, lang) } : { tables: timetable(view(e), views) };
    },

    async report(user: User, eventId: string): Promise<EventReportResponse> {
      mayManage(user);
      const e = await event(eventId);
      const [ps, ms, byId, tied] = await Promise.all([store.participants(client, eventId), store.meetings(client, eventId), actors(), tiedPairs(x.deps.network)]);
      const from = new Date(`${e.spec.startDate}T00:00:00+09:00`).toISOString();
      // A tie formed since the event counts while it stands: one removed since (a mistake undone) does not.
      const created = (await store.tiesCreatedSince(client, from)).filter((t) => tied.has(pairKey(t.source, t.target)));
      return eventReport({
        event: { id: e.id, name: e.spec.name, name_ja: e.spec.name_ja, startDate: e.spec.startDate, endDate: e.spec.endDate },
        participants: ps.flatMap((p) => {
          const a = byId.get(p.actorId);
          return a ? [{ id: a.id, type: a.type, ...(a.prefecture ? { prefecture: a.prefecture } : {}), ...(a.country ? { country: a.country } : {}) }] : [];
        }),
        meetings: ms,
        tiesCreated: created,
      });
    },

    async reportCsv(user: User, eventId: string): Promise<string> {
      return eventReportCsv(await documents.report(user, eventId));
    },
  };
  return documents;
}
