/**
 * A business matching event at the scale of issue 12 ("Done means" 1), set up through the API over
 * the demonstration network: 300 public actors of the Tokai region (Aichi, Gifu, Mie, Shizuoka) —
 * enterprises, universities, research institutes, lenders, incubation managers and support
 * organisations — chosen with a seeded generator; one day, two sessions of eight 20-minute slots,
 * 40 tables, at most 12 meetings each; one participant in five misses part of the day. Each
 * participant's proposals are the top of its event suggestions (the suggestion engine's ranking of
 * the other participants, then the rest registered); members request for their own actor, the
 * coordinators propose the others; the other side (a member) or a coordinator accepts most and
 * declines some. Used by tests/integration/events-demo-300.test.ts and tests/e2e/events-demo-300.test.ts.
 *
 * The API allows 120 writes a minute per user (server/http/rate-limits.ts) and has no bulk route:
 * the ~5,000 writes of this setup are spread over a pool of coordinator accounts, each kept under
 * that limit, as a team of organisers would share the work.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import argon2 from 'argon2';
import type { EventMeeting, EventMeetingStatus, EventSuggestionsResponse, MatchingEvent } from '../../server/contract/api.ts';
import { PROJECT_ROOT } from '../../server/config.ts';
import type { ActorSummary } from '../../server/domain/actor-summary.ts';
import type { Role } from '../../server/domain/auth/roles.ts';
import { AppError } from '../../server/domain/errors.ts';
import { seededRng, shuffleInPlace, type Rng } from '../../server/domain/graph/seeded-rng.ts';
import type { ActorType } from '../../server/domain/model.ts';
import { authService } from '../../server/services/auth-service.ts';
import { loadDemoNetwork } from '../../server/services/seed-demo.ts';
import type { Neo4jClient } from '../../server/store/neo4j-client.ts';
import { readStats } from '../../server/store/stats-store.ts';
import * as users from '../../server/store/user-store.ts';
import { DEMO } from '../e2e/support.ts';
import { apiCall, type Answer, type Call } from './api-call.ts';
import { removeUsers } from './test-server.ts';

/** Request headers carrying an API token. */
export type AuthHeaders = Record<string, string>;

/** A `call` whose answer other than `expected` throws with what the server said. */
async function must(call: Call, expected: number, method: string, path: string, headers: AuthHeaders = {}, body?: unknown): Promise<Answer> {
  const res = await call(method, path, headers, body);
  if (res.status !== expected) throw new Error(`${method} ${path} answered ${res.status} (expected ${expected}): ${res.text.slice(0, 300)}`);
  return res;
}

