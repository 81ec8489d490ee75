/**
 * The introduction workflow over HTTP against the real Neo4j: a member asks for an introduction
 * to a private lab it knows only by the anonymous id of a suggestion, a coordinator approves, the
 * lab accepts, the coordinator records the collaboration — and the tie is in the actor's ties and
 * the next suggestions at once. A refusal keeps the target out of the asker's suggestions. Who
 * may see and do what: members of the two actors, a third actor's member, the anonymous viewer.
 * Every question is asked inside this file's own cluster (other files' data may share the database).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importNetwork } from '../../server/services/import-network.ts';
import { removeActors, removeUsers, startTestServer, testPrefix, userWithToken, type TestServer } from '../support/test-server.ts';
import { apiCall } from '../support/api-call.ts';

let srv: TestServer;
const p = testPrefix('intro');
const cl = `${p}cluster`;
const id = (name: string) => p + name;
const tag = p.replace(/[^a-z0-9]/gi, '').slice(-6);
const LAB_NAME = `Kiwimoor Fuel Cell Lab ${tag}`;

// name, type, fields, seeks, visibility
const ACTORS: [string, string, string, string, string][] = [
  ['ent', 'Enterprise', 'gears', 'fuel-cells', 'public'],
  ['lab', 'University', 'fuel-cells', '', 'private'],
  ['lab2', 'University', 'fuel-cells', '', 'public'],
  ['partner', 'University', 'fuel-cells', '', 'public'],
  ['hub', 'SupportOrganization', 'business-support-services', '', 'public'],
  ['e2', 'Enterprise', 'gears', 'fuel-cells', 'public'],
  ['third', 'Enterprise', 'moulds', '', 'public'],
  ['gone', 'Enterprise', 'moulds', '', 'public'],
];
const TIES = [
  ['hub', 'ent', 'SUPPORTS', 2, 2005],
  ['hub', 'lab', 'SUPPORTS', 2, 2005],
  ['hub', 'lab2', 'SUPPORTS', 2, 2005],
  ['e2', 'lab', 'COLLABORATES', 2, 2006],
  ['e2', 'lab2', 'COLLABORATES', 1, 2006],
  ['lab', 'partner', 'COLLABORATES', 3, 2006],
  ['hub', 'third', 'SUPPORTS', 1, 2006],
] as const;

type Headers = Record<string, string>;
let coordinator: Headers;
let admin: Headers;
let entMember: Headers;
let labMember: Headers;
let lab2Member: Headers;
let thirdMember: Headers;

const call = apiCall(() => srv.url, '/api');
const post = (path: string, headers: Headers, body: unknown = {}) => call('POST', path, headers, body);
const get = (path: string, headers: Headers = {}) => call('GET', path, headers);
const today = () => new Date().toISOString().slice(0, 10);
const universities = (who: Headers) => get(`/actors/${id('ent')}/suggestions?types=University&cluster=${cl}&limit=50`, who);

beforeAll(async () => {
  srv = await startTestServer();
  const actors = ['id,type,name,prefecture,fields,seeks,clusters,visibility', ...ACTORS.map(([n, t, f, s, v]) => `${id(n)},${t},${n === 'lab' ? LAB_NAME : `Intro ${n} ${tag}`},Aichi,${f},${s},${cl},${v}`)];
  const ties = ['source,target,kind,weight,since', ...TIES.map(([s, t, k, w, y]) => `${id(s)},${id(t)},${k},${w},${y}`)];
  await importNetwork(srv.client, { actors: { name: 'actors.csv', bytes: Buffer.from(actors.join('\n')) }, ties: { name: 'ties.csv', bytes: Buffer.from(ties.join('\n')) } });
  coordinator = (await userWithToken(srv.client, p, 'coordinator')).headers;
  admin = (await userWithToken(srv.client, p, 'admin')).headers;
  entMember = (await userWithToken(srv.client, p, 'member', id('ent'))).headers;
  labMember = (await userWithToken(srv.client, p, 'member', id('lab'))).headers;
  lab2Member = (await userWithToken(srv.client, p, 'member', id('lab2'))).headers;
  thirdMember = (await userWithToken(srv.client, p, 'member', id('third'))).headers;
});

afterAll(async () => {
  await srv.client.write((tx) =>
    tx.run(
      `MATCH (i:Introduction) WHERE i.askerId STARTS WITH $p
       OPTIONAL MATCH (n:Notification {introductionId: i.id})
       DETACH DELETE n, i`,
      { p },
    ),
  );
  await srv.client.write((tx) => tx.run('MATCH (e:AuditEntry) WHERE e.username STARTS WITH $p DELETE e', { p: p.toLowerCase() }));
  await removeActors(srv.client, p);
  await srv.client.write((tx) => tx.run('MATCH (c:Cluster) WHERE c.id STARTS WITH $p DETACH DELETE c', { p }));
  await removeUsers(srv.client, p);
  await srv.close();
});

let labAnonymous: string;
let introduction: string;

describe('asking for an introduction', () => {
  it('takes the target by the anonymous id its suggestion showed, and keeps it anonymous to the asker', async () => {
    const before = await universities(entMember);
    expect(before.status).toBe(200);
    const lab = before.body.suggestions.find((s: any) => s.id.startsWith('anon-'));
    expect(lab, 'the private lab is suggested, anonymous').toBeDefined();
    expect(before.text).not.toContain(LAB_NAME);
    labAnonymous = lab.id;
    expect(before.body.suggestions.map((s: any) => s.id)).toContain(id('lab2'));

    const res = await post('/introductions', entMember, { target: labAnonymous, via: [id('hub')], message: 'We look for a fuel-cell partner.' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'requested', asker: { id: id('ent') }, target: { id: labAnonymous, type: 'University' }, via: [{ id: id('hub') }], actions: ['withdraw'], viewerSide: 'asker', revealed: false });
    expect(res.text).not.toContain(LAB_NAME);
    expect(res.text).not.toContain(id('lab'));
    expect(res.headers.get('cache-control')).toBe('no-store');
    introduction = res.body.id;

    const again = await post('/introductions', entMember, { target: labAnonymous, message: 'Again.' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('conflict');
  });

  it('answers 401 to the anonymous viewer and 400 naming the field to a bad body', async () => {
    expect((await post('/introductions', {}, { target: id('lab2'), message: 'x' })).status).toBe(401);
    expect((await get('/introductions')).status).toBe(401);
    expect((await get(`/introductions/${introduction}`)).status).toBe(401);
    expect((await get('/notifications')).status).toBe(401);
    const cases: [unknown, string, Headers?][] = [
      [{ target: id('lab2') }, 'message'],
      [{ target: id('lab2'), message: '   ' }, 'message'],
      [{ target: id('lab2'), message: 'x'.repeat(1001) }, 'message'],
      [{ message: 'hello' }, 'target'],
      [{ target: id('lab2'), message: 'hi', via: 'hub' }, 'via'],
      [{ target: id('lab2'), message: 'hi', via: [id('nobody')] }, 'via'],
      [{ target: id('lab2'), message: 'hi', colour: 'red' }, 'colour'],
      [{ target: id('nobody'), message: 'hi' }, 'target'],
      [{ target: id('ent'), message: 'hi' }, 'target'],
      [{ target: id('lab2'), message: 'hi' }, 'asker', coordinator],
    ];
    for (const [body, field, who] of cases) {
      const res = await post('/introductions', who ?? entMember, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.message, JSON.stringify(body)).toContain(`'${field}'`);
    }
    // The real id of an actor hidden from the asker reads exactly as an unknown one.
    const hidden = await post('/introductions', entMember, { target: id('lab'), message: 'hi' });
    const unknown = await post('/introductions', entMember, { target: id('nobody'), message: 'hi' });
    expect(hidden.text.replace(id('lab'), 'X')).toBe(unknown.text.replace(id('nobody'), 'X'));
    // A member asks for its own actor only.
    expect((await post('/introductions', entMember, { asker: id('third'), target: id('lab2'), message: 'hi' })).status).toBe(403);
  });

  it('shows the request to the target’s members only once a coordinator approved it, and never to a third actor', async () => {
    expect((await get(`/introductions/${introduction}`, labMember)).status).toBe(404);
    expect((await get('/introductions', labMember)).body.introductions).toEqual([]);
    expect((await get(`/introductions/${introduction}`, thirdMember)).status).toBe(404);
    expect((await post(`/introductions/${introduction}/accept`, thirdMember)).status).toBe(404);
    expect((await post(`/introductions/${introduction}/approve`, entMember)).status).toBe(403);

    const seen = await get(`/introductions?actor=${id('ent')}`, coordinator);
    expect(seen.body.introductions.map((i: any) => i.id)).toContain(introduction);
    expect(seen.body.introductions.find((i: any) => i.id === introduction).target.name).toBe(LAB_NAME);
    expect(seen.body.counts.requested).toBeGreaterThanOrEqual(1);

    const approved = await post(`/introductions/${introduction}/approve`, coordinator, { note: 'A good match.' });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('approved');
    const twice = await post(`/introductions/${introduction}/approve`, coordinator);
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('conflict');

    const forLab = await get(`/introductions/${introduction}`, labMember);
    expect(forLab.status).toBe(200);
    expect(forLab.body.actions).toEqual(['accept', 'refuse']);
    expect(forLab.body.message).toBe('We look for a fuel-cell partner.');
    expect((await get(`/introductions/${introduction}`, thirdMember)).status).toBe(404);
  });

  it('tells each involved user in a notification, in English and Japanese, and marks them read', async () => {
    const lab = await get('/notifications', labMember);
    expect(lab.status).toBe(200);
    const approval = lab.body.notifications.find((n: any) => n.introductionId === introduction && n.status === 'approved');
    expect(approval.message.en).toContain('A coordinator approved the introduction of');
    expect(approval.message.ja).toContain('承認しました');
    const ent = await get('/notifications', entMember);
    const forAsker = ent.body.notifications.find((n: any) => n.status === 'approved');
    expect(forAsker.message.en).toContain('A university in Aichi');
    expect(ent.text).not.toContain(LAB_NAME);
    expect(ent.body.unread).toBeGreaterThanOrEqual(1);
    expect((await get('/notifications', thirdMember)).body.notifications).toEqual([]);

    expect((await post('/notifications/read', entMember, { ids: 'all' })).status).toBe(400);
    const one = await post('/notifications/read', entMember, { ids: [forAsker.id] });
    expect(one.body).toEqual({ marked: 1, unread: ent.body.unread - 1 });
    expect((await post('/notifications/read', entMember, {})).body.unread).toBe(0);
  });
});

describe('from acceptance to collaboration', () => {
  it('shows both sides by name to each other once the lab accepted', async () => {
    const accepted = await post(`/introductions/${introduction}/accept`, labMember, { note: 'Happy to meet.' });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', revealed: true, actions: ['met', 'ended'] });
    const forAsker = await get(`/introductions/${introduction}`, entMember);
    expect(forAsker.body.target).toMatchObject({ id: id('lab'), name: LAB_NAME });
    expect(forAsker.body.history.at(-1)).toMatchObject({ status: 'accepted', note: 'Happy to meet.' });
  });

  it('records outcomes with dates: checks the body, lets only a coordinator choose the tie', async () => {
    const path = `/introductions/${introduction}/outcome`;
    expect((await post(path, entMember, { outcome: 'collaborating', date: today(), tieKind: 'COLLABORATES' })).status).toBe(403);
    for (const [body, field] of [
      [{ outcome: 'married', date: today() }, 'outcome'],
      [{ outcome: 'met' }, 'date'],
      [{ outcome: 'met', date: '2999-01-01' }, 'date'],
      [{ outcome: 'met', date: 'yesterday' }, 'date'],
      [{ outcome: 'met', date: today(), tieKind: 'COLLABORATES' }, 'tieKind'],
      [{ outcome: 'collaborating', date: today() }, 'tieKind'],
      [{ outcome: 'collaborating', date: today(), tieKind: 'FRIENDS' }, 'tieKind'],
    ] as const) {
      const res = await post(path, coordinator, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.message).toContain(`'${field}'`);
    }
    const met = await post(path, entMember, { outcome: 'met', date: today() });
    expect(met.status).toBe(200);
    expect(met.body.status).toBe('met');
  });

  it('turns a collaboration into a tie: in the actor’s ties and in the next suggestions, without a restart', async () => {
    const before = await universities(coordinator);
    expect(before.body.suggestions.map((s: any) => s.id)).toContain(id('lab'));
    const tiesInside = async () => (await get('/metrics?by=cluster', coordinator)).body.groups.find((g: any) => g.id === cl).tiesInside;
    const insideBefore = await tiesInside();

    const res = await post(`/introductions/${introduction}/outcome`, coordinator, { outcome: 'collaborating', date: today(), tieKind: 'COLLABORATES' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'collaborating', tieKind: 'COLLABORATES', actions: ['ended'] });

    const detail = await get(`/actors/${id('ent')}`, coordinator);
    const tie = detail.body.ties.find((t: any) => t.id === id('lab'));
    expect(tie).toMatchObject({ kind: 'COLLABORATES', since: new Date().getUTCFullYear() });

    const after = await universities(coordinator);
    const ids = after.body.suggestions.map((s: any) => s.id);
    expect(ids, 'the lab is a partner now').not.toContain(id('lab'));
    expect(ids).toContain(id('partner'));
    // The metrics count it too.
    expect(await tiesInside()).toBe(insideBefore + 1);

    const audit = await get(`/audit?action=introduction.collaborating`, admin);
    expect(audit.body.entries.find((e: any) => e.target === introduction)).toMatchObject({ before: { status: 'met' }, after: { status: 'collaborating', tieKind: 'COLLABORATES' } });
    expect((await get(`/audit?action=tie.create`, admin)).body.entries.some((e: any) => e.target.includes(id('lab')))).toBe(true);
  });
});

describe('a refusal, a withdrawal and a removed actor', () => {
  let refused: string;

  it('keeps a target that declined out of the asker’s next suggestions, and shows the asker the reason only', async () => {
    const asked = await post('/introductions', entMember, { target: id('lab2'), message: 'Another lab?' });
    expect(asked.status).toBe(201);
    refused = asked.body.id;
    await post(`/introductions/${refused}/approve`, coordinator);
    const badReason = await post(`/introductions/${refused}/refuse`, lab2Member, { reason: 'bored' });
    expect(badReason.status).toBe(400);
    expect(badReason.body.error.message).toContain("'reason'");
    const res = await post(`/introductions/${refused}/refuse`, lab2Member, { reason: 'no_capacity', note: 'Our team is full this year.' });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('declined');

    const forAsker = await get(`/introductions/${refused}`, entMember);
    expect(forAsker.body.history.at(-1)).toMatchObject({ status: 'declined', reason: 'no_capacity', by: null });
    expect(forAsker.body.history.at(-1).note).toBeUndefined();

    for (const who of [entMember, coordinator]) {
      const next = await universities(who);
      expect(next.status).toBe(200);
      expect(next.body.suggestions.map((s: any) => s.id)).not.toContain(id('lab2'));
    }
    // Another asker still sees it suggested.
    const other = await get(`/actors/${id('e2')}/suggestions?types=University&cluster=${cl}&limit=50`, coordinator);
    expect(other.status).toBe(200);
    const again = await post('/introductions', entMember, { target: id('lab2'), message: 'Please?' });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/can be asked for again from \d{4}-\d{2}-\d{2}/);
  });

  it('lets the asker withdraw before an answer, unseen by the target', async () => {
    const asked = await post('/introductions', entMember, { target: id('third'), message: 'Moulds?' });
    const res = await post(`/introductions/${asked.body.id}/withdraw`, entMember, { note: 'Found one.' });
    expect(res.body).toMatchObject({ status: 'withdrawn', actions: [] });
    expect((await get(`/introductions/${asked.body.id}`, thirdMember)).status).toBe(404);
    expect((await post(`/introductions/${asked.body.id}/approve`, coordinator)).status).toBe(409);
  });

  it('sums up the follow-up for coordinators, with filters, counts and a CSV', async () => {
    const mine = await get(`/introductions?actor=${id('ent')}&status=declined`, coordinator);
    expect(mine.body.total).toBe(1);
    expect(mine.body.introductions[0].id).toBe(refused);
    expect(mine.body.counts).toEqual({ collaborating: 1, declined: 1, withdrawn: 1 });
    expect((await get('/introductions?status=maybe', coordinator)).status).toBe(400);
    expect((await get('/introductions?region=atlantis', coordinator)).body.error.message).toContain("'region'");

    const summary = await get('/introductions/summary?by=cluster', coordinator);
    expect(summary.status).toBe(200);
    expect(summary.body.rows.find((r: any) => r.key === cl)).toMatchObject({ requests: 3, accepted: 1, acceptanceRate: 0.5, collaborating: 1 });
    expect((await get('/introductions/summary?by=colour', coordinator)).status).toBe(400);
    expect((await get('/introductions/summary', entMember)).status).toBe(403);

    const csv = await get('/introductions.csv', coordinator);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const row = csv.text.split('\n').find((l) => l.startsWith(refused + ','))!;
    expect(row).toContain(',declined,');
    expect(row).toContain('no_capacity');
    expect(csv.text).not.toContain(LAB_NAME);
    expect((await get('/introductions.csv', entMember)).status).toBe(403);
  });

  it('keeps listing requests whose actor was deleted since: the actor stands as removed', async () => {
    const asked = await post('/introductions', entMember, { target: id('gone'), message: 'Still there?' });
    expect(asked.status).toBe(201);
    expect((await call('DELETE', `/actors/${id('gone')}`, coordinator)).status).toBe(200);
    const list = await get('/introductions', entMember);
    expect(list.status).toBe(200);
    const gone = list.body.introductions.find((i: any) => i.id === asked.body.id);
    expect(gone.target).toMatchObject({ removed: true, name: 'A removed enterprise', id: 'removed' });
    expect((await get('/notifications', entMember)).status).toBe(200);
    expect((await get(`/introductions/${asked.body.id}`, coordinator)).body.target.id).toBe(id('gone'));
  });
});
