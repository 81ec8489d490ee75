/**
 * The clients of a load (issue 13: `npm run soak`, `npm run faults`): each sends its next request
 * when the previous one is answered, mixing what the web client and API users ask — suggestions
 * with varied parameters, search, actor pages, the drawing, communities, metrics, exports, events,
 * introductions — with the API's writes — small CSV imports, actor and tie edits, introduction
 * requests and their steps, event participants and meetings — as coordinators, members and the
 * public viewer, under the server's rate limits. Every acknowledged write goes into the ledger.
 */
import type { Role } from '../../server/domain/auth/roles.ts';
import { authService } from '../../server/services/auth-service.ts';
import type { Neo4jClient } from '../../server/store/neo4j-client.ts';
import { Recorder, send, type Answer, type Call, type Caller } from './load.ts';
import { Ledger, tieEnds, tieKey } from './load-ledger.ts';
import { seededRng } from '../../server/domain/graph/seeded-rng.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const LOAD_DEFAULTS = Object.freeze({
  /** Writes per minute, all clients together (each write moves the network's version: what is computed per version is computed again). */
  writesPerMinute: 12,
  /** Ask for communities as the client's coordinator (each user has its own rate limit) rather than as the public viewer. */
  communitiesSignedIn: true,
  /** Writes per user and minute the clients stay under (the server allows 120). */
  userWritesPerMinute: 100,
  /** Requests for communities per user (or, signed out, in all) and minute the clients stay under (the server allows 60 new computations). */
  communitiesPerMinute: 50,
  seed: 13,
  timeoutMs: 30_000,
});

export type LoadOptions = { [K in keyof typeof LOAD_DEFAULTS]: (typeof LOAD_DEFAULTS)[K] extends boolean ? boolean : number };

interface ClientState {
  index: number;
  rng: () => number;
  coordinator: Caller;
  member: Caller;
  /** The member's actor. */
  home: string;
  /** Actors this client imported: kept, used in introductions and at the event. */
  stable: string[];
  /** Actors this client created one by one: renamed, tied, deleted. */
  scratch: string[];
  ties: Map<string, { a: string; b: string }>;
  intros: Array<{ id: string; status: string; byMember: boolean }>;
  introPairs: Set<string>;
  registered: Set<string>;
  meetings: Array<{ id: string; status: string }>;
  meetingPairs: Set<string>;
  seq: number;
  writesAt: Map<string, number[]>;
  communitiesAt: number[];
}

export interface World {
  base: string;
  prefix: string;
  admin: Caller;
  eventId: string;
  /** Public actors of the loaded network (not made by the clients), and words of their names. */
  actorIds: string[];
  words: string[];
  ledger: Ledger;
  recorder: Recorder;
  options: LoadOptions;
  clients: ClientState[];
  /** Signed-out requests for communities, all clients together (they share one address's limit). */
  publicCommunitiesAt: number[];
  /** When the next write may go (performance.now()): writes are spread evenly over the run. */
  nextWriteAt: number;
}

const FIELD_IDS = ['robots', 'fuel-cells', 'semiconductors', 'biotechnology', 'precision-machining', 'gears', 'moulds', 'recycling', 'environment-energy', 'nanotech-materials'];
const PREFECTURES = ['Aichi', 'Gifu', 'Mie', 'Shizuoka', 'Osaka', 'Hyogo', 'Kyoto', 'Fukuoka', 'Hokkaido', 'Miyagi', 'Tokyo', 'Kanagawa', 'Nagano'];
const REGIONS = ['hokkaido', 'tohoku', 'kanto', 'chubu', 'kinki', 'chugoku', 'shikoku', 'kyushu'];
const TYPES = ['Enterprise', 'University', 'ResearchInstitute', 'IncubationManager', 'FinancialInstitution', 'SupportOrganization'];
const GROUPINGS = ['region', 'prefecture', 'cluster', 'field', 'type'];
const PASSWORD = 'load-test-password-13';
/** The set-up's requests may meet a server still busy with its start. */
const SETUP_TIMEOUT_MS = 300_000;

const pick = <T>(rng: () => number, list: readonly T[]): T => list[Math.floor(rng() * list.length)];

