/**
 * Runs the project's own Neo4j 5.26 Community server (used when NEO4J_URI is not set): writes
 * its neo4j.conf, launches the JVM the way Neo4j's own bootloader would, waits until Bolt
 * answers, and stops it cleanly. One instance per data folder; a leftover from a crashed run
 * is found through the pid file and stopped first.
 *
 * Supervised (supervisor.ts): when the JVM exits without being asked to, the exit is logged and
 * the server is started again on the same folder and port with a growing delay until it answers;
 * the driver then reconnects by itself. `stop()` ends the supervision first, so a deliberate
 * stop is never undone.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createNeo4jClient, type Neo4jClient } from '../store/neo4j-client.ts';
import { findJava } from './find-java.ts';
import { isAlive, signal, sleep, terminate, waitGone } from './processes.ts';
import { canConnect, isPortInUse } from './free-port.ts';
import { ensureNeo4jJars, printLog, type RuntimeLog } from './neo4j-jars.ts';
import { classArchive } from './class-archive.ts';
import { RESTART_DEFAULTS, supervise, type RestartOptions, type Supervisor } from './supervisor.ts';

export type { RuntimeLog };

export type EmbeddedNeo4jOptions = {
  /** Absolute folder that holds conf/, data/, logs/ and run/. */
  dataDir: string;
  boltPort: number;
  /** JVM heap, initial and maximum (Neo4j's advice: keep them equal). */
  heapMax?: string;
  pageCache?: string;
  /** A Java 17 or 21 home (NEO4J_JAVA_HOME); found automatically when absent. */
  javaHome?: string;
  /** The machine's JAVA_HOME, tried when it is a 17 or 21. */
  systemJavaHome?: string;
  /** Where the Neo4j jars are (fetched there on first use); default .neo4j/lib. */
  libDir?: string;
  log?: RuntimeLog;
  startTimeoutMs?: number;
  /** Start the server again when it exits unasked (default RESTART_DEFAULTS); false: leave it dead. */
  restart?: Partial<RestartOptions> | false;
};

export { RESTART_DEFAULTS, type RestartOptions };

export type EmbeddedNeo4j = {
  uri: string;
  /** The JVM's process id (a new one after each restart). */
  readonly pid: number;
  /** How many times the supervisor started the server again after an unasked exit. */
  readonly restarts: number;
  /** Stops the server (SIGTERM, SIGKILL after 60 s) and its supervision; safe to call more than once. */
  stop(): Promise<void>;
};

const DEFAULTS = { heapMax: '2g', pageCache: '512m', startTimeoutMs: 180_000 };
const STOP_GRACE_MS = 60_000;
const ENTRY_CLASS = 'org.neo4j.server.CommunityEntryPoint';
const PID_FILE = 'embedded-neo4j.pid';
const SIZE_PATTERN = /^\d+[kmg]$/i;

/**
 * The `server.jvm.additional` lines of the conf/neo4j.conf shipped in the Neo4j 5.26
 * Community distribution ("JVM Parameters" section), plus -Dfile.encoding=UTF-8, which its
 * bootloader (org.neo4j.server.startup.BootloaderOsAbstraction in neo4j-5.26.30.jar) always
 * adds. The bootloader also adds -Xms/-Xmx from the heap settings; see jvmArgs().
 */
export const NEO4J_JVM_FLAGS: readonly string[] = [
  '-XX:+UseG1GC',
  '-XX:-OmitStackTraceInFastThrow',
  '-XX:+AlwaysPreTouch',
  '-XX:+UnlockExperimentalVMOptions',
  '-XX:+TrustFinalNonStaticFields',
  '-XX:+DisableExplicitGC',
  '-Djdk.nio.maxCachedBufferSize=1024',
  '-Dio.netty.tryReflectionSetAccessible=true',
  '-Djdk.tls.ephemeralDHKeySize=2048',
  '-Djdk.tls.rejectClientInitiatedRenegotiation=true',
  '-XX:FlightRecorderOptions=stackdepth=256',
  '-XX:+UnlockDiagnosticVMOptions',
  '-XX:+DebugNonSafepoints',
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '--enable-native-access=ALL-UNNAMED',
  '-Dlog4j2.disable.jmx=true',
  '-Dlog4j.layout.jsonTemplate.maxStringLength=32768',
  '-Dfile.encoding=UTF-8',
];

