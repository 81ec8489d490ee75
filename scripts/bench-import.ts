/**
 * `npm run bench:import [-- --actors 25000 --ties 500000]`: generates a network of that size with
 * the seed generator, imports it in one go into an empty Neo4j of its own (a fresh folder and a
 * free port, so the product's data is never touched), and prints ties per second and memory.
 * Then imports the same files again, which must change nothing, and prints that time too.
 */
import { parseArgs } from 'node:util';
import { importNetwork } from '../server/services/import-network.ts';
import { importProgress, progressBar } from '../server/runtime/progress-bar.ts';
import { generateNetwork, inTemporaryFolder, withOwnNeo4j } from './lib/bench-network.ts';
import { recordFigures } from './lib/bench-figures.ts';

const { values } = parseArgs({
  options: { actors: { type: 'string', default: '25000' }, ties: { type: 'string', default: '500000' }, heap: { type: 'string', default: '4g' } },
});
const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

await inTemporaryFolder('bench-import', async (work) => {
  const files = await generateNetwork(work, values);
  await withOwnNeo4j(work, values.heap, async (client) => {
    let peakRss = 0;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
    const first = await importNetwork(client, files, { onProgress: importProgress(progressBar()) });
    clearInterval(sampler);
    const again = await importNetwork(client, files);
    const tiesPerSecond = first.ties.added / (first.durationMs / 1000);
    console.log(`Import benchmark (${values.actors} actors, ${values.ties} ties, files ${mb(files.actors.bytes.length + files.ties.bytes.length)}):`);
    console.log(`  first import:  ${(first.durationMs / 1000).toFixed(1)} s, ${first.actors.added} actors and ${first.ties.added} ties added`);
    console.log(`  throughput:    ${Math.round(tiesPerSecond).toLocaleString('en-US')} ties per second (issue 13 asks for at least 40,000)`);
    console.log(`  Node peak RSS: ${mb(peakRss)}; Neo4j heap limit ${values.heap}`);
    const phases = (r: typeof first) => `parse ${seconds(r.phasesMs.parse)}, check ${seconds(r.phasesMs.check)}, write ${seconds(r.phasesMs.write)}`;
    console.log(`  phases:        ${phases(first)}`);
    const changes = again.actors.changed + again.ties.changed + again.actors.added + again.ties.added;
    console.log(`  same files again: ${seconds(again.durationMs)}, ${changes} changes (must be 0); ${phases(again)}`);
    recordFigures('import', {
      actors: first.actors.added,
      ties: first.ties.added,
      seconds: first.durationMs / 1000,
      tiesPerSecond: Math.round(tiesPerSecond),
      nodePeakRssMb: Math.round(peakRss / 1024 / 1024),
      neo4jHeap: values.heap,
      phasesMs: first.phasesMs,
      againSeconds: again.durationMs / 1000,
      againChanges: changes,
    });
  });
});
