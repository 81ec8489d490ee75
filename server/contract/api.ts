/**
 * The API contract: every response body of `/api`, declared once. The routes check what they send
 * against it (`satisfies`), and the web client imports its types from here and from nowhere else
 * in server/. Types only: nothing here runs.
 */
import type { ActorType, TieKind } from '../domain/model.ts';
import type { ActorDetail, ActorSummary } from '../domain/actor-summary.ts';
import type { GraphPayload, NamedRef } from '../domain/layout/graph-payload.ts';
import type { SuggestionResult } from '../domain/suggestions/suggestion-types.ts';
import type { CommunityAnalysis, CommunityParameters, CommunityTimeline } from '../domain/communities/analyse-communities.ts';
import type { CommunitySummary } from '../domain/communities/summarize-communities.ts';
import type { GroupMetricsResult } from '../domain/metrics/group-metrics.ts';
import type { Grouping } from '../domain/metrics/groupings.ts';
import type { MetricsTimeline } from '../domain/metrics/metrics-timeline.ts';
import type { Role, User } from '../domain/auth/roles.ts';

export type { Role, User, ActorType, TieKind, NamedRef, ActorDetail, ActorSummary, GraphPayload, SuggestionResult, CommunitySummary, GroupMetricsResult, MetricsTimeline, Grouping };

/** How an imported file was decoded. */
export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'shift_jis';

/** What an import did (`POST /api/import`, `npm run import`). */
export interface ImportReport {
  replaced: boolean;
  encoding: { actors?: TextEncodingName; ties?: TextEncodingName };
  actors: { added: number; changed: number; unchanged: number; removed: number };
  ties: { added: number; changed: number; unchanged: number; removed: number };
  notices: string[];
  durationMs: number;
  /** Where the time went: reading the files, reading what is stored, writing the difference. */
  phasesMs: { parse: number; check: number; write: number };
}

/** The counts of the stored network. */
export interface NetworkStats {
  actors: Record<ActorType, number>;
  ties: Record<TieKind, number>;
  clusters: number;
  prefectures: number;
}

/** Where the reference community run was written onto the actors. */
export interface CommunityWriteReport {
  property: 'community';
  /** Actors whose `community` was written (0 when the stored partition was already this one). */
  written: number;
  ms: number;
}

/** Every error: `{ error: { code, message, details? } }`. */
export interface ErrorResponse {
  error: { code: ErrorCode; message: string; details?: unknown };
}

/** The codes a client can act on; `no_route` is an API path this server does not have. */
export type ErrorCode =
  | 'bad_request'
  | 'invalid_parameter'
  | 'not_found'
  | 'no_route'
  | 'import_rejected'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'database_unavailable'
  | 'unauthorized'
  | 'forbidden'
  | 'csrf_failed'
  | 'host_not_allowed'
  | 'too_many_requests'
  | 'conflict'
  | 'internal_error'
  | (string & {});

/** `GET /api/health` */
export interface HealthResponse {
  status: 'ok';
  neo4j: unknown;
}

/** `GET /api/stats` */
export type StatsResponse = NetworkStats;

/** `GET /api/actors` */
export interface ActorsPageResponse {
  items: ActorSummary[];
  nextCursor: string | null;
}

/** `GET /api/actors/:id` */
export type ActorResponse = ActorDetail;

/** `GET /api/actors/:id/suggestions` */
export type SuggestionsResponse = SuggestionResult & { asOf?: number };

/** `GET /api/communities` */
export interface CommunitiesResponse {
  networkVersion: number;
  actors: number;
  ties: number;
  parameters: Omit<CommunityParameters, 'asOf'> & { asOf: number | null };
  method: CommunityAnalysis['method'];
  modularity: number;
  count: number;
  communities: CommunitySummary[];
  small: CommunityAnalysis['small'];
  /** Where the reference run was written onto the actors (null for other runs). */
  storage: CommunityWriteReport | null;
  /** Actor id → community id (asked for with members=true). */
  members?: CommunityAnalysis['assignment'];
  cached: boolean;
  timings: Record<string, number>;
}

/** `GET /api/communities/timeline` */
export type CommunityTimelineResponse = CommunityTimeline & {
  networkVersion: number;
  parameters: CommunityParameters & { threshold: number };
};

