/**
 * `npm run eval:suggestions`: measures the partner suggestions with a temporal hold-out: a known
 * network, and as the truth the pairs that first tied later. For each role, askers with new
 * partners of the target types (at most --max-askers, a seeded shuffle) ask the product and the
 * classical baselines for their top 20 over the same known network; prints hit@10, recall@10,
 * recall@20 and MRR@20 with bootstrap 95% intervals, coverage and personalisation, and the
 * product against the best baseline (a paired bootstrap ratio).
 *
 *   npm run eval:suggestions -- --split graph-seeds/eu-rd-2014-2017/split-2016   # known files + truth.csv
 *   npm run eval:suggestions                                  # the network in the database
 *   npm run eval:suggestions -- --actors a.csv --ties t.csv   # files (.csv or .csv.gz), no database
 *   npm run eval:suggestions -- --generate 7,6000,60000       # seed generator: seed,actors,ties
 *   ... --split-year 2007 (= --cutoff) --until 2010   known ≤ 2007, truth 2008-2010 (not with --split)
 *   ... --max-askers 1000 --seed 7 --roles all|core|main --resamples 1000 --json out.json
 *   ... --workers 2         threads for the random walks (default: the cores, at most 4; 0: in this thread)
 *   ... --contrast 3        replace the ties by the contrast process (contrast-network.ts)
 *   ... --drop-seeks        forget what actors seek (data without that column)
 *   ... --priors            add a row for the product with the prior weights only (weights.ts)
 *   ... --fit               fit the prior weights afresh two years before the cut-off and print them
 *
 * The product is rankCandidates over buildCalibratedIndex, as served. With --split, the index is
 * built on the known files without asOf: the whole known network is the past.
 */
import { writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Actor, Tie } from '../server/domain/model.ts';
import { networkPairs } from '../server/domain/graph/network-graph.ts';
import { weightedAdjacency } from '../server/domain/suggestions/baseline-graph.ts';
import type { Ranker } from '../server/domain/suggestions/baseline-graph.ts';
import { BASELINES } from '../server/domain/suggestions/baselines.ts';
import { bootstrapDraws, BOOTSTRAP_DEFAULTS } from '../server/domain/suggestions/bootstrap.ts';
import { buildCalibratedIndex, type Calibration } from '../server/domain/suggestions/calibrate.ts';
import { FEATURES } from '../server/domain/suggestions/feature-names.ts';
import { choiceSets, FIT_DEFAULTS, fitWeights } from '../server/domain/suggestions/fit-weights.ts';
import { CORE_ROLES, EVAL_ROLES, evaluate, holdOut, holdOutFromTruth, sampleAskers, type EvalRole, type HoldOut, type TruthCounts } from '../server/domain/suggestions/holdout.ts';
import { pprRanker, type PprRanker } from '../server/domain/suggestions/random-walk-baseline.ts';
import { roleKey } from '../server/domain/suggestions/roles.ts';
import { priorWeights } from '../server/domain/suggestions/scoring.ts';
import { pairKey } from '../server/domain/suggestions/suggestion-index.ts';
import { rankCandidates } from '../server/domain/suggestions/suggest-partners.ts';
import { readNetwork } from '../server/store/network-store.ts';
import { contrastTies } from '../graph-seeds/contrast-network.ts';
import { generateNetwork } from '../graph-seeds/generator/generate-network.ts';
import { walkInWorkers } from './lib/parallel-walks.ts';
import { formatRole, roleFigures, type RankerResult, type RoleFigures } from './lib/eval-report.ts';
import { NetworkFileError, readNetworkFiles, readSplit } from './lib/read-network-files.ts';
import { runWithDatabase } from './lib/run-with-database.ts';

const USAGE =
  'Usage: npm run eval:suggestions -- [--split DIR | --actors FILE --ties FILE | --generate SEED,ACTORS,TIES] [--split-year YEAR] [--until YEAR] ' +
  '[--max-askers N] [--seed N] [--roles all|core|main] [--resamples N] [--workers N] [--json FILE] [--contrast SEED] [--drop-seeks] [--priors] [--fit]';

const OPTIONS = {
  split: { type: 'string' },
  actors: { type: 'string' },
  ties: { type: 'string' },
  generate: { type: 'string' },
  contrast: { type: 'string' },
  'drop-seeks': { type: 'boolean', default: false },
  cutoff: { type: 'string' },
  'split-year': { type: 'string' },
  until: { type: 'string' },
  'max-askers': { type: 'string', default: '1000' },
  seed: { type: 'string', default: '7' },
  roles: { type: 'string', default: 'all' },
  resamples: { type: 'string', default: String(BOOTSTRAP_DEFAULTS.resamples) },
  json: { type: 'string' },
  workers: { type: 'string', default: String(Math.min(4, availableParallelism())) },
  priors: { type: 'boolean', default: false },
  fit: { type: 'boolean', default: false },
} as const;

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function readArgs() {
  try {
    return parseArgs({ options: OPTIONS }).values;
  } catch (err) {
    fail((err as Error).message);
  }
}
const values = readArgs();
const started = performance.now();

