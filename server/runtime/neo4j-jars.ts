/**
 * Fetches the Neo4j Community server jars, once, into an ignored folder of the project.
 * scripts/neo4j/pom.xml pins the version (the one place it is written). scripts/neo4j/jars.lock
 * (`npm run neo4j:lock`) lists that version's jars with their Maven Central paths and SHA-1 sums:
 * with it, the jars are copied from ~/.m2 or fetched from Maven Central several at a time and each
 * checked against its sum (a few seconds; Maven resolving the pom's graph one request after
 * another took 28-38 s of a fresh machine's first start). Without a lock for the pinned version,
 * or when Maven Central cannot be reached directly (a mirror or proxy in ~/.m2/settings.xml),
 * Maven resolves them. The copy lands in a temporary sibling folder and is renamed into place
 * only when complete, so an interrupted download is never mistaken for a usable one.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import os from 'node:os';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isAlive } from './processes.ts';
import { PROJECT_ROOT } from '../config.ts';

/** Progress and lifecycle events: a human sentence plus structured fields (fits pino's `info(fields, msg)`). */
export type RuntimeLog = (event: string, fields?: object) => void;

/** Default log for command-line use: the sentence on stderr, fields as compact JSON. */
export const printLog: RuntimeLog = (event, fields) => {
  const extra = fields && Object.keys(fields).length > 0 ? ` ${JSON.stringify(fields)}` : '';
  process.stderr.write(`[neo4j] ${event}${extra}\n`);
};

export const NEO4J_POM = path.join(PROJECT_ROOT, 'scripts', 'neo4j', 'pom.xml');
export const NEO4J_LOCK = path.join(PROJECT_ROOT, 'scripts', 'neo4j', 'jars.lock');
export const DEFAULT_LIB_DIR = path.join(PROJECT_ROOT, '.neo4j', 'lib');
export const MAVEN_CENTRAL = 'https://repo.maven.apache.org/maven2';
/** Jars fetched at once from Maven Central. */
const FETCHES_AT_ONCE = 8;

/** Written last into a complete copy; lists the jars so a half-deleted folder is noticed too. */
const MARKER_FILE = '.complete.json';
const DOWNLOAD_SUFFIX = '.download-';
const HEARTBEAT_MS = 20_000;

type Marker = { version: string; jars: string[] };

export type EnsureJarsOptions = {
  /** Where the jars live; default `.neo4j/lib` under the project root. */
  libDir?: string;
  log?: RuntimeLog;
  /** The pom that pins the version; default scripts/neo4j/pom.xml. */
  pomPath?: string;
  /** The jars of the pinned version with their sums; default scripts/neo4j/jars.lock (none: Maven resolves). */
  lockPath?: string;
  /** Where the locked jars are fetched from; default Maven Central. */
  repositoryUrl?: string;
  /** A local Maven repository to copy locked jars from first; default ~/.m2/repository. */
  localRepository?: string;
  /** Resolves the pom into a folder when the lock cannot serve (default: Maven, runMaven). */
  maven?: (pomPath: string, outDir: string, version: string) => Promise<void>;
};

/** One jar of the lock: its path in a Maven repository, its size in bytes and its SHA-1 sum. */
export interface LockedJar {
  path: string;
  size: number;
  sha1: string;
}

/** The lock file's text (scripts/neo4j-lock.ts writes it). */
export function formatLock(version: string, jars: readonly LockedJar[]): string {
  return [
    '# The jars of scripts/neo4j/pom.xml on Maven Central: path, size in bytes, SHA-1. Written by `npm run neo4j:lock`.',
    `neo4j\t${version}`,
    ...jars.map((j) => `${j.path}\t${j.size}\t${j.sha1}`),
    '',
  ].join('\n');
}

/** A lock file's version and jars; undefined for a file that is not one. */
export function parseLock(text: string): { version: string; jars: LockedJar[] } | undefined {
  let version: string | undefined;
  const jars: LockedJar[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const cells = line.split('\t');
    if (cells[0] === 'neo4j' && cells.length === 2) version = cells[1];
    else if (cells.length === 3 && /^[\w.-]+(\/[\w.+-]+)+\.jar$/.test(cells[0]) && !cells[0].includes('..') && /^\d+$/.test(cells[1]) && /^[0-9a-f]{40}$/.test(cells[2])) {
      jars.push({ path: cells[0], size: Number(cells[1]), sha1: cells[2] });
    } else return undefined;
  }
  return version && jars.length ? { version, jars } : undefined;
}

