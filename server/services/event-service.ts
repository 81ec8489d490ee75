/**
 * Business matching events (issue 12): coordinators create events; participants (actors) register
 * with their availability; each sees the other participants ranked by the suggestion engine and
 * asks for meetings; the other side accepts (or the event accepts at once); the scheduler places
 * the accepted meetings in slots and tables (domain/events, HiGHS — in a worker thread for large
 * events); agendas and the timetable are printed and downloaded; outcomes are recorded, and
 * `collaborating` writes its tie through the edit service, as the introduction workflow does.
 * Every write lands with its audit entry in one transaction. Ids come in as the viewer saw them (a
 * private actor by its anonymous id) and every answer goes out through the viewer's Redaction.
 */
import { randomUUID } from 'node:crypto';
import type {
  EventCountsResponse,
  EventMeeting,
  EventParticipant,
  EventSuggestionsResponse,
  MatchingEvent,
  EventMeetingOutcome,
} from '../contract/api.ts';
import { allows, type User } from '../domain/auth/roles.ts';
import { checkMeetingStep, checkOutcome, type MeetingAction, type MeetingRecord } from '../domain/events/meeting-steps.ts';
import { validateAvailability, validateEvent } from '../domain/events/validate-event.ts';
import { badRequest, conflict, notFound } from '../domain/errors.ts';
import type { TieKind } from '../domain/model.ts';
import type { Viewer } from '../domain/privacy/redaction.ts';
import * as store from '../store/event-store.ts';
import type { Neo4jClient } from '../store/neo4j-client.ts';
import { eventContext, type EventServiceDeps } from './event-context.ts';
import { eventDocuments } from './event-documents.ts';
import { eventScheduleService } from './event-schedule-service.ts';

export type { EventServiceDeps };

