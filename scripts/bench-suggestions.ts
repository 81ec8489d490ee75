/**
 * `npm run bench:suggestions`: end-to-end latency of `GET /api/actors/:id/suggestions` over
 * HTTP, warm, for one client and for 32 concurrent clients, over many actors including the
 * hubs; beside it the raw Cypher time of an equivalent two-hop query (resource allocation over
 * the neighbourhood, in Neo4j), the floor a database-side answer could not go below.
 *
 *   npm run bench:suggestions                  # the product's database (the demonstration network)
 *   npm run bench:suggestions -- --large       # 25,000 actors / 500,000 ties: generated into a
 *                                              # temporary folder, imported into a Neo4j of its own
 *   npm run bench:suggestions -- --network graph-seeds/eu-rd-2014-2017/split-2016
 *                                              # a network folder (actors.csv[.gz], ties.csv[.gz]),
 *                                              # imported into a Neo4j of its own
 *   ... --requests 2000 --actors 25000 --ties 500000 --heap 4g --clients 1,8,32,64
 *                                              # concurrent clients (default 1,32)
 */
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { parseArgs } from 'node:util';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { pino } from 'pino';
import { loadConfig, PROJECT_ROOT } from '../server/config.ts';
import { createApp } from '../server/app.ts';
import type { Neo4jClient } from '../server/store/neo4j-client.ts';
import { readNetwork } from '../server/store/network-store.ts';
import { importNetwork } from '../server/services/import-network.ts';
import { seedDemoIfEmpty } from '../server/services/seed-demo.ts';
import { importProgress, progressBar } from '../server/runtime/progress-bar.ts';
import { DEFAULT_TARGETS } from '../server/domain/suggestions/roles.ts';
import type { Actor, Tie } from '../server/domain/model.ts';
import { runWithDatabase } from './lib/run-with-database.ts';
import { findCsvFile, readCsvFile } from './lib/read-csv-file.ts';
import { generateNetwork, inTemporaryFolder, withOwnNeo4j } from './lib/bench-network.ts';
import { latency, recordFigures } from './lib/bench-figures.ts';

const require = createRequire(import.meta.url);

const { values } = parseArgs({
  options: {
    large: { type: 'boolean', default: false },
    network: { type: 'string' },
    requests: { type: 'string', default: '1500' },
    actors: { type: 'string', default: '25000' },
    ties: { type: 'string', default: '500000' },
    heap: { type: 'string', default: '4g' },
    clients: { type: 'string', default: '1,32' },
  },
});
const REQUESTS = Number(values.requests);
const CONCURRENCY = values.clients.split(',').map(Number).filter((n) => Number.isInteger(n) && n > 1);

/**
 * The product's app (createApp) as configured (NETWORK_CHECK_MS and SUGGESTION_RANKINGS_KEPT
 * included, unless `rankingsKept` is given), on a loopback port of its own.
 */
function startApp(client: Neo4jClient, rankingsKept?: number): Promise<{ url: string; server: Server }> {
  const config = loadConfig();
  const app = createApp({
    client,
    log: pino({ level: 'error' }),
    importMaxBytes: 200 * 1024 * 1024,
    networkCheckMs: config.networkCheckMs,
    suggestionRankingsKept: rankingsKept ?? config.suggestionRankingsKept,
  });
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server }));
  });
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

function summary(label: string, ms: number[]): string {
  const s = [...ms].sort((a, b) => a - b);
  return `${label.padEnd(34)} p50 ${quantile(s, 0.5).toFixed(1).padStart(6)} ms   p95 ${quantile(s, 0.95).toFixed(1).padStart(6)} ms   p99 ${quantile(s, 0.99).toFixed(1).padStart(6)} ms   (${s.length} requests)`;
}

/**
 * Askers: a deterministic spread over all actors and types, plus the 20 actors with most ties —
 * public actors only, since the requests are the public viewer's (a hidden asker is not found).
 */
function pickAskers(all: readonly Actor[], ties: readonly Tie[]): { all: string[]; hubs: string[] } {
  const actors = all.filter((a) => (a.visibility ?? 'public') === 'public');
  const isPublic = new Set(actors.map((a) => a.id));
  const degree = new Map<string, number>();
  for (const t of ties) for (const id of [t.source, t.target]) if (isPublic.has(id)) degree.set(id, (degree.get(id) ?? 0) + 1);
  const hubs = [...degree].sort((a, b) => b[1] - a[1]).slice(0, 20).map(([id]) => id);
  const step = Math.max(1, Math.floor(actors.length / 400));
  const spread = actors.filter((_, i) => i % step === 0).map((a) => a.id);
  process.stdout.write(`  askers: ${spread.length} spread over the network, and 20 hubs with ${degree.get(hubs[19])}-${degree.get(hubs[0])} ties\n`);
  return { all: [...spread, ...hubs], hubs };
}

