/**
 * Fetching the pinned Neo4j's jars by the lock (server/runtime/neo4j-jars.ts): from a local Maven
 * repository when it holds the same bytes, else from the repository over HTTP, each checked
 * against its sum; Maven only when the repository cannot be reached. A loopback server stands in
 * for Maven Central, and a function for Maven.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureNeo4jJars, formatLock, NEO4J_LOCK, parseLock, pinnedNeo4jVersion, type LockedJar } from '../../server/runtime/neo4j-jars.ts';

const VERSION = '9.9.9';
const FILES: Record<string, Buffer> = {
  [`org/neo4j/neo4j/${VERSION}/neo4j-${VERSION}.jar`]: Buffer.from('the server jar'),
  'org/example/helper/1.0/helper-1.0.jar': Buffer.from('a helper jar'),
};
const sha1 = (b: Buffer) => createHash('sha1').update(b).digest('hex');
const locked = (files: Record<string, Buffer>): LockedJar[] => Object.entries(files).map(([p, b]) => ({ path: p, size: b.length, sha1: sha1(b) }));

let dir: string;
let repository: http.Server;
let url: string;
let served: string[];

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'musubi-jars-test-'));
  await writeFile(path.join(dir, 'pom.xml'), `<project><properties><NEO4J_VERSION>${VERSION}</NEO4J_VERSION></properties></project>`);
  await mkdir(path.join(dir, 'm2'));
  served = [];
  repository = http.createServer((req, res) => {
    const file = FILES[(req.url ?? '').replace(/^\/maven2\//, '')];
    served.push(req.url ?? '');
    if (!file) return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Length': file.length }).end(file);
  });
  await new Promise<void>((resolve) => repository.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(repository.address() as AddressInfo).port}/maven2`;
});

afterEach(async () => {
  await new Promise((resolve) => repository.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

function options(lock: string, extra: Record<string, unknown> = {}) {
  return {
    libDir: path.join(dir, 'lib'),
    pomPath: path.join(dir, 'pom.xml'),
    lockPath: lock,
    repositoryUrl: url,
    localRepository: path.join(dir, 'm2'),
    log: () => undefined,
    maven: async () => {
      throw new Error('Maven was asked');
    },
    ...extra,
  };
}

async function writeLock(jars: LockedJar[], version = VERSION): Promise<string> {
  const file = path.join(dir, 'jars.lock');
  await writeFile(file, formatLock(version, jars));
  return file;
}

describe('the Neo4j jars by the lock', () => {
  it('fetches every locked jar from the repository under its file name, checked, without Maven', async () => {
    const libDir = await ensureNeo4jJars(options(await writeLock(locked(FILES))));
    expect((await readdir(libDir)).filter((f) => f.endsWith('.jar')).sort()).toEqual(['helper-1.0.jar', `neo4j-${VERSION}.jar`]);
    expect(await readFile(path.join(libDir, 'helper-1.0.jar'), 'utf8')).toBe('a helper jar');
    expect(served).toHaveLength(2);
    // Complete: a second call fetches nothing.
    await ensureNeo4jJars(options(await writeLock(locked(FILES))));
    expect(served).toHaveLength(2);
  });

  it('copies a jar the local Maven repository holds with the same bytes instead of fetching it', async () => {
    const helper = 'org/example/helper/1.0/helper-1.0.jar';
    await mkdir(path.join(dir, 'm2', 'org/example/helper/1.0'), { recursive: true });
    await writeFile(path.join(dir, 'm2', helper), FILES[helper]);
    // Another file at the server jar's place: not the same bytes, so it is fetched.
    await mkdir(path.join(dir, 'm2', `org/neo4j/neo4j/${VERSION}`), { recursive: true });
    await writeFile(path.join(dir, 'm2', `org/neo4j/neo4j/${VERSION}/neo4j-${VERSION}.jar`), 'something else');
    const libDir = await ensureNeo4jJars(options(await writeLock(locked(FILES))));
    expect(served).toEqual([`/maven2/org/neo4j/neo4j/${VERSION}/neo4j-${VERSION}.jar`]);
    expect(await readFile(path.join(libDir, `neo4j-${VERSION}.jar`), 'utf8')).toBe('the server jar');
  });

  it('refuses a jar whose bytes are not the locked ones, naming it, and installs nothing', async () => {
    const jars = locked(FILES).map((j) => (j.path.includes('helper') ? { ...j, sha1: 'f'.repeat(40) } : j));
    await expect(ensureNeo4jJars(options(await writeLock(jars)))).rejects.toThrow(/helper-1\.0\.jar is not the jar of scripts\/neo4j\/jars\.lock/);
    expect(existsSync(path.join(dir, 'lib'))).toBe(false);
  });

  it('asks Maven when the repository cannot be reached, or when the lock is of another version', async () => {
    let asked = 0;
    const maven = async (_pom: string, outDir: string) => {
      asked++;
      await mkdir(outDir, { recursive: true });
      for (const [p, bytes] of Object.entries(FILES)) await writeFile(path.join(outDir, path.basename(p)), bytes);
    };
    await new Promise((resolve) => repository.close(resolve));
    await ensureNeo4jJars(options(await writeLock(locked(FILES)), { maven }));
    expect(asked).toBe(1);
    await rm(path.join(dir, 'lib'), { recursive: true });
    await ensureNeo4jJars(options(await writeLock(locked(FILES), '1.0.0'), { maven }));
    expect(asked).toBe(2);
  });

  it('reads only well-formed locks: paths inside the repository, sizes and SHA-1 sums', () => {
    expect(parseLock(formatLock(VERSION, locked(FILES)))?.jars).toHaveLength(2);
    expect(parseLock(`neo4j\t${VERSION}\n../../etc/passwd.jar\t1\t${'a'.repeat(40)}\n`)).toBeUndefined();
    expect(parseLock(`neo4j\t${VERSION}\norg/x/1/x-1.jar\tbig\t${'a'.repeat(40)}\n`)).toBeUndefined();
    expect(parseLock('')).toBeUndefined();
  });

  it('ships a lock for the Neo4j the pom pins (npm run neo4j:lock after changing it)', async () => {
    const lock = parseLock(await readFile(NEO4J_LOCK, 'utf8'));
    expect(lock?.version).toBe(await pinnedNeo4jVersion());
    expect(lock?.jars.some((j) => j.path.endsWith(`/neo4j-${lock.version}.jar`))).toBe(true);
  });
});