export function eventService(client: Neo4jClient, deps: EventServiceDeps) {
  const x = eventContext(client, deps);
  const { now, actors, context, audit, resolveActor, mayManage, event, view, viewMeeting, visibleMeetings, actingActor, ranked, scoreOf, visibleMeeting, stepWrite } = x;

  const service = {
    async list(): Promise<MatchingEvent[]> {
      return (await store.listEvents(client)).map(view);
    },

    async get(id: string): Promise<MatchingEvent> {
      return view(await event(id));
    },

    async create(user: User, body: Record<string, unknown>): Promise<MatchingEvent> {
      mayManage(user);
      const spec = validateEvent(body);
      const at = now().toISOString();
      const id = randomUUID();
      return view(await store.createEvent(client, { id, spec: JSON.stringify(spec), schedule: null, createdAt: at, updatedAt: at }, audit(user, 'create', id, null, spec)));
    },

    async update(user: User, id: string, body: Record<string, unknown>): Promise<MatchingEvent> {
      mayManage(user);
      const current = await event(id);
      const spec = validateEvent(body, current.spec);
      // Sessions that participants or placed meetings refer to must stay.
      const ids = new Set(spec.sessions.map((s) => s.id));
      const ps = await store.participants(client, id);
      const lost = ps.flatMap((p) => p.availability.map((a) => a.session)).find((s) => !ids.has(s));
      if (lost) throw badRequest(`Field 'sessions': session '${lost}' has participants' availability; keep it.`, { field: 'sessions' });
      const written = await store.updateEvent(client, id, spec, now().toISOString(), audit(user, 'update', id, current.spec, spec));
      if (!written) throw notFound('event', id);
      return view({ ...written, participants: current.participants });
    },

    /** Registers a participant (or changes its availability, offers and seeks). */
    async register(user: User, eventId: string, body: { actor?: string; availability?: unknown; offers?: string[]; seeks?: string[] }): Promise<EventParticipant> {
      const e = await event(eventId);
      const ctx = await context({ user });
      const actorId = await actingActor(user, body.actor, ctx, 'actor');
      const availability = validateAvailability(body.availability, e.spec.sessions);
      const a = ctx.byId.get(actorId)!;
      const at = now().toISOString();
      const p = await store.putParticipant(
        client,
        { eventId, actorId, availability, offers: body.offers ?? a.fields ?? [], seeks: body.seeks ?? a.seeks ?? [], registeredAt: at, registeredBy: user.username },
        audit(user, 'participant.register', `${eventId}|${actorId}`, null, { actorId, availability, offers: body.offers, seeks: body.seeks }),
      );
      return { actor: ctx.party(p.actorId, true), availability: p.availability, offers: p.offers, seeks: p.seeks, registeredAt: p.registeredAt };
    },

    async participants(viewer: Viewer, eventId: string): Promise<EventParticipant[]> {
      await event(eventId);
      const ctx = await context(viewer);
      return (await store.participants(client, eventId)).map((p) => ({ actor: ctx.party(p.actorId), availability: p.availability, offers: p.offers, seeks: p.seeks, registeredAt: p.registeredAt }));
    },

    /** Other participants for `actor` to meet, best first: the engine's ranking, then everyone else registered. */
    async suggestions(user: User, eventId: string, actor: string | undefined): Promise<EventSuggestionsResponse> {
      await event(eventId);
      const ctx = await context({ user });
      const actorId = await actingActor(user, actor ?? (allows(user, 'manage-events') ? undefined : user.actorId), ctx, 'actor');
      const ps = await store.participants(client, eventId);
      const ids = new Set(ps.map((p) => p.actorId));
      if (!ids.has(actorId)) throw badRequest(`Parameter 'actor': '${actor ?? actorId}' is not registered for this event.`, { parameter: 'actor' });
      const ranking = await ranked(actorId, ids);
      const meetingsOf = new Map((await store.meetings(client, eventId)).filter((m) => m.requesterId === actorId || m.targetId === actorId).map((m) => [m.requesterId === actorId ? m.targetId : m.requesterId, m]));
      const conceal = (text: string, via: string[]) => {
        // The engine wrote names in its texts: a hidden intermediary's name is replaced by its stand-in.
        let t = text;
        for (const v of via) {
          const stand = ctx.redaction.stand(v);
          const a = ctx.byId.get(v);
          if (stand && a) t = t.split(a.name).join(stand.name).split(a.name_ja ?? '\u0000').join(stand.name_ja);
        }
        return t;
      };
      const listed = new Set(ranking.map((s) => s.id));
      const rest = ps.filter((p) => p.actorId !== actorId && !listed.has(p.actorId)).map((p) => ({ id: p.actorId, score: 0, reasons: [] as (typeof ranking)[number]['reasons'] }));
      return {
        actor: ctx.party(actorId, true),
        suggestions: [...ranking, ...rest].map((s) => {
          const m = meetingsOf.get(s.id);
          return {
            actor: ctx.party(s.id),
            score: s.score,
            reasons: s.reasons.map((r) => ({ kind: r.kind, text: conceal(r.text, r.via), text_ja: conceal(r.text_ja, r.via), via: r.via.map((v) => ctx.redaction.id(v)), contribution: r.contribution })),
            ...(m ? { meeting: { id: m.id, status: m.status } } : {}),
          };
        }),
      };
    },

    /** A meeting request (a coordinator's is a proposal); accepted at once in `auto` mode. */
    async requestMeeting(user: User, eventId: string, body: { requester?: string; target: string; message?: string }): Promise<EventMeeting> {
      const e = await event(eventId);
      const ctx = await context({ user });
      const coordinator = allows(user, 'manage-events');
      const requesterId = await actingActor(user, body.requester, ctx, 'requester');
      const targetId = await resolveActor(body.target, ctx, 'target');
      if (targetId === requesterId) throw badRequest("Field 'target': an actor cannot meet itself.", { field: 'target' });
      const ps = await store.participants(client, eventId);
      const ids = new Set(ps.map((p) => p.actorId));
      if (!ids.has(requesterId)) throw badRequest(`Field 'requester': '${body.requester ?? requesterId}' is not registered for this event.`, { field: 'requester' });
      if (!ids.has(targetId)) throw badRequest(`Field 'target': '${body.target}' is not registered for this event.`, { field: 'target' });
      // One pair looked up, not every meeting of the event read (that grew with each request: 2 s at 2,000).
      const existing = await store.openMeetingBetween(client, eventId, requesterId, targetId);
      if (existing) throw conflict(`These two already have a meeting (status '${existing.status}').`, { meeting: existing.id, status: existing.status });
      const at = now().toISOString();
      const record: MeetingRecord = {
        id: randomUUID(),
        eventId,
        status: e.spec.requestMode === 'auto' ? 'accepted' : 'requested',
        requesterId,
        targetId,
        proposedBy: coordinator ? 'coordinator' : 'participant',
        score: await scoreOf(requesterId, targetId, ids),
        ...(body.message ? { message: body.message } : {}),
        pinned: false,
        createdAt: at,
        updatedAt: at,
      };
      const written = await store.createMeeting(client, record, audit(user, 'meeting.request', record.id, null, { eventId, requesterId, targetId, status: record.status }));
      return viewMeeting(written, e, ctx, user);
    },

    async meetingStep(user: User, id: string, action: MeetingAction): Promise<EventMeeting> {
      const { m, e } = await visibleMeeting(user, id);
      const to = checkMeetingStep(m, user, action);
      const next: MeetingRecord = { ...m, status: to, updatedAt: now().toISOString(), ...(to === 'cancelled' ? { slot: undefined, table: undefined, pinned: false } : {}) };
      const written = await stepWrite(user, m, next, action, { status: to });
      return viewMeeting(written, e, await context({ user }), user);
    },

    async meetings(user: User, eventId: string): Promise<EventMeeting[]> {
      const e = await event(eventId);
      const ctx = await context({ user });
      return visibleMeetings(await store.meetings(client, eventId), user).map((m) => viewMeeting(m, e, ctx, user));
    },

    async counts(user: User, eventId: string): Promise<EventCountsResponse> {
      mayManage(user);
      await event(eventId);
      const ctx = await context({ user });
      const ms = await store.meetings(client, eventId);
      return {
        participants: (await store.participants(client, eventId)).map((p) => ({
          actor: ctx.party(p.actorId),
          sent: ms.filter((m) => m.requesterId === p.actorId).length,
          received: ms.filter((m) => m.targetId === p.actorId).length,
          accepted: ms.filter((m) => m.status === 'accepted' && (m.requesterId === p.actorId || m.targetId === p.actorId)).length,
          scheduled: ms.filter((m) => m.status === 'accepted' && m.slot !== undefined && (m.requesterId === p.actorId || m.targetId === p.actorId)).length,
        })),
      };
    },

    /** Records a meeting's outcome; `collaborating` creates the tie (since = the event's year) through the edit service. */
    async outcome(user: User, id: string, input: { outcome: EventMeetingOutcome; tieKind?: TieKind; note?: string }): Promise<EventMeeting> {
      const { m, e } = await visibleMeeting(user, id);
      checkOutcome(m, user);
      if (input.outcome === 'collaborating') {
        const byId = await actors();
        if (!byId.has(m.requesterId) || !byId.has(m.targetId)) throw conflict('An actor of this meeting was removed: no tie can be created.', { outcome: input.outcome });
        const kind = input.tieKind ?? 'COLLABORATES';
        const year = Number(e.spec.startDate.slice(0, 4));
        await deps.edits.tieFromOutcome(user, { source: m.requesterId, target: m.targetId, kind }, year, `event meeting ${m.id}`);
      }
      const at = now().toISOString();
      const next: MeetingRecord = { ...m, outcome: { value: input.outcome, by: user.username, at, ...(input.note ? { note: input.note } : {}) }, updatedAt: at };
      const written = await stepWrite(user, m, next, 'outcome', { outcome: input.outcome, tieKind: input.tieKind });
      return viewMeeting(written, e, await context({ user }), user);
    },

    ...eventScheduleService(x),
    ...eventDocuments(x),
  };
  return service;
}

export type EventService = ReturnType<typeof eventService>;
