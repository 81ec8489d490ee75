/**
 * `npm run eval:suggestions`: measures the partner suggestions with a temporal hold-out on a
 * network: the ties up to a cut-off year are the known network, the pairs first tied after it
 * are the truth. Prints hit@10, recall@10, recall@20 and MRR per role for the method and for
 * the baselines computed on the same split (common neighbours, Adamic-Adar, resource
 * allocation, popularity), and the method's gain over the best baseline.
 *
 *   npm run eval:suggestions                                  # the network in the database
 *   npm run eval:suggestions -- --actors a.csv --ties t.csv   # files, no database
 *   npm run eval:suggestions -- --generate 7,6000,60000       # seed generator: seed,actors,ties
 *   ... --contrast 3        replace the ties by the contrast process (contrast-network.ts)
 *   ... --drop-seeks        forget what actors seek (data without that column)
 *   ... --cutoff 2007 --until 2010 --max-askers 2000 --roles main
 *   ... --fit               fit the prior weights afresh on the split before (cutoff−2 →
 *                           cutoff) and print them in the form of weights.ts
 *
 * The method row is the engine as served: its weights calibrated on the known network's own
 * last two years (calibrate.ts). The "priors only" row uses weights.ts as they are.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { Actor, Tie } from '../server/domain/model.ts';
import { parseActors } from '../server/domain/import/parse-actors.ts';
import { parseTies } from '../server/domain/import/parse-ties.ts';
import { ProblemList } from '../server/domain/import/problems.ts';
import { decodeText } from '../server/domain/import/decode-text.ts';
import { BASELINES, type Ranker } from '../server/domain/suggestions/baselines.ts';
import { contrastTies } from '../graph-seeds/contrast-network.ts';
import { buildCalibratedIndex, type Calibration } from '../server/domain/suggestions/calibrate.ts';
import { FEATURES } from '../server/domain/suggestions/features.ts';
import { choiceSets, FIT_DEFAULTS, fitWeights } from '../server/domain/suggestions/fit-weights.ts';
import { EVAL_ROLES, evaluate, holdOut, type EvalRole, type Metrics } from '../server/domain/suggestions/holdout.ts';
import { roleKey } from '../server/domain/suggestions/roles.ts';
import { priorWeights } from '../server/domain/suggestions/scoring.ts';
import { rankCandidates } from '../server/domain/suggestions/suggest-partners.ts';
import { readNetwork } from '../server/store/network-store.ts';
import { generateNetwork } from '../graph-seeds/generator/generate-network.ts';
import { runWithDatabase } from './lib/run-with-database.ts';

const USAGE = 'Usage: npm run eval:suggestions -- [--actors FILE --ties FILE | --generate SEED,ACTORS,TIES] [--contrast SEED] [--drop-seeks] [--cutoff YEAR] [--until YEAR] [--max-askers N] [--roles main|all] [--fit]';

const OPTIONS = {
  actors: { type: 'string' },
  ties: { type: 'string' },
  generate: { type: 'string' },
  contrast: { type: 'string' },
  'drop-seeks': { type: 'boolean', default: false },
  cutoff: { type: 'string' },
  until: { type: 'string' },
  'max-askers': { type: 'string', default: '3000' },
  roles: { type: 'string', default: 'all' },
  fit: { type: 'boolean', default: false },
} as const;

function readArgs() {
  try {
    return parseArgs({ options: OPTIONS }).values;
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
}
const values = readArgs();

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function year(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1800 || n > 2200) fail(`--${name}: '${text}' is not a year`);
  return n;
}

async function readFiles(actorsFile: string, tiesFile: string): Promise<{ actors: Actor[]; ties: Tie[] }> {
  const problems = new ProblemList();
  const actors = parseActors(decodeText(await readFile(actorsFile)).text, actorsFile, problems);
  const ties = parseTies(decodeText(await readFile(tiesFile)).text, tiesFile, problems);
  if (!problems.empty || !actors || !ties) fail(`The files have problems:\n${problems.items.map((p) => '  ' + ProblemList.format(p)).join('\n')}`);
  return { actors: actors.actors, ties: ties.ties };
}

/** The default cut-off leaves the last three years as the truth (2007 on the demonstration network). */
function defaultCutoff(ties: readonly Tie[]): number {
  const years = ties.map((t) => t.since).filter((y): y is number => y !== undefined);
  if (years.length === 0) fail('No tie carries a year (since): a temporal hold-out needs them.');
  const last = years.reduce((a, b) => Math.max(a, b));
  const first = years.reduce((a, b) => Math.min(a, b));
  return last - first >= 4 ? last - 3 : Math.floor((first + last) / 2);
}

const pct = (x: number) => x.toFixed(3);
const gain = (ours: number, best: number) => (best > 0 ? `${ours >= best ? '+' : ''}${Math.round((ours / best - 1) * 100)}%` : 'n/a');

function printRole(role: EvalRole, rows: [string, Metrics][]): void {
  const [, ours] = rows[0];
  process.stdout.write(`\n${role.name} (${ours.askers} askers)\n`);
  process.stdout.write(`  ${'ranker'.padEnd(24)} hit@10  rec@10  rec@20  MRR\n`);
  for (const [name, m] of rows) process.stdout.write(`  ${name.padEnd(24)} ${pct(m.hitAt10)}   ${pct(m.recallAt10)}   ${pct(m.recallAt20)}   ${pct(m.mrr)}\n`);
  const baselines = rows.filter(([name]) => Object.hasOwn(BASELINES, name)).map(([, m]) => m);
  const bestRecall = Math.max(...baselines.map((m) => m.recallAt10));
  const bestMrr = Math.max(...baselines.map((m) => m.mrr));
  process.stdout.write(`  method vs best baseline: recall@10 ${gain(ours.recallAt10, bestRecall)}, MRR ${gain(ours.mrr, bestMrr)}\n`);
}

