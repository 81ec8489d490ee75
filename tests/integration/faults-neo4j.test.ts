/**
 * Faults of the database, for real (issue 13, defects 6 and 7), on a Neo4j of this file's own
 * (a temporary folder, a free port), so pausing or killing it disturbs no other test:
 * - paused (SIGSTOP): what is served from memory answers within 2 s, marked possibly stale;
 *   what needs the database is a 503 within 2 s; both recover when it runs again;
 * - killed (SIGKILL): the supervisor logs the exit, starts it again, and the driver reconnects;
 * - stopped on purpose: it stays stopped.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { startEmbeddedNeo4j, type EmbeddedNeo4j } from '../../server/runtime/embedded-neo4j.ts';
import { freePort } from '../../server/runtime/free-port.ts';
import { ensureNeo4jJars } from '../../server/runtime/neo4j-jars.ts';
import { isAlive, signal, sleep } from '../../server/runtime/processes.ts';
import { importNetwork } from '../../server/services/import-network.ts';
import { createNeo4jClient, type Neo4jClient } from '../../server/store/neo4j-client.ts';
import { ensureSchema } from '../../server/store/schema.ts';

const events: Array<{ event: string; fields?: Record<string, unknown> }> = [];
const log = (event: string, fields?: object) => events.push({ event, fields: fields as Record<string, unknown> });
let dir = '';
let neo4j: EmbeddedNeo4j;
let client: Neo4jClient;
let server: Server;
let base = '';

const file = (name: string, text: string) => ({ name, bytes: Buffer.from(text, 'utf8') });
const ids = Array.from({ length: 12 }, (_, i) => `f${i}`);

async function get(route: string): Promise<{ status: number; ms: number; stale: string | null }> {
  const started = performance.now();
  // Bounded, so that a hang fails the test instead of holding it.
  const res = await fetch(base + route, { signal: AbortSignal.timeout(15_000) });
  await res.arrayBuffer();
  return { status: res.status, ms: performance.now() - started, stale: res.headers.get('x-musubi-stale') };
}

async function until<T>(attempt: () => Promise<T | undefined>, timeoutMs: number): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await attempt().catch(() => undefined);
    if (value !== undefined) return value;
    await sleep(250);
  }
  return undefined;
}

beforeAll(async () => {
  const config = loadConfig();
  dir = await mkdtemp(path.join(os.tmpdir(), 'musubi-faults-'));
  const libDir = await ensureNeo4jJars({ libDir: config.embedded.libDir, log });
  neo4j = await startEmbeddedNeo4j({
    ...config.embedded,
    dataDir: dir,
    boltPort: await freePort(),
    heapMax: '512m',
    pageCache: '64m',
    libDir,
    log,
    restart: { firstDelayMs: 200, maxDelayMs: 2_000 },
  });
  client = createNeo4jClient({ uri: neo4j.uri, user: 'neo4j', password: '' });
  await ensureSchema(client);
  const actors = ids.map((id, i) => `${id},${i % 3 ? 'Enterprise' : 'University'},Actor ${id},Aichi`).join('\n');
  const ties = ids.flatMap((id, i) => [1, 2, 5].map((d) => `${id},${ids[(i + d) % ids.length]},COLLABORATES,1,2010`)).join('\n');
  await importNetwork(client, {
    actors: file('actors.csv', `id,type,name,prefecture\n${actors}\n`),
    ties: file('ties.csv', `source,target,kind,weight,since\n${ties}\n`),
  });
  // networkCheckMs 0: every request asks the database for the network's version (the defect's setting).
  const app = createApp({ client, log: pino({ level: 'silent' }), importMaxBytes: 1024 * 1024, networkCheckMs: 0 });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
}, 300_000);

afterAll(async () => {
  if (server) await new Promise((resolve) => server.close(resolve));
  await client?.close();
  await neo4j?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
}, 120_000);

const fromMemory = ['/actors/f0/suggestions', '/communities', '/graph', '/metrics?by=region'];
const needsDatabase = ['/actors/f0', '/stats'];

describe('a frozen Neo4j (issue 13, defect 6)', () => {
  it('serves what is in memory within 2 s, marked stale, and answers 503 within 2 s for what needs the database', async () => {
    for (const route of [...fromMemory, ...needsDatabase]) {
      const warm = await get(route);
      expect(warm.status, route).toBe(200);
      expect(warm.stale, route).toBeNull();
    }
    signal(neo4j.pid, 'SIGSTOP');
    try {
      for (const route of fromMemory) {
        const answer = await get(route);
        expect(answer.status, route).toBe(200);
        expect(answer.ms, route).toBeLessThan(2_000);
        expect(answer.stale, route).toBe('true');
      }
      for (const route of needsDatabase) {
        const answer = await get(route);
        expect(answer.status, route).toBe(503);
        expect(answer.ms, route).toBeLessThan(2_000);
      }
    } finally {
      signal(neo4j.pid, 'SIGCONT');
    }
    // Running again: answers from the database, and no longer marked stale.
    const back = await until(async () => ((await get('/actors/f0')).status === 200 ? true : undefined), 30_000);
    expect(back).toBe(true);
    const fresh = await until(async () => ((await get('/actors/f0/suggestions')).stale === null ? true : undefined), 10_000);
    expect(fresh).toBe(true);
  });
});

describe('a killed embedded Neo4j (issue 13, defect 7)', () => {
  it('is restarted by its supervisor, the exit logged, and queries succeed again', async () => {
    const first = neo4j.pid;
    signal(first, 'SIGKILL');
    const exit = await until(async () => events.find((e) => e.event.includes('exited') && e.fields?.pid === first), 10_000);
    expect(exit?.fields).toMatchObject({ pid: first, signal: 'SIGKILL' });
    const answered = await until(() => client.read(async (tx) => (await tx.run('RETURN 1 AS one')).records[0].get('one') as number), 180_000);
    expect(answered).toBe(1);
    expect(neo4j.pid).not.toBe(first);
    expect(isAlive(neo4j.pid)).toBe(true);
    // The supervisor counts the restart once its own check of the bolt port passes, which may come
    // a moment after the driver's first answer.
    expect(await until(async () => (neo4j.restarts === 1 ? true : undefined), 30_000)).toBe(true);
    expect(neo4j.restarts).toBe(1);
    const actor = await until(async () => ((await get('/actors/f0')).status === 200 ? true : undefined), 30_000);
    expect(actor).toBe(true);
  }, 240_000);

  it('is not restarted after a deliberate stop', async () => {
    const pid = neo4j.pid;
    const restarts = neo4j.restarts;
    await neo4j.stop();
    expect(isAlive(pid)).toBe(false);
    await sleep(3_000);
    expect(neo4j.restarts).toBe(restarts);
    expect(isAlive(neo4j.pid)).toBe(false);
    await expect(client.read((tx) => tx.run('RETURN 1'))).rejects.toMatchObject({ status: 503 });
  }, 120_000);
});
