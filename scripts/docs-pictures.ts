/**
 * `npm run docs:pictures`: the README's pictures of a printed agenda, docs/images/event-agenda.png
 * (English) and event-agenda-ja.png (Japanese). Serves the product over its database (the running
 * product's Neo4j, or the project's own; an empty one gets the demonstration network), then, through
 * the API as a coordinator made for the run: creates a small matching event — an Aichi university
 * and the actors the suggestion engine ranks for it, with some Aichi enterprises; two sessions of
 * eight 20-minute slots, 8 tables, requests accepted at once — registers them, has each request
 * meetings from the top of its event suggestions, schedules, and opens the university's printable
 * agenda in Debian's Chromium (playwright-core). The event and the account are removed at the end
 * (their audit entries stay: the audit log is append-only).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import path from 'node:path';
import { pino } from 'pino';
import { chromium } from 'playwright-core';
import { PROJECT_ROOT } from '../server/config.ts';
import { createApp } from '../server/app.ts';
import { authService } from '../server/services/auth-service.ts';
import { loadDemoNetwork } from '../server/services/seed-demo.ts';
import type { Neo4jClient } from '../server/store/neo4j-client.ts';
import { isNetworkEmpty } from '../server/store/stats-store.ts';
import type { EventMeeting, EventScheduleResponse, EventSuggestionsResponse, MatchingEvent, SuggestionsResponse } from '../server/contract/api.ts';
import type { ActorSummary } from '../server/domain/actor-summary.ts';
import { runWithDatabase } from './lib/run-with-database.ts';

const OUT = path.join(PROJECT_ROOT, 'docs/images');
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const DATE = '2026-03-05';
const EVENT = {
  name: 'Aichi industry-academia matching day',
  name_ja: 'あいち産学マッチング交流会',
  startDate: DATE,
  endDate: DATE,
  venue: 'Nagoya Congress Center, Hall 2',
  venue_ja: '名古屋国際会議場 2号館',
  sessions: [
    { date: DATE, start: '10:00', end: '12:40', meetingMinutes: 20 },
    { date: DATE, start: '14:00', end: '16:40', meetingMinutes: 20 },
  ],
  tables: 8,
  maxMeetingsPerParticipant: 10,
  requestMode: 'auto',
};

type Api = <T>(method: string, route: string, body?: unknown) => Promise<T>;

function apiOf(url: string, token: string): Api {
  return async <T>(method: string, route: string, body?: unknown) => {
    const res = await fetch(url + route, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${route} answered ${res.status}: ${text.slice(0, 300)}`);
    return JSON.parse(text) as T;
  };
}

/** The event: the university, its suggested partners and some Aichi enterprises, with their meetings scheduled. */
async function makeEvent(api: Api): Promise<{ event: MatchingEvent; featured: ActorSummary; placed: number }> {
  const featured = (await api<{ items: ActorSummary[] }>('GET', '/api/actors?type=University&prefecture=Aichi&limit=1')).items[0];
  if (!featured) throw new Error('No university in Aichi: is the demonstration network loaded?');
  const suggested = (await api<SuggestionsResponse>('GET', `/api/actors/${featured.id}/suggestions?limit=20`)).suggestions.filter((s) => !s.id.startsWith('anon-')).slice(0, 10);
  const enterprises = (await api<{ items: ActorSummary[] }>('GET', '/api/actors?type=Enterprise&prefecture=Aichi&limit=8')).items;
  const ids = [...new Set([featured.id, ...suggested.map((s) => s.id), ...enterprises.map((e) => e.id)])];

  const event = await api<MatchingEvent>('POST', '/api/events', EVENT);
  const ev = `/api/events/${event.id}`;
  for (const id of ids) await api('POST', `${ev}/participants`, { actor: id });
  // Each asks the best of its event suggestions (the university more), accepted at once.
  for (const id of ids) {
    const list = (await api<EventSuggestionsResponse>('GET', `${ev}/suggestions?actor=${encodeURIComponent(id)}`)).suggestions;
    let asked = 0;
    for (const s of list) {
      if (asked >= (id === featured.id ? 9 : 3)) break;
      if (s.meeting) continue;
      await api<EventMeeting>('POST', `${ev}/meetings`, { requester: id, target: s.actor.id });
      asked++;
    }
  }
  const { schedule } = await api<EventScheduleResponse>('POST', `${ev}/schedule`);
  process.stdout.write(`Event of ${ids.length} participants: ${schedule.placed} of ${schedule.accepted} meetings placed (gap ${(schedule.gap * 100).toFixed(1)} %).\n`);
  return { event, featured, placed: schedule.placed };
}

async function takePictures(url: string, token: string, eventId: string, actorId: string): Promise<string[]> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium fonts-noto-cjk`);
  mkdirSync(OUT, { recursive: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 760, height: 400 }, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
    const files: string[] = [];
    for (const lang of ['en', 'ja'] as const) {
      const res = await page.goto(`${url}/api/events/${eventId}/agenda?lang=${lang}&format=html&actor=${encodeURIComponent(actorId)}`);
      if (!res?.ok()) throw new Error(`The agenda answered ${res?.status()}`);
      await page.evaluate(() => document.fonts.ready);
      const file = path.join(OUT, lang === 'en' ? 'event-agenda.png' : 'event-agenda-ja.png');
      await page.screenshot({ path: file, fullPage: true });
      files.push(file);
    }
    return files;
  } finally {
    await browser.close();
  }
}

/** Removes the event (with its participants and meetings) and the account the run made. */
async function cleanUp(client: Neo4jClient, eventId: string | undefined, username: string): Promise<void> {
  await client.write((tx) =>
    tx.run(
      `OPTIONAL MATCH (e:MatchingEvent {id: $eventId})
       OPTIONAL MATCH (p:EventParticipant {eventId: $eventId}) OPTIONAL MATCH (m:EventMeeting {eventId: $eventId})
       DETACH DELETE p, m, e`,
      { eventId: eventId ?? '' },
    ),
  );
  await client.write((tx) =>
    tx.run(
      `MATCH (u:User {username: $username})
       OPTIONAL MATCH (s:Session {userId: u.id}) OPTIONAL MATCH (t:ApiToken {userId: u.id})
       DETACH DELETE s, t, u`,
      { username },
    ),
  );
}

await runWithDatabase(async (db, config) => {
  if (await isNetworkEmpty(db.client)) {
    process.stderr.write('The database is empty: loading the demonstration network...\n');
    await loadDemoNetwork(db.client, path.join(PROJECT_ROOT, 'graph-seeds/demo'));
  }
  const app = createApp({ client: db.client, log: pino({ level: 'silent' }), importMaxBytes: 1024 * 1024, networkCheckMs: config.networkCheckMs });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const username = `docs-pictures-${randomBytes(4).toString('hex')}`;
  let eventId: string | undefined;
  try {
    const auth = authService(db.client, { sessionDays: 1 });
    const user = await auth.addUser({ username, password: randomBytes(24).toString('base64url'), role: 'coordinator' });
    const { token } = await auth.createToken(user, 'README pictures');
    process.stderr.write('Creating the event (the first suggestions build the suggestion index: up to a minute)...\n');
    const made = await makeEvent(apiOf(url, token));
    eventId = made.event.id;
    for (const file of await takePictures(url, token, made.event.id, made.featured.id)) {
      process.stdout.write(`${path.relative(PROJECT_ROOT, file)}: the agenda of ${made.featured.name}, ${Math.round(statSync(file).size / 1024)} KB\n`);
    }
  } finally {
    await cleanUp(db.client, eventId, username);
    await new Promise((resolve) => server.close(resolve));
  }
});
