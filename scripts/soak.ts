/**
 * `npm run soak` (issue 13): the product under a steady mixed load for minutes, in a Neo4j of its
 * own (a temporary folder, so the product's data is never touched). The server runs as
 * `npm start` runs it (server/main.ts, its own process, real HTTP on loopback) and loads the
 * demonstration network; then `--clients` clients mix reads (suggestions with varied parameters,
 * search, actor pages, the drawing, communities, metrics, exports, events, introductions) with
 * writes (small CSV imports, actor and tie edits, introduction requests and their steps, event
 * participants and meetings) as coordinators, members and the public viewer.
 *
 * Goals: no error (no 5xx, no connection error, no unexpected status), resident memory of the
 * server growing less than 10% after the warm-up (its median over the second half of the run
 * against that over 20-50%, the first 20% being the warm-up), and every
 * acknowledged write present at the end. Prints a summary and writes it as JSON to
 * reports/soak-<date>.json; exits 1 when a goal is missed.
 *
 *   npm run soak                                   # 10 minutes, 32 clients
 *   npm run soak -- --minutes 1 --clients 8
 *   ... --writes-per-minute 12 --heap 2g
 */
import os from 'node:os';
import path from 'node:path';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../server/config.ts';
import { freePort } from '../server/runtime/free-port.ts';
import { inTemporaryFolder, withOwnNeo4j } from './lib/bench-network.ts';
import { figureRows, formatTable, indexPreparations, rssKb, startServer, type LogLine } from './lib/load.ts';
import { runClients } from './lib/load-clients.ts';
import { LOAD_DEFAULTS, prepareWorld, waitWarm } from './lib/load-world.ts';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    clients: { type: 'string', default: '32' },
    'writes-per-minute': { type: 'string', default: String(LOAD_DEFAULTS.writesPerMinute) },
    heap: { type: 'string', default: '2g' },
  },
});
const MINUTES = Number(values.minutes);
const CLIENTS = Number(values.clients);
const WRITES_PER_MINUTE = Number(values['writes-per-minute']);
if (!(MINUTES > 0) || !Number.isInteger(CLIENTS) || CLIENTS < 1 || !(WRITES_PER_MINUTE >= 0)) {
  process.stderr.write('Usage: npm run soak -- [--minutes N (> 0)] [--clients C (whole, ≥ 1)] [--writes-per-minute W (≥ 0, all clients together)] [--heap 2g]\n');
  process.exit(2);
}

const GOALS = { errors: 0, rssGrowthPct: 10 };
const RSS_EVERY_MS = 2_000;
const WARM_UP_SHARE = 0.2;
const say = (text: string) => process.stdout.write(text + '\n');

/**
 * The median RSS of the samples from `from` to `to` (shares of the run). With samples every 2 s
 * swinging by ±30 % between garbage collections and worker threads, the goal compares the median
 * of 20-50 % of the run (after the warm-up) with that of its second half: a leak raises the second,
 * one collection or one index built more or less moves neither. (Until 30 November 2026 the goal
 * compared a tenth of the run each, 20-30 % and 90-100 %: runs with flat per-minute medians came
 * out anywhere from −21 % to +17 % that way; that figure is still printed beside it.)
 */
function steadyKb(samples: ReadonlyArray<{ s: number; kb: number }>, seconds: number, from: number, to: number): number {
  const window = samples.filter((x) => x.s >= from * seconds && x.s <= to * seconds).map((x) => x.kb).sort((a, b) => a - b);
  return window[Math.floor(window.length / 2)] ?? NaN;
}

const mb = (kb: number) => Math.round(kb / 102.4) / 10;

