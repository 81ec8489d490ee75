/**
 * Regressions (issue 13, defects 1-5), over HTTP against the real application: bad input of every
 * kind named in the issue gets a 4xx JSON answer that names the problem — never a 500, an HTML
 * page or a stack — and changes nothing; exports neutralise spreadsheet formulas and read back
 * exactly.
 */
import net from 'node:net';
import zlib from 'node:zlib';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import iconv from 'iconv-lite';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { clientErrorHandler } from '../../server/http/error-handler.ts';
import { createNeo4jClient } from '../../server/store/neo4j-client.ts';
import { ensureSchema } from '../../server/store/schema.ts';
import { removeActors, removeUsers, testPrefix, userWithToken } from '../support/test-server.ts';

const client = createNeo4jClient(inject('neo4j'));
let server: Server;
const p = testPrefix('badinput');
let coordinator: Record<string, string>;
/** The application as server/main.ts serves it: with the handler for requests Node's parser rejects. */
const srv = {
  client,
  url: '',
  async get(path: string, headers: Record<string, string> = {}) {
    const res = await fetch(srv.url + path, { headers });
    const text = await res.text();
    return { status: res.status, text, body: res.headers.get('content-type')?.startsWith('application/json') ? JSON.parse(text) : undefined };
  },
};

beforeAll(async () => {
  await ensureSchema(client);
  const log = pino({ level: 'silent' });
  const app = createApp({ client, log, importMaxBytes: 200 * 1024 * 1024 });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  server.on('clientError', clientErrorHandler(log));
  srv.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  coordinator = (await userWithToken(client, p, 'coordinator')).headers;
});
afterAll(async () => {
  await removeActors(client, p);
  await removeUsers(client, p);
  await new Promise((resolve) => server.close(resolve));
  await client.close();
});

interface Answer {
  status: number;
  size: number;
  error: { code: string; message: string; details?: any };
}

