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

/**
 * Where the reference community run is written onto the actors: it is written after the answer,
 * so the first answer says `writing`, and the answers after the write `written`.
 */
export type CommunityWriteReport =
  | { property: 'community'; state: 'writing' }
  | {
      property: 'community';
      state: 'written';
      /** Actors whose `community` was written (0 when the stored partition was already this one). */
      written: number;
      ms: number;
    };

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
  /** Where the reference run is written onto the actors (null for other runs, and when the write was not tried or failed). */
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
 * (slow, paused or down); or, after a write, from the previous network's suggestion index,
 * drawing or communities while the new ones are prepared (VersionCache.getOrPrevious). Absent on
 * answers made from the current network.
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

// Introductions (issue 11) and events (issue 12), each in a module of its own.
export type * from './introductions.ts';
export type * from './events.ts';
