/**
 * What the benchmarks share: a temporary folder, a network generated into it by the
 * demonstration generator (graph-seeds/generate.ts) at the size asked for, and a Neo4j of the
 * benchmark's own in that folder (free loopback port, schema ensured), so that the product's data
 * is never touched. Everything is stopped and removed on every exit path.
 */
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadConfig, PROJECT_ROOT } from '../../server/config.ts';
import { ensureNeo4jJars } from '../../server/runtime/neo4j-jars.ts';
import { startEmbeddedNeo4j } from '../../server/runtime/embedded-neo4j.ts';
import { freePort } from '../../server/runtime/free-port.ts';
import { createNeo4jClient, type Neo4jClient } from '../../server/store/neo4j-client.ts';
import type { ImportFile } from '../../server/services/import-network.ts';
import { ensureSchema } from '../../server/store/schema.ts';
import { findCsvFile, readCsvFile } from './read-csv-file.ts';

const log = (message: string) => process.stderr.write(message + '\n');

/** Runs `work` in a fresh temporary folder (`musubi-<name>-…`), removed afterwards. */
export async function inTemporaryFolder<T>(name: string, work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `musubi-${name}-`));
  try {
    return await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The network files of a folder (`actors.csv` and `ties.csv`, each plain or `.gz`), as an import takes them. */
export async function networkFiles(dir: string): Promise<{ actors: ImportFile; ties: ImportFile }> {
  const read = async (base: string): Promise<ImportFile> => {
    const file = await findCsvFile(dir, base);
    if (!file) throw new Error(`${dir} holds neither ${base}.csv nor ${base}.csv.gz`);
    return readCsvFile(file);
  };
  return { actors: await read('actors'), ties: await read('ties') };
}

/** Generates `actors` / `ties` with the demonstration generator into `dir` and returns its files. */
export async function generateNetwork(dir: string, size: { actors: number | string; ties: number | string }): Promise<{ actors: ImportFile; ties: ImportFile }> {
  log(`Generating ${size.actors} actors and ${size.ties} ties...`);
  execFileSync(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'graph-seeds/generate.ts'), '--actors', String(size.actors), '--ties', String(size.ties), '--out', dir], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return networkFiles(dir);
}

/** Starts a Neo4j of its own with its data in `dir/neo4j`, runs `work` against it, stops it. */
export async function withOwnNeo4j<T>(dir: string, heap: string, work: (client: Neo4jClient, uri: string) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const libDir = await ensureNeo4jJars({ libDir: config.embedded.libDir, log });
  const neo4j = await startEmbeddedNeo4j({ ...config.embedded, dataDir: path.join(dir, 'neo4j'), boltPort: await freePort(), heapMax: heap, pageCache: '1g', libDir });
  const client = createNeo4jClient({ uri: neo4j.uri, user: 'neo4j', password: '' });
  try {
    await ensureSchema(client);
    return await work(client, neo4j.uri);
  } finally {
    await client.close();
    await neo4j.stop();
  }
}

/**
 * Waits until the reference communities at `communitiesUrl` (a running product's
 * `/api/communities`) are no longer being written back onto the actors (their `storage` says so),
 * so that a measurement after it starts on a quiet server.
 */
export async function communitiesWrittenBack(communitiesUrl: string, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const body = (await (await fetch(communitiesUrl)).json()) as { storage?: { state?: string } | null };
    if (body.storage?.state !== 'writing') return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the reference communities were still being written back after ${timeoutMs / 1000} s`);
}
