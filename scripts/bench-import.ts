/**
 * `npm run bench:import [-- --actors 25000 --ties 500000]`: generates a network of that size with
 * the seed generator, imports it in one go into an empty Neo4j of its own (a fresh folder and a
 * free port, so the product's data is never touched), and prints ties per second and memory.
 * Then imports the same files again, which must change nothing, and prints that time too.
 *
 *   npm run bench:import -- --floor   # also what Neo4j alone costs for the same ties (scripts/lib/import-floor.ts):
 *                                     # bare actors, one transaction, statements and commit timed apart,
 *                                     # and the ties committed in parts; each into an empty Neo4j of its own
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { importNetwork } from '../server/services/import-network.ts';
import { importProgress, progressBar } from '../server/runtime/progress-bar.ts';
import { generateNetwork, inTemporaryFolder, withOwnNeo4j } from './lib/bench-network.ts';
import { recordFigures } from './lib/bench-figures.ts';
import { floorNetwork, oneTransactionFloor, splitCommitsFloor, type FloorFigures } from './lib/import-floor.ts';

const { values } = parseArgs({
  options: { actors: { type: 'string', default: '25000' }, ties: { type: 'string', default: '500000' }, heap: { type: 'string', default: '4g' }, floor: { type: 'boolean', default: false } },
});
const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

await inTemporaryFolder('bench-import', async (work) => {
  const files = await generateNetwork(work, values);
  await withOwnNeo4j(path.join(work, 'product'), values.heap, async (client) => {
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
  if (values.floor) {
    // After the product's run, so that its memory figure is its own.
    const floor = await measureFloor(work, files);
    recordFigures('importFloor', { ...floor });
    const { oneTransaction: one, splitCommits: split } = floor;
    const perSecond = (n: number) => `${Math.round(n).toLocaleString('en-US')} ties per second`;
    console.log(`  the floor, Neo4j alone (the same ties by the product's statement, actors with only an id and a name):`);
    console.log(`    one transaction: ${perSecond(one.tiesPerSecond)} (ties ${seconds(one.tiesMs)}, commit ${seconds(one.commitMs)}; the bare actors ${seconds(one.actorsMs)} more)`);
    console.log(`    committed ${split.tiesPerCommit.toLocaleString('en-US')} at a time: ${perSecond(split.tiesPerSecond)} (${seconds(split.tiesMs)})`);
  }
});

/** The floor, each measurement in an empty Neo4j of its own (scripts/lib/import-floor.ts). */
async function measureFloor(work: string, files: Parameters<typeof floorNetwork>[0]): Promise<FloorFigures> {
  const network = floorNetwork(files);
  const oneTransaction = await withOwnNeo4j(path.join(work, 'floor-one'), values.heap, (client) => oneTransactionFloor(client, network));
  const splitCommits = await withOwnNeo4j(path.join(work, 'floor-split'), values.heap, (client) => splitCommitsFloor(client, network));
  return { ties: network.ties.length, oneTransaction, splitCommits };
}