type Paths = { dataDir: string; conf: string; data: string; logs: string; run: string; import: string; pidFile: string };

/** Starts Neo4j and resolves once a `RETURN 1` over Bolt succeeds. */
export async function startEmbeddedNeo4j(options: EmbeddedNeo4jOptions): Promise<EmbeddedNeo4j> {
  const o = { ...DEFAULTS, ...withoutUndefined(options) };
  const log = o.log ?? printLog;
  validate(o);
  const paths = pathsFor(o.dataDir);
  const libDir = await ensureNeo4jJars({ libDir: o.libDir, log });
  const java = await findJava(o.javaHome, { javaHome: o.systemJavaHome });

  await Promise.all([paths.conf, paths.data, paths.logs, paths.run, paths.import].map((d) => mkdir(d, { recursive: true })));
  await stopLeftover(paths, log);
  if (await isPortInUse(o.boltPort).catch((err: Error) => failPort(o.boltPort, err.message))) {
    failPort(o.boltPort, 'it is already in use by another program');
  }
  await writeFile(path.join(paths.conf, 'neo4j.conf'), renderConf(paths, o));

  const uri = `bolt://127.0.0.1:${o.boltPort}`;
  const archive = await classArchive(path.join(path.dirname(libDir), 'cds'), libDir, java.versionText);
  const args = jvmArgs(o.heapMax, libDir, paths, archive.jvmArgs);
  const restart = o.restart === false ? undefined : { ...RESTART_DEFAULTS, ...withoutUndefined(o.restart ?? {}) };
  log('Starting Neo4j', { uri, dataDir: paths.dataDir, java: java.versionText, javaHome: java.home, heap: o.heapMax });

  let current: ChildProcess | undefined;
  // Fallback for when setpriv is missing: a normal Node exit still takes the JVM down.
  const killOnExit = () => current && signal(current.pid as number, 'SIGTERM');
  process.on('exit', killOnExit);
  const first = Date.now();
  let supervisor: Supervisor;
  const stopJvm = async (stopped: ChildProcess, { dead, forced }: { dead: boolean; forced: boolean }) => {
    process.off('exit', killOnExit);
    // A JVM that had died already (and waits for its restart) left no archive worth keeping.
    await archive.afterExit(!forced && !dead).catch((err: Error) => log('Could not keep the class archive', { error: err.message }));
    await removePidFile(paths.pidFile, stopped.pid as number);
  };
  try {
    supervisor = await supervise({
      name: 'Neo4j',
      log,
      restart,
      stopGraceMs: STOP_GRACE_MS,
      detail: { uri, logs: paths.logs },
      async launch() {
        current = launch(java.javaBin, args, path.join(paths.logs, 'console.log'));
        // Line 1: the JVM; line 2: this Node process, which owns it while it lives.
        await writeFile(paths.pidFile, `${current.pid}\n${process.pid}\n`);
        return current;
      },
      ready: (child) => waitForBolt(child, uri, o.boltPort, o.startTimeoutMs),
    });
  } catch (err) {
    if (current) {
      const dead = current.exitCode !== null || current.signalCode !== null;
      const forced = await terminate(current, STOP_GRACE_MS);
      await stopJvm(current, { dead, forced });
    }
    throw new Error(`${(err as Error).message}\n${await logTails(paths.logs)}`);
  }
  log('Neo4j is ready', { uri, pid: supervisor.child.pid, seconds: seconds(first) });
  return {
    uri,
    get pid() {
      return supervisor.child.pid as number;
    },
    get restarts() {
      return supervisor.restarts;
    },
    stop: () => {
      const t0 = Date.now();
      return supervisor.stop(async (stopped, how) => {
        await stopJvm(stopped, how);
        log('Neo4j stopped', { pid: stopped.pid, seconds: seconds(t0), forced: how.forced });
      });
    },
  };
}

