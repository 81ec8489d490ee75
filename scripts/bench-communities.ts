/**
 * `npm run bench:communities [-- --runs 5] [-- --skip-api | --skip-detection]`: community detection, plain Louvain
 * (graphology-communities-louvain, one seeded run) against the product's method (a seeded Leiden
 * ensemble recombined through its core groups, detect-communities.ts), on the same graphs:
 * - the demonstration network (graph-seeds/demo),
 * - a sparse planted-partition graph (11,000 nodes, 50,000 edges, 40 clusters; the case where
 *   Louvain stops short, REFERENCE.md),
 * - a generated 25,000-actor / 500,000-tie network (graph-seeds/generate.ts),
 * - a real network, by default the EU R&D collaborations shipped in graph-seeds/eu-rd-2014-2017
 *   (`--network DIR` for another folder of actors.csv / ties.csv, plain or .gz; `--network none` to leave it out).
 * Each method runs `runs` times, with seeds 42, 43, ...; modularity is computed for both by
 * graphology-metrics, independently of either algorithm, and given for seed 42 and as the range
 * over the seeds; time is the median; "disconnected" counts, over all runs, the communities whose
 * members cannot reach each other inside them.
 *
 * Then (unless --skip-api) the API path: a Neo4j of its own (fresh folder, free port; the
 * product's data is never touched), the network imported, and for the demonstration network, the
 * generated one and the real one: GET /api/communities cold (a new server: read the network, detect,
 * summarise; written back after the answer), cached, cold for other parameters (resolution 1.5: detected and summarised
 * only, the network already in memory; once while the reference run is written back, once after, for another seed), and cold again after an import of one more actor; GET /api/metrics.
 */
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { parseArgs } from 'node:util';
import express from 'express';
import louvain from 'graphology-communities-louvain';
import modularity from 'graphology-metrics/graph/modularity.js';
import { pino } from 'pino';
import type Graph from 'graphology';
import { loadConfig, PROJECT_ROOT } from '../server/config.ts';
import { buildNetworkGraph } from '../server/domain/graph/network-graph.ts';
import { detectCommunities } from '../server/domain/communities/detect-communities.ts';
import { countDisconnected } from '../server/domain/communities/connected-parts.ts';
import { csrFromGraph } from '../server/domain/graph/weighted-csr.ts';
import { plantedPartition } from '../server/domain/communities/planted-partition.ts';
import { seededRng } from '../server/domain/graph/seeded-rng.ts';
import { createApp } from '../server/app.ts';
import type { Neo4jClient } from '../server/store/neo4j-client.ts';
import { communitiesWrittenBack, generateNetwork, inTemporaryFolder, networkFiles, withOwnNeo4j } from './lib/bench-network.ts';
import { importNetwork } from '../server/services/import-network.ts';
import { recordFigures } from './lib/bench-figures.ts';
import { readNetworkFiles } from './lib/read-network-files.ts';
import { findCsvFile } from './lib/read-csv-file.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    seed: { type: 'string', default: '42' },
    'skip-api': { type: 'boolean', default: false },
    'skip-detection': { type: 'boolean', default: false },
    heap: { type: 'string', default: '4g' },
    actors: { type: 'string', default: '25000' },
    ties: { type: 'string', default: '500000' },
    network: { type: 'string', default: 'graph-seeds/eu-rd-2014-2017' },
  },
});
/** The generated network's name in the tables. */
const LARGE = `${Number(values.actors) / 1000}k actors / ${Number(values.ties) / 1000}k ties`;
const realDir = values.network === 'none' ? null : path.resolve(PROJECT_ROOT, values.network);
/** The real network's name in the tables: its folder's. */
const REAL = realDir ? `${path.basename(realDir)} (real)` : '';
const runs = Math.max(1, Number(values.runs));
const seed = Number(values.seed);
const log = (m: string) => process.stderr.write(m + '\n');
/** How long the server is left alone before answers asked again are timed as settled. */
const SETTLE_MS = 1_000;

interface Measured {
  modularity: number;
  count: number;
  disconnected: number;
  ms: number;
}