/** `GET /api/metrics` */
export type MetricsResponse = GroupMetricsResult & {
  networkVersion: number;
  parameters: { by: Grouping; types: ActorType[]; asOf: number | null };
  definitions: Record<string, string>;
};

/** `GET /api/metrics/timeline` */
export type MetricsTimelineResponse = MetricsTimeline & {
  networkVersion: number;
  parameters: { by: Grouping; types: ActorType[] };
  definitions: Record<string, string>;
};

/** `POST /api/import`: the report, with the import's id (also in the `X-Import-Id` header, sent first in a 103 answer). */
export type ImportResponse = ImportReport & { importId: string };

/** Where an import is: `committed` is read from the import's own transaction (its audit entry). */
export type ImportState = 'running' | 'committed' | 'rejected' | 'failed';

/** `GET /api/imports/:id` (coordinators and admins). */
export interface ImportStatusResponse {
  importId: string;
  status: ImportState;
  /** When this server began it (absent when only the database knows the import: after a restart). */
  startedAt?: string;
  /** When it committed, was rejected or failed. */
  finishedAt?: string;
  /** Who imported. */
  username?: string;
  /** committed: the whole report, when the server that ran the import still holds it. */
  report?: ImportReport;
  /** committed: the counts written, from the import's audit entry (always there). */
  counts?: { actors: ImportReport['actors']; ties: ImportReport['ties'] };
  /** rejected or failed: the error the import's caller got (or would have got). */
  error?: { code: string; message: string; details?: unknown };
}

/**
 * Response header `X-Musubi-Stale: true`: the answer was made from the network as last read,
 * because the database did not confirm within STALE_AFTER_MS (1 s) that it is still current
 * (slow, paused or down). Absent on answers the database confirmed.
 */
export type StaleMarkerHeader = 'X-Musubi-Stale';

/** `GET /api/graph` */
export type GraphResponse = GraphPayload;

/**
 * `GET /api/auth/me`, `POST /api/auth/login`: who is logged in (null: the public viewer), and the
 * token a cookie session sends back in `X-CSRF-Token` with every write.
 */
export interface SessionResponse {
  user: User | null;
  csrfToken: string | null;
}

/** `POST /api/auth/tokens`: the new token's secret, shown this once only. */
export interface TokenCreatedResponse {
  id: string;
  name: string;
  createdAt: string;
  token: string;
}

/** `GET /api/auth/tokens`: the user's own tokens (never their secrets). */
export interface TokenListResponse {
  tokens: { id: string; name: string; createdAt: string }[];
}

/** `GET /api/users` (admins). */
export interface UserListResponse {
  users: User[];
}

/** One write in the audit log: who, what, when, before and after. */
export interface AuditEntry {
  id: string;
  at: string;
  userId: string | null;
  username: string | null;
  action: string;
  target: string | null;
  before: unknown;
  after: unknown;
}

/** `GET /api/audit` (admins). */
export interface AuditResponse {
  entries: AuditEntry[];
}

// ---------------------------------------------------------------------------------------------
// Edits (issue 11): `POST /api/actors`, `PATCH /api/actors/:id`, `DELETE /api/actors/:id`,
// `PUT /api/ties/:kind/:source/:target`, `DELETE /api/ties/:kind/:source/:target`.

/**
 * An actor as an edit sends it: the columns of actors.csv as JSON fields. Lists may be arrays or
 * "a;b" strings, numbers numbers or strings; on PATCH, a field sent as null or "" is removed and a
 * field not sent is kept. Extra properties (e.g. `contact_name`) follow the import's extra-column rules.
 */
export type ActorInput = Record<string, string | number | string[] | null>;

/** A tie as an edit sends it (its kind and ends are in the path). */
export interface TieInput {
  weight?: number | string | null;
  since?: number | string | null;
}

/**
 * The fields a member may change on its own actor's profile; and one problem of an edit: the
 * import's checks and messages, the field in place of file, line and column. An edit with problems
 * answers 422 `invalid_fields`, details `{ problems: FieldProblem[] }`.
 */
export type { MemberProfileField as MemberEditableField, FieldProblem } from '../domain/edits/edit-input.ts';

/** What an edit changed, in the import's counts; `actor` is the actor as stored now (absent after a delete). */
export interface EditReport {
  actors: { added: number; changed: number; unchanged: number; removed: number };
  ties: { added: number; changed: number; unchanged: number; removed: number };
  actor?: ActorDetail;
}

