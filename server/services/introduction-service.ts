/**
 * The introduction workflow: a suggestion turned into a request and followed to an outcome
 * (domain/introductions). Every step is written with its audit entry and the notifications of
 * everyone involved in one transaction; a request that becomes `collaborating` creates its tie
 * through the edit service, so suggestions, metrics, communities and the drawing learn from it at
 * once. Ids come in as the asker saw them (a private target by its anonymous id) and are resolved
 * here; every answer goes out through the viewer's Redaction (introduction-view.ts). A target that
 * declined stays out of its asker's suggestions for `declineDays`.
 */
import { randomUUID } from 'node:crypto';
import type {
  AppNotification,
  Introduction,
  IntroductionListResponse,
  IntroductionSummaryResponse,
  NotificationListResponse,
  NotificationsReadResponse,
} from '../contract/api.ts';
import { allows, rolesFor, type User } from '../domain/auth/roles.ts';
import { badRequest, conflict, forbidden, invalidParameter, notFound, type AppError } from '../domain/errors.ts';
import {
  applyStep,
  canView,
  checkOutcomeDate,
  checkStep,
  reached,
  STEP_RULES,
  tieEnds,
  yearOf,
  type DeclineReason,
  type IntroductionAction,
  type IntroductionRecord,
  type IntroductionStatus,
  type StepRecord,
} from '../domain/introductions/introduction-steps.ts';
import { filterIntroductions, introductionsCsv, summarizeIntroductions, type IntroductionFilter, type PartySide, type SummaryBy } from '../domain/introductions/introduction-summary.ts';
import { notificationText } from '../domain/introductions/introduction-texts.ts';
import { viewIntroduction, type ViewContext } from '../domain/introductions/introduction-view.ts';
import type { Actor, TieKind } from '../domain/model.ts';
import type { Redaction } from '../domain/privacy/redaction.ts';
import type { AuditRecord } from '../store/audit-queries.ts';
import * as store from '../store/introduction-store.ts';
import type { Neo4jClient } from '../store/neo4j-client.ts';
import type { TieEditor } from './edit-service.ts';
import { actorsById, type NetworkSource } from './network-source.ts';
import type { PrivacyService } from './privacy-service.ts';


export interface IntroductionServiceDeps {
  network: NetworkSource;
  privacy: PrivacyService;
  edits: TieEditor;
  /** How long a target that declined stays out of its asker's suggestions, in days (0: not at all). */
  declineDays: number;
  /** The clock (tests set it). */
  now?: () => Date;
}

export interface RequestInput {
  asker?: string;
  target: string;
  via: string[];
  message: string;
}

export interface StepInput {
  note?: string;
  reason?: DeclineReason;
  date?: string;
  tieKind?: TieKind;
  tieSource?: 'asker' | 'target';
}

export interface ListQuery extends Omit<IntroductionFilter, 'actor'> {
  /** An actor id as the viewer knows it (an anonymous one included). */
  actor?: string;
  limit: number;
  offset: number;
}

/** Requests still running: a second request for the same pair waits until this one is over. */
const OPEN: readonly IntroductionStatus[] = ['requested', 'approved', 'accepted', 'met', 'collaborating'];
/** How long the list of recent refusals is trusted before it is read again (writes here renew it at once). */
const DECLINED_TRUST_MS = 60_000;
const DAY_MS = 86_400_000;

const snapshotOf = (r: IntroductionRecord) => ({ status: r.status, askerId: r.askerId, targetId: r.targetId, viaIds: r.viaIds, tieKind: r.tieKind ?? null });