/**
 * The load generator runs in a worker thread, so that the clients do not share the server's
 * event loop (as separate client processes would not): `clients` loops over one connection each
 * (undici's Pool: `fetch` costs the client 3-4 times more per request, and on 2 cores it capped
 * a bare node:http server at about 2,600 requests/s where the Pool reaches 11,000), each sending
 * its next request when the previous answer has arrived, `count` requests in all.
 */
const CLIENT_SOURCE = `
  const { parentPort, workerData } = require('node:worker_threads');
  const { Pool } = require(workerData.undici);
  const { origin, paths, count, clients, expect } = workerData;
  const pool = new Pool(origin, { connections: clients, pipelining: 1 });
  const times = [];
  let next = 0;
  const client = async () => {
    while (next < count) {
      const path = paths[next++ % paths.length];
      const started = performance.now();
      const res = await pool.request({ path, method: 'GET' });
      await res.body.arrayBuffer();
      if (res.statusCode !== expect) throw new Error(path + ': HTTP ' + res.statusCode);
      times.push(performance.now() - started);
    }
  };
  Promise.all(Array.from({ length: clients }, client)).then(
    () => pool.close().then(() => parentPort.postMessage({ times })),
    (err) => parentPort.postMessage({ error: String(err) }),
  );
`;

function timeRequests(url: string, ids: string[], count: number, clients: number, query: (id: string) => string): Promise<number[]> {
  return timePaths(url, ids.map((id) => `/api/actors/${encodeURIComponent(id)}/suggestions${query(id)}`), count, clients, 200);
}

function timePaths(url: string, paths: string[], count: number, clients: number, expect: number): Promise<number[]> {
  const workerData = { undici: require.resolve('undici'), origin: url, paths, count, clients, expect };
  const worker = new Worker(CLIENT_SOURCE, { eval: true, workerData });
  return new Promise((resolve, reject) => {
    worker.once('message', (m: { times?: number[]; error?: string }) => {
      void worker.terminate();
      if (m.error) reject(new Error(m.error));
      else resolve(m.times!);
    });
    worker.once('error', reject);
  });
}

/** Resource allocation over the two-hop neighbourhood, top 20, in Cypher: the database's floor. */
const TWO_HOP_CYPHER = `
  MATCH (a:Actor {id: $id})--(z:Actor)--(c:Actor)
  WHERE c <> a AND c.type IN $types AND NOT EXISTS { (a)--(c) }
  WITH c, z, COUNT { (z)--() } AS k
  RETURN c.id AS id, sum(1.0 / k) AS score ORDER BY score DESC, id LIMIT 20`;

async function timeCypher(client: Neo4jClient, ids: string[], typeOf: Map<string, Actor['type']>): Promise<number[]> {
  const times: number[] = [];
  for (const id of ids) {
    const types = [...DEFAULT_TARGETS[typeOf.get(id)!]];
    const started = performance.now();
    await client.read((tx) => tx.run(TWO_HOP_CYPHER, { id, types }));
    times.push(performance.now() - started);
  }
  return times;
}

