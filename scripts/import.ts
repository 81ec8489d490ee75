/**
 * `npm run import -- --actors FILE --ties FILE [--replace]`: imports the user's CSV files, plain
 * or gzip-compressed (`actors.csv.gz`).
 */
import { parseArgs } from 'node:util';
import { importProgress, progressBar } from '../server/runtime/progress-bar.ts';
import { importNetwork, type ImportFile } from '../server/services/import-network.ts';
import { readCsvFile } from './lib/read-csv-file.ts';
import { runWithDatabase } from './lib/run-with-database.ts';

const USAGE = 'Usage: npm run import -- --actors actors.csv[.gz] --ties ties.csv[.gz] [--replace]';

let values;
try {
  ({ values } = parseArgs({
    options: { actors: { type: 'string' }, ties: { type: 'string' }, replace: { type: 'boolean', default: false } },
  }));
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
  process.exit(2);
}
if (!values.actors && !values.ties) {
  process.stderr.write(`Give --actors, --ties or both.\n${USAGE}\n`);
  process.exit(2);
}

async function load(file: string | undefined): Promise<ImportFile | undefined> {
  if (!file) return undefined;
  try {
    return await readCsvFile(file); // gzip-compressed files (.csv.gz) are read as their CSV
  } catch (err) {
    process.stderr.write(`Cannot read ${file}: ${(err as Error).message}\n`);
    process.exit(2);
  }
}

const files = { actors: await load(values.actors), ties: await load(values.ties) };
await runWithDatabase(async (db) => {
  const report = await importNetwork(db.client, files, { replace: values.replace, onProgress: importProgress(progressBar()) });
  const { actors, ties } = report;
  process.stdout.write(
    [
      `Imported into ${db.uri}${report.replaced ? ' (replacing the previous network)' : ''} in ${(report.durationMs / 1000).toFixed(1)} s:`,
      `  actors: ${actors.added} added, ${actors.changed} changed, ${actors.unchanged} unchanged`,
      `  ties:   ${ties.added} added, ${ties.changed} changed, ${ties.unchanged} unchanged`,
      ...report.notices.map((n) => `  note: ${n}`),
    ].join('\n') + '\n',
  );
});
