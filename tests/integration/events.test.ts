/**
 * Business matching events against the real Neo4j (issue 12): an event with participants,
 * proposals, requests and acceptance, the schedule (no double booking, availability, tables), a
 * pinned meeting kept by a re-run, agendas as a page and an .ics file, an outcome `collaborating`
 * that shows as a tie of the actor, the report, bad input answered 400 by field, and a private
 * participant kept anonymous.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeActors, removeUsers, startTestServer, testPrefix, userWithToken, type TestServer } from '../support/test-server.ts';
import { apiCall } from '../support/api-call.ts';

let srv: TestServer;
const p = testPrefix('events');
const tag = p.replace(/[^a-z0-9]/gi, '').slice(-6);
const secretName = `Hidden Sensor Works ${tag}`;
let coordinator: Record<string, string>;
let memberE1: Record<string, string>;
let memberE2: Record<string, string>;
let eventId = '';

const call = apiCall(() => srv.url);

const EVENT = {
  name: `Matching day ${tag}`,
  name_ja: `ビジネスマッチング${tag}`,
  startDate: '2025-11-20',
  endDate: '2025-11-20',
  venue: 'Nagoya',
  venue_ja: '名古屋',
  sessions: [
    { date: '2025-11-20', start: '10:00', end: '11:00', meetingMinutes: 20 },
    { date: '2025-11-20', start: '13:00', end: '14:00', meetingMinutes: 20 },
  ],
  tables: 2,
  maxMeetingsPerParticipant: 3,
  requestMode: 'accept',
};

beforeAll(async () => {
  srv = await startTestServer();
  coordinator = (await userWithToken(srv.client, p, 'coordinator')).headers;
  const form = new FormData();
  form.append(
    'actors',
    new Blob([
      `id,type,name,name_ja,prefecture,fields,seeks,visibility\n` +
        `${p}e1,Enterprise,Event Gears ${tag},イベントギア,Aichi,robots,sensors,public\n` +
        `${p}e2,Enterprise,Event Dies ${tag},イベント金型,Gifu,moulds,robots,public\n` +
        `${p}e3,Enterprise,Event Motors ${tag},イベントモーター,Mie,robots,sensors,public\n` +
        `${p}u1,University,Event University ${tag},イベント大学,Aichi,robots,,public\n` +
        `${p}u2,University,Event Institute ${tag},イベント工大,Gifu,sensors,,public\n` +
        `${p}hx,Enterprise,${secretName},秘密センサ${tag},Aichi,sensors,robots,private\n`,
    ]),
    'actors.csv',
  );
  form.append('ties', new Blob([`source,target,kind,since\n${p}e2,${p}u1,COLLABORATES,2010\n${p}e3,${p}u1,COLLABORATES,2012\n${p}hx,${p}u2,COLLABORATES,2015\n`]), 'ties.csv');
  const res = await fetch(`${srv.url}/api/import`, { method: 'POST', body: form, headers: coordinator });
  expect(res.status).toBe(200);
  memberE1 = (await userWithToken(srv.client, p, 'member', `${p}e1`)).headers;
  memberE2 = (await userWithToken(srv.client, p, 'member', `${p}e2`)).headers;
});

afterAll(async () => {
  await srv.client.write((tx) =>
    tx.run(
      `MATCH (e:MatchingEvent) WHERE e.id = $id
       OPTIONAL MATCH (p:EventParticipant {eventId: e.id}) OPTIONAL MATCH (m:EventMeeting {eventId: e.id})
       DETACH DELETE p, m, e`,
      { id: eventId },
    ),
  );
  await removeActors(srv.client, p);
  await removeUsers(srv.client, p);
  await srv.close();
});

describe('a matching event through the API', () => {
  it('refuses bad input with a 400 naming the field, and creates nothing', async () => {
    const before = (await call('GET', '/api/events')).body.events.length;
    const long = await call('POST', '/api/events', coordinator, { ...EVENT, sessions: [{ ...EVENT.sessions[0], meetingMinutes: 90 }] });
    expect(long.status).toBe(400);
    expect(long.body.error.details.field).toBe('sessions[0].meetingMinutes');
    const tables = await call('POST', '/api/events', coordinator, { ...EVENT, sessions: [{ ...EVENT.sessions[0], tables: 3 }] });
    expect(tables.body.error.details.field).toBe('sessions[0].tables');
    expect((await call('POST', '/api/events', memberE1, EVENT)).status).toBe(403);
    expect((await call('GET', '/api/events')).body.events.length).toBe(before);
  });

  it('creates the event and registers participants with their availability', async () => {
    const created = await call('POST', '/api/events', coordinator, EVENT);
    expect(created.status).toBe(201);
    eventId = created.body.id;
    expect(created.body.slots).toHaveLength(6);
    // A member registers its own actor; a coordinator any.
    expect((await call('POST', `/api/events/${eventId}/participants`, memberE1, {})).status).toBe(201);
    const outside = await call('POST', `/api/events/${eventId}/participants`, coordinator, { actor: `${p}e2`, availability: [{ session: 's2', from: '12:00' }] });
    expect(outside.status).toBe(400);
    expect(outside.body.error.details.field).toBe('availability[0].from');
    expect((await call('POST', `/api/events/${eventId}/participants`, coordinator, { actor: `${p}e2`, availability: [{ session: 's1' }] })).status).toBe(201);
    for (const a of ['e3', 'u1', 'u2', 'hx']) expect((await call('POST', `/api/events/${eventId}/participants`, coordinator, { actor: `${p}${a}` })).status).toBe(201);
    const unknown = await call('POST', `/api/events/${eventId}/participants`, coordinator, { actor: `${p}nobody` });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.field).toBe('actor');
    // A member may not register another actor.
    expect((await call('POST', `/api/events/${eventId}/participants`, memberE1, { actor: `${p}e3` })).status).toBe(403);
    expect((await call('GET', `/api/events/${eventId}`)).body.participants).toBe(6);
  });

  it('keeps the private participant anonymous to the public and to other members', async () => {
    const pub = await call('GET', `/api/events/${eventId}/participants`);
    expect(pub.status).toBe(200);
    expect(pub.body.participants).toHaveLength(6);
    expect(pub.text).not.toContain(secretName);
    expect(pub.text).not.toContain(`${p}hx`);
    const sugg = await call('GET', `/api/events/${eventId}/suggestions`, memberE1);
    expect(sugg.status).toBe(200);
    expect(sugg.text).not.toContain(secretName);
    expect(sugg.text).not.toContain(`${p}hx`);
    const all = await call('GET', `/api/events/${eventId}/participants`, coordinator);
    expect(all.text).toContain(secretName);
  });

  it('ranks the other participants for a participant, the suggestion engine’s first', async () => {
    const sugg = await call('GET', `/api/events/${eventId}/suggestions`, memberE1);
    const ids = sugg.body.suggestions.map((s: { actor: { id: string } }) => s.actor.id);
    expect(ids).not.toContain(`${p}e1`);
    expect(ids).toHaveLength(5);
    const scores = sugg.body.suggestions.map((s: { score: number }) => s.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(scores[0]).toBeGreaterThan(0);
  });

  let e1u1 = '';
  let e2u2 = '';
  it('takes requests and proposals, accepted by the other side or a coordinator', async () => {
    const asked = await call('POST', `/api/events/${eventId}/meetings`, memberE1, { target: `${p}u1`, message: 'Robot grippers' });
    expect(asked.status).toBe(201);
    expect(asked.body.status).toBe('requested');
    e1u1 = asked.body.id;
    const unknownTarget = await call('POST', `/api/events/${eventId}/meetings`, memberE1, { target: `${p}nobody` });
    expect(unknownTarget.body.error.details.field).toBe('target');
    // The member cannot accept its own request; a coordinator accepts on the target's behalf.
    expect((await call('POST', `/api/event-meetings/${e1u1}/accept`, memberE1)).status).toBe(403);
    expect((await call('POST', `/api/event-meetings/${e1u1}/accept`, coordinator)).body.status).toBe('accepted');
    // A coordinator proposes; the member of the target accepts.
    const proposed = await call('POST', `/api/events/${eventId}/meetings`, coordinator, { requester: `${p}u2`, target: `${p}e2` });
    expect(proposed.body.proposedBy).toBe('coordinator');
    e2u2 = proposed.body.id;
    expect((await call('POST', `/api/event-meetings/${e2u2}/accept`, memberE2)).body.status).toBe('accepted');
    for (const [a, b] of [['e1', 'e3'], ['e1', 'u2'], ['e3', 'u1'], ['e3', 'u2'], ['u1', 'hx'], ['e2', 'e3']]) {
      const m = await call('POST', `/api/events/${eventId}/meetings`, coordinator, { requester: `${p}${a}`, target: `${p}${b}` });
      expect(m.status).toBe(201);
      expect((await call('POST', `/api/event-meetings/${m.body.id}/accept`, coordinator)).status).toBe(200);
    }
    const declined = await call('POST', `/api/events/${eventId}/meetings`, coordinator, { requester: `${p}u1`, target: `${p}u2` });
    expect((await call('POST', `/api/event-meetings/${declined.body.id}/decline`, coordinator)).body.status).toBe('declined');
    const counts = await call('GET', `/api/events/${eventId}/counts`, coordinator);
    const e1 = counts.body.participants.find((x: { actor: { id: string } }) => x.actor.id === `${p}e1`);
    expect(e1).toMatchObject({ sent: 3, received: 0, accepted: 3 });
    expect((await call('GET', `/api/events/${eventId}/counts`, memberE1)).status).toBe(403);
  });

  it('schedules the accepted meetings: nobody double-booked, inside availability, tables never over-used', async () => {
    const res = await call('POST', `/api/events/${eventId}/schedule`, coordinator);
    expect(res.status).toBe(200);
    const { schedule, meetings } = res.body;
    expect(schedule.accepted).toBe(8);
    expect(schedule.placed + schedule.unplaced.length).toBe(8);
    expect(schedule.gap).toBeGreaterThanOrEqual(0);
    expect(schedule.bound).toBeGreaterThanOrEqual(schedule.objective - 1e-6);
    const placed = meetings.filter((m: any) => m.slot);
    expect(placed).toHaveLength(schedule.placed);
    const seen = new Set<string>();
    const perSlot = new Map<number, number>();
    for (const m of placed) {
      for (const who of [m.requester.id, m.target.id]) {
        expect(seen.has(`${who}@${m.slot.index}`)).toBe(false);
        seen.add(`${who}@${m.slot.index}`);
      }
      expect(seen.has(`table${m.slot.table}@${m.slot.index}`)).toBe(false);
      seen.add(`table${m.slot.table}@${m.slot.index}`);
      perSlot.set(m.slot.index, (perSlot.get(m.slot.index) ?? 0) + 1);
      expect(m.slot.table).toBeLessThanOrEqual(2);
      // e2 is available in the morning session only.
      if ([m.requester.id, m.target.id].includes(`${p}e2`)) expect(m.slot.session).toBe('s1');
    }
    for (const n of perSlot.values()) expect(n).toBeLessThanOrEqual(2);
    for (const u of schedule.unplaced) expect(u.text_ja.length).toBeGreaterThan(0);
  });

  it('keeps a pinned meeting where the coordinator put it when the schedule runs again', async () => {
    const bad = await call('POST', `/api/event-meetings/${e1u1}/pin`, coordinator, { slot: 4, table: 3 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.field).toBe('table');
    const clashFree = await call('GET', `/api/events/${eventId}/meetings`, coordinator);
    const busy = new Set(clashFree.body.meetings.filter((m: any) => m.slot && m.id !== e1u1 && [m.requester.id, m.target.id].some((x: string) => x === `${p}e1` || x === `${p}u1`)).map((m: any) => m.slot.index));
    const free = [3, 4, 5].find((s) => !busy.has(s))!;
    const others = clashFree.body.meetings.filter((m: any) => m.slot?.index === free && m.id !== e1u1).map((m: any) => m.slot.table);
    const table = [1, 2].find((t) => !others.includes(t))!;
    const pinned = await call('POST', `/api/event-meetings/${e1u1}/pin`, coordinator, { slot: free, table });
    expect(pinned.status).toBe(200);
    expect(pinned.body).toMatchObject({ pinned: true, slot: { index: free, table } });
    const again = await call('POST', `/api/events/${eventId}/schedule`, coordinator);
    expect(again.body.schedule.pinned).toBe(1);
    expect(again.body.meetings.find((m: any) => m.id === e1u1).slot).toMatchObject({ index: free, table });
  });

  it('prints agendas in English and Japanese and downloads them as .ics', async () => {
    const mine = (await call('GET', `/api/events/${eventId}/meetings`, memberE1)).body.meetings.filter((m: any) => m.slot && m.status === 'accepted');
    expect(mine.length).toBeGreaterThan(0);
    const ja = await call('GET', `/api/events/${eventId}/agenda?lang=ja`, memberE1);
    expect(ja.status).toBe(200);
    expect(ja.type).toContain('text/html');
    expect(ja.text).toContain('商談スケジュール');
    expect(ja.text).toContain(`ビジネスマッチング${tag}`);
    expect(ja.text).toContain('イベント大学');
    expect((ja.text.match(/<tr><td>/g) ?? []).length).toBe(mine.length);
    const en = await call('GET', `/api/events/${eventId}/agenda?lang=en&format=html&actor=${p}e1`, coordinator);
    expect(en.text).toContain(`Event University ${tag}`);
    const ics = await fetch(`${srv.url}/api/events/${eventId}/agenda?format=ics`, { headers: memberE1 });
    expect(ics.headers.get('content-type')).toContain('text/calendar');
    expect(ics.headers.get('content-disposition')).toContain('.ics');
    const cal = await ics.text();
    expect(cal).toMatch(/^BEGIN:VCALENDAR/);
    expect((cal.match(/BEGIN:VEVENT/g) ?? []).length).toBe(mine.length);
    // 10:00 in Japan is 01:00 UTC.
    const first = mine.map((m: any) => m.slot).sort((a: any, b: any) => a.index - b.index)[0];
    const hour = String(Number(first.start.slice(0, 2)) - 9).padStart(2, '0');
    expect(cal).toContain(`DTSTART:20251120T${hour}${first.start.slice(3, 5)}00Z`);
    // Another member may not print e1's agenda.
    expect((await call('GET', `/api/events/${eventId}/agenda?actor=${p}e1`, memberE2)).status).toBe(403);
    const timetable = await call('GET', `/api/events/${eventId}/timetable`, coordinator);
    expect(timetable.body.tables).toHaveLength(2);
  });

  it('turns a collaborating outcome into a tie of the actor, since the event’s year, and reports it', async () => {
    const res = await call('POST', `/api/event-meetings/${e1u1}/outcome`, memberE1, { outcome: 'collaborating' });
    expect(res.status).toBe(200);
    expect(res.body.outcome.value).toBe('collaborating');
    const actor = await call('GET', `/api/actors/${p}e1`);
    const tie = actor.body.ties.find((t: any) => t.id === `${p}u1`);
    expect(tie).toBeDefined();
    expect(tie.since).toBe(2025);
    expect((await call('POST', `/api/event-meetings/${e2u2}/outcome`, memberE2, { outcome: 'no_show' })).status).toBe(200);
    const report = await call('GET', `/api/events/${eventId}/report`, coordinator);
    expect(report.body.participants.total).toBe(6);
    expect(report.body.participants.byType).toMatchObject({ Enterprise: 4, University: 2 });
    expect(report.body.requests).toMatchObject({ total: 9, accepted: 8, declined: 1 });
    expect(report.body.meetings).toMatchObject({ collaborating: 1, noShow: 1, held: 1 });
    expect(report.body.tiesFormed.within12Months).toBeGreaterThanOrEqual(0);
    const csv = await call('GET', `/api/events/${eventId}/report.csv`, coordinator);
    expect(csv.type).toContain('text/csv');
    expect(csv.text).toContain('meetings,collaborating,1');
  });
});