// ---------------------------------------------------------------------------------------------
// Introductions (issue 11): a suggestion turned into a request, followed to an outcome.

/**
 * requested → approved (by a coordinator) → accepted (by the other side) → met → collaborating →
 * ended; or declined_by_coordinator / declined (by the other side, with a reason) / withdrawn.
 */
export type IntroductionStatus =
  | 'requested'
  | 'approved'
  | 'declined_by_coordinator'
  | 'accepted'
  | 'declined'
  | 'withdrawn'
  | 'met'
  | 'collaborating'
  | 'ended';

export type DeclineReason = 'too_early' | 'benefit_unclear' | 'no_capacity' | 'other';

/** What the viewer may do next with a request. */
export type IntroductionAction = 'approve' | 'decline' | 'accept' | 'refuse' | 'withdraw' | 'met' | 'collaborating' | 'ended';

/** One step of a request's history. */
export interface IntroductionStep {
  at: string;
  status: IntroductionStatus;
  /** User name of who took the step (null when hidden from this viewer). */
  by: string | null;
  reason?: DeclineReason;
  note?: string;
  /** The date an outcome happened (met, collaborating, ended), as given. */
  date?: string;
  /** Who took the step: a member of the asking actor, of the target actor, or a coordinator. */
  side?: IntroductionSide;
}

export type IntroductionSide = 'asker' | 'target' | 'coordinator';

/** An actor in a request, as this viewer may see it (a hidden actor stands anonymous). */
export type IntroductionParty = NamedRef & {
  type: ActorType;
  prefecture?: string;
  country?: string;
  /** The actor was deleted after the request: it stands as "a removed enterprise". */
  removed?: true;
};

export interface Introduction {
  id: string;
  status: IntroductionStatus;
  asker: IntroductionParty;
  target: IntroductionParty;
  /** The proposed intermediaries, from the suggestion's `via`. */
  via: IntroductionParty[];
  message: string;
  createdAt: string;
  updatedAt: string;
  /** The tie kind chosen by the coordinator when the request became a collaboration. */
  tieKind?: TieKind;
  history: IntroductionStep[];
  actions: IntroductionAction[];
  /** The viewer's part in the request: a member's side, or `coordinator` for coordinators and admins. */
  viewerSide?: IntroductionSide;
  /** The target accepted: both sides now see each other's names. */
  revealed?: boolean;
}

/** `POST /api/introductions` (201, the new Introduction). Ids may be the anonymous ids a suggestion showed. */
export interface IntroductionRequestBody {
  /** The asking actor: a member's own actor when left out; coordinators must give it. */
  asker?: string;
  target: string;
  /** The proposed intermediaries (a suggestion reason's `via`), at most 10. */
  via?: string[];
  /** 1 to 1000 characters. */
  message: string;
}

/** `POST /api/introductions/:id/approve|decline|accept|withdraw` */
export interface IntroductionNoteBody {
  /** At most 1000 characters. */
  note?: string;
}

/** `POST /api/introductions/:id/refuse` (the target side, or a coordinator on its behalf). */
export interface IntroductionRefusalBody {
  reason: DeclineReason;
  note?: string;
}

/** `POST /api/introductions/:id/outcome` */
export interface IntroductionOutcomeBody {
  outcome: 'met' | 'collaborating' | 'ended';
  /** YYYY-MM-DD: not in the future, not before the request or an earlier outcome. */
  date: string;
  /** Required for `collaborating` (coordinators only): the kind of the tie to create. */
  tieKind?: TieKind;
  /**
   * Which side is the tie's source for a directed kind (SUPPLIES, FINANCES, SUPPORTS,
   * SPUN_OFF_FROM); inferred from the actors' types when left out (a lender finances, a venture
   * spun off from a university), else the asker.
   */
  tieSource?: 'asker' | 'target';
  note?: string;
}

/** Every step answers the request as it is now, for the viewer (`POST /api/introductions/:id/...`). */
export type IntroductionResponse = Introduction;

/** `GET /api/introductions`: the requests this viewer may see, newest first, and counts by status. */
export interface IntroductionListResponse {
  introductions: Introduction[];
  total: number;
  counts: Partial<Record<IntroductionStatus, number>>;
}