async function userWithToken(client: Neo4jClient, username: string, role: Role, actorId?: string): Promise<Caller> {
  const auth = authService(client, { sessionDays: 1 });
  const user = await auth.addUser({ username, password: PASSWORD, role, actorId });
  const { token } = await auth.createToken(user, 'load');
  return { username, headers: { authorization: `Bearer ${token}` } };
}

/** Import files as POST /api/import takes them (multipart, fields `actors` and `ties`). */
export function csvForm(files: { actors?: string; ties?: string }): FormData {
  const form = new FormData();
  if (files.actors) form.append('actors', new Blob([files.actors], { type: 'text/csv' }), 'actors.csv');
  if (files.ties) form.append('ties', new Blob([files.ties], { type: 'text/csv' }), 'ties.csv');
  return form;
}

/**
 * The users (an admin; per client a coordinator and a member of its own actor), the clients'
 * home actors (imported), and one matching event, over the loaded network. `prefix` marks every
 * id and user name this load makes.
 */
export async function prepareWorld(client: Neo4jClient, base: string, clients: number, prefix: string, options: Partial<LoadOptions> = {}): Promise<World> {
  const o = { ...LOAD_DEFAULTS, ...options };
  const recorder = new Recorder();
  const rows = await client.read(async (tx) =>
    (await tx.run("MATCH (a:Actor) WHERE coalesce(a.visibility, 'public') = 'public' AND NOT a.id STARTS WITH $prefix RETURN a.id AS id, a.name AS name ORDER BY a.id", { prefix })).records.map((r) => ({
      id: r.get('id') as string,
      name: r.get('name') as string,
    })),
  );
  if (rows.length === 0) throw new Error('The database holds no public actor: load a network first.');
  const words = [...new Set(rows.flatMap((r) => r.name.split(/[\s,.()]+/)).filter((w) => w.length >= 4))].slice(0, 2_000);
  const admin = await userWithToken(client, `${prefix}admin`, 'admin');
  const homes = Array.from({ length: clients }, (_, i) => `${prefix}c${i}-home`);
  const actors = `id,type,name,name_ja,prefecture,fields,seeks,visibility\n${homes.map((id, i) => `${id},Enterprise,Load Home ${id},負荷試験${i},${PREFECTURES[i % PREFECTURES.length]},robots,gears,public`).join('\n')}\n`;
  const imported = await send(base, { kind: 'setup', method: 'POST', path: '/api/import', as: admin, form: csvForm({ actors }) }, recorder, SETUP_TIMEOUT_MS);
  if (imported.status !== 200) throw new Error(`Could not import the clients' actors: ${imported.status} ${imported.text.slice(0, 300)}`);
  const event = await send(
    base,
    {
      kind: 'setup',
      method: 'POST',
      path: '/api/events',
      as: admin,
      expect: [201],
      json: {
        name: `Load matching day ${prefix}`,
        name_ja: `負荷試験マッチング ${prefix}`,
        startDate: '2026-02-10',
        endDate: '2026-02-10',
        venue: 'Nagoya',
        venue_ja: '名古屋',
        sessions: [
          { date: '2026-02-10', start: '10:00', end: '12:00', meetingMinutes: 20 },
          { date: '2026-02-10', start: '13:00', end: '15:00', meetingMinutes: 20 },
        ],
        tables: 20,
        maxMeetingsPerParticipant: 6,
        requestMode: 'accept',
      },
    },
    recorder,
    SETUP_TIMEOUT_MS,
  );
  if (event.status !== 201) throw new Error(`Could not create the event: ${event.status} ${event.text.slice(0, 300)}`);
  const world: World = { base, prefix, admin, eventId: event.body.id as string, actorIds: rows.map((r) => r.id), words, ledger: new Ledger(), recorder, options: o, clients: [], publicCommunitiesAt: [], nextWriteAt: 0 };
  for (let i = 0; i < clients; i++) {
    world.clients.push({
      index: i,
      rng: seededRng(o.seed * 1_000 + i),
      coordinator: await userWithToken(client, `${prefix}c${i}-coordinator`, 'coordinator'),
      member: await userWithToken(client, `${prefix}c${i}-member`, 'member', homes[i]),
      home: homes[i],
      stable: [],
      scratch: [],
      ties: new Map(),
      intros: [],
      introPairs: new Set(),
      registered: new Set(),
      meetings: [],
      meetingPairs: new Set(),
      seq: 0,
      writesAt: new Map(),
      communitiesAt: [],
    });
  }
  return world;
}

