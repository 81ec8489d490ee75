/**
 * `npm run bench:import [-- --actors 25000 --ties 500000]`: generates a network of that size with
 * the seed generator, imports it in one go into an empty Neo4j of its own (a fresh folder and a
 * free port, so the product's data is never touched), and prints ties per second and memory.
 * Then imports the same files again, which must change nothing, and prints that time too.
 */
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { loadConfig, PROJECT_ROOT } from '../server/config.ts';
import { createNeo4jClient } from '../server/store/neo4j-client.ts';
import { ensureSchema } from '../server/store/schema.ts';
import { importNetwork } from '../server/store/import-network.ts';
import { ensureNeo4jJars } from '../server/runtime/neo4j-jars.ts';
import { startEmbeddedNeo4j } from '../server/runtime/embedded-neo4j.ts';
import { freePort } from '../server/runtime/free-port.ts';
import { importProgress, progressBar } from '../server/runtime/progress-bar.ts';

const { values } = parseArgs({
  options: { actors: { type: 'string', default: '25000' }, ties: { type: 'string', default: '500000' }, heap: { type: 'string', default: '4g' } },
});
const config = loadConfig();
const work = await mkdtemp(path.join(os.tmpdir(), 'musubi-bench-import-'));
const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

try {
  process.stderr.write(`Generating ${values.actors} actors and ${values.ties} ties...\n`);
  execFileSync(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'graph-seeds/generate.ts'), '--actors', values.actors, '--ties', values.ties, '--out', work], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const files = {
    actors: { name: 'actors.csv', bytes: await readFile(path.join(work, 'actors.csv')) },
    ties: { name: 'ties.csv', bytes: await readFile(path.join(work, 'ties.csv')) },
  };
  const libDir = await ensureNeo4jJars({ libDir: config.embedded.libDir, log: (m) => process.stderr.write(m + '\n') });
  const neo4j = await startEmbeddedNeo4j({ ...config.embedded, dataDir: path.join(work, 'neo4j'), boltPort: await freePort(), heapMax: values.heap, pageCache: '1g', libDir });
  const client = createNeo4jClient({ uri: neo4j.uri, user: 'neo4j', password: '' });
  try {
    await ensureSchema(client);
    let peakRss = 0;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
    const first = await importNetwork(client, files, { onProgress: importProgress(progressBar()) });
    clearInterval(sampler);
    const again = await importNetwork(client, files);
    const tiesPerSecond = first.ties.added / (first.durationMs / 1000);
    console.log(`Import benchmark (${values.actors} actors, ${values.ties} ties, files ${mb(files.actors.bytes.length + files.ties.bytes.length)}):`);
    console.log(`  first import:  ${(first.durationMs / 1000).toFixed(1)} s, ${first.actors.added} actors and ${first.ties.added} ties added`);
    console.log(`  throughput:    ${Math.round(tiesPerSecond).toLocaleString('en-US')} ties per second (goal: at least 20,000)`);
    console.log(`  Node peak RSS: ${mb(peakRss)}; Neo4j heap limit ${values.heap}`);
    console.log(`  same files again: ${(again.durationMs / 1000).toFixed(1)} s, ${again.actors.changed + again.ties.changed + again.actors.added + again.ties.added} changes (must be 0)`);
  } finally {
    await client.close();
    await neo4j.stop();
  }
} finally {
  await rm(work, { recursive: true, force: true });
}
