/**
 * /api/health with the database up, down and back: a stopped Neo4j gives a 503 within 2 s, and
 * the same running API recovers when Neo4j returns, without a restart.
 */
import os from 'node:os';
import path from 'node:path';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { pino } from 'pino';
import { createApp } from '../../server/app.ts';
import { createNeo4jClient, type Neo4jClient } from '../../server/store/neo4j-client.ts';
import { startEmbeddedNeo4j, type EmbeddedNeo4j } from '../../server/runtime/embedded-neo4j.ts';
import { freePort } from '../../server/runtime/free-port.ts';
import { loadConfig } from '../../server/config.ts';
import { startTestServer } from '../support/test-server.ts';

describe('GET /api/health', () => {
  it('answers 200 with the Neo4j version when the database answers', async () => {
    const srv = await startTestServer();
    try {
      const res = await srv.get('/api/health');
      expect(res.status).toBe(200);
      expect(res.body.neo4j.version).toMatch(/^\d+\.\d+/);
    } finally {
      await srv.close();
    }
  });

  // Regression (issue 10, defect 8): right after a start the health check answered 503, after
  // 3.6-4.5 s, although Neo4j was fine: the warm-up held the event loop, and the check's timer,
  // expired meanwhile, ran before the socket holding Neo4j's answer was read.
  it('answers 200, not a late 503, when other work held the event loop while Neo4j answered', async () => {
    const client = createNeo4jClient(inject('neo4j'));
    // A running product's driver holds open connections: the check finds one in the pool.
    await client.serverInfo(5_000);
    const holdEventLoop = (ms: number) => {
      const end = performance.now() + ms;
      while (performance.now() < end) {
        // busy, like a community detection or a layout step
      }
    };
    // Other work takes the event loop for 2.5 s right after the check has asked the database.
    const held: Neo4jClient = {
      ...client,
      serverInfo(timeoutMs) {
        const info = client.serverInfo(timeoutMs);
        setImmediate(() => holdEventLoop(2_500));
        return info;
      },
    };
    const app = createApp({ client: held, log: pino({ level: 'silent' }), importMaxBytes: 1024 });
    const server = await new Promise<import('node:http').Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/health`);
      expect(res.status).toBe(200);
      expect(((await res.json()) as any).status).toBe('ok');
    } finally {
      await new Promise((resolve) => server.close(resolve));
      await client.close();
    }
  });

  // Regression (issue 13, soak): under load the check's own query waited behind the others past
  // 1.5 s while every other query was answered, and the health check flapped to 503.
  it('answers 200 at once while the database answers other work, and asks it again once that is old', async () => {
    const client = createNeo4jClient(inject('neo4j'));
    let slow = false;
    const loaded: Neo4jClient = {
      ...client,
      serverInfo: (timeoutMs) => (slow ? new Promise((resolve) => setTimeout(() => resolve(client.serverInfo(timeoutMs)), 3_000)) : client.serverInfo(timeoutMs)),
    };
    const app = createApp({ client: loaded, log: pino({ level: 'silent' }), importMaxBytes: 1024 });
    const server = await new Promise<import('node:http').Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const health = async () => {
      const started = performance.now();
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/health`);
      return { status: res.status, body: (await res.json()) as any, ms: performance.now() - started };
    };
    try {
      expect((await health()).status).toBe(200);
      slow = true;
      await client.read((tx) => tx.run('RETURN 1'));
      const busy = await health();
      expect(busy.status).toBe(200);
      expect(busy.body.neo4j.version).toMatch(/^\d+\.\d+/);
      expect(busy.ms).toBeLessThan(500);
      // Nothing answered for over a second: the check asks, and its slow answer is a 503 within 2 s.
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      const asked = await health();
      expect(asked.status).toBe(503);
      expect(asked.ms).toBeLessThan(2_000);
    } finally {
      await new Promise((resolve) => server.close(resolve));
      await client.close();
    }
  });

  let neo4j: EmbeddedNeo4j | undefined;
  let dir = '';
  afterAll(async () => {
    await neo4j?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('answers 503 within 2 s while Neo4j is stopped and recovers without a restart', async () => {
    const config = loadConfig();
    dir = await mkdtemp(path.join(os.tmpdir(), 'musubi-health-'));
    const boltPort = await freePort();
    const start = () => startEmbeddedNeo4j({ ...config.embedded, dataDir: dir, boltPort, heapMax: '512m', pageCache: '64m' });
    neo4j = await start();
    const client = createNeo4jClient({ uri: neo4j.uri, user: 'neo4j', password: '' });
    const app = createApp({ client, log: pino({ level: 'silent' }), importMaxBytes: 1024 });
    const server = await new Promise<import('node:http').Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const health = async () => {
      const started = performance.now();
      const res = await fetch(`${url}/api/health`);
      return { status: res.status, body: (await res.json()) as any, ms: performance.now() - started };
    };
    try {
      expect((await health()).status).toBe(200);
      await neo4j.stop();
      neo4j = undefined;
      for (let i = 0; i < 3; i++) {
        const down = await health();
        expect(down.status).toBe(503);
        expect(down.ms).toBeLessThan(2_000);
        expect(down.body.error.code).toBe('database_unavailable');
      }
      const stats = await fetch(`${url}/api/stats`);
      expect(stats.status).toBe(503);

      neo4j = await start();
      let back = await health();
      for (let i = 0; i < 10 && back.status !== 200; i++) back = await health();
      expect(back.status).toBe(200);
      expect((await fetch(`${url}/api/stats`)).status).toBe(200);
    } finally {
      await new Promise((resolve) => server.close(resolve));
      await client.close();
    }
  }, 300_000);
});