await inTemporaryFolder('bench-communities', async (work) => {
  const demoDir = path.join(PROJECT_ROOT, 'graph-seeds/demo');
  const largeDir = path.join(work, 'large');
  await generateNetwork(largeDir, { actors: values.actors, ties: values.ties });
  const cases: { name: string; graph: () => Promise<Graph> }[] = [
    { name: 'demonstration network', graph: () => networkGraph(demoDir) },
    { name: 'sparse planted partition', graph: async () => plantedPartition({ order: 11_000, size: 50_000, clusters: 40, clusterDensity: 0.5, rng: seededRng(7) }).graph },
    { name: LARGE, graph: () => networkGraph(largeDir) },
    ...(realDir ? [{ name: REAL, graph: () => networkGraph(realDir) }] : []),
  ];
  const rows: string[][] = [];
  for (const c of values['skip-detection'] ? [] : cases) {
    log(`Detecting communities: ${c.name}...`);
    const graph = await c.graph();
    const plain = measure(graph, (s) => louvain(graph, { rng: seededRng(s), getEdgeWeight: 'weight' }));
    const product = measure(graph, (s) => detectCommunities(graph, { rng: seededRng(s) }).communities);
    const shape = `${graph.order.toLocaleString('en-US')} / ${graph.size.toLocaleString('en-US')}`;
    rows.push([c.name, shape, 'plain Louvain', ...cells(plain)]);
    rows.push(['', '', 'product (Leiden ensemble, recombined)', ...cells(product)]);
    const figures = (m: Measured[]) => ({ modularity: m[0].modularity, communities: m[0].count, disconnected: m.reduce((n, x) => n + x.disconnected, 0), medianMs: Math.round(median(m.map((x) => x.ms))) });
    recordFigures('community-detection', { graph: c.name, nodes: graph.order, pairs: graph.size, louvain: figures(plain), product: figures(product) });
  }
  if (rows.length) console.log(`\nCommunity detection (${runs} runs, seeds ${seed}-${seed + runs - 1}; modularity by graphology-metrics, weighted, resolution 1)\n`);
  if (rows.length) console.log(table(['graph', 'nodes / pairs', 'method', `modularity (seed ${seed})`, 'range over seeds', 'communities', 'disconnected (all runs)', 'median time'], rows));

  if (!values['skip-api']) await benchApi(work, demoDir, largeDir);
});

async function networkGraph(dir: string): Promise<Graph> {
  const file = async (base: string) => (await findCsvFile(dir, base)) ?? path.join(dir, `${base}.csv`);
  const { actors, ties } = await readNetworkFiles(await file('actors'), await file('ties'));
  return buildNetworkGraph(actors, ties) as unknown as Graph;
}

function measure(graph: Graph, detect: (seed: number) => Record<string, number>): Measured[] {
  const { csr, nodes } = csrFromGraph(graph, 'weight');
  return Array.from({ length: runs }, (_, r) => {
    const started = performance.now();
    const communities = detect(seed + r);
    const ms = performance.now() - started;
    return {
      modularity: modularity(graph, { getNodeCommunity: (v: string) => communities[v], getEdgeWeight: 'weight' }),
      count: new Set(Object.values(communities)).size,
      disconnected: countDisconnected(csr, Int32Array.from(nodes, (v) => communities[v])),
      ms,
    };
  });
}

function cells(measured: Measured[]): string[] {
  const q = measured.map((m) => m.modularity);
  return [
    q[0].toFixed(4),
    `${Math.min(...q).toFixed(4)}-${Math.max(...q).toFixed(4)}`,
    String(measured[0].count),
    String(measured.reduce((n, m) => n + m.disconnected, 0)),
    `${Math.round(median(measured.map((m) => m.ms)))} ms`,
  ];
}

async function benchApi(work: string, demoDir: string, largeDir: string): Promise<void> {
  log('Starting a Neo4j of its own for the API benchmark...');
  const rows: string[][] = [];
  await withOwnNeo4j(work, values.heap, async (client) => {
    const networks: [string, string][] = [['demonstration network', demoDir], [LARGE, largeDir]];
    if (realDir) networks.push([REAL, realDir]);
    for (const [name, dir] of networks) {
      log(`Importing the ${name}...`);
      const files = await networkFiles(dir);
      await importNetwork(client, files, { replace: true });
      const api = await startApi(client);
      try {
        rows.push(await timeRoute(api.base, name, '/communities', 'new server'));
        // A cache miss of the communities alone: the network is in memory, the reference run is
        // stored (timeRoute waited for it), nothing else is written back.
        rows.push(await timeRoute(api.base, '', '/communities?resolution=1.5', 'other parameters, network in memory, nothing written'));
        rows.push(await timeRoute(api.base, '', '/communities?resolution=1.5&seed=7', 'the same, another seed'));
        rows.push(await timeRoute(api.base, '', '/metrics?by=region', 'new server'));
        log('Importing one more actor, then asking again...');
        const someone = new TextDecoder().decode(files.actors.bytes).split('\n')[1].split(',')[0];
        await importNetwork(client, {
          actors: { name: 'actors.csv', bytes: Buffer.from('id,type,name,prefecture\nbench-extra,Enterprise,Bench Extra,Aichi\n') },
          ties: { name: 'ties.csv', bytes: Buffer.from(`source,target,kind,weight,since\nbench-extra,${someone},SUPPLIES,1,2010\n`) },
        });
        // Written past the server (as another process would): it trusts its last version check
        // for NETWORK_CHECK_MS, then sees the change.
        await new Promise((resolve) => setTimeout(resolve, loadConfig().networkCheckMs + 100));
        rows.push(await timeRoute(api.base, '', '/communities', 'after an import'));
      } finally {
        await api.close();
      }
    }
  });
  console.log(
    '\nAPI (cold: the first request of a new server, or the first after an import; then 20 asked again at once, ' +
      `and 20 once the write-back is done and ${SETTLE_MS / 1000} s have passed: median / p95)\n`,
  );
  console.log(table(['network', 'request', 'when', 'cold', 'again at once', 'cached, settled', 'notes'], rows));
}

