/**
 * `npm run faults` (issue 13): the product's behaviour when its database or itself fails, under a
 * moderate mixed load (reads and writes, every acknowledged write in a ledger). The server runs
 * as `npm start` runs it (server/main.ts, its own process) with its own embedded Neo4j in a
 * temporary folder, and the demonstration network:
 *
 *   pause   Neo4j frozen (SIGSTOP) for --pause-seconds: what needs the database must get a 503
 *           within 2 s, what memory serves must keep coming (marked X-Musubi-Stale); then
 *           SIGCONT and the time until answers come from the database again.
 *   stop    Neo4j stopped (SIGTERM) and
 *   kill    killed (SIGKILL): the server's supervisor must start it again by itself; the time to
 *           recovery, and meanwhile only 503s, only where the database is needed.
 *   import  the server killed (SIGKILL) during a large import (a generated network of --actors /
 *           --ties, killed part-way through the write, as timed on a first import of the same
 *           size): after a restart over the same database, the network must equal the state
 *           before the import or after it (counts and export checksums), and GET /api/imports/:id
 *           must say which.
 *
 * After each fault every acknowledged write is checked: none may be lost. Prints the timings and a
 * pass/fail table; exits 1 on any failure.
 *
 *   npm run faults
 *   npm run faults -- --only pause,kill --clients 8 --pause-seconds 20
 *   ... --actors 20000 --ties 200000 --kill-at 0.5 --writes-per-minute 6
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig, PROJECT_ROOT } from '../server/config.ts';
import { freePort } from '../server/runtime/free-port.ts';
import { isAlive, signal, sleep, waitGone } from '../server/runtime/processes.ts';
import { createNeo4jClient } from '../server/store/neo4j-client.ts';
import { generateNetwork, inTemporaryFolder } from './lib/bench-network.ts';
import { formatTable, networkState, quantile, Recorder, sameState, send, startServer, type NetworkState, type Sample, type ServerProcess } from './lib/load.ts';
import { postImport, withPrefix } from './lib/import-upload.ts';
import { runClients } from './lib/load-clients.ts';
import { prepareWorld, waitWarm, type World } from './lib/load-world.ts';

const FAULTS = ['pause', 'stop', 'kill', 'import'] as const;
type Fault = (typeof FAULTS)[number];

const { values } = parseArgs({
  options: {
    only: { type: 'string', default: FAULTS.join(',') },
    clients: { type: 'string', default: '8' },
    'writes-per-minute': { type: 'string', default: '6' },
    'pause-seconds': { type: 'string', default: '20' },
    actors: { type: 'string', default: '20000' },
    ties: { type: 'string', default: '200000' },
    'kill-at': { type: 'string', default: '0.5' },
    heap: { type: 'string', default: '2g' },
  },
});
const only = new Set(values.only.split(',').map((f) => f.trim()));
const CLIENTS = Number(values.clients);
const PAUSE_S = Number(values['pause-seconds']);
const KILL_AT = Number(values['kill-at']);
if (![...only].every((f) => (FAULTS as readonly string[]).includes(f)) || !(CLIENTS >= 1) || !(PAUSE_S >= 5) || !(KILL_AT >= 0 && KILL_AT <= 1)) {
  process.stderr.write(`Usage: npm run faults -- [--only ${FAULTS.join(',')}] [--clients 8] [--writes-per-minute 6] [--pause-seconds 20 (≥ 5)] [--actors 20000 --ties 200000] [--kill-at 0..1 (of the write phase)]\n`);
  process.exit(2);
}

/** Goals: a 503 within 2 s where the database is needed; recovery by itself. */
const ANSWER_WITHIN_MS = 2_000;
/** How long the server trusts a confirmed network version without asking the database (the server's own setting). */
const NETWORK_CHECK_MS = loadConfig().networkCheckMs;
const RECOVERY_LIMIT_MS = 240_000;
/** What memory serves (README, "When Neo4j is slow, frozen or dies"), asked anonymously. */
const MEMORY_KINDS = new Set(['suggestions', 'graph', 'communities', 'metrics', 'export']);
/**
 * Patient work (README: imports and whole-network reads) waits out up to 30 s of a silent database
 * before it fails; its goal is that, not 2 s.
 */