function validate(o: EmbeddedNeo4jOptions & typeof DEFAULTS): void {
  const bad: string[] = [];
  if (!path.isAbsolute(o.dataDir)) bad.push(`dataDir must be an absolute path (got ${o.dataDir})`);
  if (!Number.isInteger(o.boltPort) || o.boltPort < 1 || o.boltPort > 65535) bad.push(`boltPort must be 1-65535 (got ${o.boltPort})`);
  if (!SIZE_PATTERN.test(o.heapMax)) bad.push(`heapMax must look like 512m or 2g (got ${o.heapMax})`);
  if (!SIZE_PATTERN.test(o.pageCache)) bad.push(`pageCache must look like 512m or 2g (got ${o.pageCache})`);
  if (!(o.startTimeoutMs > 0)) bad.push(`startTimeoutMs must be positive (got ${o.startTimeoutMs})`);
  if (bad.length > 0) throw new Error(`embedded-neo4j: ${bad.join('; ')}`);
}

function failPort(port: number, why: string): never {
  throw new Error(
    `Cannot start the project's own Neo4j: Bolt port ${port} on 127.0.0.1 is not available (${why}). ` +
      `Set NEO4J_BOLT_PORT to a free port, or stop the program that uses it (ss -ltnp 'sport = :${port}' shows it).`,
  );
}

function pathsFor(dataDir: string): Paths {
  const run = path.join(dataDir, 'run');
  return {
    dataDir,
    conf: path.join(dataDir, 'conf'),
    data: path.join(dataDir, 'data'),
    logs: path.join(dataDir, 'logs'),
    run,
    import: path.join(dataDir, 'import'),
    pidFile: path.join(run, PID_FILE),
  };
}

/** neo4j.conf, rewritten on every start so a changed option always takes effect. */
function renderConf(paths: Paths, o: { boltPort: number; heapMax: string; pageCache: string }): string {
  return [
    '# Written by musubi (server/runtime/embedded-neo4j.ts) on every start: edits here are lost.',
    `server.directories.data=${paths.data}`,
    `server.directories.logs=${paths.logs}`,
    `server.directories.run=${paths.run}`,
    `server.directories.import=${paths.import}`,
    // Loopback only: nothing outside this machine can reach it, which is why auth is off.
    'server.default_listen_address=127.0.0.1',
    `server.bolt.listen_address=127.0.0.1:${o.boltPort}`,
    `server.bolt.advertised_address=127.0.0.1:${o.boltPort}`,
    'server.http.enabled=false',
    'server.https.enabled=false',
    'dbms.security.auth_enabled=false',
    `server.memory.heap.initial_size=${o.heapMax}`,
    `server.memory.heap.max_size=${o.heapMax}`,
    `server.memory.pagecache.size=${o.pageCache}`,
    // 0 = no per-transaction or global tracking limit: an import writes up to 500,000
    // relationships in one transaction, and the heap is the real bound.
    'db.memory.transaction.max=0',
    'db.memory.transaction.total.max=0',
    'dbms.memory.transaction.total.max=0',
    // A local working copy needs no point-in-time recovery: keep transaction logs small.
    'db.tx_log.rotation.retention_policy=2 files',
    'db.tx_log.rotation.size=64m',
    'dbms.usage_report.enabled=false',
    'server.logs.gc.enabled=false',
    '',
  ].join('\n');
}

function jvmArgs(heap: string, libDir: string, paths: Paths, extra: readonly string[]): string[] {
  return [
    ...NEO4J_JVM_FLAGS,
    ...extra,
    `-Xms${heap}`,
    `-Xmx${heap}`,
    '-cp',
    path.join(libDir, '*'),
    ENTRY_CLASS,
    `--home-dir=${paths.dataDir}`,
    `--config-dir=${paths.conf}`,
  ];
}

/** True when util-linux setpriv can set a parent-death signal (Linux only). */
function hasPdeathsig(): boolean {
  if (process.platform !== 'linux') return false;
  const probe = spawnSync('setpriv', ['--help'], { encoding: 'utf8' });
  return probe.status === 0 && probe.stdout.includes('--pdeathsig');
}

/**
 * Spawns the JVM in its own process group, so a terminal's Ctrl-C reaches only Node, which
 * then stops Neo4j in order; setpriv makes the kernel send SIGTERM if Node dies hard.
 */
function launch(javaBin: string, args: string[], consoleLog: string): ChildProcess {
  const [command, commandArgs] = hasPdeathsig()
    ? ['setpriv', ['--pdeathsig', 'TERM', '--', javaBin, ...args]]
    : [javaBin, args];
  const fd = openSync(consoleLog, 'a');
  try {
    writeSync(fd, `\n--- ${new Date().toISOString()} ${command} ${commandArgs.join(' ')}\n`);
    const child = spawn(command, commandArgs, { stdio: ['ignore', fd, fd], detached: true });
    let spawnError: Error | undefined;
    // Without a listener a spawn error would crash the process instead of being reported.
    child.on('error', (err) => (spawnError = err));
    if (child.pid === undefined) {
      throw new Error(`embedded-neo4j: could not start ${command}: ${spawnError?.message ?? 'no process id'}`);
    }
    return child;
  } finally {
    closeSync(fd);
  }
}