/**
 * Waits until what the server computes per network version (the drawing, communities, metrics,
 * the suggestion index) answers, so that the load starts on a warm server. Returns the seconds.
 */
export async function waitWarm(world: World, timeoutMs = 900_000): Promise<number> {
  const started = performance.now();
  const quiet = new Recorder();
  for (const path of ['/api/graph', '/api/communities', '/api/metrics?by=region', `/api/actors/${encodeURIComponent(world.actorIds[0])}/suggestions`]) {
    for (;;) {
      const answer = await send(world.base, { kind: 'warm', path }, quiet, timeoutMs);
      if (answer.status === 200) break;
      if (performance.now() - started > timeoutMs) throw new Error(`The server did not warm up: GET ${path} answered ${answer.status || answer.error}`);
      await sleep(1_000);
    }
  }
  return (performance.now() - started) / 1000;
}

/** Runs every client of `world` until `stop()` says so; each sends its next request when the previous one is answered. */
export async function runClients(world: World, stop: () => boolean, count = world.clients.length): Promise<void> {
  await Promise.all(world.clients.slice(0, count).map(async (c) => {
    while (!stop()) {
      if (writeDue(world) && (await write(world, c))) continue;
      await read(world, c);
    }
  }));
}

/** Whether a write is due now (and if so, the next one's time is set). */
function writeDue(w: World): boolean {
  const now = performance.now();
  if (w.options.writesPerMinute <= 0 || now < w.nextWriteAt) return false;
  w.nextWriteAt = Math.max(w.nextWriteAt, now - 1_000) + 60_000 / w.options.writesPerMinute;
  return true;
}

/** Whether `times` (request times within the last minute) leaves room for one more under `limit`; records it when so. */
function withinLimit(times: number[], limit: number): boolean {
  const now = Date.now();
  while (times.length && times[0] < now - 60_000) times.shift();
  if (times.length >= limit) return false;
  times.push(now);
  return true;
}

const enc = encodeURIComponent;

