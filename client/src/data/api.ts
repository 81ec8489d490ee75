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
} from '../../../server/contract/api.ts';

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
  let code = '';
  let message = res.statusText;
  let details: unknown;
  try {
    const body = (await res.json()) as Partial<ErrorResponse>;
    code = body.error?.code ?? '';
    message = body.error?.message ?? message;
    details = body.error?.details;
  } catch {
    // Not JSON (a proxy's page, for instance): the status says enough.
  }
  if (res.status === 503) throw new ApiError('unavailable', message, 503);
  // An API path this server does not have (an older server): the feature is not offered.
  if (res.status === 404) throw new ApiError(code === 'no_route' ? 'not-offered' : 'not-found', message, 404);
  if (res.status === 502 || res.status === 504) throw new ApiError('unreachable', message, res.status);
  if (res.status >= 400 && res.status < 500) throw new ApiError('bad-request', message, res.status, code, details);
  throw new ApiError('server', message, res.status);
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

export function getSuggestions(id: string, signal?: AbortSignal): Promise<SuggestionsResponse> {
  return getJson(`/api/actors/${encodeURIComponent(id)}/suggestions?limit=10`, signal);
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
