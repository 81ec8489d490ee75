/**
 * Every error is JSON, including requests Node's HTTP parser rejects before routing.
 * Regression (issue 10, defect 1): the README's `curl '…/api/actors?q=精密…'` sends raw UTF-8 in
 * the URL, which Node refuses in the request line; the answer was an empty 400.
 */
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { pino } from 'pino';
import { createApp } from '../../server/app.ts';
import { clientErrorHandler } from '../../server/http/error-handler.ts';
import { createNeo4jClient } from '../../server/store/neo4j-client.ts';

const client = createNeo4jClient(inject('neo4j'));
let server: Server;
let port = 0;

beforeAll(async () => {
  const log = pino({ level: 'silent' });
  const app = createApp({ client, log, importMaxBytes: 1024 });
  // As server/main.ts does.
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  server.on('clientError', clientErrorHandler(log));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await client.close();
});

/** Sends `head` as bytes, as curl does, and reads the whole answer. */
async function raw(head: Buffer | string): Promise<{ status: number; type: string; body: any }> {
  const socket = net.connect(port, '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  const chunks: Buffer[] = [];
  socket.on('data', (d) => chunks.push(d));
  socket.end(head);
  await new Promise((resolve) => socket.once('close', resolve));
  const text = Buffer.concat(chunks).toString('utf8');
  const [headers, ...rest] = text.split('\r\n\r\n');
  return {
    status: Number(headers.split(' ')[1]),
    type: /content-type: *([^\r\n]*)/i.exec(headers)?.[1] ?? '',
    body: JSON.parse(rest.join('\r\n\r\n')),
  };
}

const request = (target: Buffer | string) =>
  Buffer.concat([Buffer.from('GET '), Buffer.from(target), Buffer.from(' HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n')]);

describe('errors before routing', () => {
  it('answers raw UTF-8 in the query with a JSON 400 that names the parameter and the URL to send', async () => {
    const res = await raw(request(Buffer.from('/api/actors?q=精密&type=Enterprise&limit=5', 'utf8')));
    expect(res.status).toBe(400);
    expect(res.type).toMatch(/application\/json/);
    expect(res.body.error.code).toBe('invalid_parameter');
    expect(res.body.error.details.parameter).toBe('q');
    expect(res.body.error.message).toContain('精密');
    expect(res.body.error.details.url).toBe('/api/actors?q=%E7%B2%BE%E5%AF%86&type=Enterprise&limit=5');
    // The URL it gives is one the API answers.
    const next = await fetch(`http://127.0.0.1:${port}${res.body.error.details.url}`);
    expect(next.status).toBe(200);
    expect(Array.isArray(((await next.json()) as any).items)).toBe(true);
  });

  it('answers raw characters in the path, and a request that is not HTTP, as JSON', async () => {
    const path = await raw(request(Buffer.from('/api/actors/精密', 'utf8')));
    expect(path.status).toBe(400);
    expect(path.body.error.details.url).toBe('/api/actors/%E7%B2%BE%E5%AF%86');
    const garbage = await raw('HELLO\r\n\r\n');
    expect(garbage.status).toBe(400);
    expect(garbage.body.error.code).toBe('bad_request');
  });

  it('answers a path with broken percent-encoding with a JSON 400, not a 500', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/api/actors/%E0%A4%A`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).error.code).toBe('bad_request');
  });
});
