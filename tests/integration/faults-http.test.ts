/**
 * The smaller defects of issue 13 (defect 9): each answer names what was wrong.
 * - a JSON body over 1 MB: a 413 that blamed IMPORT_MAX_MB (the upload limit);
 * - a wrong method on an existing path: a 404 saying the path does not exist;
 * - GEXF served as application/octet-stream;
 * - `?limit[]=5`: silently ignored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importNetwork } from '../../server/services/import-network.ts';
import { removeActors, startTestServer, testPrefix, type TestServer } from '../support/test-server.ts';

let srv: TestServer;
const p = testPrefix('fhttp');

beforeAll(async () => {
  srv = await startTestServer();
  const actors = `id,type,name,prefecture\n${p}a,Enterprise,${p}a,Aichi\n${p}b,University,${p}b,Aichi\n`;
  const ties = `source,target,kind,weight,since\n${p}a,${p}b,COLLABORATES,1,2010\n`;
  await importNetwork(srv.client, { actors: { name: 'actors.csv', bytes: Buffer.from(actors) }, ties: { name: 'ties.csv', bytes: Buffer.from(ties) } });
});

afterAll(async () => {
  await removeActors(srv.client, p);
  await srv.close();
});

async function send(method: string, path: string, init: RequestInit = {}) {
  const res = await fetch(srv.url + path, { method, ...init });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

describe('the smaller defects (issue 13, defect 9)', () => {
  it('answers a JSON body over 1 MB with a 413 that names the JSON limit, not IMPORT_MAX_MB', async () => {
    const body = JSON.stringify({ username: 'x', password: 'y'.repeat(1_100_000) });
    const res = await send('POST', '/api/auth/login', { headers: { 'content-type': 'application/json' }, body });
    expect(res.status).toBe(413);
    expect(res.body.error.message).toMatch(/JSON body is larger than the 1 MB/);
    expect(res.body.error.message).not.toContain('IMPORT_MAX_MB');
  });

  it('answers a wrong method on an existing path with 405 and the methods it takes in Allow', async () => {
    const stats = await send('PUT', '/api/stats');
    expect(stats.status).toBe(405);
    expect(stats.headers.get('allow')).toBe('GET, HEAD');
    expect(stats.body.error.code).toBe('method_not_allowed');
    const actor = await send('DELETE', `/api/actors/${p}a/suggestions`);
    expect(actor.status).toBe(405);
    expect(actor.headers.get('allow')).toBe('GET, HEAD');
    const imports = await send('GET', '/api/import');
    expect(imports.status).toBe(405);
    expect(imports.headers.get('allow')).toBe('POST');
    const ties = await send('POST', '/api/ties/COLLABORATES/x/y');
    expect(ties.status).toBe(405);
    expect(ties.headers.get('allow')).toBe('PUT, DELETE');
    // A path nothing serves is still a 404.
    const none = await send('PUT', '/api/no-such-thing');
    expect([none.status, none.body.error.code]).toEqual([404, 'no_route']);
  });

  it('serves GEXF as application/gexf+xml, as an attachment', async () => {
    const res = await fetch(`${srv.url}/api/export/network.gexf`);
    await res.arrayBuffer();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/gexf+xml; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain('network.gexf');
  });

  it('answers a parameter sent in an array or object shape with a 400 naming it', async () => {
    for (const [path, parameter] of [
      ['/api/actors?limit[]=5', 'limit'],
      ['/api/actors?q[0]=x', 'q'],
      [`/api/actors/${p}a/suggestions?limit[]=3`, 'limit'],
      [`/api/actors/${p}a/suggestions?types[]=University`, 'types'],
      ['/api/communities?seed[x]=1', 'seed'],
    ] as const) {
      const res = await send('GET', path);
      expect(res.status, path).toBe(400);
      expect(res.body.error.details?.parameter, path).toBe(parameter);
      expect(res.body.error.message, path).toContain(`Parameter '${parameter}'`);
    }
    // The plain form still works.
    expect((await send('GET', '/api/actors?limit=5')).status).toBe(200);
  });
});