/** Checks what every error answer must be (a JSON 4xx without a stack or a path) and returns it. */
async function errorAnswer(res: Response): Promise<Answer> {
  const text = await res.text();
  expect(res.headers.get('content-type'), text.slice(0, 200)).toMatch(/^application\/json/);
  expect(res.status, text.slice(0, 300)).toBeGreaterThanOrEqual(400);
  expect(res.status, text.slice(0, 300)).toBeLessThan(500);
  expect(text).not.toMatch(/<html|<pre|\bat [\w.<>]+ \(|\/home\/|\/work\/|node_modules/i);
  return { status: res.status, size: text.length, error: JSON.parse(text).error };
}

const post = (path: string, body: BodyInit, headers: Record<string, string> = {}) =>
  fetch(srv.url + path, { method: 'POST', body, headers: { ...coordinator, ...headers } });

function form(files: Record<string, Buffer>): FormData {
  const f = new FormData();
  for (const [field, bytes] of Object.entries(files)) f.append(field, new Blob([new Uint8Array(bytes)]), `${field}.csv`);
  return f;
}
const importFiles = (files: Record<string, Buffer>, query = '') => post(`/api/import${query}`, form(files));

/** The network's counts, to show that a rejected request changed nothing. */
const stats = async () => (await srv.get('/api/stats')).body;

describe('malformed requests are 4xx JSON errors that name the problem', () => {
  it('a path id with malformed percent-encoding', async () => {
    for (const path of ['/api/actors/%E0%A4%A', '/api/actors/%zz/suggestions']) {
      const res = await errorAnswer(await fetch(srv.url + path));
      expect(res.status).toBe(400);
      expect(res.error.message).toMatch(/percent-encoding/);
    }
  });

  it('JSON bodies in another charset, an unknown encoding or broken gzip', async () => {
    const latin1 = await errorAnswer(await post('/api/auth/login', '{}', { 'content-type': 'application/json; charset=latin1' }));
    expect([latin1.status, latin1.error.message]).toEqual([415, expect.stringMatching(/charset 'latin1'/)]);
    const unknown = await errorAnswer(await post('/api/auth/login', '{}', { 'content-type': 'application/json', 'content-encoding': 'x-unknown' }));
    expect([unknown.status, unknown.error.message]).toEqual([415, expect.stringMatching(/Content-Encoding 'x-unknown'/)]);
    const gzip = await errorAnswer(await post('/api/auth/login', 'not gzip', { 'content-type': 'application/json', 'content-encoding': 'gzip' }));
    expect([gzip.status, gzip.error.details.header]).toEqual([400, 'content-encoding']);
  });

  it('uploads that are not a readable multipart/form-data form', async () => {
    const before = await stats();
    const part = (header: string) => `--b\r\nContent-Disposition: form-data; name="actors"; filename="actors.csv"\r\n${header}\r\nid,type,name\r\n${p}m1,Enterprise,M\r\n`;
    const cases: [string, Record<string, string>, string | Buffer, number, RegExp][] = [
      ['no boundary', { 'content-type': 'multipart/form-data' }, part(''), 400, /no boundary/],
      ['multipart/mixed', { 'content-type': 'multipart/mixed; boundary=b' }, `${part('')}--b--\r\n`, 415, /multipart\/form-data.*not 'multipart\/mixed/],
      ['a CSV body', { 'content-type': 'text/csv' }, 'id,type,name\n', 415, /not 'text\/csv'/],
      ['unknown Content-Encoding', { 'content-type': 'multipart/form-data; boundary=b', 'content-encoding': 'x-unknown' }, `${part('')}--b--\r\n`, 415, /Content-Encoding 'x-unknown'/],
      ['gzip', { 'content-type': 'multipart/form-data; boundary=b', 'content-encoding': 'gzip' }, zlib.gzipSync(`${part('')}--b--\r\n`), 415, /Content-Encoding 'gzip'/],
      ['invalid gzip', { 'content-type': 'multipart/form-data; boundary=b', 'content-encoding': 'gzip' }, 'not gzip', 415, /Content-Encoding 'gzip'/],
      ['a truncated form', { 'content-type': 'multipart/form-data; boundary=b' }, part(''), 400, /ends before its closing boundary/],
      ['a 100 KB part header', { 'content-type': 'multipart/form-data; boundary=b' }, `${part(`X-Big: ${'a'.repeat(100_000)}\r\n`)}--b--\r\n`, 400, /malformed header, or one larger than 16 KB/],
    ];
    for (const [label, headers, body, status, message] of cases) {
      const res = await errorAnswer(await post('/api/import', typeof body === 'string' ? body : new Uint8Array(body), headers));
      expect([label, res.status, res.error.message], label).toEqual([label, status, expect.stringMatching(message)]);
    }
    expect(await stats()).toEqual(before);
  });

  it('a body cut short of its Content-Length', async () => {
    const body = Buffer.from(`--b\r\nContent-Disposition: form-data; name="actors"; filename="actors.csv"\r\n\r\nid,type`);
    const head =
      `POST /api/import HTTP/1.1\r\nHost: localhost\r\nAuthorization: ${coordinator.authorization}\r\n` +
      `Content-Type: multipart/form-data; boundary=b\r\nContent-Length: ${body.length + 1000}\r\n\r\n`;
    // The client half-closes after sending less than announced; the server still answers JSON.
    const port = Number(new URL(srv.url).port);
    const socket = net.connect(port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    const chunks: Buffer[] = [];
    socket.on('data', (d) => chunks.push(d));
    socket.end(Buffer.concat([Buffer.from(head), body]));
    await new Promise((resolve) => socket.once('close', resolve));
    const text = Buffer.concat(chunks).toString('utf8');
    expect(text).toMatch(/^HTTP\/1.1 4\d\d/);
    expect(text).toMatch(/content-type: application\/json/i);
    expect(JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4)).error.code).toBe('bad_request');
  });

  it('a path nothing serves, outside /api too', async () => {
    const res = await errorAnswer(await fetch(`${srv.url}/no/such/page.js`, { method: 'POST' }));
    expect([res.status, res.error.code]).toEqual([404, 'no_route']);
  });
});

describe('import files that cannot be read are rejected whole, with the line at fault', () => {
  it('a UTF-8 byte-order mark followed by invalid UTF-8: 422, not 500', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`id,type,name\n${p}b1,Enterprise,B\n`), Buffer.from([0xff, 0xfe, 0x0a])]);
    const res = await errorAnswer(await importFiles({ actors: bytes }));
    expect(res.status).toBe(422);
    expect(res.error.details.problems[0]).toMatchObject({ line: 3, message: expect.stringMatching(/not valid UTF-8/) });
  });

  it('a UTF-8 file with one Shift_JIS line is rejected naming that line, not stored as mojibake', async () => {
    const bytes = Buffer.concat([
      Buffer.from(`id,type,name,name_ja\n${p}j1,Enterprise,Seimitsu,精密工業\n`, 'utf8'),
      iconv.encode(`${p}j2,Enterprise,Kita,北ギア工業\n`, 'cp932'),
      Buffer.from(`${p}j3,University,Minami,南大学\n`, 'utf8'),
    ]);
    const res = await errorAnswer(await importFiles({ actors: bytes }));
    expect(res.status).toBe(422);
    expect(res.error.details.problems[0]).toMatchObject({ line: 3, message: expect.stringMatching(/line 3 is not UTF-8/) });
    expect((await srv.get(`/api/actors/${p}j1`)).status).toBe(404);
  });

  it('a 20 MB single-line file: a small JSON 422, not an HTML page with a stack', async () => {
    const res = await errorAnswer(await importFiles({ actors: Buffer.alloc(20_000_000, 'a') }));
    expect(res.status).toBe(422);
    expect(res.size).toBeLessThan(2000);
    expect(res.error.details.problems[0].message).toMatch(/longer than 100,000 characters/);
  });

  it('a header of a million columns with no rows', async () => {
    const res = await errorAnswer(await importFiles({ ties: Buffer.from(`source,target,kind${',x'.repeat(1_000_000)}\n`) }));
    expect(res.status).toBe(422);
    expect(res.size).toBeLessThan(2000);
    expect(res.error.details.problems[0].message).toMatch(/more than 200 cells/);
  });

  it('an actor with 150 extra columns, naming the limit of 100, in well under the 79 s that 50,000 took', async () => {
    const extras = Array.from({ length: 150 }, (_, i) => `x${i}`);
    const started = Date.now();
    const res = await errorAnswer(await importFiles({ actors: Buffer.from(`id,type,name,${extras.join(',')}\n${p}w1,Enterprise,W${',v'.repeat(150)}\n`) }));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(res.status).toBe(422);
    expect(res.error.details.problems[0].message).toMatch(/150 columns besides .* at most 100 are accepted/);
    expect((await srv.get(`/api/actors/${p}w1`)).status).toBe(404);
  });
});

