/**
 * The introduction workflow as a status machine: a member of the asking actor (or a coordinator)
 * asks; a coordinator approves or declines; the target actor's members (or a coordinator on their
 * behalf) accept or refuse with a reason; the asker or a coordinator may withdraw before the
 * answer; outcomes (met, collaborating, ended) are recorded with the date they happened.
 *
 *   requested ─approve→ approved ─accept→ accepted ─met→ met ─collaborating→ collaborating ─ended→ ended
 *       │                  │                  └──────collaborating / ended──────┘
 *       ├─decline→ declined_by_coordinator      └─refuse→ declined
 *       └─withdraw→ withdrawn ←─withdraw─ (approved)
 *
 * Who may take a step is a matter of sides: the viewer is on the asker's side (a member of the
 * asking actor), the target's (a member of the target actor, once a coordinator approved: before
 * that the request is not shown to them) or the coordinator's (role with `follow-introductions`).
 * Pure: the caller passes the clock's reading.
 */
import type { DeclineReason, IntroductionAction, IntroductionSide, IntroductionStatus } from '../../contract/api.ts';
import { allows, type User } from '../auth/roles.ts';
import { badRequest, conflict, forbidden, notFound, type AppError } from '../errors.ts';
import type { ActorType, TieKind } from '../model.ts';

export type { DeclineReason, IntroductionAction, IntroductionSide, IntroductionStatus };