/** `GET /api/introductions/summary?by=region|cluster|type` (coordinators): the program's follow-up. */
export interface IntroductionSummaryResponse {
  by: 'region' | 'cluster' | 'type';
  /** Whose region, cluster or type (`?side=`, default the asker's). */
  side?: 'asker' | 'target';
  /** Every request once (an actor in several clusters counts in each cluster's row). */
  total?: { requests: number; accepted: number; acceptanceRate: number | null; collaborating: number };
  rows: {
    key: string;
    name: string;
    name_ja: string;
    requests: number;
    accepted: number;
    /** accepted (or further) / answered by the other side; null when none answered yet. */
    acceptanceRate: number | null;
    collaborating: number;
  }[];
}

/** An in-app notification about a request the user is involved in. */
export interface AppNotification {
  id: string;
  at: string;
  read: boolean;
  introductionId: string;
  status: IntroductionStatus;
  message: { en: string; ja: string };
}

/** `GET /api/notifications` */
export interface NotificationListResponse {
  notifications: AppNotification[];
  unread: number;
}

/** `POST /api/notifications/read` {ids?}: how many were marked read, and how many are left unread. */
export interface NotificationsReadResponse {
  marked: number;
  unread: number;
}

// ---------------------------------------------------------------------------------------------
// Events (issue 12): business matching events — participants, meeting requests, the schedule a
// MILP solver makes, agendas, outcomes and the report. Times are Japan's (UTC+09:00).

export type EventRequestMode = 'accept' | 'auto';

export interface EventBreak {
  /** HH:MM */
  start: string;
  end: string;
}

export interface EventSession {
  /** s1, s2, … in the order given (set by the server when left out). */
  id: string;
  /** YYYY-MM-DD, within the event's dates. */
  date: string;
  /** HH:MM */
  start: string;
  end: string;
  /** Length of one meeting, in minutes (5 to 240). */
  meetingMinutes: number;
  breaks: EventBreak[];
  /** Tables used in this session (at most the event's tables; the event's when left out). */
  tables?: number;
}

/** One time slot of a session, numbered across the event from 0. */
export interface EventSlot {
  index: number;
  session: string;
  date: string;
  start: string;
  end: string;
}

/** `POST /api/events` (coordinators), and `PATCH /api/events/:id` with any of these fields. */
export interface EventBody {
  name: string;
  name_ja: string;
  startDate: string;
  endDate: string;
  venue: string;
  venue_ja?: string;
  sessions: (Omit<EventSession, 'id' | 'breaks'> & { id?: string; breaks?: EventBreak[] })[];
  tables: number;
  maxMeetingsPerParticipant: number;
  requestMode: EventRequestMode;
}

export interface MatchingEvent {
  id: string;
  name: string;
  name_ja: string;
  startDate: string;
  endDate: string;
  venue: string;
  venue_ja?: string;
  sessions: EventSession[];
  slots: EventSlot[];
  tables: number;
  maxMeetingsPerParticipant: number;
  requestMode: EventRequestMode;
  participants: number;
  createdAt: string;
  updatedAt: string;
  /** The last run of the scheduler. */
  schedule?: EventScheduleSummary;
}

export interface EventListResponse {
  events: MatchingEvent[];
}

/** A participant's availability in one session; the whole session when `from`/`to` are left out. */
export interface EventAvailability {
  session: string;
  from?: string;
  to?: string;
}

/** An actor in an event, as this viewer may see it (a hidden actor stands anonymous). */
export type EventParty = NamedRef & { type: ActorType; prefecture?: string; country?: string };

export interface EventParticipant {
  actor: EventParty;
  availability: EventAvailability[];
  offers: string[];
  seeks: string[];
  registeredAt: string;
}

/** `POST /api/events/:id/participants`: a member registers its own actor (`actor` left out), a coordinator any. */
export interface EventParticipantBody {
  actor?: string;
  /** Every session, whole, when left out. */
  availability?: EventAvailability[];
  offers?: string[];
  seeks?: string[];
}

export interface EventParticipantListResponse {
  participants: EventParticipant[];
}

