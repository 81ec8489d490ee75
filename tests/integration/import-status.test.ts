/**
 * Imports have an id and a status (issue 13, defect 8): a caller whose connection was cut could
 * not tell whether its import committed. The id comes at once (103 Early Hints, then the answer's
 * header and body); `GET /api/imports/:id` says running, committed, rejected or failed, and
 * "committed" is read from the import's own transaction (its audit entry), so it holds after a
 * restart of the server too.
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importNetwork } from '../../server/services/import-network.ts';
import { removeActors, removeUsers, startTestServer, testPrefix, userWithToken, type TestServer } from '../support/test-server.ts';

let srv: TestServer;
const p = testPrefix('impstatus');
let coordinator: Record<string, string>;
let member: Record<string, string>;

beforeAll(async () => {
  srv = await startTestServer();
  coordinator = (await userWithToken(srv.client, p, 'coordinator')).headers;
  await importNetwork(srv.client, { actors: { name: 'actors.csv', bytes: Buffer.from(`id,type,name,prefecture\n${p}home,Enterprise,${p}home,Aichi\n`) } });
  member = (await userWithToken(srv.client, p, 'member', `${p}home`)).headers;
});

afterAll(async () => {
  await removeActors(srv.client, p);
  await removeUsers(srv.client, p);
  await srv.client.write((tx) => tx.run('MATCH (e:AuditEntry) WHERE e.username STARTS WITH $p DELETE e', { p: p.toLowerCase() }));
  await srv.close();
});

function form(files: Record<string, string>): { body: Buffer; type: string } {
  const boundary = `----musubi${Math.random().toString(36).slice(2)}`;
  const parts = Object.entries(files).map(
    ([field, text]) => `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${p}${field}.csv"\r\nContent-Type: text/csv\r\n\r\n${text}\r\n`,
  );
  return { body: Buffer.from(`${parts.join('')}--${boundary}--\r\n`, 'utf8'), type: `multipart/form-data; boundary=${boundary}` };
}

const actorsCsv = (tag: string, n: number) =>
  `id,type,name,prefecture\n${Array.from({ length: n }, (_, i) => `${p}${tag}${i},Enterprise,${p}${tag} ${i},Aichi`).join('\n')}\n`;

/**
 * Posts an import over a raw connection and cuts it as soon as the 103 answer brought the
 * import's id (the whole upload is in, the import runs). Resolves with that id.
 */
function postAndCut(headers: Record<string, string>, upload: { body: Buffer; type: string }): Promise<string> {
  const url = new URL(`${srv.url}/api/import`);
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: { ...headers, 'content-type': upload.type, 'content-length': String(upload.body.length) } });
    req.on('error', () => undefined); // the cut itself
    setTimeout(() => (req.destroy(), reject(new Error('no 103 answer with X-Import-Id within 15 s'))), 15_000).unref();
    req.on('response', () => reject(new Error('the answer came before the cut: make the import larger')));
    req.on('information', (info) => {
      const id = info.headers['x-import-id'];
      if (typeof id !== 'string') return reject(new Error(`no X-Import-Id in the ${info.statusCode} answer`));
      req.destroy();
      resolve(id);
    });
    req.end(upload.body);
  });
}

/** Sends half of an upload under an id the caller chose, then cuts the connection. */
async function postHalfAndCut(headers: Record<string, string>, upload: { body: Buffer; type: string }, id: string): Promise<void> {
  const url = new URL(`${srv.url}/api/import`);
  await new Promise<void>((resolve) => {
    const req = http.request(url, { method: 'POST', headers: { ...headers, 'x-import-id': id, 'content-type': upload.type, 'content-length': String(upload.body.length) } });
    req.on('error', () => undefined); // the cut itself
    req.write(upload.body.subarray(0, upload.body.length >> 1), () => setTimeout(() => (req.destroy(), resolve()), 200));
  });
}