function year(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1800 || n > 2200) fail(`--${name}: '${text}' is not a year`);
  return n;
}

function count(name: string, text: string, min: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) fail(`--${name}: '${text}' is not a whole number ≥ ${min}`);
  return n;
}

const maxAskers = count('max-askers', values['max-askers'], 1);
const seed = count('seed', values.seed, 0);
const resamples = count('resamples', values.resamples, 1);
const workers = count('workers', values.workers, 0);
const roleChoice = values.roles;
if (!['all', 'core', 'main'].includes(roleChoice)) fail(`--roles: '${roleChoice}' is not all, core or main`);
const roles = roleChoice === 'main' ? EVAL_ROLES.slice(0, 1) : roleChoice === 'core' ? EVAL_ROLES.slice(0, CORE_ROLES) : EVAL_ROLES;
const cutoffOption = (() => {
  const a = year('cutoff', values.cutoff);
  const b = year('split-year', values['split-year']);
  if (a !== undefined && b !== undefined && a !== b) fail('--split-year and --cutoff are the same option: give one.');
  return a ?? b;
})();
const until = year('until', values.until);

/** The default cut-off leaves the last three years as the truth (2007 on the demonstration network). */
function defaultCutoff(ties: readonly Tie[]): number {
  const years = ties.map((t) => t.since).filter((y): y is number => y !== undefined);
  if (years.length === 0) fail('No tie carries a year (since): a temporal hold-out needs them.');
  const last = years.reduce((a, b) => Math.max(a, b));
  const first = years.reduce((a, b) => Math.min(a, b));
  return last - first >= 4 ? last - 3 : Math.floor((first + last) / 2);
}

/** A known network and its truth, however they were given. */
interface Split {
  source: string;
  description: string;
  actors: readonly Actor[];
  /** The ties the known network is built from (the known files, or all ties with asOf = cutoff). */
  ties: readonly Tie[];
  asOf?: number;
  holdOut: HoldOut;
  truthCounts?: TruthCounts;
}

/** A dated network cut at --split-year: known ≤ cutoff, truth = pairs first tied after it (up to --until). */
function cutSplit(actors: Actor[], ties: Tie[], source: string): Split {
  if (values['drop-seeks']) actors = actors.map(({ seeks: _seeks, ...a }) => a);
  if (values.contrast !== undefined) ties = contrastTies(actors, ties, { seed: Number(values.contrast) });
  const cutoff = cutoffOption ?? defaultCutoff(ties);
  const h = holdOut(actors, ties, cutoff, until ?? Infinity, buildCalibratedIndex);
  const extras = `${values.contrast ? ` (contrast ties, seed ${values.contrast})` : ''}${values['drop-seeks'] ? ' (seeks dropped)' : ''}`;
  return {
    source: source + extras,
    description: `known ≤ ${cutoff}; truth = pairs first tied ${cutoff + 1}${until === undefined ? ' on' : `-${until}`}`,
    actors,
    ties,
    asOf: cutoff,
    holdOut: h,
  };
}

async function directorySplit(dir: string): Promise<Split> {
  if (cutoffOption !== undefined) fail('--split-year/--cutoff cut a dated network; a split directory is already cut (use --until to bound the truth).');
  if (values.contrast !== undefined) fail('--contrast replaces a network\'s ties; it does not apply to a split directory.');
  const split = await readSplit(dir);
  const actors = values['drop-seeks'] ? split.actors.map(({ seeks: _seeks, ...a }) => a) : split.actors;
  const index = buildCalibratedIndex(actors, split.ties, {});
  const h = holdOutFromTruth(index, split.truth, { until });
  const c = h.counts;
  return {
    source: `${dir} (${Object.values(split.files).map((f) => path.basename(f)).join(', ')})${values['drop-seeks'] ? ' (seeks dropped)' : ''}`,
    description:
      `known: the split's files (latest tie year ${index.referenceYear ?? 'unknown'}); truth: ${c.kept} of ${c.given} pairs in ${path.basename(split.files.truth)}` +
      ` (left out: ${c.unknownActor} with an actor not in the known network, ${c.alreadyTied} already tied${until !== undefined ? `, ${c.afterUntil} after ${until}` : ''})`,
    actors,
    ties: split.ties,
    holdOut: h,
    truthCounts: c,
  };
}

