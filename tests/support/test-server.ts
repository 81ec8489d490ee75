/**
 * An API server for one test file, on a loopback port of its own, over the test Neo4j.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { inject } from 'vitest';
import { pino } from 'pino';
import { createApp } from '../../server/app.ts';
import { createNeo4jClient, type Neo4jClient } from '../../server/store/neo4j-client.ts';
import { ensureSchema } from '../../server/store/schema.ts';
import { authService } from '../../server/services/auth-service.ts';
import type { Role } from '../../server/domain/auth/roles.ts';

export interface TestServer {
  client: Neo4jClient;
  url: string;
  /** True when the test run started this Neo4j itself (so wiping it is allowed). */
  owned: boolean;
  get(path: string, headers?: Record<string, string>): Promise<{ status: number; body: any; text: string; ms: number }>;
  close(): Promise<void>;
}

export async function startTestServer(): Promise<TestServer> {
  const settings = inject('neo4j');
  const client = createNeo4jClient(settings);
  await ensureSchema(client);
  const app = createApp({ client, log: pino({ level: 'silent' }), importMaxBytes: 200 * 1024 * 1024 });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    client,
    url,
    owned: settings.owned,
    async get(path, headers = {}) {
      const started = performance.now();
      const res = await fetch(url + path, { headers });
      const text = await res.text();
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
      return { status: res.status, body, text, ms: performance.now() - started };
    },
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await client.close();
    },
  };
}

/** A prefix for the ids a test file creates, so it can find and remove exactly its own data. */
export function testPrefix(name: string): string {
  return `t-${name}-${Math.random().toString(36).slice(2, 8)}-`;
}

export async function removeActors(client: Neo4jClient, prefix: string): Promise<void> {
  await client.write((tx) => tx.run('MATCH (a:Actor) WHERE a.id STARTS WITH $prefix DETACH DELETE a', { prefix }));
}

/**
 * A user of `role` made for one test (a unique name under `prefix`), with an API token: the
 * headers that let a script-like request write (`Authorization: Bearer …`).
 */
export async function userWithToken(client: Neo4jClient, prefix: string, role: Role, actorId?: string): Promise<{ username: string; password: string; headers: Record<string, string> }> {
  const auth = authService(client, { sessionDays: 1 });
  const username = `${prefix}${role}-${Math.random().toString(36).slice(2, 8)}`.toLowerCase().replace(/[^a-z0-9._@-]/g, '-').slice(0, 64);
  const password = 'correct horse battery';
  const user = await auth.addUser({ username, password, role, actorId });
  const { token } = await auth.createToken(user, 'test');
  return { username, password, headers: { authorization: `Bearer ${token}` } };
}

/** Removes the users (and their sessions and tokens) a test file made under `prefix`. */
export async function removeUsers(client: Neo4jClient, prefix: string): Promise<void> {
  await client.write((tx) =>
    tx.run(
      `MATCH (u:User) WHERE u.username STARTS WITH $prefix
       OPTIONAL MATCH (s:Session {userId: u.id}) OPTIONAL MATCH (t:ApiToken {userId: u.id})
       DETACH DELETE s, t, u`,
      { prefix: prefix.toLowerCase() },
    ),
  );
}
