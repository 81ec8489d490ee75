/**
 * The privacy sweep: every GET route of the API — the list read from the router itself, so a new
 * route cannot be forgotten — asked by each kind of viewer, must never show an actor the viewer
 * may not see, by name or by id: a `private` actor to anyone but its own members, coordinators
 * and admins; a `members` actor to the public viewer. Aggregates still count them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import type { Express } from 'express';
import { createApp } from '../../server/app.ts';
import { createServices } from '../../server/services/create-services.ts';
import { PUBLIC_VIEWER } from '../../server/domain/privacy/redaction.ts';
import { importNetwork } from '../../server/services/import-network.ts';
import { removeActors, removeUsers, startTestServer, testPrefix, userWithToken, type TestServer } from '../support/test-server.ts';

let srv: TestServer;
const p = testPrefix('privacy');
const tag = p.replace(/[^a-z0-9]/gi, '').slice(-6);
/** Names no other data holds, so that a leak is found by plain text search. */
const secret = { id: `${p}hidden`, name: `Quokkavale Secret Works ${tag}`, name_ja: `秘密工房${tag}` };
const members = { id: `${p}members`, name: `Wombatbury Members Dies ${tag}`, name_ja: `会員金型${tag}` };

const actorsCsv = [
  'id,type,name,name_ja,prefecture,fields,seeks,visibility',
  `${p}a,Enterprise,Open Gears ${tag},公開ギア${tag},Aichi,robots,sensors,public`,
  `${p}b,University,Open Robotics Lab ${tag},公開大学${tag},Aichi,robots,,public`,
  `${p}c,University,Open Sensor Lab ${tag},公開センサ${tag},Aichi,sensors,,public`,
  `${p}d,Enterprise,Open Dies ${tag},公開金型${tag},Aichi,moulds,robots,public`,
  `${secret.id},Enterprise,${secret.name},${secret.name_ja},Aichi,robots,sensors,private`,
  `${members.id},Enterprise,${members.name},${members.name_ja},Aichi,moulds,robots,members`,
].join('\n');
// The private actor is everyone's intermediary and broker: it ties both open enterprises to both labs.
const tiesCsv = [
  'source,target,kind,weight,since',
  ...['b', 'c'].map((u) => `${secret.id},${p}${u},COLLABORATES,3,2005`),
  ...['a', 'd'].map((e) => `${p}${e},${secret.id},COLLABORATES,2,2004`),
  `${members.id},${p}b,COLLABORATES,1,2006`,
  `${p}a,${members.id},SUPPLIES,1,2006`,
  `${p}d,${p}c,COLLABORATES,1,2007`,
].join('\n');

interface Viewer {
  name: string;
  headers: Record<string, string>;
  /** The actors this viewer must never see. */
  hidden: { id: string; name: string; name_ja: string }[];
}
let viewers: Viewer[];
/** The introduction requests made for the sweep. */
const introductions: string[] = [];
/** The matching event made for the sweep: the private and the members-only actor take part. */
let eventId = '';