/** The SHA-1 sum of a jar's bytes, as the lock writes it (hex). */
export function sha1Of(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('hex');
}

/** Maven Central could not be reached for a jar (not a wrong sum: that is never retried elsewhere). */
class Unreachable extends Error {}

/**
 * The locked jars into `outDir` under their file names, each from the local Maven repository when
 * it holds the same bytes, else from `repositoryUrl`; a jar whose size or SHA-1 differs from the
 * lock is an error that names it.
 */
async function fetchLocked(jars: readonly LockedJar[], outDir: string, repositoryUrl: string, localRepository: string): Promise<void> {
  await mkdir(outDir, { recursive: true });
  const one = async (jar: LockedJar) => {
    const target = path.join(outDir, path.posix.basename(jar.path));
    const cached = await readFile(path.join(localRepository, ...jar.path.split('/'))).catch(() => undefined);
    if (cached && cached.length === jar.size && sha1Of(cached) === jar.sha1) return writeFile(target, cached);
    const url = `${repositoryUrl.replace(/\/$/, '')}/${jar.path}`;
    let bytes: Uint8Array;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(120_000) });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      bytes = new Uint8Array(await res.arrayBuffer());
    } catch (err) {
      throw new Unreachable(`${url}: ${(err as Error).message}`);
    }
    if (bytes.length !== jar.size || sha1Of(bytes) !== jar.sha1) {
      throw new Error(`neo4j-jars: ${url} is not the jar of scripts/neo4j/jars.lock (${bytes.length} bytes, SHA-1 ${sha1Of(bytes)}; the lock says ${jar.size} bytes, ${jar.sha1}). Nothing was installed.`);
    }
    await writeFile(target, bytes);
  };
  // On the first failure no further jar is started, and every fetch under way ends before this
  // returns: nothing writes into the folder once the caller removes it or hands it to Maven.
  const queue = [...jars];
  const settled = await Promise.allSettled(
    Array.from({ length: FETCHES_AT_ONCE }, async () => {
      for (let jar = queue.shift(); jar; jar = queue.shift()) {
        await one(jar).catch((err: unknown) => {
          queue.length = 0;
          throw err;
        });
      }
    }),
  );
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

/** The Neo4j version pinned in the pom's NEO4J_VERSION property. */
export async function pinnedNeo4jVersion(pomPath = NEO4J_POM): Promise<string> {
  const pom = await readFile(pomPath, 'utf8').catch((err: Error) => {
    throw new Error(`neo4j-jars: cannot read ${pomPath}: ${err.message}`);
  });
  const version = /<NEO4J_VERSION>\s*([^<\s]+)\s*<\/NEO4J_VERSION>/.exec(pom)?.[1];
  if (!version) throw new Error(`neo4j-jars: ${pomPath} has no <NEO4J_VERSION> property`);
  return version;
}

/**
 * Makes sure `libDir` holds the complete jar set of the pinned Neo4j version, running Maven
 * the first time (about 120 MB from Maven Central, or seconds when ~/.m2 already has them).
 * Returns the absolute lib folder, ready for `java -cp 'lib/*'`.
 */
export async function ensureNeo4jJars(options: EnsureJarsOptions = {}): Promise<string> {
  const libDir = path.resolve(options.libDir ?? DEFAULT_LIB_DIR);
  const log = options.log ?? printLog;
  const pomPath = path.resolve(options.pomPath ?? NEO4J_POM);
  const version = await pinnedNeo4jVersion(pomPath);

  if (await isComplete(libDir, version)) return libDir;

  await mkdir(path.dirname(libDir), { recursive: true });
  await removeAbandonedDownloads(libDir);
  const tmpDir = `${libDir}${DOWNLOAD_SUFFIX}${process.pid}-${Date.now()}`;
  const started = Date.now();
  log(`Fetching Neo4j ${version} from Maven Central (about 120 MB, first start only)...`, { libDir });
  const heartbeat = setInterval(() => {
    log(`Still fetching Neo4j ${version} (${Math.round((Date.now() - started) / 1000)} s so far)...`);
  }, HEARTBEAT_MS);
  try {
    const lock = parseLock(await readFile(path.resolve(options.lockPath ?? NEO4J_LOCK), 'utf8').catch(() => ''));
    const maven = options.maven ?? ((pom: string, out: string, v: string) => runMaven(pom, out, v));
    if (lock?.version === version) {
      try {
        await fetchLocked(lock.jars, tmpDir, options.repositoryUrl ?? MAVEN_CENTRAL, options.localRepository ?? path.join(os.homedir(), '.m2', 'repository'));
      } catch (err) {
        if (!(err instanceof Unreachable)) throw err;
        log(`Maven Central did not answer directly (${err.message}); asking Maven, which follows ~/.m2/settings.xml...`);
        await rm(tmpDir, { recursive: true, force: true });
        await maven(pomPath, tmpDir, version);
      }
    } else {
      await maven(pomPath, tmpDir, version);
    }
    const jars = (await readdir(tmpDir)).filter((f) => f.endsWith('.jar')).sort();
    if (!jars.includes(`neo4j-${version}.jar`)) {
      throw new Error(`neo4j-jars: the jars were fetched but neo4j-${version}.jar is missing from ${tmpDir}`);
    }
    const marker: Marker = { version, jars };
    await writeFile(path.join(tmpDir, MARKER_FILE), `${JSON.stringify(marker, null, 2)}\n`);
    await installAtomically(tmpDir, libDir, version);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    log(`Neo4j ${version} ready (${jars.length} jars in ${seconds} s)`, { libDir });
    return libDir;
  } finally {
    clearInterval(heartbeat);
    await rm(tmpDir, { recursive: true, force: true });
  }
}

