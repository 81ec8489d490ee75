import { describe, expect, it } from 'vitest';
import { runInWorker, WorkerTaskError } from '../../server/runtime/worker-task.ts';
import { calibrationCutoff } from '../../server/domain/suggestions/calibrate.ts';
import type { Tie } from '../../server/domain/model.ts';

const CUTOFF = new URL('../../server/domain/suggestions/calibrate.ts', import.meta.url);
const ties = [
  { source: 'a', target: 'b', kind: 'COLLABORATES', weight: 1, since: 2001 },
  { source: 'a', target: 'c', kind: 'COLLABORATES', weight: 1, since: 2009 },
];

describe('a task in a worker thread', () => {
  it('runs a TypeScript module export and returns its answer', async () => {
    expect(await runInWorker(CUTOFF, 'calibrationCutoff', [ties, 2009])).toBe(2007);
  });

  it('reports a failure of the task, naming it, instead of hanging', async () => {
    await expect(runInWorker(CUTOFF, 'noSuchExport', [])).rejects.toThrow(WorkerTaskError);
    await expect(runInWorker(CUTOFF, 'noSuchExport', [])).rejects.toThrow(/noSuchExport failed in its worker/);
    await expect(runInWorker(new URL('./no-such-module.ts', import.meta.url), 'f', [])).rejects.toThrow(/Cannot find module|ERR_MODULE_NOT_FOUND/);
  });

  it('reports an answer that cannot cross threads', async () => {
    const rng = new URL('../../server/domain/graph/seeded-rng.ts', import.meta.url);
    await expect(runInWorker(rng, 'seededRng', [1])).rejects.toThrow(WorkerTaskError);
  });
});

describe('kept workers', () => {
  it('serve the next tasks with their modules loaded, each task answered on its own', async () => {
    const years = [2003, 2009, 2011];
    const expected = years.map((y) => calibrationCutoff(ties as Tie[], y));
    expect(await Promise.all(years.map((y) => runInWorker(CUTOFF, 'calibrationCutoff', [ties, y])))).toEqual(expected);
    // The same answers, one after the other, now from kept workers.
    for (const [i, y] of years.entries()) expect(await runInWorker(CUTOFF, 'calibrationCutoff', [ties, y])).toBe(expected[i]);
  });

  it('stays usable after a task failed in it', async () => {
    await expect(runInWorker(CUTOFF, 'noSuchExport', [])).rejects.toThrow(WorkerTaskError);
    expect(await runInWorker(CUTOFF, 'calibrationCutoff', [ties, 2009])).toBe(2007);
  });
});