/** The tie weights of each known pair (summed as the index sums them), for the weighted random walk. */
function pairWeights(split: Split): (a: number, b: number) => number {
  const index = split.holdOut.index;
  const weights = new Map<number, number>();
  for (const p of networkPairs(index.position, split.ties, { asOf: split.asOf })) weights.set(pairKey(index, p.a, p.b), p.weight);
  return (a, b) => weights.get(pairKey(index, a, b)) ?? 1;
}

function rankers(split: Split): { name: string; baseline: boolean; ranker: Ranker }[] {
  const product: Ranker = (index, u, types, limit) => rankCandidates(index, u, types, { limit }).map((r) => r.candidate.index);
  const list = [{ name: 'musubi', baseline: false, ranker: product }];
  if (values.priors) {
    const priorsOnly: Ranker = (index, u, types, limit) => rankCandidates(index, u, types, { limit, weights: priorWeights }).map((r) => r.candidate.index);
    list.push({ name: 'musubi, priors only', baseline: false, ranker: priorsOnly });
  }
  for (const [name, ranker] of Object.entries(BASELINES)) list.push({ name: name === 'personalised PageRank' ? 'PPR, restart 0.15' : name, baseline: true, ranker });
  const weightOf = pairWeights(split);
  const weighted = pprRanker({ restart: 0.3, adjacency: (index) => weightedAdjacency(index, weightOf) });
  list.push({ name: 'weighted PPR, restart 0.3', baseline: true, ranker: weighted });
  return list;
}

/** What the index says it serves (`served`, or `methods` with one entry per role), if it says anything: printed, never relied on. */
function printServed(index: object): void {
  const { served, methods } = index as { served?: unknown; methods?: { year?: unknown; roles?: unknown } };
  if (served !== undefined) process.stdout.write(`Served method (index.served): ${typeof served === 'string' ? served : JSON.stringify(served)}\n`);
  if (methods === undefined) return;
  const roles = Array.isArray(methods?.roles) ? (methods.roles as { name?: unknown; role?: unknown; served?: unknown; why?: unknown }[]) : undefined;
  if (!roles) {
    process.stdout.write(`Served methods (index.methods): ${JSON.stringify(methods)}\n`);
    return;
  }
  process.stdout.write(`Served methods (index.methods${methods.year !== undefined ? `, checked on ${methods.year}` : ''}):\n`);
  for (const r of roles) process.stdout.write(`  ${String(r.name ?? r.role)}: ${String(r.served)}${r.why ? ` (${String(r.why)})` : ''}\n`);
}

function printCalibration(index: object): void {
  printServed(index);
  const calibration = (index as { calibration?: Calibration }).calibration;
  if (!calibration) {
    process.stdout.write('Calibration: none (not enough dated ties in the known network); the product uses its prior weights.\n');
    return;
  }
  if (calibration.roles.length === 0) {
    process.stdout.write('Calibration: weights not re-fitted (the same fit a year earlier could not be checked); the engine uses its prior weights.\n');
    return;
  }
  const parts = calibration.roles.map((c) => `${c.role} ${c.source === 'calibrated' ? c.choices : 'prior'}`);
  process.stdout.write(`Calibration (the product's own, inside the known network): known ≤ ${calibration.cutoff}, choices ${calibration.cutoff + 1}-${calibration.referenceYear}; choices per role: ${parts.length ? parts.join(', ') : 'none'}\n`);
}

