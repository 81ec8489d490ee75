/**
 * Accounts against the real Neo4j: who may write, sessions that survive a restart and end at
 * logout, API tokens, the CSRF token and Origin check on writes, the Host check, throttled
 * password guessing, security headers and the audit log.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { createApp } from '../../server/app.ts';
import { removeActors, removeUsers, startTestServer, testPrefix, userWithToken, type TestServer } from '../support/test-server.ts';

let srv: TestServer;
const p = testPrefix('auth');
const actorsCsv = `id,type,name,prefecture\n${p}e1,Enterprise,Auth Test Gears,Aichi\n${p}e2,Enterprise,Auth Test Dies,Gifu\n`;

beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => {
  await removeActors(srv.client, p);
  await removeUsers(srv.client, p);
  await srv.close();
});

function importForm(csv = actorsCsv): FormData {
  const form = new FormData();
  form.append('actors', new Blob([csv]), 'actors.csv');
  return form;
}

async function call(path: string, init: RequestInit = {}, base = srv.url) {
  const res = await fetch(base + path, { redirect: 'manual', ...init });
  const text = await res.text();
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, body, headers: res.headers };
}

async function login(username: string, password: string, base = srv.url) {
  const res = await call('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) }, base);
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  return { ...res, cookie };
}

describe('who may write', () => {
  it('refuses anonymous writes (401) and a member’s import (403); a coordinator’s token imports', async () => {
    const anon = await call('/api/import', { method: 'POST', body: importForm() });
    expect(anon.status).toBe(401);
    expect(anon.body.error.code).toBe('unauthorized');

    await srv.client.write((tx) => tx.run("CREATE (:Actor:Enterprise {id: $id, type: 'Enterprise', name: 'Member Home'})", { id: `${p}home` }));
    const member = await userWithToken(srv.client, p, 'member', `${p}home`);
    const denied = await call('/api/import', { method: 'POST', body: importForm(), headers: member.headers });
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toMatch(/needs the role admin or coordinator/);

    const coordinator = await userWithToken(srv.client, p, 'coordinator');
    const ok = await call('/api/import', { method: 'POST', body: importForm(), headers: coordinator.headers });
    expect(ok.status).toBe(200);
    expect(ok.body.actors.added).toBe(2);

    const wrongToken = await call('/api/import', { method: 'POST', body: importForm(), headers: { authorization: 'Bearer musubi_nottoken' } });
    expect(wrongToken.status).toBe(401);
  });
});

describe('sessions', () => {
  it('log in with a cookie (HTTP-only, SameSite), survive a restart, and end at logout', async () => {
    const coordinator = await userWithToken(srv.client, p, 'coordinator');
    const wrong = await login(coordinator.username, 'not the password');
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.message).toBe('Wrong user name or password.');

    const res = await login(coordinator.username, coordinator.password);
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ username: coordinator.username, role: 'coordinator' });
    expect(res.body.user.passwordHash).toBeUndefined();
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(res.headers.get('cache-control')).toBe('no-store');

    // Another app over the same database: a restarted server knows the session.
    const app = createApp({ client: srv.client, log: pino({ level: 'silent' }), importMaxBytes: 1024 * 1024 });
    const server: Server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const other = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const me = await call('/api/auth/me', { headers: { cookie: res.cookie! } }, other);
      expect(me.body.user.username).toBe(coordinator.username);
      expect(me.body.csrfToken).toBe(res.body.csrfToken);

      // A write on a cookie session needs the CSRF token...
      const noCsrf = await call('/api/import', { method: 'POST', body: importForm(), headers: { cookie: res.cookie! } }, other);
      expect(noCsrf.status).toBe(403);
      expect(noCsrf.body.error.code).toBe('csrf_failed');
      // ...and a form posted from another site is refused even with it.
      const crossSite = await call('/api/import', { method: 'POST', body: importForm(), headers: { cookie: res.cookie!, 'x-csrf-token': res.body.csrfToken, origin: 'http://evil.example' } }, other);
      expect(crossSite.status).toBe(403);
      const sameSite = await call('/api/import', { method: 'POST', body: importForm(), headers: { cookie: res.cookie!, 'x-csrf-token': res.body.csrfToken, origin: other } }, other);
      expect(sameSite.status).toBe(200);

      const out = await call('/api/auth/logout', { method: 'POST', headers: { cookie: res.cookie!, 'x-csrf-token': res.body.csrfToken } }, other);
      expect(out.status).toBe(200);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    const after = await call('/api/auth/me', { headers: { cookie: res.cookie! } });
    expect(after.body.user).toBeNull();
    const write = await call('/api/import', { method: 'POST', body: importForm(), headers: { cookie: res.cookie!, 'x-csrf-token': res.body.csrfToken } });
    expect(write.status).toBe(401);
  });

  it('throttles the tenth wrong password within a minute', async () => {
    const member = await userWithToken(srv.client, p, 'coordinator');
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await login(member.username, `wrong password ${i}`)).status);
    expect(statuses.slice(0, 9)).toEqual(Array(9).fill(401));
    expect(statuses[9]).toBe(429);
    const right = await login(member.username, member.password);
    expect(right.status).toBe(429);
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('API tokens', () => {
  it('are created by their owner, listed without secrets, and stop working when revoked', async () => {
    const coordinator = await userWithToken(srv.client, p, 'coordinator');
    const created = await call('/api/auth/tokens', { method: 'POST', headers: { ...coordinator.headers, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'nightly import' }) });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^musubi_/);
    const list = await call('/api/auth/tokens', { headers: coordinator.headers });
    expect(list.body.tokens.map((t: { name: string }) => t.name)).toContain('nightly import');
    expect(JSON.stringify(list.body)).not.toContain(created.body.token);
    const rows = await srv.client.read((tx) => tx.run('MATCH (t:ApiToken {id: $id}) RETURN t.hash AS hash', { id: created.body.id }));
    expect(rows.records[0].get('hash')).not.toContain(created.body.token.slice(7));

    const bearer = { authorization: `Bearer ${created.body.token}` };
    expect((await call('/api/auth/me', { headers: bearer })).body.user.username).toBe(coordinator.username);
    const revoked = await call(`/api/auth/tokens/${created.body.id}`, { method: 'DELETE', headers: coordinator.headers });
    expect(revoked.status).toBe(204);
    expect((await call('/api/auth/me', { headers: bearer })).status).toBe(401);
  });
});

describe('requests from elsewhere', () => {
  it('refuses a Host header that is not the server’s (DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${srv.url}/api/stats`, { headers: { host: 'attacker.example:3000' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(421);
  });

  it('sends security headers with every answer', async () => {
    const res = await call('/api/stats');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
  });
});

describe('users and the audit log', () => {
  it('lets an admin add a user and read who wrote what; others may not', async () => {
    const admin = await userWithToken(srv.client, p, 'admin');
    const coordinator = await userWithToken(srv.client, p, 'coordinator');
    const json = { 'content-type': 'application/json' };
    const bad = await call('/api/users', { method: 'POST', headers: { ...admin.headers, ...json }, body: JSON.stringify({ username: `${p}x`, password: 'short', role: 'coordinator' }) });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.field).toBe('password');
    const noActor = await call('/api/users', { method: 'POST', headers: { ...admin.headers, ...json }, body: JSON.stringify({ username: `${p}m`, password: 'long enough password', role: 'member' }) });
    expect(noActor.body.error.details.field).toBe('actorId');
    const made = await call('/api/users', { method: 'POST', headers: { ...admin.headers, ...json }, body: JSON.stringify({ username: `${p}new`, password: 'long enough password', role: 'coordinator' }) });
    expect(made.status).toBe(201);
    const again = await call('/api/users', { method: 'POST', headers: { ...admin.headers, ...json }, body: JSON.stringify({ username: `${p}new`, password: 'long enough password', role: 'coordinator' }) });
    expect(again.status).toBe(409);

    const imported = await call('/api/import', { method: 'POST', body: importForm(`id,type,name\n${p}audited,Enterprise,Audited Gears\n`), headers: coordinator.headers });
    expect(imported.status).toBe(200);
    expect(imported.body.actors.added).toBe(1);
    expect((await call('/api/audit', { headers: coordinator.headers })).status).toBe(403);
    const audit = await call(`/api/audit?username=${encodeURIComponent(coordinator.username)}`, { headers: admin.headers });
    expect(audit.status).toBe(200);
    const actions = audit.body.entries.map((e: { action: string }) => e.action);
    expect(actions).toContain('import');
    expect(audit.body.entries.find((e: { action: string }) => e.action === 'import').after.actors.added).toBe(1);
    const tokenMade = await call('/api/auth/tokens', { method: 'POST', headers: { ...coordinator.headers, ...json }, body: JSON.stringify({ name: 'audited' }) });
    const tokenAudit = await call(`/api/audit?action=token.create&username=${encodeURIComponent(coordinator.username)}`, { headers: admin.headers });
    expect(tokenAudit.body.entries[0]).toMatchObject({ target: tokenMade.body.id, after: { name: 'audited' } });
    const created = await call(`/api/audit?action=user.create&username=${encodeURIComponent(admin.username)}`, { headers: admin.headers });
    expect(created.body.entries[0].after).toMatchObject({ username: `${p}new`.toLowerCase(), role: 'coordinator' });
    expect(JSON.stringify(created.body)).not.toContain('argon2');
    expect((await call('/api/audit?from=yesterday', { headers: admin.headers })).status).toBe(400);
  });
});