/** One read, chosen by weight: what the web client and API users ask most, most often. */
async function read(w: World, c: ClientState): Promise<void> {
  const rng = c.rng;
  const r = rng() * 100;
  const go = (call: Call) => send(w.base, call, w.recorder, w.options.timeoutMs);
  const actor = () => (c.stable.length && rng() < 0.1 ? pick(rng, c.stable) : pick(rng, w.actorIds));
  if (r < 32) {
    const params = [
      '',
      `?limit=${1 + Math.floor(rng() * 50)}`,
      `?types=${pick(rng, TYPES)}`,
      `?types=University,ResearchInstitute&region=${pick(rng, REGIONS)}`,
      `?prefecture=${pick(rng, PREFECTURES)}`,
      `?field=${pick(rng, FIELD_IDS)}&limit=10`,
      `?maxKm=${[20, 50, 100, 300][Math.floor(rng() * 4)]}`,
    ];
    await go({ kind: 'suggestions', path: `/api/actors/${enc(actor())}/suggestions${pick(rng, params)}` });
  } else if (r < 42) {
    const params = [`q=${enc(pick(rng, w.words))}`, `q=${enc(pick(rng, w.words).slice(0, 4))}&limit=50`, `type=${pick(rng, TYPES)}&prefecture=${pick(rng, PREFECTURES)}`, `field=${pick(rng, FIELD_IDS)}&limit=100`];
    await go({ kind: 'search', path: `/api/actors?${pick(rng, params)}` });
  } else if (r < 55) {
    await go({ kind: 'actor', path: `/api/actors/${enc(actor())}` });
  } else if (r < 58) {
    await go({ kind: 'graph', path: '/api/graph' });
  } else if (r < 62) {
    const signedIn = w.options.communitiesSignedIn;
    if (!withinLimit(signedIn ? c.communitiesAt : w.publicCommunitiesAt, w.options.communitiesPerMinute)) return read(w, c);
    const params = ['', '?resolution=1.5', `?types=Enterprise,University`, '?minSize=5'];
    await go({ kind: 'communities', path: `/api/communities${pick(rng, params)}`, as: signedIn ? c.coordinator : undefined });
  } else if (r < 69) {
    const types = rng() < 0.3 ? `&types=${pick(rng, TYPES)}` : '';
    await go({ kind: 'metrics', path: `/api/metrics?by=${pick(rng, GROUPINGS)}${types}` });
  } else if (r < 72) {
    const path = pick(rng, ['/api/export/actors.csv', '/api/export/ties.csv', '/api/export/network.gexf', `/api/export/metrics.csv?by=${pick(rng, GROUPINGS)}`]);
    await go({ kind: 'export', path, as: rng() < 0.3 ? c.coordinator : undefined });
  } else if (r < 78) {
    const path = pick(rng, ['/api/events', '/api/events', `/api/events/${w.eventId}`, `/api/events/${w.eventId}/participants`]);
    await go({ kind: 'events', path });
  } else if (r < 81) {
    await go({ kind: 'stats', path: '/api/stats' });
  } else if (r < 86) {
    const status = pick(rng, ['', '&status=requested', '&status=approved,accepted']);
    await go({ kind: 'introductions', path: `/api/introductions?limit=50${status}`, as: rng() < 0.5 ? c.coordinator : c.member });
  } else if (r < 90) {
    await go({ kind: 'notifications', path: '/api/notifications?limit=20', as: rng() < 0.5 ? c.coordinator : c.member });
  } else if (r < 95) {
    await go({ kind: 'meetings', path: `/api/events/${w.eventId}/meetings`, as: rng() < 0.5 ? c.coordinator : c.member });
  } else {
    await go({ kind: 'health', path: '/api/health' });
  }
}

type WriteStep = { weight: number; possible: boolean; run: () => Promise<void> };

/** One write, chosen by weight among those possible now; false when none is (the caller reads instead). */
async function write(w: World, c: ClientState): Promise<boolean> {
  const rng = c.rng;
  const steps: WriteStep[] = [
    { weight: 3, possible: true, run: () => importBatch(w, c) },
    { weight: 2, possible: true, run: () => createActor(w, c) },
    { weight: 2, possible: c.scratch.length > 0, run: () => renameActor(w, c) },
    { weight: 2, possible: true, run: () => editOwnProfile(w, c) },
    { weight: 1, possible: c.scratch.length > 2, run: () => deleteActor(w, c) },
    { weight: 3, possible: c.stable.length + c.scratch.length >= 2, run: () => putTie(w, c) },
    { weight: 1, possible: c.ties.size > 3, run: () => deleteTie(w, c) },
    { weight: 2, possible: c.stable.length >= 2, run: () => requestIntroduction(w, c) },
    { weight: 3, possible: c.intros.length > 0, run: () => stepIntroduction(w, c) },
    { weight: 2, possible: c.stable.some((id) => !c.registered.has(id)) || !c.registered.has(c.home), run: () => register(w, c) },
    { weight: 2, possible: c.registered.size >= 2, run: () => requestMeeting(w, c) },
    { weight: 1, possible: c.meetings.length > 0, run: () => stepMeeting(w, c) },
  ].filter((s) => s.possible);
  let r = rng() * steps.reduce((sum, s) => sum + s.weight, 0);
  const step = steps.find((s) => (r -= s.weight) < 0) ?? steps[steps.length - 1];
  // Under the server's write limit (120 a minute per user): both users of the client must have room.
  if (!withinLimit(writesOf(c, c.coordinator), w.options.userWritesPerMinute) || !withinLimit(writesOf(c, c.member), w.options.userWritesPerMinute)) return false;
  await step.run();
  return true;
}

function writesOf(c: ClientState, who: Caller): number[] {
  let times = c.writesAt.get(who.username);
  if (!times) c.writesAt.set(who.username, (times = []));
  return times;
}

