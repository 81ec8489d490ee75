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
  EventParty,
  EventReportResponse,
  EventScheduleResponse,
  EventScheduleSummary,
  EventSuggestionsResponse,
  MatchingEvent,
  EventMeetingOutcome,
} from '../contract/api.ts';
import { allows, type User } from '../domain/auth/roles.ts';
import { agendaHtml, agendaIcs, agendaOf, timetable, timetableHtml, type Lang } from '../domain/events/agenda.ts';
import { eventReport, eventReportCsv } from '../domain/events/event-report.ts';
import { eventSlots, tablesOf } from '../domain/events/event-slots.ts';
import { checkMeetingStep, checkOutcome, meetingSides, UNPLACED_TEXTS, type MeetingAction, type MeetingRecord } from '../domain/events/meeting-steps.ts';
import { solveSchedule, type ScheduleSolution, type SolveOptions } from '../domain/events/solve-schedule.ts';
import type { ScheduleInput } from '../domain/events/schedule-model.ts';
import { availableSlots, validateAvailability, validateEvent } from '../domain/events/validate-event.ts';
import { badRequest, conflict, forbidden, notFound } from '../domain/errors.ts';
import { ACTOR_TYPES, type Actor, type TieKind } from '../domain/model.ts';
import type { Viewer } from '../domain/privacy/redaction.ts';
import type { AuditRecord } from '../store/audit-queries.ts';
import * as store from '../store/event-store.ts';
import type { Neo4jClient } from '../store/neo4j-client.ts';
import type { TieEditor } from './edit-service.ts';
import type { NetworkSource } from './network-source.ts';
import { inWorker } from './offload.ts';
import type { PrivacyService } from './privacy-service.ts';
import type { SuggestionService } from './suggestion-service.ts';


export interface EventServiceDeps {
  network: NetworkSource;
  privacy: PrivacyService;
  suggestions: SuggestionService;
  edits: TieEditor;
  /** The solver's time limit and gap (bench and tests set them). */
  solve?: Partial<SolveOptions>;
  now?: () => Date;
}

/** From this many meeting × slot pairs on, the solver runs in a worker thread (it blocks for over ~100 ms). */
const WORKER_MIN_PAIRS = 2_000;
const SOLVE_MODULE = new URL('../domain/events/solve-schedule.ts', import.meta.url);
/** The viewer the service ranks and resolves with: sees every actor (answers are redacted after). */
const SYSTEM: Viewer = { user: { id: 'event-service', username: 'event-service', role: 'admin' } };