async function settled(id: string, headers = coordinator): Promise<any> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const res = await srv.get(`/api/imports/${id}`, headers);
    expect(res.status).toBe(200);
    if (res.body.status !== 'running' || Date.now() > deadline) return res.body;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function countActors(tag: string): Promise<number> {
  const res = await srv.client.read((tx) => tx.run('MATCH (a:Actor) WHERE a.id STARTS WITH $prefix RETURN count(a) AS n', { prefix: `${p}${tag}` }));
  return res.records[0].get('n') as number;
}

describe('the status of an import (issue 13, defect 8)', () => {
  it('answers the id in a header and the body, and the status by id says committed with the report', async () => {
    const upload = form({ actors: actorsCsv('plain', 3) });
    const res = await fetch(`${srv.url}/api/import`, { method: 'POST', headers: { ...coordinator, 'content-type': upload.type }, body: new Uint8Array(upload.body) });
    const body = (await res.json()) as any;
    expect(res.status).toBe(200);
    expect(body.importId).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get('x-import-id')).toBe(body.importId);
    const status = await settled(body.importId);
    expect(status).toMatchObject({ importId: body.importId, status: 'committed', report: { actors: { added: 3 } } });
  });

  it('says committed, truthfully, when the caller cut the connection during the import — also to a server started afterwards', async () => {
    const id = await postAndCut(coordinator, form({ actors: actorsCsv('cut', 3_000) }));
    const status = await settled(id);
    expect(status.status).toBe('committed');
    expect(status.report.actors.added).toBe(3_000);
    expect(await countActors('cut')).toBe(3_000);
    // Another server, with nothing in memory (a restart): the import's own transaction says so.
    const other = await startTestServer();
    try {
      const res = await other.get(`/api/imports/${id}`, coordinator);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ importId: id, status: 'committed', counts: { actors: { added: 3_000 } } });
    } finally {
      await other.close();
    }
  });

  it('says failed, with nothing written, when the upload was cut half-way (under an id the caller chose)', async () => {
    const id = crypto.randomUUID();
    await postHalfAndCut(coordinator, form({ actors: actorsCsv('half', 3_000) }), id);
    const status = await settled(id);
    expect(status.status).toBe('failed');
    expect(status.error.message).toMatch(/cut short|closed/i);
    expect(await countActors('half')).toBe(0);
  });

  it('says rejected, with the problems, for an import that was refused', async () => {
    const upload = form({ actors: `id,type,name,prefecture\n${p}bad,Spaceship,${p}bad,Aichi\n` });
    const res = await fetch(`${srv.url}/api/import`, { method: 'POST', headers: { ...coordinator, 'content-type': upload.type }, body: new Uint8Array(upload.body) });
    expect(res.status).toBe(422);
    const id = res.headers.get('x-import-id')!;
    expect(id).toBeTruthy();
    const status = await settled(id);
    expect(status).toMatchObject({ importId: id, status: 'rejected', error: { code: 'import_rejected' } });
    expect(status.error.details.problems.length).toBeGreaterThan(0);
  });

  it('takes an id chosen by the caller once, and refuses it a second time', async () => {
    const chosen = crypto.randomUUID();
    const send = () => {
      const upload = form({ actors: actorsCsv('chosen', 1) });
      return fetch(`${srv.url}/api/import`, { method: 'POST', headers: { ...coordinator, 'x-import-id': chosen, 'content-type': upload.type }, body: new Uint8Array(upload.body) });
    };
    const first = await send();
    expect(first.status).toBe(200);
    expect(((await first.json()) as any).importId).toBe(chosen);
    const again = await send();
    expect(again.status).toBe(409);
    const bad = await fetch(`${srv.url}/api/import`, { method: 'POST', headers: { ...coordinator, 'x-import-id': 'not an id' } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).error.message).toContain('X-Import-Id');
  });

  it('is told to coordinators and admins only, and an unknown id is a 404', async () => {
    const unknown = crypto.randomUUID();
    expect((await srv.get(`/api/imports/${unknown}`)).status).toBe(401);
    expect((await srv.get(`/api/imports/${unknown}`, member)).status).toBe(403);
    const missing = await srv.get(`/api/imports/${unknown}`, coordinator);
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
    expect((await srv.get('/api/imports/%20nope', coordinator)).status).toBe(400);
  });
});