/** Sends a write; counts it when acknowledged, sets its things aside when it got no clear answer. */
async function sendWrite(w: World, call: Call, keys: readonly string[]): Promise<Answer | undefined> {
  const answer = await send(w.base, call, w.recorder, w.options.timeoutMs);
  if (answer.expected) {
    w.ledger.acknowledged++;
    return answer;
  }
  // A 4xx is a refusal (nothing written); anything else may or may not have been written.
  if (answer.status === 0 || answer.status >= 500) for (const key of keys) w.ledger.doubt(key);
  return undefined;
}

/**
 * The year of the ties the clients write: within the demonstration network's years (to 2010), so
 * that the writes do not move the network's latest year, which the suggestions calibrate on.
 */
const TIE_YEAR = 2009;
const today = () => new Date().toISOString().slice(0, 10);
const weight = (rng: () => number) => Math.round((1 + rng() * 4) * 10) / 10;

async function importBatch(w: World, c: ClientState): Promise<void> {
  const n = ++c.seq;
  const ids = [0, 1, 2].map((k) => `${w.prefix}c${c.index}-i${n}-${k}`);
  const pairs: Array<[string, string]> = [[ids[0], ids[1]], [ids[1], ids[2]], [ids[2], c.home]];
  const weights = pairs.map(() => weight(c.rng));
  const actors = `id,type,name,name_ja,prefecture,fields,seeks,visibility\n${ids.map((id, k) => `${id},${k === 1 ? 'University' : 'Enterprise'},Load ${id},負荷${n}-${k},${pick(c.rng, PREFECTURES)},${pick(c.rng, FIELD_IDS)},${pick(c.rng, FIELD_IDS)},public`).join('\n')}\n`;
  const ties = `source,target,kind,weight,since\n${pairs.map(([a, b], k) => `${a},${b},COLLABORATES,${weights[k]},${TIE_YEAR}`).join('\n')}\n`;
  const keys = [...ids.map((id) => `actor:${id}`), ...pairs.map(([a, b]) => tieKey(a, b))];
  const ok = await sendWrite(w, { kind: 'import', method: 'POST', path: '/api/import', as: c.coordinator, form: csvForm({ actors, ties }) }, keys);
  if (!ok) return;
  for (const id of ids) w.ledger.expect(`actor:${id}`, { what: 'actor', id, present: true, name: `Load ${id}` });
  pairs.forEach(([a, b], k) => {
    w.ledger.expect(tieKey(a, b), { what: 'tie', ...tieEnds(a, b), present: true, weight: weights[k] });
    c.ties.set(tieKey(a, b), { a, b });
  });
  c.stable.push(...ids);
}

async function createActor(w: World, c: ClientState): Promise<void> {
  const id = `${w.prefix}c${c.index}-a${++c.seq}`;
  const name = `Load single ${id}`;
  const body = { id, type: 'Enterprise', name, prefecture: pick(c.rng, PREFECTURES), fields: [pick(c.rng, FIELD_IDS)], visibility: 'public' };
  const ok = await sendWrite(w, { kind: 'actor.create', method: 'POST', path: '/api/actors', as: c.coordinator, json: body, expect: [201] }, [`actor:${id}`]);
  if (!ok) return;
  w.ledger.expect(`actor:${id}`, { what: 'actor', id, present: true, name });
  c.scratch.push(id);
}

async function renameActor(w: World, c: ClientState): Promise<void> {
  const id = pick(c.rng, c.scratch);
  const name = `Load renamed ${id} ${++c.seq}`;
  const ok = await sendWrite(w, { kind: 'actor.update', method: 'PATCH', path: `/api/actors/${id}`, as: c.coordinator, json: { name } }, [`actor:${id}`]);
  if (ok) w.ledger.expect(`actor:${id}`, { what: 'actor', id, present: true, name });
  else c.scratch = c.scratch.filter((x) => x !== id);
}

async function editOwnProfile(w: World, c: ClientState): Promise<void> {
  const fields = [...new Set(Array.from({ length: 1 + Math.floor(c.rng() * 3) }, () => pick(c.rng, FIELD_IDS)))];
  const key = `actor:${c.home}`;
  if (w.ledger.isDoubted(key)) return;
  const ok = await sendWrite(w, { kind: 'actor.update-own', method: 'PATCH', path: `/api/actors/${c.home}`, as: c.member, json: { fields } }, [key]);
  if (ok) w.ledger.expect(key, { what: 'actor', id: c.home, present: true, fields });
}

