/**
 * The clients of a load (issue 13: `npm run soak`, `npm run faults`): each sends its next request
 * when the previous one is answered, mixing what the web client and API users ask — suggestions
 * with varied parameters, search, actor pages, the drawing, communities, metrics, exports, events,
 * introductions — with the API's writes — small CSV imports, actor and tie edits, introduction
 * requests and their steps, event participants and meetings — as coordinators, members and the
 * public viewer, under the server's rate limits. Every acknowledged write goes into the ledger.
 */
import { send, type Call, type Caller } from './load.ts';
import { GROUPINGS, pick, PREFECTURES, REGIONS, TYPES, FIELD_IDS, type ClientState, type World } from './load-world.ts';
import { createActor, deleteActor, deleteTie, editOwnProfile, importBatch, putTie, register, renameActor, requestIntroduction, requestMeeting, stepIntroduction, stepMeeting } from './load-writes.ts';

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