async function bench(client: Neo4jClient, where: string): Promise<void> {
  const snapshot = await readNetwork(client);
  process.stdout.write(`Suggestion benchmark on ${where}: ${snapshot.actors.length} actors, ${snapshot.ties.length} ties (${os.cpus().length} cores, Node ${process.version})\n`);
  const { all, hubs } = pickAskers(snapshot.actors, snapshot.ties);
  const typeOf = new Map(snapshot.actors.map((a) => [a.id, a.type]));
  const rows: Record<string, unknown>[] = [];
  const report = (label: string, clients: number, times: number[], rate?: number) => {
    process.stdout.write(summary(label, times) + (rate === undefined ? '' : `   ${Math.round(rate)} req/s`) + '\n');
    rows.push({ label, clients, ...latency(times), ...(rate === undefined ? {} : { requestsPerSecond: Math.round(rate) }) });
  };
  const plain = () => '';
  // First, every request ranks (no ranking kept: SUGGESTION_RANKINGS_KEPT=0), as a first ask for an actor does.
  let { url, server } = await startApp(client, 0);
  // How long the server's event loop is held while the index is built and calibrated.
  const loop = monitorEventLoopDelay({ resolution: 10 });
  let firstS = 0;
  try {
    let started = performance.now();
    loop.enable();
    await timeRequests(url, all.slice(0, 1), 1, 1, () => '');
    loop.disable();
    firstS = (performance.now() - started) / 1000;
    process.stdout.write(
      `  first request (reads the snapshot, builds and calibrates the index; prepare() does it ahead): ${firstS.toFixed(1)} s; ` +
        `meanwhile the event loop was held at most ${Math.round(loop.max / 1e6)} ms at a time\n`,
    );
    await timeRequests(url, all, Math.min(all.length, 400), 4, () => ''); // warm-up: JIT and connections
    const academic = (id: string) => (typeOf.get(id) === 'Enterprise' ? '?types=University,ResearchInstitute' : '');
    process.stdout.write('  every request ranks (SUGGESTION_RANKINGS_KEPT=0: a first ask for an actor):\n');
    report('1 client, default types', 1, await timeRequests(url, all, REQUESTS, 1, plain));
    report('1 client, enterprise → academic', 1, await timeRequests(url, all, REQUESTS, 1, academic));
    report('1 client, hubs only', 1, await timeRequests(url, hubs, 200, 1, plain));
    for (const clients of CONCURRENCY) {
      started = performance.now();
      const concurrent = await timeRequests(url, all, REQUESTS * 2, clients, plain);
      report(`${clients} clients, default types`, clients, concurrent, concurrent.length / ((performance.now() - started) / 1000));
    }
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
  // Then as configured: rankings kept, so the same askers asked again cost the explanation only.
  ({ url, server } = await startApp(client));
  try {
    const kept = loadConfig().suggestionRankingsKept;
    let started = performance.now();
    await timeRequests(url, all.slice(0, 1), 1, 1, plain);
    process.stdout.write(`  asked again (SUGGESTION_RANKINGS_KEPT=${kept}; a second app, its index prepared again in ${((performance.now() - started) / 1000).toFixed(1)} s):\n`);
    await timeRequests(url, all, all.length, 1, plain); // each asker once: its ranking is kept
    await timeRequests(url, all, Math.min(all.length, 400), 4, plain); // warm-up
    report('1 client, default types, asked again', 1, await timeRequests(url, all, REQUESTS, 1, plain));
    for (const clients of CONCURRENCY) {
      started = performance.now();
      const concurrent = await timeRequests(url, all, REQUESTS * 2, clients, plain);
      report(`${clients} clients, asked again`, clients, concurrent, concurrent.length / ((performance.now() - started) / 1000));
    }
    // The product's HTTP stack alone (every middleware, the routers, a JSON 404): what a request costs before any work.
    report('HTTP stack alone (JSON 404), 1 client', 1, await timePaths(url, ['/api/no-such-route'], REQUESTS, 1, 404));
    started = performance.now();
    const stack = await timePaths(url, ['/api/no-such-route'], REQUESTS * 2, 32, 404);
    report('HTTP stack alone, 32 clients', 32, stack, stack.length / ((performance.now() - started) / 1000));
    report('raw Cypher 2-hop RA (floor)', 1, await timeCypher(client, all, typeOf));
    report('raw Cypher 2-hop RA, hubs', 1, await timeCypher(client, hubs, typeOf));
    recordFigures('suggestions', { network: where, actors: snapshot.actors.length, ties: snapshot.ties.length, firstRequestS: Math.round(firstS * 10) / 10, eventLoopHeldMaxMs: Math.round(loop.max / 1e6), rows });
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

if (values.network) {
  const dir = values.network;
  const [actorsFile, tiesFile] = await Promise.all([findCsvFile(dir, 'actors'), findCsvFile(dir, 'ties')]);
  if (!actorsFile || !tiesFile) {
    process.stderr.write(`--network ${dir}: needs actors.csv[.gz] and ties.csv[.gz] in that folder\n`);
    process.exit(2);
  }
  const files = { actors: await readCsvFile(actorsFile), ties: await readCsvFile(tiesFile) };
  await inTemporaryFolder('bench-suggestions', async (work) => {
    await withOwnNeo4j(work, values.heap, async (client, uri) => {
      await importNetwork(client, files, { onProgress: importProgress(progressBar()) });
      await bench(client, `${dir} in its own Neo4j (${uri})`);
    });
  });
} else if (!values.large) {
  await runWithDatabase(async (db) => {
    // As `npm start` does: an empty database gets the demonstration network, never over data.
    const seeded = await seedDemoIfEmpty(db.client, path.join(PROJECT_ROOT, 'graph-seeds/demo'), { onProgress: importProgress(progressBar()) });
    if (seeded) process.stderr.write(`The database was empty: loaded the demonstration network.\n`);
    await bench(db.client, db.uri);
  });
} else {
  // Like bench-import: a network of its own in a fresh folder, so the product's data is never touched.
  await inTemporaryFolder('bench-suggestions', async (work) => {
    const files = await generateNetwork(work, values);
    await withOwnNeo4j(work, values.heap, async (client, uri) => {
      await importNetwork(client, files, { onProgress: importProgress(progressBar()) });
      await bench(client, `a generated network in its own Neo4j (${uri})`);
    });
  });
}