/** Fits prior weights (towards zero, every asker) on the split two years earlier: nothing of the truth is seen. */
function fitPriors(split: Split): void {
  const cutoff = split.holdOut.cutoff;
  const earlier = holdOut(split.actors, split.ties, cutoff - 2, cutoff);
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

/** Walks for every asker of every role, in worker threads; resolves with the wall time in seconds. */
async function walkAhead(h: HoldOut, walkers: readonly PprRanker[], askers: readonly number[]): Promise<number> {
  const t = performance.now();
  const perWalker = Math.max(1, Math.floor(workers / walkers.length));
  await Promise.all(walkers.map(async (w) => w.store(h.index, await walkInWorkers(w.job(h.index, askers), perWalker))));
  return (performance.now() - t) / 1000;
}

async function evaluateSplit(split: Split): Promise<void> {
  const h = split.holdOut;
  const truthPairs = [...h.truth.values()].reduce((s, v) => s + v.size, 0) / 2;
  const prepared = (performance.now() - started) / 1000;
  process.stdout.write(
    `Suggestions hold-out on ${split.source}: ${h.index.actors.length} actors, ${h.index.pairCount} known pairs, ${truthPairs} truth pairs; ${split.description}.\n` +
      `At most ${maxAskers} askers per role (seeded shuffle, seed ${seed}); top 20 per asker; bootstrap ${resamples} resamples over askers (seed ${seed}), 95% percentile intervals; ` +
      `personalisation exact over all pairs of askers. Network read and index built in ${prepared.toFixed(1)} s.\n`,
  );
  printCalibration(h.index);
  if (values.fit) fitPriors(split);

  const list = rankers(split);
  const samples = roles.map((role) => ({ role, ...sampleAskers(h, role, maxAskers, seed) })).filter((s) => s.askers.length > 0);
  const walkers = list.filter((r): r is typeof r & { ranker: PprRanker } => 'job' in r.ranker);
  // The walks start in worker threads first, and run while this thread ranks with the others.
  const everyAsker = [...new Set(samples.flatMap((s) => s.askers.map(([u]) => u)))];
  const walks = workers > 0 && walkers.length ? walkAhead(h, walkers.map((w) => w.ranker), everyAsker) : undefined;
  const runs = new Map<string, RankerResult[]>();
  const evaluateAll = (which: typeof list) => {
    for (const { role, askers } of samples) {
      for (const { name, baseline, ranker } of which) {
        if (!runs.has(role.name)) runs.set(role.name, []);
        runs.get(role.name)!.push({ name, baseline, run: evaluate(h, role, ranker, askers) });
      }
    }
  };
  evaluateAll(list.filter((r) => !walkers.some((w) => w.name === r.name)));
  const walkSeconds = walks ? await walks : undefined;
  evaluateAll(walkers);

  const figures: RoleFigures[] = [];
  for (const { role, eligible, askers } of samples) {
    const results = list.map((r) => runs.get(role.name)!.find((x) => x.name === r.name)!);
    const role_ = roleFigures(role.name, eligible, results, bootstrapDraws(askers.length, { resamples, seed }));
    figures.push(role_);
    process.stdout.write('\n' + formatRole(role_, seed));
  }
  if (walkSeconds !== undefined) {
    process.stdout.write(
      `\nRandom walks (${walkers.map((w) => w.name).join('; ')}): ${everyAsker.length} askers, in ${workers} worker thread${workers > 1 ? 's' : ''} while the other rankers ran: ${walkSeconds.toFixed(1)} s (their rows' time is the lookup only).\n`,
    );
  }
  const elapsed = (performance.now() - started) / 1000;
  process.stdout.write(`\n(${elapsed.toFixed(1)} s in all)\n`);
  if (values.json) {
    const report = {
      source: split.source,
      split: split.description,
      actors: h.index.actors.length,
      knownPairs: h.index.pairCount,
      truthPairs,
      ...(split.truthCounts ? { truthCounts: split.truthCounts } : {}),
      cutoff: h.cutoff,
      ...(until !== undefined ? { until } : {}),
      served: (h.index as { served?: unknown }).served ?? null,
      methods: (h.index as { methods?: unknown }).methods ?? null,
      calibration: (h.index as { calibration?: Calibration }).calibration ?? null,
      options: { maxAskers, seed, resamples, depth: 20, intervals: '95% percentile bootstrap over askers', personalisation: 'exact over all pairs of askers' },
      roles: figures,
      seconds: { prepare: prepared, ...(walkSeconds !== undefined ? { walksInWorkers: walkSeconds, workers } : {}), total: elapsed },
    };
    await writeFile(values.json, JSON.stringify(report, null, 2) + '\n');
    process.stdout.write(`Figures written to ${values.json}\n`);
  }
}

const sources = [values.split !== undefined, values.actors !== undefined || values.ties !== undefined, values.generate !== undefined].filter(Boolean).length;
if (sources > 1) fail('Give one of --split, --actors/--ties, --generate (or none, for the database).');
if ((values.actors === undefined) !== (values.ties === undefined)) fail('Give both --actors and --ties, or neither.');
try {
  if (values.split) {
    await evaluateSplit(await directorySplit(values.split));
  } else if (values.actors && values.ties) {
    const { actors, ties } = await readNetworkFiles(values.actors, values.ties);
    await evaluateSplit(cutSplit(actors, ties, `${values.actors} + ${values.ties}`));
  } else if (values.generate) {
    const [genSeed, actors, ties] = values.generate.split(',').map(Number);
    const net = generateNetwork({ seed: genSeed, ...(actors ? { actors } : {}), ...(ties ? { ties } : {}) });
    await evaluateSplit(cutSplit(net.actors, net.ties, `the seed generator (seed ${genSeed}, ${net.actors.length} actors, ${net.ties.length} ties)`));
  } else {
    await runWithDatabase(async (db) => {
      const snapshot = await readNetwork(db.client);
      await evaluateSplit(cutSplit(snapshot.actors, snapshot.ties, `the database at ${db.uri}`));
    });
  }
} catch (err) {
  if (err instanceof NetworkFileError || (err as NodeJS.ErrnoException).code === 'ENOENT') fail((err as Error).message);
  throw err;
}