async function deleteActor(w: World, c: ClientState): Promise<void> {
  const id = c.scratch.splice(Math.floor(c.rng() * c.scratch.length), 1)[0];
  const touching = [...c.ties].filter(([, t]) => t.a === id || t.b === id);
  for (const [key] of touching) c.ties.delete(key);
  const keys = [`actor:${id}`, ...touching.map(([key]) => key)];
  const ok = await sendWrite(w, { kind: 'actor.delete', method: 'DELETE', path: `/api/actors/${id}`, as: c.coordinator }, keys);
  if (!ok) return;
  w.ledger.expect(`actor:${id}`, { what: 'actor', id, present: false });
  for (const [key, t] of touching) w.ledger.expect(key, { what: 'tie', ...t, present: false });
}

async function putTie(w: World, c: ClientState): Promise<void> {
  const pool = [...c.stable, ...c.scratch];
  const a = pick(c.rng, pool);
  const b = pick(c.rng, pool);
  const key = tieKey(a, b);
  if (a === b || w.ledger.isDoubted(key)) return;
  const value = weight(c.rng);
  const ok = await sendWrite(w, { kind: 'tie.put', method: 'PUT', path: `/api/ties/COLLABORATES/${a}/${b}`, as: c.coordinator, json: { weight: value, since: TIE_YEAR } }, [key]);
  if (!ok) {
    c.ties.delete(key);
    return;
  }
  w.ledger.expect(key, { what: 'tie', ...tieEnds(a, b), present: true, weight: value });
  c.ties.set(key, tieEnds(a, b));
}

async function deleteTie(w: World, c: ClientState): Promise<void> {
  const [key, t] = pick(c.rng, [...c.ties]);
  c.ties.delete(key);
  const ok = await sendWrite(w, { kind: 'tie.delete', method: 'DELETE', path: `/api/ties/COLLABORATES/${t.a}/${t.b}`, as: c.coordinator }, [key]);
  if (ok) w.ledger.expect(key, { what: 'tie', ...t, present: false });
}

async function requestIntroduction(w: World, c: ClientState): Promise<void> {
  const byMember = c.rng() < 0.5;
  const asker = byMember ? c.home : pick(c.rng, c.stable);
  const target = pick(c.rng, c.stable);
  const pair = `${asker}>${target}`;
  if (asker === target || c.introPairs.has(pair)) return;
  c.introPairs.add(pair);
  const json = { ...(byMember ? {} : { asker }), target, message: `Load test introduction ${pair}` };
  const answer = await sendWrite(w, { kind: 'introduction.request', method: 'POST', path: '/api/introductions', as: byMember ? c.member : c.coordinator, json, expect: [201] }, []);
  if (!answer) return;
  const id = answer.body.id as string;
  w.ledger.expect(`intro:${id}`, { what: 'introduction', id, status: 'requested' });
  c.intros.push({ id, status: 'requested', byMember });
}

const OPEN_INTRODUCTION = new Set(['requested', 'approved', 'accepted', 'met']);

