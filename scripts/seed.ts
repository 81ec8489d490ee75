/**
 * `npm run seed [-- --replace]`: loads the demonstration network (graph-seeds/demo). Without
 * --replace it refuses to load over existing data.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../server/config.ts';
import { importProgress, progressBar } from '../server/runtime/progress-bar.ts';
import { isNetworkEmpty } from '../server/store/stats-store.ts';
import { loadDemoNetwork } from '../server/services/seed-demo.ts';
import { runWithDatabase } from './lib/run-with-database.ts';

const { values } = parseArgs({ options: { replace: { type: 'boolean', default: false }, dir: { type: 'string' } } });

await runWithDatabase(async (db) => {
  if (!values.replace && !(await isNetworkEmpty(db.client))) {
    process.stderr.write('The database already holds a network; nothing was loaded. Use `npm run seed -- --replace` to replace it.\n');
    process.exitCode = 1;
    return;
  }
  const dir = path.resolve(values.dir ?? path.join(PROJECT_ROOT, 'graph-seeds/demo'));
  const report = await loadDemoNetwork(db.client, dir, { replace: values.replace, onProgress: importProgress(progressBar()) });
  process.stdout.write(
    `Loaded the demonstration network into ${db.uri}: ${report.actors.added} actors, ${report.ties.added} ties in ${(report.durationMs / 1000).toFixed(1)} s.\n`,
  );
});