export const INTRODUCTION_STATUSES: readonly IntroductionStatus[] = [
  'requested', 'approved', 'declined_by_coordinator', 'accepted', 'declined', 'withdrawn', 'met', 'collaborating', 'ended',
];
export const DECLINE_REASONS: readonly DeclineReason[] = ['too_early', 'benefit_unclear', 'no_capacity', 'other'];
export const OUTCOMES = ['met', 'collaborating', 'ended'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** The longest message or note a request carries. */
export const MAX_TEXT = 1000;
/** The most intermediaries a request may propose. */
export const MAX_VIA = 10;

/** One step as stored: who took it (id, user name, side) and what it carried. */
export interface StepRecord {
  at: string;
  status: IntroductionStatus;
  byId: string;
  byName: string;
  side: IntroductionSide;
  reason?: DeclineReason;
  note?: string;
  /** The day an outcome happened (YYYY-MM-DD). */
  date?: string;
  tieKind?: TieKind;
}

/** A request as stored: real actor ids (never anonymous ones) and its whole history, oldest first. */
export interface IntroductionRecord {
  id: string;
  status: IntroductionStatus;
  askerId: string;
  targetId: string;
  viaIds: string[];
  /** The actors' types when asked: a request still reads "a removed enterprise" after a delete. */
  askerType: ActorType;
  targetType: ActorType;
  message: string;
  requestedById: string;
  requestedByName: string;
  createdAt: string;
  updatedAt: string;
  tieKind?: TieKind;
  history: StepRecord[];
}

/** Each action: the status it leads to, the statuses it may start from, and who may take it. */
export const STEP_RULES: Readonly<Record<IntroductionAction, { to: IntroductionStatus; from: readonly IntroductionStatus[]; by: readonly IntroductionSide[] }>> = {
  approve: { to: 'approved', from: ['requested'], by: ['coordinator'] },
  decline: { to: 'declined_by_coordinator', from: ['requested'], by: ['coordinator'] },
  accept: { to: 'accepted', from: ['approved'], by: ['target', 'coordinator'] },
  refuse: { to: 'declined', from: ['approved'], by: ['target', 'coordinator'] },
  withdraw: { to: 'withdrawn', from: ['requested', 'approved'], by: ['asker', 'coordinator'] },
  met: { to: 'met', from: ['accepted'], by: ['asker', 'target', 'coordinator'] },
  collaborating: { to: 'collaborating', from: ['accepted', 'met'], by: ['coordinator'] },
  ended: { to: 'ended', from: ['accepted', 'met', 'collaborating'], by: ['asker', 'target', 'coordinator'] },
};
export const INTRODUCTION_ACTIONS = Object.keys(STEP_RULES) as IntroductionAction[];

const SIDE_WORDS: Record<IntroductionSide, string> = {
  asker: 'a member of the asking actor',
  target: 'a member of the actor asked for',
  coordinator: 'a coordinator',
};

/** Whether the request ever reached `status`. */
export function reached(record: Pick<IntroductionRecord, 'history'>, status: IntroductionStatus): boolean {
  return record.history.some((s) => s.status === status);
}

/** The target accepted: from then on both sides see each other's names. */
export function isRevealed(record: Pick<IntroductionRecord, 'history'>): boolean {
  return reached(record, 'accepted');
}

/**
 * The sides `user` is on in this request; empty when the request is not theirs to see. A member
 * of the target actor is on its side only once a coordinator approved the request.
 */
export function sidesOf(record: IntroductionRecord, user: User | undefined): IntroductionSide[] {
  if (!user) return [];
  const sides: IntroductionSide[] = [];
  if (allows(user, 'follow-introductions')) sides.push('coordinator');
  if (user.role === 'member' && user.actorId !== undefined) {
    if (user.actorId === record.askerId) sides.push('asker');
    else if (user.actorId === record.targetId && reached(record, 'approved')) sides.push('target');
  }
  return sides;
}

export function canView(record: IntroductionRecord, user: User | undefined): boolean {
  return sidesOf(record, user).length > 0;
}

/** The party side the user is on (asker or target), or the coordinator's, for the answer. */
export function mainSide(sides: readonly IntroductionSide[]): IntroductionSide | undefined {
  return sides.find((s) => s !== 'coordinator') ?? sides[0];
}

/** What `user` may do next with the request. */
export function actionsFor(record: IntroductionRecord, user: User | undefined): IntroductionAction[] {
  const sides = sidesOf(record, user);
  return INTRODUCTION_ACTIONS.filter((a) => STEP_RULES[a].from.includes(record.status) && STEP_RULES[a].by.some((s) => sides.includes(s)));
}

/**
 * The side on which `user` takes `action`, or the error to answer: 404 when the request is not
 * the user's to see (as an unknown id), 403 when their side may not take this step at all, 409
 * when the step does not follow from the current status.
 */
export function checkStep(record: IntroductionRecord, user: User | undefined, action: IntroductionAction): IntroductionSide {
  const sides = sidesOf(record, user);
  if (sides.length === 0) throw notFound('introduction request', record.id);
  const rule = STEP_RULES[action];
  // A member of a side acts as that side; a coordinator who is also a member acts as coordinator.
  const side = rule.by.find((s) => sides.includes(s) && s !== 'coordinator') ?? rule.by.find((s) => sides.includes(s));
  if (!side) {
    throw forbidden(`Only ${rule.by.map((s) => SIDE_WORDS[s]).join(' or ')} may ${action === 'met' || action === 'collaborating' || action === 'ended' ? `record '${action}'` : action} this request.`, {
      action,
      allowed: rule.by,
    });
  }
  if (!rule.from.includes(record.status)) {
    throw conflict(`This request is '${record.status}': '${action}' is possible only from ${rule.from.map((s) => `'${s}'`).join(' or ')}.`, {
      status: record.status,
      action,
      from: rule.from,
    });
  }
  return side;
}

/** The request after a step (a new object; the history grows by one). */
export function applyStep(record: IntroductionRecord, step: StepRecord): IntroductionRecord {
  return {
    ...record,
    status: step.status,
    updatedAt: step.at,
    ...(step.tieKind ? { tieKind: step.tieKind } : {}),
    history: [...record.history, step],
  };
}

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` as a calendar date that exists, or undefined. */
export function parseDay(text: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return undefined;
  const t = Date.parse(`${text}T00:00:00Z`);
  return Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== text ? undefined : t;
}

/**
 * Checks the date of an outcome: a real day, not after today (a day's slack for time zones: the
 * program runs on Japan's clock), not before the request was made nor before an earlier outcome.
 */
export function checkOutcomeDate(record: IntroductionRecord, date: string, now: string): AppError | undefined {
  const bad = (message: string) => badRequest(`Field 'date': ${message}.`, { field: 'date' });
  const day = parseDay(date);
  if (day === undefined) return bad(`'${date}' is not a date in the form YYYY-MM-DD`);
  if (day > Date.parse(now) + DAY_MS) return bad(`${date} is in the future; record an outcome once it happened`);
  const asked = record.createdAt.slice(0, 10);
  if (date < asked) return bad(`${date} is before the request was made (${asked})`);
  const last = [...record.history].reverse().find((s) => s.date !== undefined)?.date;
  if (last !== undefined && date < last) return bad(`${date} is before the outcome recorded earlier (${last})`);
  return undefined;
}

/** The year an outcome date falls in: the `since` of the tie a collaboration creates. */
export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

/** The type that makes an actor the natural source of a directed tie kind. */
const SOURCE_TYPES: Partial<Record<TieKind, readonly ActorType[]>> = {
  FINANCES: ['FinancialInstitution'],
  SUPPORTS: ['IncubationManager', 'SupportOrganization', 'FinancialInstitution'],
  SPUN_OFF_FROM: ['Enterprise'],
};

/**
 * The ends of the tie a collaboration creates: `source` as the coordinator chose it; otherwise
 * the side whose type makes it the kind's source when exactly one side is of such a type (a
 * lender finances, a venture spun off), otherwise the asker.
 */
export function tieEnds(record: IntroductionRecord, kind: TieKind, source?: 'asker' | 'target'): { source: string; target: string } {
  const asker = { source: record.askerId, target: record.targetId };
  const target = { source: record.targetId, target: record.askerId };
  if (source) return source === 'asker' ? asker : target;
  const types = SOURCE_TYPES[kind];
  if (!types) return asker;
  const askerIs = types.includes(record.askerType);
  const targetIs = types.includes(record.targetType);
  return targetIs && !askerIs ? target : asker;
}