async function evaluateNetwork(actors: Actor[], ties: Tie[], source: string): Promise<void> {
  if (values['drop-seeks']) actors = actors.map(({ seeks: _seeks, ...a }) => a);
  if (values.contrast !== undefined) ties = contrastTies(actors, ties, { seed: Number(values.contrast) });
  const cutoff = year('cutoff', values.cutoff) ?? defaultCutoff(ties);
  const until = year('until', values.until) ?? Infinity;
  const maxAskers = Number(values['max-askers']);
  const roles = values.roles === 'main' ? EVAL_ROLES.slice(0, 1) : EVAL_ROLES;
  const started = performance.now();
  const split = holdOut(actors, ties, cutoff, until, buildCalibratedIndex);
  const known = split.index.pairCount;
  const truth = [...split.truth.values()].reduce((s, v) => s + v.size, 0) / 2;
  process.stdout.write(
    `Suggestions hold-out on ${source}${values.contrast ? ` (contrast ties, seed ${values.contrast})` : ''}${values['drop-seeks'] ? ' (seeks dropped)' : ''}: ` +
      `${actors.length} actors, ${ties.length} ties; known ≤ ${cutoff}: ${known} pairs; truth ${cutoff + 1}${until === Infinity ? '+' : `-${until}`}: ${truth} new pairs; ` +
      `at most ${maxAskers} askers per role (sampled by id hash).\n`,
  );

  printCalibration((split.index as { calibration?: Calibration }).calibration);
  if (values.fit) fitPriors(actors, ties, cutoff, roles);

  const method: Ranker = (index, u, types, limit) => rankCandidates(index, u, types, { limit }).map((r) => r.candidate.index);
  const priorsOnly: Ranker = (index, u, types, limit) => rankCandidates(index, u, types, { limit, weights: priorWeights }).map((r) => r.candidate.index);
  for (const role of roles) {
    const rows: [string, Metrics][] = [['method', evaluate(split, role, method, { maxAskers })]];
    if (rows[0][1].askers === 0) continue;
    rows.push(['method, priors only', evaluate(split, role, priorsOnly, { maxAskers })]);
    for (const [name, ranker] of Object.entries(BASELINES)) rows.push([name, evaluate(split, role, ranker, { maxAskers })]);
    printRole(role, rows);
  }
  process.stdout.write(`\n(${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
}

function printCalibration(calibration: Calibration | undefined): void {
  if (!calibration) {
    process.stdout.write('Calibration: not enough dated ties before the cut-off; the method uses the prior weights.\n');
    return;
  }
  const parts = calibration.roles.map((c) => `${c.role} ${c.source === 'calibrated' ? c.choices : 'prior'}`);
  process.stdout.write(`Calibration (the method's own, inside the known network): known ≤ ${calibration.cutoff}, choices ${calibration.cutoff + 1}-${calibration.referenceYear}; choices per role: ${parts.join(', ')}\n`);
}

/** Fits prior weights (towards zero, every asker) on the split two years earlier: nothing of the truth is seen. */
function fitPriors(actors: Actor[], ties: Tie[], cutoff: number, roles: readonly EvalRole[]): void {
  const earlier = holdOut(actors, ties, cutoff - 2, cutoff);
  process.stdout.write(`\nPrior weights fitted on known ≤ ${cutoff - 2}, truth ${cutoff - 1}-${cutoff} (conditional logit, fit-weights.ts):\n`);
  const everything = [];
  for (const role of roles) {
    const sets = choiceSets(earlier, role, FIT_DEFAULTS);
    everything.push(...sets);
    if (sets.length >= 30) printFit(roleKey(role.askers[0], role.targets[0]), fitWeights(sets, FIT_DEFAULTS));
  }
  printFit('default (all roles pooled)', fitWeights(everything, FIT_DEFAULTS));
}

function printFit(key: string, fit: ReturnType<typeof fitWeights>): void {
  const body = FEATURES.map((f) => `${f}: ${fit.weights[f]}`).join(', ');
  process.stdout.write(`  '${key}': { ${body} }, // ${fit.choices} choices by ${fit.askers} askers, mean log-likelihood ${fit.logLikelihood.toFixed(3)}\n`);
}

if ((values.actors === undefined) !== (values.ties === undefined)) fail('Give both --actors and --ties, or neither.');
if (values.actors && values.ties) {
  const { actors, ties } = await readFiles(values.actors, values.ties);
  await evaluateNetwork(actors, ties, `${values.actors} + ${values.ties}`);
} else if (values.generate) {
  const [seed, actors, ties] = values.generate.split(',').map(Number);
  const net = generateNetwork({ seed, ...(actors ? { actors } : {}), ...(ties ? { ties } : {}) });
  await evaluateNetwork(net.actors, net.ties, `the seed generator (seed ${seed}, ${net.actors.length} actors, ${net.ties.length} ties)`);
} else {
  await runWithDatabase(async (db) => {
    const snapshot = await readNetwork(db.client);
    await evaluateNetwork(snapshot.actors, snapshot.ties, `the database at ${db.uri}`);
  });
}
