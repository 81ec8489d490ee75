/**
 * Edits of actors and ties against the real Neo4j: who may change what, the import's checks and
 * messages by field, the audit entry with before and after, and what depends on the network
 * (counts, an actor's ties, suggestions) following at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeActors, removeUsers, startTestServer, testPrefix, userWithToken, type TestServer } from '../support/test-server.ts';
import { apiCall } from '../support/api-call.ts';

let srv: TestServer;
const p = testPrefix('edits');
let coordinator: Record<string, string>;
let member: Record<string, string>;
let admin: Record<string, string>;

const call = apiCall(() => srv.url);

beforeAll(async () => {
  srv = await startTestServer();
  const form = new FormData();
  form.append(
    'actors',
    new Blob([
      `id,type,name,prefecture,fields,seeks,visibility\n` +
        `${p}e1,Enterprise,Edit Gears,Aichi,robots,sensors,public\n` +
        `${p}e2,Enterprise,Edit Dies,Gifu,robots,,public\n` +
        `${p}u1,University,Edit University,Aichi,robots,,public\n` +
        `${p}u2,University,Edit Institute of Technology,Gifu,sensors,,public\n`,
    ]),
    'actors.csv',
  );
  form.append('ties', new Blob([`source,target,kind\n${p}e1,${p}u1,COLLABORATES\n${p}e2,${p}u1,COLLABORATES\n${p}e2,${p}u2,COLLABORATES\n`]), 'ties.csv');
  coordinator = (await userWithToken(srv.client, p, 'coordinator')).headers;
  admin = (await userWithToken(srv.client, p, 'admin')).headers;
  const res = await fetch(`${srv.url}/api/import`, { method: 'POST', body: form, headers: coordinator });
  expect(res.status).toBe(200);
  member = (await userWithToken(srv.client, p, 'member', `${p}e1`)).headers;
});

afterAll(async () => {
  await removeActors(srv.client, p);
  await removeUsers(srv.client, p);
  await srv.close();
});

describe('who may edit', () => {
  it('answers 401 to anonymous writes of every kind and 403 to a member changing the network', async () => {
    for (const [method, path] of [
      ['POST', '/api/actors'],
      ['PATCH', `/api/actors/${p}e1`],
      ['DELETE', `/api/actors/${p}e1`],
      ['PUT', `/api/ties/COLLABORATES/${p}e1/${p}u2`],
      ['DELETE', `/api/ties/COLLABORATES/${p}e1/${p}u1`],
    ] as const) {
      const res = await call(method, path, {}, method === 'DELETE' ? undefined : { name: 'x' });
      expect(res.status, `${method} ${path}`).toBe(401);
    }
    expect((await call('POST', '/api/actors', member, { id: `${p}x`, type: 'Enterprise', name: 'X' })).status).toBe(403);
    expect((await call('PUT', `/api/ties/COLLABORATES/${p}e1/${p}u2`, member, {})).status).toBe(403);
  });

  it('lets a member change its own profile fields, and nothing else', async () => {
    const own = await call('PATCH', `/api/actors/${p}e1`, member, { seeks: ['sensors', 'batteries'], contact_name: 'Sato Hanako' });
    expect(own.status).toBe(200);
    expect(own.body.actors.changed).toBe(1);
    expect(own.body.actor.actor.seeks).toEqual(['sensors', 'batteries']);
    expect(own.body.actor.actor.extra).toEqual({ contact_name: 'Sato Hanako' });
    expect(own.body.actor.actor.name).toBe('Edit Gears');

    const name = await call('PATCH', `/api/actors/${p}e1`, member, { name: 'Renamed' });
    expect(name.status).toBe(403);
    expect(name.body.error.details.fields).toEqual(['name']);
    const other = await call('PATCH', `/api/actors/${p}e2`, member, { seeks: ['robots'] });
    expect(other.status).toBe(403);
    expect((await srv.get(`/api/actors/${p}e2`)).body.actor.seeks).toBeUndefined();
  });

  it('refuses a cross-site write even with a valid login', async () => {
    const res = await call('POST', '/api/actors', { ...coordinator, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }, { id: `${p}x`, type: 'Enterprise', name: 'X' });
    expect(res.status).toBe(403);
    expect((await srv.get(`/api/actors/${p}x`)).status).toBe(404);
  });
});

describe('actors', () => {
  it('creates an actor, refuses its id a second time, and checks fields as the import does', async () => {
    const created = await call('POST', '/api/actors', coordinator, { id: `${p}e3`, type: 'enterprise', name: 'Edit Springs', prefecture: '愛知県', fields: 'robots;sensors', lat: 35.1, lon: 136.9 });
    expect(created.status).toBe(201);
    expect(created.body.actors.added).toBe(1);
    expect(created.body.actor.actor).toMatchObject({ id: `${p}e3`, type: 'Enterprise', prefecture: 'Aichi', fields: ['robots', 'sensors'] });
    expect((await call('POST', '/api/actors', coordinator, { id: `${p}e3`, type: 'Enterprise', name: 'Again' })).status).toBe(409);

    const bad = await call('POST', '/api/actors', coordinator, { id: `${p}e4`, type: 'Factory', name: '', prefecture: 'Atlantis', lat: 35 });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('invalid_fields');
    const byField = Object.fromEntries(bad.body.error.details.problems.map((q: { field: string; message: string }) => [q.field, q.message]));
    expect(Object.keys(byField).sort()).toEqual(['lon', 'name', 'prefecture', 'type']);
    expect((await srv.get(`/api/actors/${p}e4`)).status).toBe(404);

    // The same cell in a file gets the same message, located by file, line and column instead.
    const form = new FormData();
    form.append('actors', new Blob([`id,type,name,prefecture\n${p}e4,Factory,X,Atlantis\n`]), 'actors.csv');
    const imported = await (await fetch(`${srv.url}/api/import`, { method: 'POST', body: form, headers: coordinator })).json();
    const fromFile = Object.fromEntries(imported.error.details.problems.map((q: { column: string; message: string }) => [q.column, q.message]));
    expect(fromFile.type).toBe(byField.type);
    expect(fromFile.prefecture).toBe(byField.prefecture);

    const wrongJson = await call('POST', '/api/actors', coordinator, { id: `${p}e4`, type: 'Enterprise', name: 'X', employees: { many: true } });
    expect(wrongJson.status).toBe(422);
    expect(wrongJson.body.error.details.problems[0].field).toBe('employees');
  });

  it('changes only the fields sent, removes those sent as null, and writes nothing when nothing changes', async () => {
    const changed = await call('PATCH', `/api/actors/${p}e3`, coordinator, { name: 'Edit Springs Ltd', lat: null, lon: null, employees: '120' });
    expect(changed.status).toBe(200);
    expect(changed.body.actor.actor).toMatchObject({ name: 'Edit Springs Ltd', employees: 120, fields: ['robots', 'sensors'], prefecture: 'Aichi' });
    expect(changed.body.actor.actor.lat).toBeUndefined();
    const same = await call('PATCH', `/api/actors/${p}e3`, coordinator, { name: 'Edit Springs Ltd' });
    expect(same.body.actors).toMatchObject({ changed: 0, unchanged: 1 });
    expect((await call('PATCH', `/api/actors/${p}e3`, coordinator, { id: `${p}other` })).status).toBe(422);
    expect((await call('PATCH', `/api/actors/${p}nobody`, coordinator, { name: 'x' })).status).toBe(404);

    const audit = await srv.get(`/api/audit?action=actor.update`, admin);
    const entry = audit.body.entries.find((e: { target: string }) => e.target === `${p}e3`);
    expect(entry.before).toMatchObject({ name: 'Edit Springs', lat: 35.1 });
    expect(entry.after).toMatchObject({ name: 'Edit Springs Ltd', employees: 120 });
    expect(audit.body.entries.filter((e: { target: string }) => e.target === `${p}e3`)).toHaveLength(1);
  });

  it('deletes an actor with its ties', async () => {
    const tie = await call('PUT', `/api/ties/SUPPLIES/${p}e3/${p}e2`, coordinator);
    expect(tie.body).toMatchObject({ ties: { added: 1 } });
    const removed = await call('DELETE', `/api/actors/${p}e3`, coordinator);
    expect(removed.status).toBe(200);
    expect(removed.body).toMatchObject({ actors: { removed: 1 }, ties: { removed: 1 } });
    expect((await srv.get(`/api/actors/${p}e3`)).status).toBe(404);
    expect((await call('DELETE', `/api/actors/${p}e3`, coordinator)).status).toBe(404);
  });
});

describe('ties', () => {
  it('creates, changes and deletes a tie; the actor, the counts and the suggestions follow at once', async () => {
    const universities = async () =>
      ((await srv.get(`/api/actors/${p}e1/suggestions?types=University&limit=50`)).body.suggestions as { id: string }[]).map((s) => s.id);
    expect(await universities()).toContain(`${p}u2`);
    const before = (await srv.get('/api/stats')).body.ties.COLLABORATES;

    const created = await call('PUT', `/api/ties/collaborates/${p}u2/${p}e1`, coordinator, { since: 2024 });
    expect(created.status).toBe(200);
    expect(created.body.ties.added).toBe(1);
    expect((await srv.get('/api/stats')).body.ties.COLLABORATES).toBe(before + 1);
    const ties = (await srv.get(`/api/actors/${p}e1`)).body.ties as { id: string; since?: number }[];
    expect(ties.find((t) => t.id === `${p}u2`)).toMatchObject({ since: 2024 });
    expect(await universities()).not.toContain(`${p}u2`);

    // Symmetric kind: the other direction names the same tie.
    const changed = await call('PUT', `/api/ties/COLLABORATES/${p}e1/${p}u2`, coordinator, { weight: 3, since: 2024 });
    expect(changed.body.ties).toMatchObject({ added: 0, changed: 1 });

    const bad = await call('PUT', `/api/ties/FRIENDS/${p}e1/${p}u2`, coordinator, { weight: -1 });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.problems.map((q: { field: string }) => q.field).sort()).toEqual(['kind', 'weight']);
    const unknownEnd = await call('PUT', `/api/ties/SUPPLIES/${p}e1/${p}nobody`, coordinator, {});
    expect(unknownEnd.status).toBe(422);
    expect(unknownEnd.body.error.details.problems[0]).toMatchObject({ field: 'target', value: `${p}nobody` });

    const removed = await call('DELETE', `/api/ties/COLLABORATES/${p}u2/${p}e1`, coordinator);
    expect(removed.body.ties.removed).toBe(1);
    expect((await srv.get('/api/stats')).body.ties.COLLABORATES).toBe(before);
    expect((await call('DELETE', `/api/ties/COLLABORATES/${p}u2/${p}e1`, coordinator)).status).toBe(404);
  });
});