await inTemporaryFolder('soak', async (dir) => {
  await withOwnNeo4j(dir, values.heap, async (client, uri) => {
    let started = performance.now();
    const server = await startServer({
      env: { NEO4J_URI: uri, NEO4J_USER: 'neo4j', NEO4J_PASSWORD: '', SEED_ON_EMPTY: 'true', DEMO_USERS: 'false', LOG_LEVEL: 'info' },
      port: await freePort(),
      logFile: path.join(dir, 'server.log'),
    });
    try {
      say(`Server ${server.url} (pid ${server.pid}) up with the demonstration network in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      const world = await prepareWorld(client, server.url, CLIENTS, 'soak-', { writesPerMinute: WRITES_PER_MINUTE });
      say(`Warm (drawing, communities, metrics, suggestion index) after ${(await waitWarm(world)).toFixed(1)} s more`);
      say(`Soak: ${CLIENTS} clients for ${MINUTES} min, ${WRITES_PER_MINUTE} writes a minute (${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')})`);
      const logsBefore = server.logs.length;

      const rss: Array<{ s: number; kb: number }> = [];
      started = performance.now();
      const runMs = MINUTES * 60_000;
      const sampler = setInterval(() => {
        const kb = rssKb(server.pid);
        if (kb !== undefined) rss.push({ s: (performance.now() - started) / 1000, kb });
      }, RSS_EVERY_MS);
      const progress = setInterval(() => {
        const done = world.recorder.samples.length;
        const errors = world.recorder.samples.filter((s) => !s.expected).length;
        say(`  ${Math.round((performance.now() - started) / 1000)} s: ${done} requests, ${errors} errors, ${world.ledger.acknowledged} writes acknowledged, RSS ${mb(rss.at(-1)?.kb ?? 0)} MB`);
      }, 30_000);
      await runClients(world, () => performance.now() - started >= runMs);
      const seconds = (performance.now() - started) / 1000;
      clearInterval(sampler);
      clearInterval(progress);

      say('Checking every acknowledged write...');
      const writes = await world.ledger.verify(client, world.eventId);
      const figures = world.recorder.figures((s) => s.kind !== 'setup');
      const all = figures.at(-1)!;
      const errors = all.errors + world.recorder.flagged;
      const warmKb = steadyKb(rss, seconds, WARM_UP_SHARE, 0.5);
      const endKb = steadyKb(rss, seconds, 0.5, 1);
      const tenthsPct = (steadyKb(rss, seconds, 0.9, 1) / steadyKb(rss, seconds, WARM_UP_SHARE, WARM_UP_SHARE + 0.1) - 1) * 100;
      const peakKb = Math.max(...rss.map((s) => s.kb));
      const growthPct = ((endKb - warmKb) / warmKb) * 100;
      const serverProblems = server.logs.filter((l: LogLine) => l.level >= 40);
      const index = indexPreparations(server.logs.slice(logsBefore));
      const writesSent = world.recorder.samples.filter((s) => s.write && s.kind !== 'setup').length;

      say('');
      say(formatTable(figureRows(figures)));
      say('');
      const goals = {
        errors: errors <= GOALS.errors,
        rss: growthPct < GOALS.rssGrowthPct,
        writes: writes.missing.length === 0 && writes.verified === writes.checked,
      };
      say(
        formatTable([
          ['figure', 'value', 'goal', ''],
          ['requests', all.requests, '', ''],
          ['requests per second', Math.round((all.requests / seconds) * 10) / 10, '', ''],
          ['errors (5xx, no answer, unexpected status or content)', errors, '0', goals.errors ? 'pass' : 'FAIL'],
          [`RSS after warm-up (median over ${Math.round(WARM_UP_SHARE * seconds)}-${Math.round(0.5 * seconds)} s), MB`, mb(warmKb), '', ''],
          [`RSS in the second half (median over ${Math.round(0.5 * seconds)}-${Math.round(seconds)} s), MB`, mb(endKb), '', ''],
          ['RSS peak, MB', mb(peakKb), '', ''],
          ['RSS growth after warm-up (second half against 20-50 %), %', Math.round(growthPct * 10) / 10, `< ${GOALS.rssGrowthPct}`, goals.rss ? 'pass' : 'FAIL'],
          ['  the same over a tenth each (90-100 % against 20-30 %; the goal until 30 November), %', Math.round(tenthsPct * 10) / 10, '', ''],
          ['writes sent / acknowledged (2xx)', `${writesSent} / ${writes.acknowledged}`, '', ''],
          ['things they left, checked / verified', `${writes.checked} / ${writes.verified}`, 'all', goals.writes ? 'pass' : 'FAIL'],
          ['things set aside, their write got no clear answer (not checked)', writes.uncertain, '', ''],
          ['suggestion index prepared (times; p50, max s)', `${index.count}; ${(index.p50Ms / 1000).toFixed(1)}, ${(index.maxMs / 1000).toFixed(1)}`, '', ''],
          ['server log warnings and errors', serverProblems.length, '', ''],
        ]),
      );
      for (const line of world.recorder.unexpected) say(`  unexpected: ${line}`);
      for (const line of writes.missing) say(`  not as acknowledged: ${line}`);
      for (const line of serverProblems.slice(0, 10)) say(`  server log: ${line.msg} ${JSON.stringify({ ...line, msg: undefined, time: undefined, level: undefined, pid: undefined, hostname: undefined }).slice(0, 300)}`);

      const date = new Date();
      const report = {
        date: date.toISOString(),
        machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 2 ** 30), loadAverage: os.loadavg(), node: process.version },
        options: { minutes: MINUTES, clients: CLIENTS, writesPerMinute: WRITES_PER_MINUTE, neo4jHeap: values.heap },
        seconds: Math.round(seconds),
        requests: all.requests,
        requestsPerSecond: Math.round((all.requests / seconds) * 10) / 10,
        writesSent,
        errors,
        byKind: figures,
        rss: { warmUpKb: warmKb, endKb, peakKb, growthPct, tenthsGrowthPct: tenthsPct, everyMs: RSS_EVERY_MS, samples: rss },
        writes,
        suggestionIndex: index,
        unexpected: world.recorder.unexpected,
        serverProblems: serverProblems.slice(0, 50),
        goals,
      };
      const file = path.join(PROJECT_ROOT, 'reports', `soak-${date.toISOString().slice(0, 19).replaceAll(':', '')}.json`);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, JSON.stringify(report, null, 2) + '\n');
      say(`\nReport: ${path.relative(PROJECT_ROOT, file)}`);
      if (!Object.values(goals).every(Boolean)) {
        // The server's own account of the run, for whoever looks into the failure.
        await copyFile(path.join(dir, 'server.log'), file.replace(/\.json$/, '.server.log'));
        say(`Server log: ${path.relative(PROJECT_ROOT, file.replace(/\.json$/, '.server.log'))}`);
        process.exitCode = 1;
      }
    } finally {
      await server.stop();
    }
  });
});
