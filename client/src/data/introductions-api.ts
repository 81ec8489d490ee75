/**
 * The client's side of the introduction workflow's API (`/api/introductions`, `/api/notifications`):
 * reads through `getJson`, writes through `sendWrite` (which adds the session's CSRF token), so
 * failures are the ApiErrors of api.ts.
 */
import { getJson, sendWrite } from './api.ts';
import type {
  DeclineReason,
  Introduction,
  IntroductionAction,
  IntroductionListResponse,
  IntroductionRequestBody,
  IntroductionStatus,
  IntroductionSummaryResponse,
  NotificationListResponse,
  NotificationsReadResponse,
  TieKind,
} from '../../../server/contract/api.ts';

/** What the list is narrowed to (coordinators); empty values are left out. */
export interface IntroductionQuery {
  status?: IntroductionStatus | null;
  region?: string | null;
  cluster?: string | null;
  type?: string | null;
  actor?: string | null;
  /** How many requests at most (the server's default when left out). */
  limit?: number;
}

export type SummaryGrouping = IntroductionSummaryResponse['by'];
export type SummarySide = NonNullable<IntroductionSummaryResponse['side']>;

export const OUTCOMES = ['met', 'collaborating', 'ended'] as const satisfies readonly IntroductionAction[];
export type Outcome = (typeof OUTCOMES)[number];

/** What an action sends: a note, a reason, an outcome with its date (and a tie kind for a collaboration). */
export interface ActionInput {
  note?: string;
  reason?: DeclineReason;
  date?: string;
  tieKind?: TieKind;
}

function query(q: IntroductionQuery): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v) params.set(k, String(v));
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function listIntroductions(q: IntroductionQuery = {}, signal?: AbortSignal): Promise<IntroductionListResponse> {
  return getJson(`/api/introductions${query(q)}`, signal);
}

export function getIntroduction(id: string, signal?: AbortSignal): Promise<Introduction> {
  return getJson(`/api/introductions/${encodeURIComponent(id)}`, signal);
}

/** The CSV of the requests the filters keep (a plain link: the session cookie goes along). */
export function introductionsCsvUrl(q: IntroductionQuery = {}): string {
  return `/api/introductions.csv${query(q)}`;
}

/** The follow-up grouped by the region, cluster or type of the asker (or of the target). */
export function getIntroductionSummary(by: SummaryGrouping, side: SummarySide, signal?: AbortSignal): Promise<IntroductionSummaryResponse> {
  return getJson(`/api/introductions/summary?by=${by}&side=${side}`, signal);
}

/** `POST /api/introductions`: `asker` left out means the member's own actor. */
export function requestIntroduction(body: IntroductionRequestBody, csrfToken: string | null): Promise<Introduction> {
  return sendWrite('POST', '/api/introductions', csrfToken, body);
}

/**
 * One of the request's next steps: approve, decline, accept, withdraw (`{note?}`), refuse
 * (`{reason, note?}`), or an outcome (`POST …/outcome {outcome, date, tieKind?, note?}`).
 */
export function actOnIntroduction(id: string, action: IntroductionAction, input: ActionInput, csrfToken: string | null): Promise<Introduction> {
  const path = `/api/introductions/${encodeURIComponent(id)}`;
  const note = input.note?.trim() ? { note: input.note.trim() } : {};
  if ((OUTCOMES as readonly string[]).includes(action)) {
    return sendWrite('POST', `${path}/outcome`, csrfToken, { outcome: action, date: input.date, ...(action === 'collaborating' && input.tieKind ? { tieKind: input.tieKind } : {}), ...note });
  }
  const reason = action === 'refuse' && input.reason ? { reason: input.reason } : {};
  return sendWrite('POST', `${path}/${action}`, csrfToken, { ...reason, ...note });
}

export function getNotifications(signal?: AbortSignal): Promise<NotificationListResponse> {
  return getJson('/api/notifications', signal);
}

/** Marks these notifications read (all of the user's when `ids` is left out). */
export function markNotificationsRead(ids: string[] | undefined, csrfToken: string | null): Promise<NotificationsReadResponse> {
  return sendWrite('POST', '/api/notifications/read', csrfToken, ids ? { ids } : {});
}