/** True when the marker names this version and every jar it lists is still there. */
async function isComplete(libDir: string, version: string): Promise<boolean> {
  try {
    const marker = JSON.parse(await readFile(path.join(libDir, MARKER_FILE), 'utf8')) as Marker;
    if (marker.version !== version || !Array.isArray(marker.jars) || marker.jars.length === 0) return false;
    const present = new Set(await readdir(libDir));
    return marker.jars.every((jar) => present.has(jar));
  } catch {
    return false;
  }
}

/** Renames the finished download into place; an older or broken copy is moved aside first. */
async function installAtomically(tmpDir: string, libDir: string, version: string): Promise<void> {
  if (!existsSync(libDir)) {
    try {
      await rename(tmpDir, libDir);
      return;
    } catch (err) {
      // Another process may have installed a copy between the check and the rename.
      if (await isComplete(libDir, version)) return;
      throw err;
    }
  }
  if (await isComplete(libDir, version)) return;
  const aside = `${libDir}.old-${process.pid}-${Date.now()}`;
  await rename(libDir, aside);
  await rename(tmpDir, libDir);
  await rm(aside, { recursive: true, force: true });
}

/** Deletes download folders left by processes that died mid-download. */
async function removeAbandonedDownloads(libDir: string): Promise<void> {
  const parent = path.dirname(libDir);
  const prefix = `${path.basename(libDir)}${DOWNLOAD_SUFFIX}`;
  for (const entry of await readdir(parent)) {
    if (!entry.startsWith(prefix)) continue;
    const pid = Number(entry.slice(prefix.length).split('-')[0]);
    if (Number.isInteger(pid) && pid !== process.pid && isAlive(pid)) continue;
    await rm(path.join(parent, entry), { recursive: true, force: true });
  }
}


/** `mvn dependency:copy-dependencies` into outDir; keeps the tail of Maven's output for errors. */
export function runMaven(pomPath: string, outDir: string, version: string, extraArgs: readonly string[] = []): Promise<void> {
  const args = [
    '-B',
    '-q',
    '-Dstyle.color=never',
    '-f',
    pomPath,
    'dependency:copy-dependencies',
    `-DoutputDirectory=${outDir}`,
    ...extraArgs,
  ];
  return new Promise((resolve, reject) => {
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-16_000);
    };
    const child = spawn('mvn', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') {
        reject(
          new Error(
            `Apache Maven (mvn) is needed once, to fetch Neo4j ${version} from Maven Central, and it is not on PATH. ` +
              'Install it: apt-get install maven (Debian/Ubuntu), brew install maven (macOS), ' +
              'or see https://maven.apache.org/install.html. Or set NEO4J_URI to use a Neo4j you already run.',
          ),
        );
      } else {
        reject(new Error(`neo4j-jars: could not run mvn: ${err.message}`));
      }
    });
    child.once('close', (code, signal) => {
      if (code === 0) {
        resolve();
        return;
      }
      const tail = output.trim().split('\n').slice(-25).join('\n');
      reject(
        new Error(
          `Fetching Neo4j ${version} with Maven failed (${signal ?? `exit code ${code}`}). ` +
            `Command: mvn ${args.join(' ')}\n${tail}\n` +
            'Check network access to Maven Central (or a mirror in ~/.m2/settings.xml), then start again.',
        ),
      );
    });
  });
}
