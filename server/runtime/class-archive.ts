/**
 * A class-data-sharing archive for the project's own Neo4j (JDK dynamic CDS, JEP 350): the
 * classes Neo4j loaded in one run, stored so that the next start maps them instead of loading and
 * verifying them again. Measured on the 2-core development machine: start 4.9-5.3 s → 3.5-3.7 s.
 *
 * The archive belongs to one Java build and one set of jars, so its name carries a digest of both;
 * another Java or another Neo4j version makes a new one. The first start without an archive asks
 * the JVM to write one when it exits (`-XX:ArchiveClassesAtExit`), under a name of its own so that
 * two instances never write the same file (and while one is being written, other instances start
 * without one); after a clean stop it is renamed into place. A JVM
 * killed hard writes nothing, and a damaged or stale archive is only a warning for the JVM (it
 * then starts without it), so the archive can only make a start faster, never stop one.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

const STALE_MS = 10 * 60_000;

export interface ClassArchive {
  /** JVM flags for this start. */
  jvmArgs: string[];
  /** Call once the JVM has exited: keeps the archive it wrote after a clean stop, if any. */
  afterExit(clean: boolean): Promise<void>;
}

/** The archive for `javaVersion` and the jars in `libDir`, kept in `archiveDir`. */
export async function classArchive(archiveDir: string, libDir: string, javaVersion: string): Promise<ClassArchive> {
  const jars = (await readdir(libDir)).filter((f) => f.endsWith('.jar')).sort();
  const digest = createHash('sha1').update(`${javaVersion}\n${jars.join('\n')}`).digest('hex').slice(0, 12);
  const archive = path.join(archiveDir, `neo4j-${digest}.jsa`);
  await mkdir(archiveDir, { recursive: true });
  const writing = await pendingArchives(archiveDir);
  if (await exists(archive)) return { jvmArgs: [`-XX:SharedArchiveFile=${archive}`], afterExit: async () => undefined };
  // Another instance is writing the archive now: one is enough.
  if (writing > 0) return { jvmArgs: [], afterExit: async () => undefined };
  const pending = `${archive}.${randomBytes(4).toString('hex')}.tmp`;
  // Empty until the JVM writes it at exit; meanwhile it tells other instances that one is coming.
  await writeFile(pending, '');
  return {
    jvmArgs: [`-XX:ArchiveClassesAtExit=${pending}`],
    async afterExit(clean) {
      // A JVM killed while writing leaves half an archive: only a clean stop's is kept.
      if (clean && (await exists(pending)) && !(await exists(archive))) await rename(pending, archive);
      else await rm(pending, { force: true });
    },
  };
}

/** How many archives are being written now; removes those left behind (older than 10 minutes). */
async function pendingArchives(archiveDir: string): Promise<number> {
  let writing = 0;
  for (const name of (await readdir(archiveDir)).filter((f) => f.endsWith('.tmp'))) {
    const file = path.join(archiveDir, name);
    const modified = await stat(file).then((s) => s.mtimeMs, () => 0);
    // A JVM killed hard (or its owner) leaves its pending archive: writing one takes seconds.
    if (Date.now() - modified > STALE_MS) await rm(file, { force: true });
    else writing++;
  }
  return writing;
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    (s) => s.size > 0,
    () => false,
  );
}
