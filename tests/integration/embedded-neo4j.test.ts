/**
 * The project's own Neo4j, for real: a JVM on a free loopback port in a temporary folder.
 * Each test starts its own instance, so it does not depend on any shared Neo4j.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedNeo4j, type EmbeddedNeo4j } from '../../server/runtime/embedded-neo4j.ts';
import { findJava, parseJavaMajor } from '../../server/runtime/find-java.ts';
import { freePort, isPortInUse } from '../../server/runtime/free-port.ts';
import { ensureNeo4jJars } from '../../server/runtime/neo4j-jars.ts';

const TEMURIN_25 = '/usr/lib/jvm/temurin-25-jdk-amd64';
const START_MS = 240_000;
const tempDirs: string[] = [];
const running: EmbeddedNeo4j[] = [];
const owners: Array<{ process: ChildProcess; jvmPid: number }> = [];
const events: Array<{ event: string; fields?: object }> = [];
const log = (event: string, fields?: object) => events.push({ event, fields });

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'musubi-neo4j-'));
  tempDirs.push(dir);
  return dir;
}

async function start(dataDir: string, boltPort: number): Promise<EmbeddedNeo4j> {
  const db = await startEmbeddedNeo4j({ dataDir, boltPort, heapMax: '1g', pageCache: '256m', log });
  running.push(db);
  return db;
}

async function query<T>(uri: string, cypher: string, params: Record<string, unknown> = {}): Promise<T[]> {
  const driver = neo4j.driver(uri);
  try {
    const result = await driver.executeQuery(cypher, params);
    return result.records.map((r) => r.toObject() as T);
  } finally {
    await driver.close();
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntil(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return check();
}

/** Starts Neo4j from a separate Node process, as the product would; resolves with both pids. */
async function startInChildProcess(
  dataDir: string,
  boltPort: number,
  env: NodeJS.ProcessEnv,
  then: 'hold' | 'stop' = 'hold',
): Promise<{ process: ChildProcess; jvmPid: number }> {
  // The child may run without mvn on PATH, so the jars are fetched here first.
  await ensureNeo4jJars({ log });
  const moduleUrl = new URL('../../server/runtime/embedded-neo4j.ts', import.meta.url).href;
  const script = path.join(dataDir, 'owner.mts'); // .mts: an ES module wherever it lies
  const options = { dataDir, boltPort, heapMax: '1g', pageCache: '256m' };
  await writeFile(
    script,
    `import { startEmbeddedNeo4j } from ${JSON.stringify(moduleUrl)};\n` +
      `const db = await startEmbeddedNeo4j({ ...${JSON.stringify(options)}, log: () => {} });\n` +
      'console.log(JSON.stringify({ pid: db.pid }));\n' +
      // 'hold' keeps the owner alive; 'stop' stops Neo4j and lets Node end by itself.
      (then === 'hold' ? 'setInterval(() => {}, 1000);\n' : 'await db.stop();\nconsole.log("stopped");\n'),
  );
  const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'inherit'], env });
  const jvmPid = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve((JSON.parse(line) as { pid: number }).pid);
    });
    child.once('exit', (code) => reject(new Error(`the owner process exited early with ${code}`)));
  });
  const owner = { process: child, jvmPid };
  owners.push(owner);
  return owner;
}

afterAll(async () => {
  // Whatever a failed test left behind: owner processes first, then their JVMs.
  for (const owner of owners) {
    owner.process.kill('SIGKILL');
    if (!(await waitUntil(() => !isAlive(owner.jvmPid), 30_000))) process.kill(owner.jvmPid, 'SIGKILL');
  }
  await Promise.all(running.map((db) => db.stop()));
  await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })));
}, 120_000);

describe('findJava', () => {
  it('picks a Java 17 or 21 and reports its version', async () => {
    const java = await findJava();
    expect([17, 21]).toContain(java.version);
    expect(java.home.startsWith(TEMURIN_25)).toBe(false);
  });

  it('reads the major version from both version styles', () => {
    expect(parseJavaMajor('1.8.0_292')).toBe(8);
    expect(parseJavaMajor('17.0.15')).toBe(17);
    expect(parseJavaMajor('21')).toBe(21);
    expect(parseJavaMajor('25.0.3')).toBe(25);
    expect(parseJavaMajor('garbage')).toBeUndefined();
  });

  it.runIf(existsSync(TEMURIN_25))('passes over a JAVA_HOME of Java 25 and refuses it as NEO4J_JAVA_HOME', async () => {
    const java = await findJava(undefined, { javaHome: TEMURIN_25 });
    expect([17, 21]).toContain(java.version);
    await expect(findJava(TEMURIN_25)).rejects.toThrow(/Java 25.*17 or 21/);
  });

  it.runIf(existsSync(TEMURIN_25))('names what it found and what to install when only Java 25 is there', async () => {
    const onlyTemurin = await tempDir();
    await symlink(TEMURIN_25, path.join(onlyTemurin, 'temurin-25'));
    // An empty PATH hides the system `java`, so only the Temurin folder is seen.
    const savedPath = process.env.PATH;
    process.env.PATH = '';
    try {
      await expect(findJava(undefined, { javaHome: undefined, searchDirs: [onlyTemurin] })).rejects.toThrow(
        /needs Java 17 or 21; found only: 25[^]*apt-get install openjdk-17-jre-headless[^]*NEO4J_JAVA_HOME/,
      );
    } finally {
      process.env.PATH = savedPath;
    }
  });
});