async function stepIntroduction(w: World, c: ClientState): Promise<void> {
  const intro = pick(c.rng, c.intros);
  const r = c.rng();
  let step: { path: string; json: object; to: string; as: Caller };
  if (intro.status === 'requested') {
    if (r < 0.8) step = { path: 'approve', json: {}, to: 'approved', as: c.coordinator };
    else if (r < 0.9) step = { path: 'decline', json: { note: 'not now' }, to: 'declined_by_coordinator', as: c.coordinator };
    else step = { path: 'withdraw', json: {}, to: 'withdrawn', as: intro.byMember ? c.member : c.coordinator };
  } else if (intro.status === 'approved') {
    step = r < 0.9 ? { path: 'accept', json: {}, to: 'accepted', as: c.coordinator } : { path: 'refuse', json: { reason: 'no_capacity' }, to: 'declined', as: c.coordinator };
  } else if (intro.status === 'accepted') {
    step = { path: 'outcome', json: { outcome: 'met', date: today() }, to: 'met', as: intro.byMember && r < 0.5 ? c.member : c.coordinator };
  } else {
    step = { path: 'outcome', json: { outcome: 'ended', date: today() }, to: 'ended', as: c.coordinator };
  }
  const key = `intro:${intro.id}`;
  const answer = await sendWrite(w, { kind: `introduction.${step.path}`, method: 'POST', path: `/api/introductions/${intro.id}/${step.path}`, as: step.as, json: step.json }, [key]);
  if (!answer || answer.body?.status !== step.to) {
    c.intros = c.intros.filter((i) => i !== intro);
    if (answer) {
      w.recorder.flag(`POST /api/introductions/${intro.id}/${step.path}: answered status '${answer.body?.status}', expected '${step.to}'`);
      w.ledger.doubt(key);
    }
    return;
  }
  intro.status = step.to;
  w.ledger.expect(key, { what: 'introduction', id: intro.id, status: step.to });
  if (!OPEN_INTRODUCTION.has(step.to)) c.intros = c.intros.filter((i) => i !== intro);
}

async function register(w: World, c: ClientState): Promise<void> {
  const own = !c.registered.has(c.home) && (c.rng() < 0.5 || c.stable.every((id) => c.registered.has(id)));
  const actor = own ? c.home : pick(c.rng, c.stable.filter((id) => !c.registered.has(id)));
  const key = `participant:${actor}`;
  if (w.ledger.isDoubted(key)) return;
  const json = own ? { seeks: ['robots'] } : { actor };
  const ok = await sendWrite(w, { kind: 'event.register', method: 'POST', path: `/api/events/${w.eventId}/participants`, as: own ? c.member : c.coordinator, json, expect: [201] }, [key]);
  if (!ok) return;
  w.ledger.expect(key, { what: 'participant', actor });
  c.registered.add(actor);
}

async function requestMeeting(w: World, c: ClientState): Promise<void> {
  const registered = [...c.registered];
  const byMember = c.registered.has(c.home) && c.rng() < 0.5;
  const requester = byMember ? c.home : pick(c.rng, registered);
  const target = pick(c.rng, registered);
  const pair = [requester, target].sort().join('|');
  if (requester === target || c.meetingPairs.has(pair)) return;
  c.meetingPairs.add(pair);
  const json = { ...(byMember ? {} : { requester }), target, message: 'Load test meeting' };
  const answer = await sendWrite(w, { kind: 'event.meeting', method: 'POST', path: `/api/events/${w.eventId}/meetings`, as: byMember ? c.member : c.coordinator, json, expect: [201] }, []);
  if (!answer) return;
  const id = answer.body.id as string;
  w.ledger.expect(`meeting:${id}`, { what: 'meeting', id, status: answer.body.status as string });
  c.meetings.push({ id, status: answer.body.status as string });
}

async function stepMeeting(w: World, c: ClientState): Promise<void> {
  const meeting = pick(c.rng, c.meetings);
  const r = c.rng();
  const action = meeting.status === 'requested' ? (r < 0.7 ? 'accept' : r < 0.9 ? 'decline' : 'cancel') : 'cancel';
  const to = { accept: 'accepted', decline: 'declined', cancel: 'cancelled' }[action];
  const key = `meeting:${meeting.id}`;
  const answer = await sendWrite(w, { kind: `event.meeting-${action}`, method: 'POST', path: `/api/event-meetings/${meeting.id}/${action}`, as: c.coordinator, json: {} }, [key]);
  if (!answer || answer.body?.status !== to) {
    c.meetings = c.meetings.filter((m) => m !== meeting);
    if (answer) {
      w.recorder.flag(`POST /api/event-meetings/${meeting.id}/${action}: answered status '${answer.body?.status}', expected '${to}'`);
      w.ledger.doubt(key);
    }
    return;
  }
  meeting.status = to;
  w.ledger.expect(key, { what: 'meeting', id: meeting.id, status: to });
  if (to !== 'requested' && to !== 'accepted') c.meetings = c.meetings.filter((m) => m !== meeting);
}