/** Runs `fn` over `items`, at most `limit` at a time; the answers in the items' order. `tick` is told every 250 done. */
export async function inBatches<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>, tick?: (done: number) => void): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
      if (++done % 250 === 0) tick?.(done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/**
 * Loads the demonstration network when the test Neo4j holds another one (or none). Once more if the
 * database stopped answering meanwhile: on a machine under heavy load the stall guard
 * (store/neo4j-client.ts) has given up on the import's Neo4j, busy with its own garbage collection.
 */
export async function ensureDemoNetwork(client: Neo4jClient, log: (line: string) => void = () => undefined): Promise<void> {
  const stats = await readStats(client);
  const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
  if (sum(stats.actors) === DEMO.actors && sum(stats.ties) === DEMO.ties) return;
  const load = () => loadDemoNetwork(client, path.join(PROJECT_ROOT, 'graph-seeds/demo'), { replace: true });
  await load().catch((err: unknown) => {
    if (!(err instanceof AppError && err.code === 'database_unavailable')) throw err;
    log(`loading the demonstration network again: ${err.message}`);
    return load();
  });
}

export const TOKAI = ['Aichi', 'Gifu', 'Mie', 'Shizuoka'] as const;

/** The settings of the event of issue 12's first "Done means". */
export interface DemoEventSettings {
  seed: number;
  /** Participants per actor type (300 in all by default). */
  mix: Partial<Record<ActorType, number>>;
  /** Actor ids that take part whatever the draw (in place of as many drawn of their type). */
  include: string[];
  tables: number;
  maxMeetings: number;
  /** Requests each participant sends at most (from the top of its suggestions). */
  requestsEach: number;
  /** A participant is asked no more once it is in this many requests. */
  requestCap: number;
  /** Participants with a member account (requesting and accepting for themselves). */
  members: number;
  /** Shares of the answers: accepted, declined; the rest stay requested. */
  accept: number;
  decline: number;
  /** Share of the participants that miss part of the day. */
  partTime: number;
  /** Requests at a time. */
  concurrency: number;
  /** The event's day (YYYY-MM-DD): a week ago, so that its outcomes and new ties fall after it. */
  date: string;
  /** Told each step's progress (e.g. to stderr). */
  log: (line: string) => void;
}

/** A day `days` ago in Japan (YYYY-MM-DD). */
export function daysAgoInJapan(days: number): string {
  return new Date(Date.now() - days * 86_400_000 + 9 * 3_600_000).toISOString().slice(0, 10);
}

export const DEMO_EVENT_DEFAULTS: DemoEventSettings = {
  seed: 12,
  mix: { Enterprise: 200, University: 28, ResearchInstitute: 18, FinancialInstitution: 24, IncubationManager: 22, SupportOrganization: 8 },
  include: [],
  tables: 40,
  maxMeetings: 12,
  requestsEach: 9,
  requestCap: 28,
  members: 12,
  accept: 0.84,
  decline: 0.1,
  partTime: 0.2,
  concurrency: 8,
  date: daysAgoInJapan(7),
  log: () => undefined,
};

/** The two sessions: 10:00-12:40 and 14:00-16:40 in meetings of 20 minutes, eight slots each. */
export function demoSessions(date: string) {
  return [
    { id: 's1', date, start: '10:00', end: '12:40', meetingMinutes: 20 },
    { id: 's2', date, start: '14:00', end: '16:40', meetingMinutes: 20 },
  ];
}

/** Ways of missing part of the day, each with the slots (0-15) it leaves out. */
export const PART_TIME = [
  { name: 'arrives at 10:20', availability: [{ session: 's1', from: '10:20' }, { session: 's2' }], missing: [0] },
  { name: 'leaves at 16:20', availability: [{ session: 's1' }, { session: 's2', to: '16:20' }], missing: [15] },
  { name: 'away 11:00-11:20', availability: [{ session: 's1', to: '11:00' }, { session: 's1', from: '11:20' }, { session: 's2' }], missing: [3] },
  { name: 'afternoon only', availability: [{ session: 's2' }], missing: [0, 1, 2, 3, 4, 5, 6, 7] },
] as const;

export interface DemoParticipant {
  id: string;
  type: ActorType;
  name: string;
  name_ja: string;
  /** What was sent at registration (undefined: the whole day). */
  availability?: readonly { session: string; from?: string; to?: string }[];
  /** Slots (0-15) the participant is not there for, by how it registered. */
  missing: readonly number[];
  offers?: string[];
  seeks?: string[];
}

export interface DemoRequest {
  id: string;
  requester: string;
  target: string;
  /** Who sent it: the requester's member, or a coordinator proposing. */
  by: 'member' | 'coordinator';
  /** Who answered: the target's member or a coordinator; none while it stays requested. */
  answeredBy?: 'member' | 'coordinator';
  status: EventMeetingStatus;
  /** The engine's score of the target for the requester (0: not in its ranking). */
  score: number;
}

export interface DemoEvent {
  url: string;
  settings: DemoEventSettings;
  event: MatchingEvent;
  participants: DemoParticipant[];
  /** Member API headers by their actor id. */
  members: Map<string, AuthHeaders>;
  /** A coordinator's headers for a few writes more (the schedule, outcomes, clean-up). */
  coordinator: AuthHeaders;
  /** Coordinator headers with write budget left, round robin. */
  staff: WriterPool;
  /** Each participant's event suggestions, as the setup read them. */
  suggestions: Map<string, EventSuggestionsResponse>;
  requests: DemoRequest[];
  seconds: { choose: number; register: number; suggestions: number; request: number; answer: number };
}

/**
 * Coordinator accounts, each used for at most `budget` writes (the API's limit is 120 a minute per
 * user; a budget under it keeps every account under the limit whatever the timing).
 */
export class WriterPool {
  private uses: number[];
  private turn = 0;
  constructor(
    private readonly headers: AuthHeaders[],
    private readonly budget: number,
  ) {
    this.uses = headers.map(() => 0);
  }

  static async create(client: Neo4jClient, prefix: string, writes: number, budget = 110): Promise<WriterPool> {
    const n = Math.max(1, Math.ceil(writes / budget));
    return new WriterPool(await tokenUsers(client, prefix, 'coordinator', n), budget);
  }

  /** Headers for one more write. */
  next(): AuthHeaders {
    for (let tried = 0; tried < this.headers.length; tried++) {
      const i = this.turn++ % this.headers.length;
      if (this.uses[i] < this.budget) {
        this.uses[i]++;
        return this.headers[i];
      }
    }
    throw new Error(`WriterPool: ${this.headers.length} coordinators used up their ${this.budget} writes each`);
  }

  get size(): number {
    return this.headers.length;
  }

  get writes(): number {
    return this.uses.reduce((a, b) => a + b, 0);
  }
}

/**
 * `n` users of `role` under `prefix` that act by API token only, with the headers of their tokens:
 * one password hash (of a secret nobody keeps) for all, as Argon2 takes a second or more per hash
 * on a loaded machine.
 */
export async function tokenUsers(client: Neo4jClient, prefix: string, role: Role, n: number, actorIds: readonly (string | undefined)[] = []): Promise<AuthHeaders[]> {
  const auth = authService(client, { sessionDays: 1 });
  const passwordHash = await argon2.hash(randomBytes(32).toString('base64url'));
  return inBatches(Array.from({ length: n }, (_, i) => i), 4, async (i) => {
    const username = `${prefix}${role}-${i}`.toLowerCase().replace(/[^a-z0-9._@-]/g, '-').slice(0, 64);
    const user = await users.createUser(client, { id: randomUUID(), username, role, actorId: actorIds[i], passwordHash });
    return { authorization: `Bearer ${(await auth.createToken(user, 'events demo')).token}` };
  });
}

/** Every public actor the public listing gives for `query` (pages of 200). */
async function listAll(call: Call, query: string): Promise<ActorSummary[]> {
  const out: ActorSummary[] = [];
  let cursor: string | null = null;
  do {
    const res = await must(call, 200, 'GET', `/api/actors?limit=200&${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    out.push(...(res.body.items as ActorSummary[]));
    if (cursor && res.body.nextCursor === cursor) throw new Error(`GET /api/actors?${query}: the next page's cursor repeats`);
    cursor = res.body.nextCursor;
  } while (cursor);
  return out;
}

/** The participants: `mix` public actors of Tokai per type, drawn with `rng`, and the `include`d ones. */
async function chooseParticipants(call: Call, s: DemoEventSettings, rng: Rng): Promise<DemoParticipant[]> {
  const chosen: ActorSummary[] = [];
  const included = await Promise.all(s.include.map(async (id) => (await must(call, 200, 'GET', `/api/actors/${encodeURIComponent(id)}`)).body.actor as ActorSummary));
  for (const [type, wanted] of Object.entries(s.mix) as [ActorType, number][]) {
    const found = (await Promise.all(TOKAI.map((p) => listAll(call, `type=${type}&prefecture=${p}`)))).flat().filter((a) => !s.include.includes(a.id));
    found.sort((a, b) => (a.id < b.id ? -1 : 1));
    shuffleInPlace(found, rng);
    const take = wanted - included.filter((a) => a.type === type).length;
    if (found.length < take) throw new Error(`demo event: only ${found.length} public ${type} actors in Tokai, ${take} wanted`);
    chosen.push(...found.slice(0, take));
  }
  const all = [...included, ...chosen];
  const fields = [...new Set(all.flatMap((a) => a.fields ?? []))].sort();
  return all.map((a) => {
    const r = rng();
    const part = r < s.partTime ? PART_TIME[Math.floor((r / s.partTime) * PART_TIME.length)] : undefined;
    // One in four states what it offers and seeks for this event (the others keep their profile's).
    const states = rng() < 0.25 && fields.length > 0;
    return {
      id: a.id,
      type: a.type,
      name: a.name,
      name_ja: a.name_ja ?? a.name,
      ...(part ? { availability: part.availability.map((x) => ({ ...x })) } : {}),
      missing: part ? [...part.missing] : [],
      ...(states ? { offers: (a.fields ?? []).slice(0, 2), seeks: [fields[Math.floor(rng() * fields.length)]] } : {}),
    };
  });
}

/**
 * Which requests to send: each participant, in turn, asks the best of its suggestions it has no
 * request with yet (the engine's ranking first, then the rest registered), up to `requestsEach`,
 * skipping a partner already in `requestCap` requests.
 */
export function planRequests(participants: readonly DemoParticipant[], suggestions: ReadonlyMap<string, EventSuggestionsResponse>, s: Pick<DemoEventSettings, 'requestsEach' | 'requestCap'>): { requester: string; target: string; score: number }[] {
  const load = new Map<string, number>();
  const paired = new Set<string>();
  const plan: { requester: string; target: string; score: number }[] = [];
  const key = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);
  for (const p of participants) {
    let sent = 0;
    for (const sug of suggestions.get(p.id)?.suggestions ?? []) {
      if (sent >= s.requestsEach || (load.get(p.id) ?? 0) >= s.requestCap) break;
      const t = sug.actor.id;
      if (t === p.id || paired.has(key(p.id, t)) || (load.get(t) ?? 0) >= s.requestCap) continue;
      paired.add(key(p.id, t));
      load.set(p.id, (load.get(p.id) ?? 0) + 1);
      load.set(t, (load.get(t) ?? 0) + 1);
      plan.push({ requester: p.id, target: t, score: sug.score });
      sent++;
    }
  }
  return plan;
}

/** Creates the event, registers the participants, reads their suggestions, sends and answers the requests. */
export async function setUpDemoEvent(url: string, client: Neo4jClient, prefix: string, settings: Partial<DemoEventSettings> = {}): Promise<DemoEvent> {
  const s: DemoEventSettings = { ...DEMO_EVENT_DEFAULTS, ...settings };
  const rng = seededRng(s.seed);
  const clock = () => performance.now() / 1000;
  let t = clock();
  const call = apiCall(() => url);
  const participants = await chooseParticipants(call, s, rng);
  const n = participants.length;
  s.log(`chose ${n} participants in ${(clock() - t).toFixed(1)} s`);
  // Registrations, requests and answers, and a margin for the tests' own writes.
  const staff = await WriterPool.create(client, prefix, n + 2 * n * s.requestsEach + 200);
  const seconds = { choose: clock() - t, register: 0, suggestions: 0, request: 0, answer: 0 };
  const coordinator = staff.next();
  const since = (start: number) => `${(clock() - start).toFixed(1)} s`;
  const tick = (what: string, of: number, start: number) => (done: number) => s.log(`${what}: ${done} of ${of} in ${since(start)}`);
  s.log(`made ${staff.size} coordinators; ${seconds.choose.toFixed(1)} s in all`);

  const event = (
    await must(call, 201, 'POST', '/api/events', coordinator, {
      name: `Tokai business matching day ${prefix.slice(-7, -1)}`,
      name_ja: `東海ビジネスマッチング交流会 ${prefix.slice(-7, -1)}`,
      startDate: s.date,
      endDate: s.date,
      venue: 'Nagoya Congress Center',
      venue_ja: '名古屋国際会議場',
      sessions: demoSessions(s.date),
      tables: s.tables,
      maxMeetingsPerParticipant: s.maxMeetings,
      requestMode: 'accept',
    })
  ).body as MatchingEvent;
  const ev = `/api/events/${event.id}`;

  t = clock();
  await inBatches(participants, s.concurrency, (p) =>
    must(call, 201, 'POST', `${ev}/participants`, staff.next(), { actor: p.id, ...(p.availability ? { availability: p.availability } : {}), ...(p.offers ? { offers: p.offers, seeks: p.seeks } : {}) }),
  );
  seconds.register = clock() - t;
  s.log(`registered ${n} participants in ${since(t)}`);

  // Members: a few enterprises, universities and institutes (and every included actor).
  const candidates = participants.filter((p) => !s.include.includes(p.id) && ['Enterprise', 'University', 'ResearchInstitute'].includes(p.type));
  const memberIds = [...s.include, ...shuffleInPlace([...candidates], rng).slice(0, Math.max(0, s.members - s.include.length)).map((p) => p.id)];
  const memberHeaders = await tokenUsers(client, prefix, 'member', memberIds.length, memberIds);
  const members = new Map(memberIds.map((id, i) => [id, memberHeaders[i]]));

  t = clock();
  const read = await inBatches(participants, s.concurrency, async (p) => {
    // A member reads its own suggestions; a coordinator reads anyone's.
    const mine = members.get(p.id);
    const res = mine ? await must(call, 200, 'GET', `${ev}/suggestions`, mine) : await must(call, 200, 'GET', `${ev}/suggestions?actor=${encodeURIComponent(p.id)}`, coordinator);
    return [p.id, res.body as EventSuggestionsResponse] as const;
  }, tick('suggestions', n, t));
  const suggestions = new Map(read);
  seconds.suggestions = clock() - t;
  s.log(`read ${n} participants' suggestions in ${since(t)}`);

  t = clock();
  const plan = planRequests(participants, suggestions, s);
  const requests = await inBatches(plan, s.concurrency, async (r): Promise<DemoRequest> => {
    const mine = members.get(r.requester);
    const res = mine
      ? await must(call, 201, 'POST', `${ev}/meetings`, mine, { target: r.target, message: 'Met your profile in the suggestions' })
      : await must(call, 201, 'POST', `${ev}/meetings`, staff.next(), { requester: r.requester, target: r.target });
    const m = res.body as EventMeeting;
    return { id: m.id, requester: r.requester, target: r.target, by: mine ? 'member' : 'coordinator', status: m.status, score: m.score };
  }, tick('requests', plan.length, t));
  seconds.request = clock() - t;
  s.log(`sent ${requests.length} requests in ${since(t)}`);

  t = clock();
  const answers = requests.map(() => rng());
  await inBatches(requests, s.concurrency, async (r, i) => {
    const a = answers[i];
    if (a >= s.accept + s.decline) return;
    const action = a < s.accept ? 'accept' : 'decline';
    const mine = members.get(r.target);
    const res = await must(call, 200, 'POST', `/api/event-meetings/${r.id}/${action}`, mine ?? staff.next());
    r.status = (res.body as EventMeeting).status;
    r.answeredBy = mine ? 'member' : 'coordinator';
  }, tick('answers', requests.length, t));
  seconds.answer = clock() - t;
  s.log(`answered the requests in ${since(t)}`);

  return { url, settings: s, event, participants, members, coordinator, staff, suggestions, requests, seconds };
}

/** Removes the event with its participants and meetings, and the users made under `prefix`. */
export async function removeDemoEvent(client: Neo4jClient, eventId: string | undefined, prefix: string): Promise<void> {
  if (eventId) {
    await client.write((tx) =>
      tx.run(
        `MATCH (e:MatchingEvent {id: $id})
         OPTIONAL MATCH (p:EventParticipant {eventId: e.id}) OPTIONAL MATCH (m:EventMeeting {eventId: e.id})
         DETACH DELETE p, m, e`,
        { id: eventId },
      ),
    );
  }
  await removeUsers(client, prefix);
}

/** The start and end (HH:MM) of slot `index` of the demonstration event: eight 20-minute slots from 10:00, eight from 14:00. */
export function demoSlotTime(index: number): { session: string; start: string; end: string } {
  const base = index < 8 ? 10 * 60 : 14 * 60;
  const from = base + (index % 8) * 20;
  const hm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  return { session: index < 8 ? 's1' : 's2', start: hm(from), end: hm(from + 20) };
}

/** The VEVENTs of an iCalendar text: their UID, DTSTART and DTEND (long lines unfolded first). */
export function parseIcs(text: string): { uid: string; start: string; end: string; summary: string }[] {
  const lines = text.replace(/\r?\n[ \t]/g, '').split(/\r?\n/);
  const out: { uid: string; start: string; end: string; summary: string }[] = [];
  let cur: Record<string, string> | null = null;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') cur = {};
    else if (line === 'END:VEVENT' && cur) {
      out.push({ uid: cur.UID ?? '', start: cur.DTSTART ?? '', end: cur.DTEND ?? '', summary: cur.SUMMARY ?? '' });
      cur = null;
    } else if (cur) {
      const colon = line.indexOf(':');
      if (colon > 0) cur[line.slice(0, colon).split(';')[0]] = line.slice(colon + 1);
    }
  }
  return out;
}

/** A date and a Japan time as the UTC stamp iCalendar writes (`20251120T010000Z`). */
export function icsUtc(date: string, time: string): string {
  return new Date(`${date}T${time}:00+09:00`).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}