const PATIENT_KINDS = new Set(['import']);
const PATIENT_MS = 32_000;
/** Suggestions also need the database once a minute (the declined introductions): a 503 there is allowed. */
const MAY_NEED_DATABASE = new Set(['suggestions']);

const needsDatabase = (s: Sample) => !(s.anonymous && MEMORY_KINDS.has(s.kind));
const end = (s: Sample) => s.at + s.ms;
const say = (text: string) => process.stdout.write(text + '\n');
const sec = (ms: number | undefined) => (ms === undefined || Number.isNaN(ms) ? '—' : `${(ms / 1000).toFixed(2)} s`);

type Check = { fault: string; check: string; value: string; goal: string; pass: boolean };
const checks: Check[] = [];
function check(fault: string, name: string, value: string | number, goal: string, pass: boolean): void {
  checks.push({ fault, check: name, value: String(value), goal, pass });
  say(`  ${pass ? 'pass' : 'FAIL'}  ${name}: ${value}${goal ? ` (goal: ${goal})` : ''}`);
}

async function until<T>(attempt: () => T | undefined | Promise<T | undefined>, timeoutMs: number, everyMs = 100): Promise<T | undefined> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    const value = await attempt();
    if (value !== undefined) return value;
    await sleep(everyMs);
  }
  return undefined;
}

