/**
 * The world a load runs in (issue 13: `npm run soak`, `npm run faults`): its options, the users (an
 * admin; per client a coordinator and a member of its own actor), the clients' home actors, one
 * matching event, and each client's state; and the wait for a warm server before the load starts.
 * The clients themselves are in load-clients.ts, their writes in load-writes.ts.
 */
import type { Role } from '../../server/domain/auth/roles.ts';
import { authService } from '../../server/services/auth-service.ts';
import type { Neo4jClient } from '../../server/store/neo4j-client.ts';
import { Recorder, send, type Caller } from './load.ts';
import { Ledger } from './load-ledger.ts';
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

export interface ClientState {
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

export const FIELD_IDS = ['robots', 'fuel-cells', 'semiconductors', 'biotechnology', 'precision-machining', 'gears', 'moulds', 'recycling', 'environment-energy', 'nanotech-materials'];
export const PREFECTURES = ['Aichi', 'Gifu', 'Mie', 'Shizuoka', 'Osaka', 'Hyogo', 'Kyoto', 'Fukuoka', 'Hokkaido', 'Miyagi', 'Tokyo', 'Kanagawa', 'Nagano'];
export const REGIONS = ['hokkaido', 'tohoku', 'kanto', 'chubu', 'kinki', 'chugoku', 'shikoku', 'kyushu'];
export const TYPES = ['Enterprise', 'University', 'ResearchInstitute', 'IncubationManager', 'FinancialInstitution', 'SupportOrganization'];
export const GROUPINGS = ['region', 'prefecture', 'cluster', 'field', 'type'];
const PASSWORD = 'load-test-password-13';
/** The set-up's requests may meet a server still busy with its start. */
const SETUP_TIMEOUT_MS = 300_000;

export const pick = <T>(rng: () => number, list: readonly T[]): T => list[Math.floor(rng() * list.length)];

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
