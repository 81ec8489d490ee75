/**
 * Reads networks for the evaluation scripts: an actors file and a ties file in the import format
 * (plain or gzip), or a split directory — the network as it was known at some date
 * (`actors.csv[.gz]`, `ties.csv[.gz]`) and the pairs that first tied later (`truth.csv[.gz]`,
 * columns `source,target[,year]`), as graph-seeds/eu-rd-2014-2017/split-2015 holds them.
 */
import path from 'node:path';
import type { Actor, Tie } from '../../server/domain/model.ts';
import { decodeText } from '../../server/domain/import/decode-text.ts';
import { parseActors } from '../../server/domain/import/parse-actors.ts';
import { parseTies } from '../../server/domain/import/parse-ties.ts';
import { ProblemList } from '../../server/domain/import/problems.ts';
import { readTable } from '../../server/domain/import/read-table.ts';
import type { TruthPair } from '../../server/domain/suggestions/holdout.ts';
import { findCsvFile, readCsvFile } from './read-csv-file.ts';

/** Problems in the files, one per line: what the script prints before it stops. */
export class NetworkFileError extends Error {}

function check(problems: ProblemList): void {
  if (problems.empty) return;
  const more = problems.total > problems.items.length ? `\n  ... and ${problems.total - problems.items.length} more` : '';
  throw new NetworkFileError(`The files have problems:\n${problems.items.map((p) => '  ' + ProblemList.format(p)).join('\n')}${more}`);
}

async function textOf(file: string): Promise<{ name: string; text: string }> {
  const { name, bytes } = await readCsvFile(file);
  return { name, text: decodeText(bytes).text };
}

export async function readNetworkFiles(actorsFile: string, tiesFile: string): Promise<{ actors: Actor[]; ties: Tie[] }> {
  const problems = new ProblemList();
  const a = await textOf(actorsFile);
  const t = await textOf(tiesFile);
  const actors = parseActors(a.text, a.name, problems);
  const ties = parseTies(t.text, t.name, problems);
  check(problems);
  return { actors: actors!.actors, ties: ties!.ties };
}

/** The pairs of a truth file: `source,target` and an optional `year` (a whole number). */
export function parseTruth(text: string, file: string, problems: ProblemList): TruthPair[] {
  const table = readTable(text, { file, known: ['source', 'target', 'year'], required: ['source', 'target'] }, problems);
  if (!table) return [];
  const pairs: TruthPair[] = [];
  for (const { line, cells } of table.rows) {
    const bad = (column: string, message: string) => problems.add({ file, line, column, value: cells[column], message });
    if (!cells.source) bad('source', 'source is required');
    if (!cells.target) bad('target', 'target is required');
    const year = cells.year ? Number(cells.year) : undefined;
    if (year !== undefined && !Number.isInteger(year)) bad('year', `'${cells.year}' is not a year`);
    if (!cells.source || !cells.target || (year !== undefined && !Number.isInteger(year))) continue;
    pairs.push({ source: cells.source, target: cells.target, ...(year !== undefined ? { year } : {}) });
  }
  return pairs;
}

export interface SplitFiles {
  dir: string;
  files: { actors: string; ties: string; truth: string };
  actors: Actor[];
  ties: Tie[];
  truth: TruthPair[];
}

/** Reads a split directory; throws NetworkFileError naming a missing file or the problems found. */
export async function readSplit(dir: string): Promise<SplitFiles> {
  const files: Partial<SplitFiles['files']> = {};
  for (const base of ['actors', 'ties', 'truth'] as const) {
    files[base] = await findCsvFile(dir, base);
    if (!files[base]) throw new NetworkFileError(`${path.join(dir, base)}.csv (or .csv.gz) is missing: a split directory holds actors, ties and truth.`);
  }
  const { actors, ties } = await readNetworkFiles(files.actors!, files.ties!);
  const problems = new ProblemList();
  const t = await textOf(files.truth!);
  const truth = parseTruth(t.text, t.name, problems);
  check(problems);
  return { dir, files: files as SplitFiles['files'], actors, ties, truth };
}