beforeAll(async () => {
  srv = await startTestServer();
  await importNetwork(srv.client, { actors: { name: 'actors.csv', bytes: Buffer.from(actorsCsv) }, ties: { name: 'ties.csv', bytes: Buffer.from(tiesCsv) } });
  viewers = [
    { name: 'public viewer', headers: {}, hidden: [secret, members] },
    { name: 'member of another actor', headers: (await userWithToken(srv.client, p, 'member', `${p}a`)).headers, hidden: [secret] },
    { name: 'member of the members-only actor', headers: (await userWithToken(srv.client, p, 'member', members.id)).headers, hidden: [secret] },
    { name: 'member of the private actor', headers: (await userWithToken(srv.client, p, 'member', secret.id)).headers, hidden: [] },
    { name: 'coordinator', headers: (await userWithToken(srv.client, p, 'coordinator')).headers, hidden: [] },
    { name: 'admin', headers: (await userWithToken(srv.client, p, 'admin')).headers, hidden: [] },
  ];
  // Two introduction requests, neither accepted (so each side still sees the other only as its
  // Redaction shows it): the members-only actor asks for the private one, and the private one asks
  // for the members-only actor (approved, so that actor's member sees it too).
  const coordinator = viewers.find((v) => v.name === 'coordinator')!.headers;
  const ask = async (body: object) => {
    const res = await fetch(`${srv.url}/api/introductions`, { method: 'POST', headers: { ...coordinator, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  };
  introductions.push(await ask({ asker: members.id, target: secret.id, via: [`${p}b`], message: 'Robots and sensors.' }));
  introductions.push(await ask({ asker: secret.id, target: members.id, via: [`${p}a`], message: 'Moulds.' }));
  const approved = await fetch(`${srv.url}/api/introductions/${introductions[1]}/approve`, { method: 'POST', headers: coordinator });
  expect(approved.status).toBe(200);

  // A matching event whose scheduled meetings pair the hidden actors with open ones.
  const post = async (path: string, body: object, status: number) => {
    const res = await fetch(srv.url + path, { method: 'POST', headers: { ...coordinator, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status, path).toBe(status);
    return (await res.json()) as { id: string };
  };
  eventId = (
    await post('/api/events', {
      name: `Sweep day ${tag}`,
      name_ja: `掃引${tag}`,
      startDate: '2025-11-20',
      endDate: '2025-11-20',
      venue: 'Nagoya',
      sessions: [{ date: '2025-11-20', start: '10:00', end: '11:00', meetingMinutes: 20 }],
      tables: 2,
      maxMeetingsPerParticipant: 3,
      requestMode: 'accept',
    }, 201)
  ).id;
  for (const actor of [`${p}a`, `${p}b`, secret.id, members.id]) await post(`/api/events/${eventId}/participants`, { actor }, 201);
  // Accepted meetings reveal the two sides to each other (as accepted introductions do), so the
  // one that involves the member of another actor stays a request: its member must not learn whom.
  for (const [requester, target, accept] of [[secret.id, `${p}b`, true], [members.id, `${p}a`, true], [`${p}a`, secret.id, false]] as const) {
    const meeting = await post(`/api/events/${eventId}/meetings`, { requester, target }, 201);
    if (accept) await post(`/api/event-meetings/${meeting.id}/accept`, {}, 200);
  }
  await post(`/api/events/${eventId}/schedule`, {}, 200);
});
afterAll(async () => {
  await srv.client.write((tx) =>
    tx.run('MATCH (i:Introduction) WHERE i.id IN $ids OPTIONAL MATCH (n:Notification {introductionId: i.id}) DETACH DELETE n, i', { ids: introductions }),
  );
  await srv.client.write((tx) =>
    tx.run('MATCH (n) WHERE (n:MatchingEvent AND n.id = $id) OR ((n:EventParticipant OR n:EventMeeting) AND n.eventId = $id) DETACH DELETE n', { id: eventId }),
  );
  await removeActors(srv.client, p);
  await removeUsers(srv.client, p);
  await srv.close();
});

/** Every GET route of the API as the router holds it (`/api` + path). */
function apiGetRoutes(app: Express): string[] {
  const found: string[] = [];
  const walk = (stack: any[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        if (layer.route.methods.get) for (const path of [layer.route.path].flat()) found.push(prefix + path);
      } else if (layer.handle?.stack) walk(layer.handle.stack, prefix);
    }
  };
  const api = (app as any).router.stack.find((l: any) => l.handle?.stack?.some((x: any) => x.handle?.stack || x.route));
  walk(api.handle.stack, '/api');
  return found;
}

/** The requests that put a route's answer to the test: each path parameter filled, the options that add detail. */
const SAMPLES: Record<string, (id: string) => string[]> = {
  '/api/actors': () => [`/api/actors?q=${encodeURIComponent(tag)}&limit=200`, `/api/actors?q=Quokkavale`, `/api/actors?q=${encodeURIComponent('秘密工房')}`, '/api/actors?limit=200&type=Enterprise&prefecture=Aichi'],
  '/api/actors/:id': (id) => [`/api/actors/${id}`],
  '/api/actors/:id/suggestions': (id) => [`/api/actors/${id}/suggestions?limit=50`, `/api/actors/${id}/suggestions?limit=50&types=Enterprise,University`],
  '/api/communities': () => ['/api/communities?members=true&minSize=1', '/api/communities'],
  '/api/metrics': () => ['/api/metrics?by=prefecture', '/api/metrics?by=type', '/api/metrics'],
  '/api/export/metrics.csv': () => ['/api/export/metrics.csv?by=prefecture'],
  '/api/introductions/:id': () => introductions.map((i) => `/api/introductions/${i}`),
  '/api/introductions': () => ['/api/introductions', `/api/introductions?actor=${members.id}`],
  '/api/introductions/summary': () => ['/api/introductions/summary?by=type', '/api/introductions/summary?by=cluster&side=target'],
  '/api/events/:id': () => [`/api/events/${eventId}`],
  '/api/events/:id/participants': () => [`/api/events/${eventId}/participants`],
  '/api/events/:id/suggestions': (id) => [`/api/events/${eventId}/suggestions`, `/api/events/${eventId}/suggestions?actor=${id}`],
  '/api/events/:id/meetings': () => [`/api/events/${eventId}/meetings`],
  '/api/events/:id/counts': () => [`/api/events/${eventId}/counts`],
  '/api/events/:id/agenda': (id) => [`/api/events/${eventId}/agenda?actor=${id}`, `/api/events/${eventId}/agenda?actor=${id}&format=ics&lang=ja`, `/api/events/${eventId}/agenda`],
  '/api/events/:id/timetable': () => [`/api/events/${eventId}/timetable`, `/api/events/${eventId}/timetable?format=html`],
  '/api/events/:id/report': () => [`/api/events/${eventId}/report`],
  '/api/events/:id/report.csv': () => [`/api/events/${eventId}/report.csv`],
};

async function get(path: string, headers: Record<string, string>) {
  const res = await fetch(srv.url + path, { headers });
  return { status: res.status, text: await res.text() };
}

describe('the privacy sweep', () => {
  it('finds the API’s GET routes in the router', () => {
    const app = createApp({ client: srv.client, log: pino({ level: 'silent' }), importMaxBytes: 1024 });
    const routes = apiGetRoutes(app);
    expect(routes).toContain('/api/actors/:id/suggestions');
    expect(routes).toContain('/api/graph');
    expect(routes.length).toBeGreaterThan(12);
  });

  it('shows no hidden actor to any viewer on any route, by name or by id', async () => {
    const app = createApp({ client: srv.client, log: pino({ level: 'silent' }), importMaxBytes: 1024 });
    const routes = apiGetRoutes(app);
    const unknownParams = routes.filter((r) => /:(?!id\b)\w+/.test(r));
    expect(unknownParams, 'a route with a parameter the sweep cannot fill').toEqual([]);
    let checked = 0;
    for (const viewer of viewers) {
      for (const route of routes) {
        const askers = route.includes(':id') ? [`${p}a`, `${p}b`, `${p}d`] : [''];
        for (const asker of askers) {
          const paths = SAMPLES[route]?.(asker) ?? [route.replace(':id', asker)];
          for (const path of paths) {
            const res = await get(path, viewer.headers);
            expect(res.status, `${viewer.name} ${path}`).toBeLessThan(500);
            for (const h of viewer.hidden) {
              for (const leak of [h.id, h.name, h.name_ja]) {
                expect(res.text.includes(leak), `${viewer.name}: ${path} shows ${leak}`).toBe(false);
              }
            }
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
    // Hundreds of requests, the drawing and the exports among them, six times over: more than one test's usual time.
  }, 360_000);

  it('answers a hidden actor’s own routes exactly as an unknown id, and shows it to those who may see it', async () => {
    for (const viewer of viewers) {
      for (const h of viewer.hidden) {
        for (const suffix of ['', '/suggestions']) {
          const hidden = await get(`/api/actors/${h.id}${suffix}`, viewer.headers);
          const unknown = await get(`/api/actors/${p}nobody${suffix}`, viewer.headers);
          expect(hidden.status, `${viewer.name} /api/actors/${h.id}${suffix}`).toBe(404);
          expect(hidden.text.replaceAll(h.id, 'X')).toBe(unknown.text.replaceAll(`${p}nobody`, 'X'));
        }
      }
    }
    const coordinator = viewers.find((v) => v.name === 'coordinator')!;
    expect(JSON.parse((await get(`/api/actors/${secret.id}`, coordinator.headers)).text).actor.name).toBe(secret.name);
    const own = viewers.find((v) => v.name === 'member of the private actor')!;
    expect(JSON.parse((await get(`/api/actors/${secret.id}`, own.headers)).text).actor.name).toBe(secret.name);
    // Its own actor by name in the drawing too, and nobody else's hidden one.
    const drawing = JSON.parse((await get('/api/graph', own.headers)).text);
    expect(drawing.nodes.name).toContain(secret.name);
    expect(JSON.parse((await get('/api/graph', viewers[1].headers)).text).nodes.name).not.toContain(secret.name);
  });

  it('keeps the hidden actor in the structure, anonymous: the public sees "an enterprise in Aichi"', async () => {
    const detail = JSON.parse((await get(`/api/actors/${p}a`, {})).text);
    const partner = detail.ties.find((t: { name: string }) => t.name.startsWith('An enterprise in Aichi'));
    expect(partner).toBeDefined();
    expect(partner.id).toMatch(/^anon-/);
    expect(partner.name_ja).toBe('愛知県の企業（ロボット）');
    const suggestions = JSON.parse((await get(`/api/actors/${p}a/suggestions?types=University&limit=50`, {})).text);
    // Whether an introduction reason is shown depends on its share of the score (explained in the
    // unit test of explanations); when one goes through the hidden partner, it says only its stand-in.
    for (const r of suggestions.suggestions.flatMap((s: { reasons: { via: string[]; text: string }[] }) => s.reasons)) {
      if (r.via.includes(partner.id)) expect(r.text).toContain('An enterprise in Aichi (robots)');
    }
    const stats = JSON.parse((await get('/api/stats', {})).text);
    const coordinatorStats = JSON.parse((await get('/api/stats', viewers.find((v) => v.name === 'coordinator')!.headers)).text);
    expect(stats).toEqual(coordinatorStats);
  });

  it('keeps suggestions asked again apart per viewer: an answer kept for one is never shown to another', async () => {
    // The members-only actor's partners (the open enterprise and lab) are the private actor's partners too:
    // the private actor is its first suggestion among enterprises. A path no other test asks, so nothing is kept yet.
    const path = `/api/actors/${members.id}/suggestions?types=Enterprise&limit=17`;
    const named = (v: string) => viewers.find((x) => x.name === v)!;
    const order = ['coordinator', 'member of the members-only actor', 'member of the private actor', 'member of another actor', 'coordinator', 'member of the members-only actor'].map(named);
    for (const viewer of order) {
      const res = await get(path, viewer.headers);
      expect(res.status, viewer.name).toBe(200);
      const shown = JSON.parse(res.text).suggestions.map((s: { id: string }) => s.id);
      if (viewer.hidden.some((h) => h.id === secret.id)) {
        expect(res.text.includes(secret.name) || res.text.includes(secret.id), `${viewer.name} sees the private actor`).toBe(false);
        expect(shown.some((id: string) => id.startsWith('anon-')), viewer.name).toBe(true);
      } else {
        expect(shown, viewer.name).toContain(secret.id);
      }
    }
  });

  it('keeps the whole drawing and the redacted one side by side: the second request rebuilds neither', async () => {
    const services = createServices({ client: srv.client, log: pino({ level: 'silent' }) });
    const first = await services.graph.payload(PUBLIC_VIEWER);
    const again = await services.graph.payload(PUBLIC_VIEWER);
    expect(again).toBe(first);
    expect(services.network.cache.sizes()).toMatchObject({ graph: 1, 'graph-for': 1 });
    expect(first.json.toString()).not.toContain(secret.name);
  });
});
