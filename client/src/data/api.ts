/**
 * The client's side of the API. Every failure becomes an ApiError whose `kind` says what the user
 * should be told: the server is unreachable, the database is down, the thing does not exist, or
 * this server does not offer the feature (an endpoint it does not have).
 */
import type {
  ActorDetail,
  ActorSummary,
  ActorsPageResponse,
  CommunitiesResponse,
  CommunitySummary,
  ErrorResponse,
  GraphPayload,
  GroupMetricsResult,
  Grouping,
  MetricsResponse,
  MetricsTimelineResponse,
  SuggestionResult,
  SuggestionsResponse,
  SessionResponse,
  ActorInput,
  AuditResponse,
  EditReport,
  ImportResponse,
  TieInput,
  TieKind,
} from '../../../server/contract/api.ts';
import type { SuggestionTargets } from './state.ts';

export type ApiErrorKind = 'unreachable' | 'unavailable' | 'not-found' | 'not-offered' | 'bad-request' | 'server';

export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly status = 0,
    /** The server's error code (`unauthorized`, `too_many_requests`…), when it sent one. */
    readonly code = '',
    readonly details: unknown = undefined,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type { SessionResponse, ActorDetail, ActorSummary, SuggestionResult, CommunitySummary, GroupMetricsResult, CommunitiesResponse, MetricsResponse, MetricsTimelineResponse };

async function request(path: string, init?: RequestInit): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(path, { ...init, headers: { Accept: 'application/json', ...init?.headers } });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError('unreachable', 'The server cannot be reached.');
  }
  if (res.ok) return res;
  let body: Partial<ErrorResponse> | null = null;
  try {
    body = (await res.json()) as Partial<ErrorResponse>;
  } catch {
    // Not JSON (a proxy's page, for instance): the status says enough.
  }
  throw apiError(res.status, res.statusText, body);
}

/** The ApiError for a failed answer (`body`: its JSON, when it had some). */
function apiError(status: number, statusText: string, body: Partial<ErrorResponse> | null): ApiError {
  const code = body?.error?.code ?? '';
  const message = body?.error?.message ?? statusText;
  const details = body?.error?.details;
  if (status === 503) return new ApiError('unavailable', message, 503);
  // An API path this server does not have (an older server): the feature is not offered.
  if (status === 404) return new ApiError(code === 'no_route' ? 'not-offered' : 'not-found', message, 404, code, details);
  if (status === 502 || status === 504) return new ApiError('unreachable', message, status);
  if (status >= 400 && status < 500) return new ApiError('bad-request', message, status, code, details);
  return new ApiError('server', message, status);
}

export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  return (await request(path, { signal })).json() as Promise<T>;
}

/**
 * A write (POST, PUT, PATCH, DELETE) on the current session: sends the session's CSRF token in
 * X-CSRF-Token, as the server asks of every write made with the session cookie.
 */
