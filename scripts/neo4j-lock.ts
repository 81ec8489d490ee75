/**
 * `npm run neo4j:lock`: writes scripts/neo4j/jars.lock, the jars of the Neo4j pinned in
 * scripts/neo4j/pom.xml with their Maven Central paths, sizes and SHA-1 sums. Run it after
 * changing NEO4J_VERSION (it needs Maven once, here). With the lock, a first start fetches
 * the jars straight from Maven Central, many at a time, and checks each against its sum
 * (server/runtime/neo4j-jars.ts); without a lock for the pinned version it asks Maven.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { formatLock, NEO4J_LOCK, NEO4J_POM, pinnedNeo4jVersion, runMaven, sha1Of, type LockedJar } from '../server/runtime/neo4j-jars.ts';

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(full)));
    else if (entry.name.endsWith('.jar')) out.push(full);
  }
  return out;
}

const version = await pinnedNeo4jVersion();
const dir = await mkdtemp(path.join(os.tmpdir(), 'musubi-neo4j-lock-'));
try {
  // The repository layout (group/artifact/version/file.jar) is the jar's path on Maven Central.
  await runMaven(NEO4J_POM, dir, version, ['-Dmdep.useRepositoryLayout=true']);
  const jars: LockedJar[] = [];
  for (const file of (await filesUnder(dir)).sort()) {
    const bytes = await readFile(file);
    jars.push({ path: path.relative(dir, file).split(path.sep).join('/'), size: bytes.length, sha1: sha1Of(bytes) });
  }
  await writeFile(NEO4J_LOCK, formatLock(version, jars));
  process.stdout.write(`${NEO4J_LOCK}: Neo4j ${version}, ${jars.length} jars, ${(jars.reduce((n, j) => n + j.size, 0) / 1024 / 1024).toFixed(0)} MB\n`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