/** `GET /api/events/:id/suggestions?actor=`: other participants to meet, from the suggestion engine. */
export interface EventSuggestionsResponse {
  actor: EventParty;
  suggestions: {
    actor: EventParty;
    score: number;
    reasons: { kind: string; text: string; text_ja: string; via: string[]; contribution: number }[];
    /** The meeting already asked between the two, if any. */
    meeting?: { id: string; status: EventMeetingStatus };
  }[];
}

export type EventMeetingStatus = 'requested' | 'accepted' | 'declined' | 'cancelled';
export type EventMeetingOutcome = 'held' | 'no_show' | 'follow_up' | 'collaborating';

export interface EventMeeting {
  id: string;
  eventId: string;
  status: EventMeetingStatus;
  requester: EventParty;
  target: EventParty;
  /** Asked by a participant, or proposed by a coordinator. */
  proposedBy: 'participant' | 'coordinator';
  /** The suggestion engine's score of the pair (0 when the engine did not rank it). */
  score: number;
  message?: string;
  /** Where and when it takes place, once scheduled. */
  slot?: EventSlot & { table: number };
  pinned: boolean;
  outcome?: { value: EventMeetingOutcome; by: string; at: string; note?: string };
  createdAt: string;
  updatedAt: string;
}

/** `POST /api/events/:id/meetings` */
export interface EventMeetingRequestBody {
  /** The asking participant: a member's own actor when left out; coordinators give it (a proposal). */
  requester?: string;
  target: string;
  message?: string;
}

export interface EventMeetingListResponse {
  meetings: EventMeeting[];
}

export type EventMeetingResponse = EventMeeting;

/** `POST /api/event-meetings/:id/pin` (coordinators): move a meeting there and keep it there. */
export interface EventMeetingPinBody {
  slot: number;
  table: number;
}

/** `POST /api/event-meetings/:id/outcome` */
export interface EventMeetingOutcomeBody {
  outcome: EventMeetingOutcome;
  /** For `collaborating`: the kind of tie (COLLABORATES when left out). */
  tieKind?: TieKind;
  note?: string;
}

/** Why an accepted meeting has no place in the schedule. */
export type UnplacedReason = 'no_common_availability' | 'max_meetings' | 'tables_full' | 'sides_busy' | 'solver_limit';

export interface EventScheduleSummary {
  ranAt: string;
  /** The solver's status: Optimal, Time limit reached, … */
  status: string;
  accepted: number;
  placed: number;
  pinned: number;
  unplaced: { meeting: string; reason: UnplacedReason; text: string; text_ja: string }[];
  /** The meetings' worth, the schedule's first aim: each placed meeting's value (1 + 0.5 × its score) and each participant's fairness levels (0.5 / k for its k-th meeting). */
  objective: number;
  /** The solver's proven bound on the worth of any schedule of these meetings. */
  bound: number;
  /** Relative gap between the worth and the bound (0 = proven optimal). */
  gap: number;
  seconds: number;
  /** Idle slots between a participant's first and last meeting of a session, summed (the second aim, after the worth). */
  idleSlots: number;
  /** Runs of consecutive meetings, summed over participants and sessions: what compaction cuts. */
  runs: number;
  variables: number;
  constraints: number;
}

/** `POST /api/events/:id/schedule` */
export interface EventScheduleResponse {
  schedule: EventScheduleSummary;
  meetings: EventMeeting[];
}

/** `GET /api/events/:id/counts` (coordinators): requests per participant. */
export interface EventCountsResponse {
  participants: { actor: EventParty; sent: number; received: number; accepted: number; scheduled: number }[];
}

/** `GET /api/events/:id/timetable` (coordinators): every table, slot by slot. */
export interface EventTimetableResponse {
  tables: { table: number; slots: { slot: EventSlot; meeting?: { id: string; requester: EventParty; target: EventParty } }[] }[];
}

/** `GET /api/events/:id/report` (coordinators): the event for policymakers. */
export interface EventReportResponse {
  event: { id: string; name: string; name_ja: string; startDate: string; endDate: string };
  participants: { total: number; byType: Record<string, number>; byRegion: Record<string, number> };
  requests: { total: number; accepted: number; declined: number; acceptanceRate: number | null };
  meetings: { scheduled: number; held: number; noShow: number; followUp: number; collaborating: number; industryAcademiaShare: number | null };
  /** Ties created between pairs who met at the event, within 6 and 12 months of its first day. */
  tiesFormed: { within6Months: number; within12Months: number };
}
