/**
 * Regressions (issue 13, defects 1 and 2): body-parser's client errors were answered 500, and a
 * rejection too large to serialise (a 190 MB single-line file) fell through to Express's own
 * handler, which answered an HTML page with the stack and the machine's paths. The error
 * middleware now answers every error as bounded JSON, whatever goes wrong while answering.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import zlib from 'node:zlib';
import express from 'express';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorHandler, MAX_ERROR_BODY_CHARS, notFoundPage } from '../../server/http/error-handler.ts';
import { AppError, importRejected } from '../../server/domain/errors.ts';

let server: Server;
let url = '';

beforeAll(async () => {
  const app = express();
  app.use(express.json({ limit: '1mb' }));
  app.post('/echo', (req, res) => {
    res.json(req.body);
  });
  app.get('/huge', () => {
    const problems = Array.from({ length: 5000 }, (_, i) => ({ file: 'actors.csv', line: i + 2, message: 'x'.repeat(1000) }));
    throw importRejected('The import was rejected: 5000 problems found. Nothing was written.', { total: 5000, problems });
  });
  app.get('/unserialisable', () => {
    throw new AppError('bad_request', 'details that JSON cannot hold', 400, { n: 10n });
  });
  app.get('/bug', () => {
    throw new RangeError('Invalid string length at /home/someone/musubi/server/domain/csv/columns.ts:70');
  });
  app.get('/library-4xx', () => {
    throw Object.assign(new Error("ENOENT: no such file, open '/home/someone/musubi/dist/client/x.js'"), { status: 404 });
  });
  app.get('/after-headers', (_req, res) => {
    res.status(200).type('text/csv');
    res.write('id,type,name\n');
    throw new Error('the database went away mid-export');
  });
  app.use(notFoundPage);
  app.use(errorHandler(pino({ level: 'silent' })));
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

/** The answer, with checks every error answer must pass: JSON, no stack, no path of this machine. */
async function errorAnswer(path: string, init?: RequestInit) {
  const res = await fetch(url + path, init);
  const text = await res.text();
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  expect(text).not.toMatch(/<html|<pre|\bat [\w.<>]+ \(|\/home\/|node_modules/i);
  return { status: res.status, text, body: JSON.parse(text) as { error: { code: string; message: string; details?: any } } };
}
const postJson = (body: BodyInit, headers: Record<string, string>) => ({ method: 'POST', body, headers });

describe('every error answer is bounded JSON', () => {
  it('shortens a rejection listing too much instead of sending megabytes', async () => {
    const res = await errorAnswer('/huge');
    expect(res.status).toBe(422);
    expect(res.text.length).toBeLessThanOrEqual(MAX_ERROR_BODY_CHARS);
    expect(res.body.error.details.total).toBe(5000);
    expect(res.body.error.details.truncated).toBe(true);
    expect(res.body.error.details.problems.length).toBeGreaterThan(0);
  });

  it('answers JSON even when the details cannot be serialised (never Express\'s HTML page)', async () => {
    const res = await errorAnswer('/unserialisable');
    expect(res.status).toBe(500);
    expect(res.body.error.code).toBe('internal_error');
  });

  it('hides a bug\'s message and a library\'s paths', async () => {
    const bug = await errorAnswer('/bug');
    expect(bug.status).toBe(500);
    expect(bug.body.error.message).not.toMatch(/Invalid string length/);
    const lib = await errorAnswer('/library-4xx');
    expect(lib.status).toBe(404);
    expect(lib.body.error.message).toMatch(/ENOENT/);
  });

  it('cuts the connection when the error comes after part of the answer was sent', async () => {
    await expect(fetch(`${url}/after-headers`).then((r) => r.text())).rejects.toThrow();
  });

  it('answers a path nothing serves with a JSON 404', async () => {
    const res = await errorAnswer('/nothing/here', { method: 'POST' });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('no_route');
  });
});

describe('a JSON body the server cannot read is the caller\'s error, named', () => {
  it('a charset other than UTF-8: 415 naming the charset', async () => {
    const res = await errorAnswer('/echo', postJson('{}', { 'content-type': 'application/json; charset=latin1' }));
    expect(res.status).toBe(415);
    expect(res.body.error.message).toMatch(/charset 'latin1'.*UTF-8/);
    expect(res.body.error.details.header).toBe('content-type');
  });

  it('an unknown Content-Encoding: 415 naming it', async () => {
    const res = await errorAnswer('/echo', postJson('{}', { 'content-type': 'application/json', 'content-encoding': 'x-rot13' }));
    expect(res.status).toBe(415);
    expect(res.body.error.message).toMatch(/Content-Encoding 'x-rot13'/);
  });

  it('a body that is not the gzip it claims: 400 naming Content-Encoding', async () => {
    const res = await errorAnswer('/echo', postJson('this is not gzip', { 'content-type': 'application/json', 'content-encoding': 'gzip' }));
    expect(res.status).toBe(400);
    expect(res.body.error.details.header).toBe('content-encoding');
    // A real gzip body is read.
    const ok = await fetch(`${url}/echo`, postJson(zlib.gzipSync('{"a":1}'), { 'content-type': 'application/json', 'content-encoding': 'gzip' }));
    expect(await ok.json()).toEqual({ a: 1 });
  });

  it('malformed JSON: 400', async () => {
    const res = await errorAnswer('/echo', postJson('{"a":', { 'content-type': 'application/json' }));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/not valid JSON/);
  });
});
