/**
 * A meeting at an event as a small status machine: a participant (or a coordinator, proposing)
 * asks; the other side, or a coordinator, accepts or declines — at once accepted when the event's
 * request mode is `auto`; either side or a coordinator cancels. An accepted meeting is placed by
 * the scheduler (or pinned by a coordinator) and gets its outcome afterwards. Pure.
 */
import type { EventMeetingOutcome, EventMeetingStatus } from '../../contract/api.ts';
import { allows, type User } from '../auth/roles.ts';
import { conflict, forbidden, notFound } from '../errors.ts';

export const MEETING_OUTCOMES: readonly EventMeetingOutcome[] = ['held', 'no_show', 'follow_up', 'collaborating'];
export const MEETING_ACTIONS = ['accept', 'decline', 'cancel'] as const;
export type MeetingAction = (typeof MEETING_ACTIONS)[number];

/** A meeting as stored: real actor ids. */
export interface MeetingRecord {
  id: string;
  eventId: string;
  status: EventMeetingStatus;
  requesterId: string;
  targetId: string;
  proposedBy: 'participant' | 'coordinator';
  score: number;
  message?: string;
  slot?: number;
  table?: number;
  pinned: boolean;
  outcome?: { value: EventMeetingOutcome; by: string; at: string; note?: string };
  createdAt: string;
  updatedAt: string;
}

export type MeetingSide = 'requester' | 'target' | 'coordinator';

const RULES: Record<MeetingAction, { to: EventMeetingStatus; from: readonly EventMeetingStatus[]; by: readonly MeetingSide[] }> = {
  accept: { to: 'accepted', from: ['requested'], by: ['target', 'coordinator'] },
  decline: { to: 'declined', from: ['requested'], by: ['target', 'coordinator'] },
  cancel: { to: 'cancelled', from: ['requested', 'accepted'], by: ['requester', 'target', 'coordinator'] },
};

export function meetingSides(m: Pick<MeetingRecord, 'requesterId' | 'targetId'>, user: User | undefined): MeetingSide[] {
  if (!user) return [];
  const sides: MeetingSide[] = [];
  if (allows(user, 'manage-events')) sides.push('coordinator');
  if (user.role === 'member' && user.actorId !== undefined) {
    if (user.actorId === m.requesterId) sides.push('requester');
    if (user.actorId === m.targetId) sides.push('target');
  }
  return sides;
}

/** Checks a step: 404 when the meeting is not the user's to see, 403 for the wrong side, 409 out of order. */
export function checkMeetingStep(m: MeetingRecord, user: User | undefined, action: MeetingAction): EventMeetingStatus {
  const sides = meetingSides(m, user);
  if (sides.length === 0) throw notFound('meeting', m.id);
  const rule = RULES[action];
  if (!rule.by.some((s) => sides.includes(s))) throw forbidden(`Only ${rule.by.join(' or ')} may ${action} this meeting.`, { action, allowed: rule.by });
  if (!rule.from.includes(m.status)) throw conflict(`This meeting is '${m.status}': '${action}' is possible only from ${rule.from.map((s) => `'${s}'`).join(' or ')}.`, { status: m.status, action });
  return rule.to;
}

/** Who may record an outcome: either side or a coordinator, of an accepted meeting. */
export function checkOutcome(m: MeetingRecord, user: User | undefined): void {
  const sides = meetingSides(m, user);
  if (sides.length === 0) throw notFound('meeting', m.id);
  if (m.status !== 'accepted') throw conflict(`This meeting is '${m.status}': an outcome is recorded for accepted meetings only.`, { status: m.status });
}

/** Why an accepted meeting found no place, in English and Japanese. */
export const UNPLACED_TEXTS = {
  no_common_availability: { en: 'the two sides share no available slot', ja: '双方の参加可能な時間帯が重なりません' },
  max_meetings: { en: 'one side already has its maximum number of meetings', ja: '一方がすでに商談数の上限に達しています' },
  tables_full: { en: 'every table is taken in the slots both sides are free', ja: '双方が空いている時間帯のテーブルがすべて埋まっています' },
  sides_busy: { en: 'in every common slot one side meets someone else', ja: '共通の時間帯ではいずれかが別の商談中です' },
  solver_limit: { en: 'the solver stopped at its time limit before placing it', ja: 'ソルバーが制限時間内に配置できませんでした' },
} as const;