export async function sendWrite<T>(method: string, path: string, csrfToken: string | null, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await request(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  return (await res.json()) as T;
}

/** Who is logged in (no user: the public viewer) and the session's CSRF token. */
export function getSession(): Promise<SessionResponse> {
  return getJson('/api/auth/me');
}

/** Logs in (the server sets the session cookie); wrong credentials answer 401, throttling 429. */
export async function login(username: string, password: string): Promise<SessionResponse> {
  const res = await request('/api/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password }), credentials: 'same-origin' });
  return (await res.json()) as SessionResponse;
}

export function logout(csrfToken: string | null): Promise<SessionResponse> {
  return sendWrite('POST', '/api/auth/logout', csrfToken);
}

/** Actors the viewer may not see come with ids like this (the server answers 404 for them). */
export function isAnonymousId(id: string): boolean {
  return id.startsWith('anon-');
}

/**
 * The network payload, reporting download progress (0..1) as it arrives. The server sends the
 * uncompressed size in X-Payload-Bytes, since Content-Length counts compressed bytes.
 */
export async function loadGraph(onProgress: (share: number) => void): Promise<GraphPayload> {
  const res = await request('/api/graph');
  const total = Number(res.headers.get('X-Payload-Bytes')) || 0;
  if (!res.body || !total) return (await res.json()) as GraphPayload;
  const reader = res.body.getReader();
  const parts: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    received += value.length;
    onProgress(Math.min(1, received / total));
  }
  const bytes = new Uint8Array(received);
  let offset = 0;
  for (const p of parts) {
    bytes.set(p, offset);
    offset += p.length;
  }
  return JSON.parse(new TextDecoder().decode(bytes)) as GraphPayload;
}

export function searchActors(q: string, signal?: AbortSignal): Promise<ActorsPageResponse> {
  return getJson(`/api/actors?q=${encodeURIComponent(q)}&limit=8`, signal);
}

export function getActor(id: string, signal?: AbortSignal): Promise<ActorDetail> {
  return getJson(`/api/actors/${encodeURIComponent(id)}`, signal);
}

export function getSuggestions(id: string, signal?: AbortSignal, targets?: SuggestionTargets): Promise<SuggestionsResponse> {
  return getJson(`/api/actors/${encodeURIComponent(id)}/suggestions?${suggestionQuery(targets)}`, signal);
}

/** The suggestion parameters for what the user looks for; left out, the server's defaults. */
export function suggestionQuery(targets?: SuggestionTargets): string {
  const q = new URLSearchParams({ limit: '10' });
  if (targets?.types.length) q.set('types', targets.types.join(','));
  if (targets?.region) q.set('region', targets.region);
  if (targets?.country) q.set('country', targets.country);
  if (targets?.maxKm) q.set('maxKm', String(targets.maxKm));
  if (targets?.field) q.set('field', targets.field);
  return q.toString();
}


export function getCommunities(signal?: AbortSignal): Promise<CommunitiesResponse> {
  return getJson('/api/communities?members=true', signal);
}


export function getMetrics(by: Grouping, signal?: AbortSignal): Promise<MetricsResponse> {
  return getJson(`/api/metrics?by=${by}`, signal);
}

export function getMetricsTimeline(by: Grouping, signal?: AbortSignal): Promise<MetricsTimelineResponse> {
  return getJson(`/api/metrics/timeline?by=${by}`, signal);
}

/**
 * `POST /api/import` (multipart, files `actors` and/or `ties`): through XMLHttpRequest, the one
 * browser API that reports upload progress (`onUpload`, 0..1). A rejected import is an ApiError
 * with code `import_rejected` and details `{ total, problems }`.
 */
export function uploadImport(
  files: { actors?: Blob & { name?: string }; ties?: Blob & { name?: string } },
  options: { replace: boolean; csrfToken: string | null; onUpload?(share: number): void; signal?: AbortSignal },
): Promise<ImportResponse> {
  const form = new FormData();
  if (files.actors) form.append('actors', files.actors, files.actors.name ?? 'actors.csv');
  if (files.ties) form.append('ties', files.ties, files.ties.name ?? 'ties.csv');
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/import${options.replace ? '?replace=true' : ''}`);
    xhr.setRequestHeader('Accept', 'application/json');
    if (options.csrfToken) xhr.setRequestHeader('X-CSRF-Token', options.csrfToken);
    xhr.upload.onprogress = (e) => e.lengthComputable && options.onUpload?.(e.loaded / e.total);
    xhr.onerror = () => reject(new ApiError('unreachable', 'The server cannot be reached.'));
    xhr.onabort = () => reject(new DOMException('The import was cancelled.', 'AbortError'));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // Not JSON: the status says enough.
      }
      if (xhr.status >= 200 && xhr.status < 300 && body) resolve(body as ImportResponse);
      else reject(apiError(xhr.status, xhr.statusText, body as Partial<ErrorResponse> | null));
    };
    options.signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(form);
  });
}

const actorPath = (id: string) => `/api/actors/${encodeURIComponent(id)}`;
const tiePath = (kind: TieKind, source: string, target: string) => `/api/ties/${kind}/${encodeURIComponent(source)}/${encodeURIComponent(target)}`;

/** Edits (coordinators and admins; a member its own actor's profile). A 422 `invalid_fields` carries `details.problems`. */
export function createActor(input: ActorInput, csrfToken: string | null): Promise<EditReport> {
  return sendWrite('POST', '/api/actors', csrfToken, input);
}

export function updateActor(id: string, input: ActorInput, csrfToken: string | null): Promise<EditReport> {
  return sendWrite('PATCH', actorPath(id), csrfToken, input);
}

export function deleteActor(id: string, csrfToken: string | null): Promise<EditReport | null> {
  return sendDelete(actorPath(id), csrfToken);
}

export function putTie(kind: TieKind, source: string, target: string, input: TieInput, csrfToken: string | null): Promise<EditReport> {
  return sendWrite('PUT', tiePath(kind, source, target), csrfToken, input);
}

export function deleteTie(kind: TieKind, source: string, target: string, csrfToken: string | null): Promise<EditReport | null> {
  return sendDelete(tiePath(kind, source, target), csrfToken);
}

/** A DELETE whose answer may be a report or nothing (204). */
async function sendDelete(path: string, csrfToken: string | null): Promise<EditReport | null> {
  const res = await request(path, { method: 'DELETE', headers: csrfToken ? { 'X-CSRF-Token': csrfToken } : {}, credentials: 'same-origin' });
  return res.status === 204 ? null : ((await res.json().catch(() => null)) as EditReport | null);
}

export interface AuditQuery {
  username?: string;
  action?: string;
  from?: string;
  to?: string;
  limit?: number;
}

/** `GET /api/audit` (admins): the audit log, newest first. */
export function getAudit(query: AuditQuery, signal?: AbortSignal): Promise<AuditResponse> {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') q.set(k, String(v));
  return getJson(`/api/audit?${q}`, signal);
}