async function startApi(client: Neo4jClient): Promise<{ base: string; close(): Promise<void> }> {
  // The product's app, as `npm start` builds it (its own services and caches, nothing prepared ahead).
  const app = createApp({ client, log: pino({ level: 'silent' }), importMaxBytes: 1024 * 1024, networkCheckMs: loadConfig().networkCheckMs });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function timeRoute(base: string, name: string, route: string, when: string): Promise<string[]> {
  const cold = await get(base + route);
  // Asked again at once: the reference run's write-back, and the preparations a new server
  // starts, still share the two cores with these answers.
  const atOnce: number[] = [];
  let last = cold;
  for (let i = 0; i < 20; i++) atOnce.push((last = await get(base + route)).ms);
  // Asked again once the write-back is done, the suggestion index that a new version starts
  // preparing is ready (a suggestion waits for it), and the server has been quiet for a moment.
  await communitiesWrittenBack(`${base}/communities`, 60_000);
  await suggestionsPrepared(base);
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const cached: number[] = [];
  for (let i = 0; i < 20; i++) cached.push((last = await get(base + route)).ms);
  const b = cold.body;
  // The reference run is written back after its first answer: the later answers tell how it went.
  const stored = last.body.storage;
  const notes = route.startsWith('/communities')
    ? `Q ${b.modularity.toFixed(4)}, ${b.count} communities; build ${b.timings.buildMs} ms, detect ${b.timings.detectMs} ms, summarise ${b.timings.summarizeMs} ms, written behind ${stored?.state === 'written' ? `in ${stored.ms} ms (${stored.written} actors)` : (stored?.state ?? 'no')}`
    : `${b.groups.length} groups; betweenness ${b.betweenness.exact ? 'exact' : `from ${b.betweenness.sources} sampled sources`}`;
  const tenth = (ms: number) => Math.round(ms * 10) / 10;
  recordFigures('analysis-api', {
    network: name,
    route: `GET /api${route}`,
    when,
    coldMs: Math.round(cold.ms),
    atOnceMedianMs: tenth(median(atOnce)),
    atOnceP95Ms: tenth(percentile(atOnce, 0.95)),
    cachedMedianMs: tenth(median(cached)),
    cachedP95Ms: tenth(percentile(cached, 0.95)),
    notes,
  });
  const pair = (ms: number[]) => `${median(ms).toFixed(1)} / ${percentile(ms, 0.95).toFixed(1)} ms`;
  return [name, `GET /api${route}`, when, `${Math.round(cold.ms)} ms`, pair(atOnce), pair(cached), notes];
}

/** Waits for a suggestion (of the first listed actor): it is answered once the index is prepared. */
async function suggestionsPrepared(base: string): Promise<void> {
  const { items } = (await (await fetch(`${base}/actors?limit=1`)).json()) as { items: { id: string }[] };
  if (items[0]) await get(`${base}/actors/${encodeURIComponent(items[0].id)}/suggestions`);
}

async function get(url: string): Promise<{ ms: number; body: any }> {
  const started = performance.now();
  const res = await fetch(url);
  const body = await res.json();
  if (!res.ok) throw new Error(`bench-communities: ${url} answered ${res.status}: ${JSON.stringify(body)}`);
  return { ms: performance.now() - started, body };
}

function median(xs: number[]): number {
  return percentile(xs, 0.5);
}

function percentile(xs: number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => '| ' + cells.map((c, i) => c.padEnd(widths[i])).join(' | ') + ' |';
  return [line(header), '|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|', ...rows.map(line)].join('\n');
}