/** The embedded Neo4j's JVM: the first line of the pid file the server's runtime keeps. */
function neo4jPid(neo4jDir: string): number | undefined {
  try {
    const pid = Number(readFileSync(path.join(neo4jDir, 'run', 'embedded-neo4j.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Asks, every 100 ms, for an actor's page (needs the database) and its suggestions (served from memory). */
function startProbe(base: string, actorId: string): { recorder: Recorder; stop: () => Promise<void> } {
  const recorder = new Recorder();
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      await send(base, { kind: 'actor', path: `/api/actors/${actorId}` }, recorder, 15_000);
      await send(base, { kind: 'suggestions', path: `/api/actors/${actorId}/suggestions?limit=5` }, recorder, 15_000);
      await sleep(100);
    }
  })();
  return { recorder, stop: async () => ((stopped = true), await loop) };
}

/** An answer that is neither what was expected nor a 503 where the database may be needed. */
const isBad = (s: Sample) => !s.expected && !(s.status === 503 && (needsDatabase(s) || MAY_NEED_DATABASE.has(s.kind)));

function describeStatuses(samples: readonly Sample[]): string {
  const counts = new Map<string, number>();
  for (const s of samples) {
    const key = s.status === 0 ? 'no answer' : `${s.status}${s.stale ? ' stale' : ''}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].sort().map(([k, n]) => `${n}× ${k}`).join(', ') || 'none';
}

/** One fault of the database under load, its figures and checks, then the ledger. */
async function databaseFault(fault: Exclude<Fault, 'import'>, ctx: Context): Promise<void> {
  const { world, server, neo4jDir } = ctx;
  say(`\n(${fault}) Neo4j ${fault === 'pause' ? `paused (SIGSTOP) for ${PAUSE_S} s` : fault === 'stop' ? 'stopped (SIGTERM)' : 'killed (SIGKILL)'} under load`);
  // Each fault starts on a warm server, not in the after-effects of the previous one.
  say(`  warm again after ${(await waitWarm(world)).toFixed(1)} s`);
  let stopLoad = false;
  const load = runClients(world, () => stopLoad);
  const probe = startProbe(server().url, world.actorIds[0]);
  await sleep(5_000);
  const pid = neo4jPid(neo4jDir);
  if (pid === undefined || !isAlive(pid)) throw new Error(`No running Neo4j found through ${neo4jDir}/run/embedded-neo4j.pid`);
  const logsFrom = server().logs.length;
  const t0 = performance.now();
  let t1: number;
  let newPid: number | undefined;
  if (fault === 'pause') {
    signal(pid, 'SIGSTOP');
    await sleep(PAUSE_S * 1000);
    t1 = performance.now();
    signal(pid, 'SIGCONT');
  } else {
    signal(pid, fault === 'stop' ? 'SIGTERM' : 'SIGKILL');
    newPid = await until(() => {
      const p = neo4jPid(neo4jDir);
      return p !== undefined && p !== pid && isAlive(p) ? p : undefined;
    }, RECOVERY_LIMIT_MS);
    t1 = performance.now();
  }
  const dbBack = await until(() => probe.recorder.samples.find((s) => s.kind === 'actor' && s.at >= t1 && s.status === 200), RECOVERY_LIMIT_MS);
  const fresh = await until(() => probe.recorder.samples.find((s) => s.kind === 'suggestions' && s.at >= t1 && s.status === 200 && !s.stale), RECOVERY_LIMIT_MS);
  await sleep(3_000);
  stopLoad = true;
  await Promise.all([load, probe.stop()]);

  const windowEnd = dbBack ? end(dbBack) + 2_000 : performance.now();
  const inWindow = [...world.recorder.samples, ...probe.recorder.samples].filter((s) => end(s) >= t0 && s.at <= windowEnd);
  const db = inWindow.filter(needsDatabase);
  const memory = inWindow.filter((s) => !needsDatabase(s));
  const bad = inWindow.filter(isBad);
  const logs = server().logs.slice(logsFrom);

  if (fault === 'pause') {
    // From the freeze (or the request's start, if later) to its answer, for what needs the database.
    const during = db.filter((s) => s.at <= t1 - ANSWER_WITHIN_MS);
    const answerMs = (list: readonly Sample[]) => list.map((s) => end(s) - Math.max(s.at, t0)).sort((a, b) => a - b);
    const ordinary = answerMs(during.filter((s) => !PATIENT_KINDS.has(s.kind)));
    const patient = answerMs(during.filter((s) => PATIENT_KINDS.has(s.kind)));
    const first503 = db.filter((s) => s.status === 503 && end(s) >= t0).sort((a, b) => end(a) - end(b))[0];
    say(`  database-needing requests during the pause: ${describeStatuses(during)}`);
    for (const s of during.filter((x) => !PATIENT_KINDS.has(x.kind) && end(x) - Math.max(x.at, t0) > ANSWER_WITHIN_MS).slice(0, 10)) {
      say(`    slow: ${s.request}${s.anonymous ? '' : ' (signed in)'} ${s.status || 'no answer'} after ${sec(end(s) - Math.max(s.at, t0))}`);
    }
    const memDuring = memory.filter((s) => s.at >= t0 && s.at <= t1 - ANSWER_WITHIN_MS);
    const memMs = memDuring.map((s) => s.ms).sort((a, b) => a - b);
    say(`  memory-served requests during the pause: ${describeStatuses(memDuring)}; p50 ${sec(quantile(memMs, 0.5))}, p95 ${sec(quantile(memMs, 0.95))}, max ${sec(memMs.at(-1))}`);
    for (const s of memDuring.filter((x) => x.ms > ANSWER_WITHIN_MS).slice(0, 10)) {
      say(`    slow: ${s.request} ${s.status || 'no answer'}${s.stale ? ' (stale)' : ''} after ${sec(s.ms)}, sent ${sec(s.at - t0)} after the freeze`);
    }
    check('pause', 'first 503 after the freeze', sec(first503 ? end(first503) - t0 : undefined), '', first503 !== undefined);
    check('pause', 'database-needing answers (503), p95 / max', `${sec(quantile(ordinary, 0.95))} / ${sec(ordinary.at(-1))} over ${ordinary.length}`, `max ≤ ${ANSWER_WITHIN_MS / 1000} s`, ordinary.length > 0 && ordinary.at(-1)! <= ANSWER_WITHIN_MS);
    check('pause', 'imports (patient work), max', patient.length ? `${sec(patient.at(-1))} over ${patient.length}` : 'none sent', `≤ ${PATIENT_MS / 1000} s (README: 30 s of patience)`, (patient.at(-1) ?? 0) <= PATIENT_MS);
    const served = memDuring.filter((s) => s.status === 200);
    const mustServe = memDuring.filter((s) => !MAY_NEED_DATABASE.has(s.kind));
    // The server trusts a network version confirmed within NETWORK_CHECK_MS without asking again:
    // an answer asked that soon after the freeze may rightly come unmarked. Every later one is marked.
    const trusted = (s: Sample) => s.at - t0 < NETWORK_CHECK_MS;
    const unmarked = served.filter((s) => !s.stale);
    check(
      'pause',
      'memory-served answers kept coming (200, X-Musubi-Stale)',
      `${served.length} of ${memDuring.length} (${served.length - unmarked.length} marked stale${unmarked.length ? `; unmarked: ${unmarked.length}, each asked ${sec(Math.max(...unmarked.map((s) => s.at - t0)))} or less after the freeze` : ''}), max ${sec(memMs.at(-1))}; drawing, communities, metrics, exports ${mustServe.filter((s) => s.status === 200).length} of ${mustServe.length}`,
      `all of drawing, communities, metrics, exports; within ${ANSWER_WITHIN_MS / 1000} s; marked stale unless asked within NETWORK_CHECK_MS (${sec(NETWORK_CHECK_MS)}) of the freeze`,
      served.length > 0 && mustServe.every((s) => s.status === 200) && served.every((s) => s.stale || trusted(s)) && (memMs.at(-1) ?? 0) <= ANSWER_WITHIN_MS,
    );
    check('pause', 'database answers again after SIGCONT', sec(dbBack ? end(dbBack) - t1 : undefined), `≤ ${RECOVERY_LIMIT_MS / 1000} s`, dbBack !== undefined);
    check('pause', 'suggestions confirmed fresh (no stale mark) after SIGCONT', sec(fresh ? end(fresh) - t1 : undefined), '', fresh !== undefined);
  } else {
    const exited = logs.find((l) => l.msg.includes('exited unexpectedly'));
    const restarted = logs.find((l) => l.msg === 'Neo4j restarted');
    const firstDown = db.filter((s) => s.status === 503).sort((a, b) => end(a) - end(b))[0];
    say(`  server log: ${exited ? `"${exited.msg}" (signal ${exited.signal ?? '—'}, code ${exited.code ?? '—'}, delay ${exited.delayMs} ms)` : 'no exit logged'}; ${restarted ? `"Neo4j restarted" after ${restarted.seconds} s (pid ${restarted.pid})` : 'no restart logged'}`);
    say(`  database-needing requests meanwhile: ${describeStatuses(db)}`);
    say(`  memory-served requests meanwhile: ${describeStatuses(memory)}`);
    check(fault, 'first 503 after the signal', sec(firstDown ? end(firstDown) - t0 : undefined), '', true);
    check(fault, 'supervisor logged the exit and started Neo4j again', `${exited ? 'exit logged' : 'NO exit logged'}, ${restarted ? `restart logged, new pid ${newPid}` : 'NO restart logged'}`, 'both', Boolean(exited && restarted && newPid));
    check(fault, 'time to recovery (signal → first answer from the database)', sec(dbBack ? end(dbBack) - t0 : undefined), `by itself, ≤ ${RECOVERY_LIMIT_MS / 1000} s`, dbBack !== undefined);
    check(fault, 'suggestions confirmed fresh again', sec(fresh ? end(fresh) - t0 : undefined), '', fresh !== undefined);
  }
  check(fault, 'errors meanwhile other than 503 where the database is needed', bad.length, '0', bad.length === 0);
  for (const s of bad.slice(0, 10)) say(`    ${s.request}${s.anonymous ? '' : ' (signed in)'}: ${s.status || 'no answer'} after ${sec(s.ms)}, sent ${sec(s.at - t0)} after the signal: ${s.detail ?? ''}`);
  ctx.timings.push([fault, sec(dbBack ? end(dbBack) - (fault === 'pause' ? t1 : t0) : undefined), describeStatuses(db), describeStatuses(memory)]);
  await checkLedger(fault, ctx);
}

async function checkLedger(fault: string, ctx: Context): Promise<void> {
  const { world } = ctx;
  const result = await world.ledger.verify(ctx.client, world.eventId);
  check(fault, 'acknowledged writes present (things checked / as acknowledged)', `${result.verified} / ${result.checked} (${result.acknowledged} writes acknowledged, ${result.uncertain} things set aside: their write got no clear answer)`, 'all', result.verified === result.checked);
  for (const line of result.missing) say(`    ${line}`);
}

async function importFault(ctx: Context, big: { first: { actors: Buffer; ties: Buffer }; second: { actors: Buffer; ties: Buffer } }): Promise<void> {
  const { world } = ctx;
  const base = ctx.server().url;
  say(`\n(import) the server killed (SIGKILL) during an import of ${values.actors} actors / ${values.ties} ties`);
  say(`  warm again after ${(await waitWarm(world)).toFixed(1)} s`);
  // A first import of the same size, to time its phases (and so where to kill the second).
  const first = await postImport(base, world.admin, big.first, randomUUID());
  if (first.status !== 200) throw new Error(`The timing import failed: ${first.status} ${first.error ?? JSON.stringify(first.body).slice(0, 300)}`);
  const phases = first.body.phasesMs as { parse: number; check: number; write: number };
  const full = first.answeredAt! - first.hintsAt!;
  say(`  a first import of the same size: ${sec(full)} from the upload to the answer (parse ${sec(phases.parse)}, check ${sec(phases.check)}, write ${sec(phases.write)})`);
  const before = await networkState(base, world.admin);
  const killAfterMs = phases.parse + phases.check + KILL_AT * phases.write;

  const id = randomUUID();
  const jvm = neo4jPid(ctx.neo4jDir);
  let killedAt = 0;
  const victim = ctx.server();
  const kill = () => {
    if (killedAt) return;
    killedAt = performance.now();
    victim.kill('SIGKILL');
  };
  let timer: NodeJS.Timeout | undefined;
  const attempt = await postImport(base, world.admin, big.second, id, () => (timer = setTimeout(kill, killAfterMs)));
  // The answer came first (no 103, or an import faster than the timing one): kill now all the same.
  clearTimeout(timer);
  kill();
  await victim.exited;
  const hinted = attempt.hintsAt ?? NaN;
  say(`  import ${id}: the upload was in, the server killed ${sec(killedAt - hinted)} later; the client saw ${attempt.status ? `${attempt.status} after ${sec(attempt.answeredAt! - hinted)}` : `the connection end (${attempt.error})`}`);
  if (jvm !== undefined) {
    const gone = await waitGone(jvm, 120_000);
    say(`  the server's Neo4j ${gone ? `exited ${sec(performance.now() - killedAt)} after the kill (parent-death signal)` : 'still runs 120 s after the kill'}`);
  }
  const restartAt = performance.now();
  ctx.restart(await startServer(ctx.serverOptions));
  const restartMs = performance.now() - restartAt;
  say(`  server restarted over the same database in ${sec(restartMs)}`);
  const status = await send(base, { kind: 'import-status', path: `/api/imports/${id}`, as: world.admin }, new Recorder(), 120_000);
  const afterKill = await networkState(base, world.admin);
  const stateText = (s: NetworkState) => `${s.actors} actors, ${s.ties} ties, actors.csv ${s.actorsSha.slice(0, 12)}, ties.csv ${s.tiesSha.slice(0, 12)}`;
  say(`  before the import: ${stateText(before)}`);
  say(`  after the restart: ${stateText(afterKill)}`);
  say(`  GET /api/imports/${id}: ${status.status} ${status.status === 200 ? status.body?.status : status.body?.error?.code ?? ''}`);
  // The state after the import: this import run to its end (from either state, the same).
  const again = await postImport(base, world.admin, big.second, randomUUID());
  const after = await networkState(base, world.admin);
  say(`  the same import run to its end: ${again.status} after ${sec((again.answeredAt ?? NaN) - (again.hintsAt ?? NaN))}, ${stateText(after)}`);
  const equalsBefore = sameState(afterKill, before);
  const equalsAfter = sameState(afterKill, after);
  check('import', 'database after the restart equals the state before or after the import', equalsBefore ? 'before' : equalsAfter ? 'after' : 'NEITHER', 'before or after', equalsBefore !== equalsAfter);
  const said = status.status === 200 ? status.body?.status : status.status === 404 ? 'not found (nothing written)' : `${status.status}`;
  check('import', 'GET /api/imports/:id says which', said, equalsBefore ? '404 (not committed)' : 'committed', equalsBefore ? status.status === 404 : status.status === 200 && status.body?.status === 'committed');
  check('import', 'the import run to its end differs from the state before (the kill mattered)', sameState(after, before) ? 'same' : 'differs', 'differs', again.status === 200 && !sameState(after, before));
  ctx.timings.push(['import', `killed ${sec(killedAt - hinted)} into a ${sec(full)} import; restart ${sec(restartMs)}`, equalsBefore ? 'state before, 404' : `state after, ${said}`, '']);
  await checkLedger('import', ctx);
}

interface Context {
  world: World;
  client: ReturnType<typeof createNeo4jClient>;
  neo4jDir: string;
  server: () => ServerProcess;
  restart: (s: ServerProcess) => void;
  serverOptions: Parameters<typeof startServer>[0];
  timings: string[][];
}

await inTemporaryFolder('faults', async (dir) => {
  const big = only.has('import') ? await generateNetwork(path.join(dir, 'big'), values) : undefined;
  const neo4jDir = path.join(dir, 'neo4j');
  const boltPort = await freePort();
  const serverOptions = {
    env: { NEO4J_URI: '', NEO4J_DIR: neo4jDir, NEO4J_BOLT_PORT: String(boltPort), NEO4J_HEAP: values.heap, NEO4J_PAGECACHE: '512m', SEED_ON_EMPTY: 'true', DEMO_USERS: 'false', LOG_LEVEL: 'info' },
    port: await freePort(),
    logFile: path.join(dir, 'server.log'),
  };
  const started = performance.now();
  let server = await startServer(serverOptions);
  const client = createNeo4jClient({ uri: `bolt://127.0.0.1:${boltPort}`, user: 'neo4j', password: '' });
  let failed = false;
  try {
    say(`Server ${server.url} (pid ${server.pid}) with its embedded Neo4j (pid ${neo4jPid(neo4jDir)}) and the demonstration network, up in ${sec(performance.now() - started)}`);
    const world = await prepareWorld(client, server.url, CLIENTS, 'flt-', { writesPerMinute: Number(values['writes-per-minute']), communitiesSignedIn: false, timeoutMs: 120_000 });
    say(`Warm after ${(await waitWarm(world)).toFixed(1)} s more; load: ${CLIENTS} clients, ${values['writes-per-minute']} writes a minute`);
    const ctx: Context = { world, client, neo4jDir, server: () => server, restart: (s) => (server = s), serverOptions, timings: [] };
    for (const fault of ['pause', 'stop', 'kill'] as const) if (only.has(fault)) await databaseFault(fault, ctx);
    if (big) await importFault(ctx, { first: withPrefix(big, 'big-a-'), second: withPrefix(big, 'big-b-') });

    say('');
    say(formatTable([['fault', 'recovery / outcome', 'database-needing answers', 'memory-served answers'], ...ctx.timings]));
    say('');
    say(formatTable([['fault', 'check', 'value', 'goal', ''], ...checks.map((c) => [c.fault, c.check, c.value, c.goal, c.pass ? 'pass' : 'FAIL'])]));
    failed = checks.some((c) => !c.pass);
    const problems = server.logs.filter((l) => l.level >= 50);
    for (const line of problems.slice(0, 10)) say(`  server log (error): ${line.msg}`);
  } catch (err) {
    failed = true;
    say(`faults: ${(err as Error).stack ?? err}`);
  } finally {
    await client.close();
    await server.stop();
  }
  if (failed) {
    // The server's own account of the run (the temporary folder goes), for whoever looks into the failure.
    const kept = path.join(PROJECT_ROOT, 'reports', `faults-${new Date().toISOString().slice(0, 19).replaceAll(':', '')}.server.log`);
    await mkdir(path.dirname(kept), { recursive: true });
    await copyFile(serverOptions.logFile, kept);
    say(`Server log: ${path.relative(PROJECT_ROOT, kept)}`);
    process.exitCode = 1;
  }
});