export function introductionService(client: Neo4jClient, deps: IntroductionServiceDeps) {
  const now = () => (deps.now ? deps.now() : new Date());
  /** The recent refusals by asker (target id → when), read once and renewed by this service's own steps. */
  let declined: { at: number; byAsker: Promise<Map<string, Map<string, number>>> } | undefined;

  /** The current actors by id, once per network version. */
  const actors = () => actorsById(deps.network);

  async function context(user: User | undefined): Promise<ViewContext & { byId: ReadonlyMap<string, Actor> }> {
    const [byId, redaction] = await Promise.all([actors(), deps.privacy.redaction(user ? { user } : {})]);
    return { user, redaction, actor: (id) => byId.get(id), byId };
  }

  /**
   * The real id of an actor named by a viewer: an anonymous id it was shown, or a real id it may
   * see. An id hidden from the viewer is answered exactly as an unknown one.
   */
  async function resolveActor(id: string, redaction: Redaction, byId: ReadonlyMap<string, Actor>, unknown: (id: string) => AppError): Promise<string> {
    const real = id.startsWith('anon-') ? await deps.privacy.resolve(id) : redaction.hides(id) ? undefined : id;
    if (real === undefined || !byId.has(real)) throw unknown(id);
    return real;
  }
  const unknownField = (field: string) => (id: string) => badRequest(`Field '${field}': no actor '${id}'.`, { field });

  function audit(user: User, action: string, record: IntroductionRecord, before: unknown, after: unknown): AuditRecord {
    return {
      id: randomUUID(),
      userId: user.id,
      username: user.username,
      action: `introduction.${action}`,
      target: record.id,
      before: before === null ? null : JSON.stringify(before),
      after: after === null ? null : JSON.stringify(after),
    };
  }

  /** Everyone who may see the request now: the coordinators, and the members of each side that sees it. */
  function recipients(record: IntroductionRecord, user: User): store.Recipients {
    return {
      roles: rolesFor('follow-introductions'),
      actorIds: reached(record, 'approved') ? [record.askerId, record.targetId] : [record.askerId],
      exceptUserId: user.id,
    };
  }

  async function viewed(record: IntroductionRecord, user: User): Promise<Introduction> {
    return viewIntroduction(record, await context(user));
  }

  async function visible(user: User, id: string): Promise<IntroductionRecord> {
    const record = await store.introductionById(client, id);
    if (!record || !canView(record, user)) throw notFound('introduction request', id);
    return record;
  }

  /** Refuses a second running request for the same pair, and one asked again before the refusal's period is over. */
  async function checkPair(askerId: string, targetId: string, at: Date): Promise<void> {
    for (const r of await store.pairIntroductions(client, askerId, targetId)) {
      if (OPEN.includes(r.status)) throw conflict(`A request for this introduction is already running (status '${r.status}').`, { introduction: r.id, status: r.status });
      const answered = r.history.find((s) => s.status === 'declined')?.at;
      if (r.status === 'declined' && answered && deps.declineDays > 0) {
        const until = new Date(Date.parse(answered) + deps.declineDays * DAY_MS);
        if (until > at) throw conflict(`This introduction was declined on ${answered.slice(0, 10)}; it can be asked for again from ${until.toISOString().slice(0, 10)}.`, { introduction: r.id, until: until.toISOString().slice(0, 10) });
      }
    }
  }

  /**
   * The tie a collaboration creates, through the edit service: the kind the coordinator chose,
   * `since` the outcome's year (an earlier year of the same tie is kept, and its weight).
   */
  async function createTie(user: User, record: IntroductionRecord, kind: TieKind, date: string, source: 'asker' | 'target' | undefined): Promise<void> {
    const byId = await actors();
    if (!byId.has(record.askerId) || !byId.has(record.targetId)) {
      throw conflict('An actor of this request was removed: no tie can be created; record the outcome as ended instead.', { action: 'collaborating' });
    }
    await deps.edits.tieFromOutcome(user, { ...tieEnds(record, kind, source), kind }, yearOf(date), `introduction ${record.id}`);
  }

  function declinedByAsker(): Promise<Map<string, Map<string, number>>> {
    if (!declined || Date.now() - declined.at > DECLINED_TRUST_MS) {
      const since = new Date(now().getTime() - deps.declineDays * DAY_MS).toISOString();
      const byAsker = store.declinedSince(client, since).then((rows) => {
        const map = new Map<string, Map<string, number>>();
        for (const r of rows) {
          let targets = map.get(r.askerId);
          if (!targets) map.set(r.askerId, (targets = new Map()));
          targets.set(r.targetId, Math.max(targets.get(r.targetId) ?? 0, Date.parse(r.answeredAt)));
        }
        return map;
      });
      declined = { at: Date.now(), byAsker };
      byAsker.catch(() => (declined = undefined));
    }
    return declined.byAsker;
  }

  return {
    /** A new request (`input` checked for form by the route); answered as the asker sees it. */
    async request(user: User, input: RequestInput): Promise<Introduction> {
      const coordinator = allows(user, 'follow-introductions');
      if (!coordinator && !allows(user, 'request-introduction')) throw forbidden(`Your role (${user.role}) may not ask for introductions.`, { role: user.role });
      const ctx = await context(user);
      let askerId: string;
      if (coordinator) {
        if (input.asker === undefined) throw badRequest("Field 'asker': a coordinator asks on behalf of an actor; give its id.", { field: 'asker' });
        askerId = await resolveActor(input.asker, ctx.redaction, ctx.byId, unknownField('asker'));
      } else {
        if (!user.actorId) throw forbidden('Your account belongs to no actor: a member asks for introductions for its own actor.', { role: user.role });
        if (input.asker !== undefined && input.asker !== user.actorId) {
          throw forbidden(`A member asks for introductions for its own actor ('${user.actorId}') only.`, { field: 'asker' });
        }
        askerId = user.actorId;
        if (!ctx.byId.has(askerId)) throw badRequest(`Field 'asker': no actor '${askerId}'.`, { field: 'asker' });
      }
      const targetId = await resolveActor(input.target, ctx.redaction, ctx.byId, unknownField('target'));
      if (targetId === askerId) throw badRequest("Field 'target': an actor cannot be introduced to itself.", { field: 'target' });
      const viaIds: string[] = [];
      for (const v of input.via) {
        const id = await resolveActor(v, ctx.redaction, ctx.byId, unknownField('via'));
        if (id === askerId || id === targetId) throw badRequest(`Field 'via': '${v}' is a side of the request, not an intermediary.`, { field: 'via' });
        if (!viaIds.includes(id)) viaIds.push(id);
      }
      const at = now();
      await checkPair(askerId, targetId, at);
      const iso = at.toISOString();
      const record: IntroductionRecord = {
        id: randomUUID(),
        status: 'requested',
        askerId,
        targetId,
        viaIds,
        askerType: ctx.byId.get(askerId)!.type,
        targetType: ctx.byId.get(targetId)!.type,
        message: input.message,
        requestedById: user.id,
        requestedByName: user.username,
        createdAt: iso,
        updatedAt: iso,
        history: [{ at: iso, status: 'requested', byId: user.id, byName: user.username, side: coordinator ? 'coordinator' : 'asker' }],
      };
      const written = await store.writeIntroduction(client, record, undefined, audit(user, 'request', record, null, { ...snapshotOf(record), message: record.message }), recipients(record, user));
      return viewIntroduction(written ?? record, ctx);
    },

    /** One request, if the user may see it (else 404, as an unknown id). */
    async get(user: User, id: string): Promise<Introduction> {
      return viewed(await visible(user, id), user);
    },

    /**
     * A step (`action`) of the workflow: 404 when the request is not the user's to see, 403 when
     * their side may not take it, 409 when it does not follow from the current status.
     */
    async step(user: User, id: string, action: IntroductionAction, input: StepInput): Promise<Introduction> {
      const record = await visible(user, id);
      const side = checkStep(record, user, action);
      const at = now().toISOString();
      const step: StepRecord = { at, status: STEP_RULES[action].to, byId: user.id, byName: user.username, side };
      if (input.note !== undefined) step.note = input.note;
      if (action === 'refuse') {
        if (!input.reason) throw badRequest("Field 'reason': one of too_early, benefit_unclear, no_capacity, other.", { field: 'reason' });
        step.reason = input.reason;
      }
      if (action === 'met' || action === 'collaborating' || action === 'ended') {
        if (input.date === undefined) throw badRequest("Field 'date': the day it happened, YYYY-MM-DD.", { field: 'date' });
        const bad = checkOutcomeDate(record, input.date, at);
        if (bad) throw bad;
        step.date = input.date;
      }
      if (action === 'collaborating') {
        if (!input.tieKind) throw badRequest("Field 'tieKind': the kind of the tie the collaboration creates (COLLABORATES, SUPPLIES, FINANCES, SUPPORTS or SPUN_OFF_FROM).", { field: 'tieKind' });
        step.tieKind = input.tieKind;
        await createTie(user, record, input.tieKind, step.date!, input.tieSource);
      }
      const next = applyStep(record, step);
      const after = { status: next.status, ...(step.reason ? { reason: step.reason } : {}), ...(step.note !== undefined ? { note: step.note } : {}), ...(step.date ? { date: step.date } : {}), ...(step.tieKind ? { tieKind: step.tieKind } : {}) };
      const written = await store.writeIntroduction(client, next, record.status, audit(user, action, next, { status: record.status }, after), recipients(next, user));
      if (!written) throw conflict('This request changed meanwhile; load it again and retry.', { action });
      if (action === 'refuse' || action === 'accept') declined = undefined;
      return viewed(written, user);
    },

    /** The requests the user may see, newest first, filtered; counts by status over the other filters. */
    async list(user: User, query: ListQuery): Promise<IntroductionListResponse> {
      const coordinator = allows(user, 'follow-introductions');
      if (!coordinator && (user.role !== 'member' || !user.actorId)) return { introductions: [], total: 0, counts: {} };
      const ctx = await context(user);
      const records = await store.listIntroductions(client, coordinator ? {} : { party: user.actorId });
      // Coordinators may name an actor deleted since: its requests are still theirs to follow.
      const removed = coordinator && query.actor !== undefined && !query.actor.startsWith('anon-') && !ctx.byId.has(query.actor);
      const actor =
        query.actor === undefined || removed ? query.actor : await resolveActor(query.actor, ctx.redaction, ctx.byId, (id) => invalidParameter('actor', `no actor '${id}'`));
      const { matching, counts } = filterIntroductions(records.filter((r) => canView(r, user)), { ...query, actor }, ctx.actor, (id) => ctx.redaction.hides(id));
      return {
        introductions: matching.slice(query.offset, query.offset + query.limit).map((r) => viewIntroduction(r, ctx)),
        total: matching.length,
        counts,
      };
    },

    /** The program's follow-up by region, cluster or type (coordinators: the route checks the role). */
    async summary(by: SummaryBy, side: PartySide): Promise<IntroductionSummaryResponse> {
      const [records, byId] = await Promise.all([store.listIntroductions(client, {}), actors()]);
      return summarizeIntroductions(records, by, side, (id) => byId.get(id));
    },

    /** Every request as one CSV row (coordinators: the route checks the role). */
    async csv(): Promise<string> {
      const [records, byId] = await Promise.all([store.listIntroductions(client, {}), actors()]);
      return introductionsCsv(records, (id) => byId.get(id));
    },

    /** The user's notifications, newest first, each told as the user sees its request now. */
    async notifications(user: User, limit: number): Promise<NotificationListResponse> {
      const found = await store.notificationsOf(client, user.id, limit);
      const records = new Map((await store.introductionsByIds(client, [...new Set(found.notifications.map((n) => n.introductionId))])).map((r) => [r.id, r]));
      const ctx = await context(user);
      const notifications: AppNotification[] = [];
      for (const n of found.notifications) {
        const record = records.get(n.introductionId);
        // A request deleted since, or no longer the user's to see (another actor now), is not told.
        if (!record || !canView(record, user)) continue;
        notifications.push({ id: n.id, at: n.at, read: n.read, introductionId: n.introductionId, status: n.status, message: notificationText(viewIntroduction(record, ctx), n.status) });
      }
      return { notifications, unread: found.unread };
    },

    /** Marks the user's own notifications read: `ids`, or all of them. */
    async markRead(user: User, ids: readonly string[] | null): Promise<NotificationsReadResponse> {
      return store.markNotificationsRead(client, user.id, ids);
    },

    /** The targets that declined a request of `askerId` within the period: left out of its suggestions. */
    async declinedTargets(askerId: string): Promise<ReadonlySet<string>> {
      if (deps.declineDays <= 0) return new Set();
      const from = now().getTime() - deps.declineDays * DAY_MS;
      const targets = (await declinedByAsker()).get(askerId);
      return new Set([...(targets ?? [])].filter(([, at]) => at >= from).map(([id]) => id));
    },
  };
}

export type IntroductionService = ReturnType<typeof introductionService>;