describe('exports neutralise spreadsheet formulas and read back exactly', () => {
  it('prefixes formula cells with an apostrophe in actors.csv and ties.csv, and a re-import changes nothing', async () => {
    const actors = [
      'id,type,name,name_ja,country,prefecture,lat,lon,fields,note',
      `${p}f1,Enterprise,"=HYPERLINK(""http://evil.example"",""x"")",＝1+1,GB,London,51.5,-0.12,@cmd,+1+1`,
      `${p}f2,University,'=already quoted,－2,,,,,,-x`,
      `${p}f3,Enterprise,Plain,普通,,,,,,`,
    ].join('\n');
    const ties = ['source,target,kind,weight', `${p}f1,${p}f2,COLLABORATES,2`, `${p}f3,${p}f1,SUPPLIES,1`].join('\n');
    const first = await importFiles({ actors: Buffer.from(actors), ties: Buffer.from(ties) });
    expect(first.status, await first.clone().text()).toBe(200);
    const detail = (await srv.get(`/api/actors/${p}f1`)).body;
    expect(detail.actor.name).toBe('=HYPERLINK("http://evil.example","x")');
    expect(detail.actor.lon).toBe(-0.12);
    expect((await srv.get(`/api/actors/${p}f2`)).body.actor.name).toBe('=already quoted');

    const exported = await srv.get('/api/export/actors.csv', coordinator);
    const mine = exported.text.split('\n').filter((line) => line.startsWith(p));
    expect(mine).toHaveLength(3);
    const f1 = mine.find((line) => line.startsWith(`${p}f1,`))!;
    expect(f1).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(f1).toContain(",'＝1+1,");
    expect(f1).toContain(',51.5,-0.12,');
    expect(f1).toContain("'@cmd");
    expect(f1).toContain("'+1+1");
    expect(mine.find((line) => line.startsWith(`${p}f2,`))).toContain(",'=already quoted,'－2,");
    const exportedTies = (await srv.get('/api/export/ties.csv', coordinator)).text.split('\n').filter((line) => line.startsWith(p));
    expect(exportedTies).toHaveLength(2);

    // The export, read back: nothing changes.
    const header = exported.text.slice(0, exported.text.indexOf('\n'));
    const again = await importFiles({ actors: Buffer.from([header, ...mine].join('\n')), ties: Buffer.from(['source,target,kind,weight,since', ...exportedTies].join('\n')) });
    const report = await again.json();
    expect(again.status, JSON.stringify(report)).toBe(200);
    expect(report.actors).toMatchObject({ added: 0, changed: 0, unchanged: 3 });
    expect(report.ties).toMatchObject({ added: 0, changed: 0, unchanged: 2 });
  });
});