/** Polls until Bolt accepts a connection and the default database answers a query. */
async function waitForBolt(child: ChildProcess, uri: string, port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  // Through the store's client: the driver stays in store/.
  const client = createNeo4jClient({ uri, user: 'neo4j', password: '' });
  try {
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`Neo4j exited during start-up (${child.signalCode ?? `exit code ${child.exitCode}`}).`);
      }
      if ((await canConnect(port)) && (await answers(client))) return;
      await sleep(250);
    }
  } finally {
    await client.close();
  }
  throw new Error(`Neo4j did not answer on ${uri} within ${Math.round(timeoutMs / 1000)} s.`);
}

/** Bolt listens before the default database is online; the caller polls again until it answers. */
function answers(client: Neo4jClient): Promise<boolean> {
  return client.serverInfo(3_000).then(
    () => true,
    () => false,
  );
}

/**
 * Stops a server recorded in the pid files (ours, or Neo4j's own run/neo4j.pid) that still
 * runs on this folder after its owner died. One whose owner is alive is in use: refuse.
 */
async function stopLeftover(paths: Paths, log: RuntimeLog): Promise<void> {
  const [jvmPid, ownerPid] = await readPids(paths.pidFile);
  if (ownerPid !== undefined && ownerPid !== process.pid && isAlive(ownerPid) && isOurServer(jvmPid, paths.conf)) {
    throw new Error(
      `Process ${ownerPid} already runs Neo4j (pid ${jvmPid}) on ${paths.dataDir}. ` +
        'Stop that process first, or give this one another NEO4J_DIR and NEO4J_BOLT_PORT.',
    );
  }
  const [neo4jOwnPid] = await readPids(path.join(paths.run, 'neo4j.pid'));
  for (const pid of new Set([jvmPid, neo4jOwnPid])) {
    if (pid === undefined || !isOurServer(pid, paths.conf)) continue;
    log('Stopping a Neo4j left running on this data folder by an earlier run', { pid, dataDir: paths.dataDir });
    signal(pid, 'SIGTERM');
    if (!(await waitGone(pid, STOP_GRACE_MS))) {
      signal(pid, 'SIGKILL');
      await waitGone(pid, 10_000);
    }
  }
  await rm(paths.pidFile, { force: true });
}

/** The positive integers on the lines of a pid file (none when it is missing). */
async function readPids(file: string): Promise<Array<number | undefined>> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.split('\n').map((line) => Number(line.trim())).map((n) => (Number.isInteger(n) && n > 0 ? n : undefined));
}

/** Whether pid is a live Neo4j JVM using this conf folder (a recycled pid is left alone). */
function isOurServer(pid: number | undefined, confDir: string): pid is number {
  if (pid === undefined || !isAlive(pid)) return false;
  let cmdline: string;
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    // No /proc (macOS): ps prints the same command line.
    cmdline = spawnSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' }).stdout ?? '';
  }
  return cmdline.includes(ENTRY_CLASS) && cmdline.includes(`--config-dir=${confDir}`);
}

async function removePidFile(file: string, pid: number): Promise<void> {
  const [recorded] = await readPids(file);
  if (recorded === pid) await rm(file, { force: true });
}

/** The last lines of neo4j.log and console.log, for a start-up error message. */
async function logTails(logsDir: string, lines = 25): Promise<string> {
  const parts: string[] = [];
  for (const name of ['neo4j.log', 'console.log']) {
    const file = path.join(logsDir, name);
    const text = await readFile(file, 'utf8').catch(() => '');
    const tail = text.trimEnd().split('\n').slice(-lines).join('\n');
    if (tail) parts.push(`--- last lines of ${file} ---\n${tail}`);
  }
  parts.push(`(full logs in ${logsDir})`);
  return parts.join('\n');
}

function seconds(since: number): number {
  return Math.round((Date.now() - since) / 100) / 10;
}

function withoutUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
