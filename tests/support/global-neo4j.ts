/**
 * Starts the Neo4j the tests use: the project's own Neo4j 5.26 in a folder and on a free port
 * of its own (so tests can run while the product runs), or the one NEO4J_URI names.
 */
import os from 'node:os';
import path from 'node:path';
import { mkdtemp, rm } from 'node:fs/promises';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../../server/config.ts';
import { ensureNeo4jJars } from '../../server/runtime/neo4j-jars.ts';
import { startEmbeddedNeo4j, type EmbeddedNeo4j } from '../../server/runtime/embedded-neo4j.ts';
import { freePort } from '../../server/runtime/free-port.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    neo4j: { uri: string; user: string; password: string; database?: string; owned: boolean };
  }
}

let neo4j: EmbeddedNeo4j | undefined;
let dataDir: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  const config = loadConfig();
  if (config.neo4j.uri) {
    project.provide('neo4j', { uri: config.neo4j.uri, user: config.neo4j.user, password: config.neo4j.password, database: config.neo4j.database, owned: false });
    return;
  }
  // Every test run starts from an empty database in a folder of its own, so that two runs never share one.
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'musubi-test-neo4j-'));
  const libDir = await ensureNeo4jJars({ libDir: config.embedded.libDir, log: (m) => process.stderr.write(m + '\n') });
  neo4j = await startEmbeddedNeo4j({ ...config.embedded, dataDir, boltPort: await freePort(), heapMax: '2g', pageCache: '256m', libDir });
  project.provide('neo4j', { uri: neo4j.uri, user: 'neo4j', password: '', owned: true });
}

export async function teardown(): Promise<void> {
  await neo4j?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}
