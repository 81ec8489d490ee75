/**
 * What the event use cases share (event-service.ts, event-schedule-service.ts,
 * event-documents.ts): the actors and the viewer's redaction, audit records, who may act for
 * which actor, the suggestion engine's ranking of participants, and meetings as a viewer sees them.
 */
import { randomUUID } from 'node:crypto';
import type { EventMeeting, EventParty, MatchingEvent } from '../contract/api.ts';
import { allows, type User } from '../domain/auth/roles.ts';
import { eventSlots } from '../domain/events/event-slots.ts';
import { meetingSides, type MeetingRecord } from '../domain/events/meeting-steps.ts';
import type { SolveOptions } from '../domain/events/solve-schedule.ts';
import { badRequest, conflict, forbidden, notFound } from '../domain/errors.ts';
import { ACTOR_TYPES, type Actor } from '../domain/model.ts';
import type { Viewer } from '../domain/privacy/redaction.ts';
import type { AuditRecord } from '../store/audit-queries.ts';
import * as store from '../store/event-store.ts';
import type { Neo4jClient } from '../store/neo4j-client.ts';
import type { TieEditor } from './edit-service.ts';
import { actorsById, type NetworkSource } from './network-source.ts';
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

/** The viewer the service ranks and resolves with: sees every actor (answers are redacted after). */
const SYSTEM: Viewer = { user: { id: 'event-service', username: 'event-service', role: 'admin' } };

export function eventContext(client: Neo4jClient, deps: EventServiceDeps) {
  const now = () => (deps.now ? deps.now() : new Date());

  const actors = () => actorsById(deps.network);

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

  return { client, deps, now, actors, context, audit, resolveActor, mayManage, event, view, viewMeeting, visibleMeetings, actingActor, ranked, scoreOf, visibleMeeting, stepWrite };
}

export type EventContext = ReturnType<typeof eventContext>;
export type Ctx = Awaited<ReturnType<EventContext['context']>>;