describe('startEmbeddedNeo4j', () => {
  it('keeps data across a stop and a restart, and leaves no JVM or port behind', async () => {
    const dataDir = await tempDir();
    const port = await freePort();
    const token = `token-${Date.now()}`;

    const first = await start(dataDir, port);
    expect(first.uri).toBe(`bolt://127.0.0.1:${port}`);
    await query(first.uri, 'CREATE (:EmbeddedProbe {token: $token})', { token });
    await first.stop();
    expect(() => process.kill(first.pid, 0)).toThrow();
    expect(await isPortInUse(port)).toBe(false);
    await first.stop(); // idempotent

    const second = await start(dataDir, port);
    const rows = await query<{ token: string }>(second.uri, 'MATCH (p:EmbeddedProbe) RETURN p.token AS token');
    expect(rows).toEqual([{ token }]);
    await second.stop();
    expect(isAlive(second.pid)).toBe(false);
    expect(existsSync(path.join(dataDir, 'run', 'embedded-neo4j.pid'))).toBe(false);
  }, 2 * START_MS);

  it('takes the JVM down when its Node process is killed hard, and the folder starts again', async () => {
    const dataDir = await tempDir();
    const port = await freePort();
    const owner = await startInChildProcess(dataDir, port, process.env);
    expect(isAlive(owner.jvmPid)).toBe(true);

    owner.process.kill('SIGKILL');
    expect(await waitUntil(() => !isAlive(owner.jvmPid), 90_000)).toBe(true);

    const again = await start(dataDir, port);
    expect(await query(again.uri, "RETURN 'up' AS state")).toEqual([{ state: 'up' }]);
    await again.stop();
  }, 2 * START_MS);

  it('refuses a folder whose Neo4j has a live owner, and stops one whose owner died', async () => {
    const dataDir = await tempDir();
    const port = await freePort();
    // Without setpriv on PATH there is no parent-death signal, as on macOS: a hard kill of the
    // owner leaves the JVM running, which is the leftover case.
    const binDir = await tempDir();
    await symlink(process.execPath, path.join(binDir, 'node'));
    const owner = await startInChildProcess(dataDir, port, { ...process.env, PATH: binDir });
    expect(isAlive(owner.jvmPid)).toBe(true);

    await expect(start(dataDir, await freePort())).rejects.toThrow(/already runs Neo4j/);

    owner.process.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, 2_000));
    expect(isAlive(owner.jvmPid)).toBe(true);

    const again = await start(dataDir, port);
    expect(isAlive(owner.jvmPid)).toBe(false);
    expect(events).toContainEqual({
      event: 'Stopping a Neo4j left running on this data folder by an earlier run',
      fields: { pid: owner.jvmPid, dataDir },
    });
    expect(await query(again.uri, "RETURN 'up' AS state")).toEqual([{ state: 'up' }]);
    await again.stop();
  }, 3 * START_MS);

  it('lets a Node program end by itself once Neo4j is stopped (regression: a 60 s grace timer held it open)', async () => {
    const owner = await startInChildProcess(await tempDir(), await freePort(), process.env, 'stop');
    const exited = new Promise<number | null>((resolve) =>
      owner.process.exitCode !== null ? resolve(owner.process.exitCode) : owner.process.once('exit', resolve),
    );
    const stopStarted = Date.now();
    expect(await exited).toBe(0);
    // Neo4j takes about 10 s to stop; the grace timer would have kept Node alive for 60 s.
    expect(Date.now() - stopStarted).toBeLessThan(45_000);
    expect(isAlive(owner.jvmPid)).toBe(false);
  }, START_MS);

  it('refuses a Bolt port held by another program and names NEO4J_BOLT_PORT', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      await expect(start(await tempDir(), port)).rejects.toThrow(new RegExp(`port ${port}.*NEO4J_BOLT_PORT`));
    } finally {
      blocker.close();
    }
  }, START_MS);

  it('rejects a relative data folder before starting anything', async () => {
    await expect(startEmbeddedNeo4j({ dataDir: 'relative/dir', boltPort: 7687, log })).rejects.toThrow(/absolute/);
  });
});
