/**
 * Writes the demonstration network as the import format's two CSV files.
 *
 *   npx tsx graph-seeds/generate.ts [--seed N] [--out DIR] [--actors N] [--ties N]
 *
 * Defaults: seed 20060401, the program's actor counts, 50,000 ties, out graph-seeds/demo.
 * The same options always give the same bytes. See graph-seeds/README.md for the model.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateSeedCsv } from './generator/generate-network.ts';
import { formatSummary } from './generator/network-stats.ts';
import { DEFAULT_SEED, type SeedOptions } from './generator/options.ts';

const USAGE = `usage: npx tsx graph-seeds/generate.ts [--seed N] [--out DIR] [--actors N] [--ties N]
  --seed N     random seed (default ${DEFAULT_SEED})
  --out DIR    output directory (default graph-seeds/demo)
  --actors N   total actors, types in the program's proportions (default 11,317)
  --ties N     total ties (default 50,000, or the same mean degree for --actors)`;

/** Parses a whole number option; undefined when absent. */
function integer(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new Error(`graph-seeds: --${name} must be a whole number, got "${value}".`);
  return Number(value);
}

function main(argv: string[]): void {
  const { values } = parseArgs({
    args: argv,
    options: {
      seed: { type: 'string' },
      out: { type: 'string', default: join('graph-seeds', 'demo') },
      actors: { type: 'string' },
      ties: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const options: Partial<SeedOptions> = {
    seed: integer('seed', values.seed) ?? DEFAULT_SEED,
    actors: integer('actors', values.actors),
    ties: integer('ties', values.ties),
  };
  const started = performance.now();
  const { actorsCsv, tiesCsv, stats } = generateSeedCsv(options);
  const out = values.out!;
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'actors.csv'), actorsCsv);
  writeFileSync(join(out, 'ties.csv'), tiesCsv);
  process.stderr.write(`${formatSummary(stats, performance.now() - started)}\nwrote ${join(out, 'actors.csv')} and ${join(out, 'ties.csv')}\n`);
}

try {
  main(process.argv.slice(2));
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${message.startsWith('graph-seeds:') ? message : `graph-seeds: ${message}`}\n${USAGE}\n`);
  process.exitCode = 1;
}