export function eventService(client: Neo4jClient, deps: EventServiceDeps) {
  const now = () => (deps.now ? deps.now() : new Date());

  async function actors(): Promise<ReadonlyMap<string, Actor>> {
    const snapshot = await deps.network.snapshot();
    return (await deps.network.cache.get(snapshot.version, 'event-actors', () => new Map(snapshot.actors.map((a) => [a.id, a])))).value;
  }

  async function context(viewer: Viewer) {
    const [byId, redaction] = await Promise.all([actors(), deps.privacy.redaction(viewer)]);
    const party = (id: string, revealed = false): EventParty => {
      const a = byId.get(id);
      if (!a) return { id: redaction.hides(id) ? 'removed' : id, name: 'A removed actor', name_ja: '削除された組織', type: 'Enterprise' };
      const named = { id: a.id, name: a.name, name_ja: a.name_ja ?? a.name };
      return { ...(revealed ? named : redaction.ref(named)), type: a.type, ...(a.prefecture ? { prefecture: a.prefecture } : {}), ...(a.country ? { country: a.country } : {}) };
    };
    return { byId, redaction, party };
  }
  type Ctx = Awaited<ReturnType<typeof context>>;

  function audit(user: User, action: string, target: string, before: unknown, after: unknown): AuditRecord {
    return { id: randomUUID(), userId: user.id, username: user.username, action: `event.${action}`, target, before: before == null ? null : JSON.stringify(before), after: after == null ? null : JSON.stringify(after) };
  }

  /** The real id of an actor named by a viewer (an anonymous id it was shown, or one it may see); 400 naming `field` otherwise. */
  async function resolveActor(id: string, ctx: Ctx, field: string): Promise<string> {
    const real = id.startsWith('anon-') ? await deps.privacy.resolve(id) : ctx.redaction.hides(id) ? undefined : id;
    if (real === undefined || !ctx.byId.has(real)) throw badRequest(`Field '${field}': no actor '${id}'.`, { field });
    return real;
  }

  function mayManage(user: User): void {
    if (!allows(user, 'manage-events')) throw forbidden(`Your role (${user.role}) may not manage events; it needs the role coordinator or admin.`, { role: user.role });
  }

  async function event(id: string): Promise<store.EventRecord> {
    const e = await store.eventById(client, id);
    if (!e) throw notFound('event', id);
    return e;
  }

  function view(e: store.EventRecord): MatchingEvent {
    return { id: e.id, ...e.spec, slots: eventSlots(e.spec.sessions), participants: e.participants, createdAt: e.createdAt, updatedAt: e.updatedAt, ...(e.schedule ? { schedule: e.schedule } : {}) };
  }

  /** Whether the viewer sees both sides of the meeting by name: coordinators, and a side once accepted. */
  function viewMeeting(m: MeetingRecord, e: store.EventRecord, ctx: Ctx, user: User | undefined): EventMeeting {
    const sides = meetingSides(m, user);
    const revealed = sides.includes('coordinator') || ((sides.includes('requester') || sides.includes('target')) && m.status === 'accepted');
    const slots = eventSlots(e.spec.sessions);
    return {
      id: m.id,
      eventId: m.eventId,
      status: m.status,
      requester: ctx.party(m.requesterId, revealed || (user?.actorId === m.requesterId)),
      target: ctx.party(m.targetId, revealed || (user?.actorId === m.targetId)),
      proposedBy: m.proposedBy,
      score: m.score,
      ...(m.message !== undefined && sides.length ? { message: m.message } : {}),
      ...(m.slot !== undefined && slots[m.slot] ? { slot: { ...slots[m.slot], table: m.table! } } : {}),
      pinned: m.pinned,
      ...(m.outcome ? { outcome: m.outcome } : {}),
      createdAt: m.createdAt,
      updatedAt: m.updatedAt,
    };
  }

  /** The meetings `user` may see: all for coordinators, its own actor's for a member. */
  function visibleMeetings(all: readonly MeetingRecord[], user: User | undefined): MeetingRecord[] {
    if (!user) return [];
    return all.filter((m) => meetingSides(m, user).length > 0);
  }

  /** A member acts for its own actor; a coordinator for any (given as `requested`). */
  async function actingActor(user: User, requested: string | undefined, ctx: Ctx, field: string): Promise<string> {
    if (allows(user, 'manage-events')) {
      if (requested === undefined) throw badRequest(`Field '${field}': a coordinator acts on behalf of an actor; give its id.`, { field });
      return resolveActor(requested, ctx, field);
    }
    if (user.role !== 'member' || !user.actorId) throw forbidden('Your account belongs to no actor: a member takes part for its own actor.', { role: user.role });
    if (requested !== undefined && requested !== user.actorId && (await deps.privacy.resolve(requested)) !== user.actorId) {
      throw forbidden(`A member acts for its own actor ('${user.actorId}') only.`, { field });
    }
    return user.actorId;
  }

  /** The suggestion engine's ranking of the other participants for `actorId` (scores 0..1, the best 1). */
  async function ranked(actorId: string, participantIds: ReadonlySet<string>) {
    const answer = await deps.suggestions.suggest(actorId, { types: ACTOR_TYPES, limit: 100 }, SYSTEM).catch(() => undefined);
    const found = (answer?.suggestions ?? []).filter((s) => participantIds.has(s.id) && s.id !== actorId);
    const top = Math.max(1e-9, ...found.map((s) => s.score));
    return found.map((s) => ({ ...s, score: Math.round((s.score / top) * 1000) / 1000 }));
  }

  async function scoreOf(a: string, b: string, participantIds: ReadonlySet<string>): Promise<number> {
    return (await ranked(a, participantIds)).find((s) => s.id === b)?.score ?? 0;
  }

  async function visibleMeeting(user: User, id: string): Promise<{ m: MeetingRecord; e: store.EventRecord }> {
    const m = await store.meetingById(client, id);
    if (!m || meetingSides(m, user).length === 0) throw notFound('meeting', id);
    return { m, e: await event(m.eventId) };
  }

  async function stepWrite(user: User, before: MeetingRecord, after: MeetingRecord, action: string, detail: unknown): Promise<MeetingRecord> {
    const written = await store.updateMeeting(client, after, before.status, audit(user, `meeting.${action}`, before.id, { status: before.status, slot: before.slot ?? null, table: before.table ?? null }, detail));
    if (!written) throw conflict('This meeting changed meanwhile; load it again and retry.', { action });
    return written;
  }

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
      const existing = (await store.meetings(client, eventId)).find(
        (m) => (m.status === 'requested' || m.status === 'accepted') && ((m.requesterId === requesterId && m.targetId === targetId) || (m.requesterId === targetId && m.targetId === requesterId)),
      );
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
      const [ps, ms, byId] = await Promise.all([store.participants(client, eventId), store.meetings(client, eventId), actors()]);
      const from = new Date(`${e.spec.startDate}T00:00:00+09:00`).toISOString();
      return eventReport({
        event: { id: e.id, name: e.spec.name, name_ja: e.spec.name_ja, startDate: e.spec.startDate, endDate: e.spec.endDate },
        participants: ps.flatMap((p) => {
          const a = byId.get(p.actorId);
          return a ? [{ id: a.id, type: a.type, ...(a.prefecture ? { prefecture: a.prefecture } : {}), ...(a.country ? { country: a.country } : {}) }] : [];
        }),
        meetings: ms,
        tiesCreated: await store.tiesCreatedSince(client, from),
      });
    },

    async reportCsv(user: User, eventId: string): Promise<string> {
      return eventReportCsv(await service.report(user, eventId));
    },
  };
  return service;
}

export type EventService = ReturnType<typeof eventService>;
