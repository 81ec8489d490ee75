import { access, mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { classArchive } from '../../server/runtime/class-archive.ts';

/** Every temporary folder this file made, so that the last test can check none is left behind. */
const made: string[] = [];

/** A lib and a cds folder in a temporary folder of the calling test's own, removed when it ends. */
async function folders() {
  const root = await mkdtemp(path.join(os.tmpdir(), 'musubi-cds-'));
  made.push(root);
  onTestFinished(() => rm(root, { recursive: true, force: true }));
  const lib = path.join(root, 'lib');
  const cds = path.join(root, 'cds');
  await mkdir(lib);
  await writeFile(path.join(lib, 'neo4j-5.26.30.jar'), 'jar');
  return { lib, cds };
}

/** What the JVM does at a clean exit with -XX:ArchiveClassesAtExit=FILE. */
async function jvmWrites(args: string[]): Promise<void> {
  const file = args[0].replace('-XX:ArchiveClassesAtExit=', '');
  await writeFile(file, 'archive');
}

describe("the class archive of the project's Neo4j", () => {
  it('is written by the first start, kept after a clean stop, and used by the next start', async () => {
    const { lib, cds } = await folders();
    const first = await classArchive(cds, lib, '17.0.21');
    expect(first.jvmArgs).toEqual([expect.stringMatching(/^-XX:ArchiveClassesAtExit=.*\.jsa\.[0-9a-f]{8}\.tmp$/)]);
    await jvmWrites(first.jvmArgs);
    await first.afterExit(true);
    const next = await classArchive(cds, lib, '17.0.21');
    expect(next.jvmArgs).toEqual([expect.stringMatching(/^-XX:SharedArchiveFile=.*neo4j-[0-9a-f]{12}\.jsa$/)]);
    expect(await readdir(cds)).toHaveLength(1);
  });

  it('is written by one instance at a time, and not kept from a JVM stopped by force', async () => {
    const { lib, cds } = await folders();
    const first = await classArchive(cds, lib, '17.0.21');
    expect((await classArchive(cds, lib, '17.0.21')).jvmArgs).toEqual([]);
    await jvmWrites(first.jvmArgs);
    await first.afterExit(false);
    expect(await readdir(cds)).toEqual([]);
  });

  it('belongs to one Java and one set of jars', async () => {
    const { lib, cds } = await folders();
    const first = await classArchive(cds, lib, '17.0.21');
    await jvmWrites(first.jvmArgs);
    await first.afterExit(true);
    expect((await classArchive(cds, lib, '21.0.5')).jvmArgs[0]).toMatch(/ArchiveClassesAtExit/);
  });

  it('clears what a JVM killed hard left behind', async () => {
    const { lib, cds } = await folders();
    const first = await classArchive(cds, lib, '17.0.21');
    const left = first.jvmArgs[0].replace('-XX:ArchiveClassesAtExit=', '');
    const hourAgo = new Date(Date.now() - 3_600_000);
    await utimes(left, hourAgo, hourAgo);
    const next = await classArchive(cds, lib, '17.0.21');
    expect(next.jvmArgs[0]).toMatch(/ArchiveClassesAtExit/);
    expect(await readdir(cds)).toHaveLength(1);
  });

  // Regression (issue 10, defect 9): every run used to leave its /tmp/musubi-cds-* folders behind.
  it('leaves none of its temporary folders behind', async () => {
    expect(made.length).toBeGreaterThan(0);
    const left = [];
    for (const dir of made) if (await access(dir).then(() => true, () => false)) left.push(dir);
    expect(left).toEqual([]);
  });
});
