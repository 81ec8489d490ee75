// In a file of its own: the module's kept workers must be none when the first test starts.
import { describe, expect, it } from 'vitest';
import { prepareWorker, runInWorker, startedWorkers } from '../../server/runtime/worker-task.ts';

const INFO = new URL('../fixtures/worker/thread-info.ts', import.meta.url);
type Info = { threadId: number; importedAt: number };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a worker prepared ahead of a task', () => {
  it('has the module imported before the task is asked for, and serves it', async () => {
    prepareWorker(INFO);
    prepareWorker(INFO); // a second call while one is starting starts nothing more
    await sleep(3000); // time for the worker to start and import (about 0.5 s)
    const asked = Date.now();
    const first = await runInWorker<Info>(INFO, 'threadInfo', []);
    expect(first.importedAt).toBeLessThan(asked);
    const again = await runInWorker<Info>(INFO, 'threadInfo', []);
    expect(again).toEqual(first);
  });

  it('is waited for by a task asked for while it starts, rather than starting another', async () => {
    // Every kept worker busy: the prepared one is the only one a task can take.
    const busy = [runInWorker<number>(INFO, 'busyFor', [2500]), runInWorker<number>(INFO, 'busyFor', [2500])];
    await sleep(100);
    const before = startedWorkers();
    prepareWorker(INFO);
    const served = await runInWorker<Info>(INFO, 'threadInfo', []);
    const busyThreads = await Promise.all(busy);
    // One worker started (the prepared one) and it served the task; a task that started another
    // would make two. (Thread ids are not compared: other test files' workers may share the counter.)
    expect(startedWorkers() - before).toBe(1);
    expect(busyThreads).not.toContain(served.threadId);
  });

  it('never stands in the way when its module cannot be imported', async () => {
    const CUTOFF = new URL('../../server/domain/suggestions/calibrate.ts', import.meta.url);
    const ties = [{ source: 'a', target: 'b', kind: 'COLLABORATES', weight: 1, since: 2001 }, { source: 'a', target: 'c', kind: 'COLLABORATES', weight: 1, since: 2009 }];
    const busy = [runInWorker<number>(INFO, 'busyFor', [1500]), runInWorker<number>(INFO, 'busyFor', [1500])];
    await sleep(100);
    prepareWorker(new URL('./no-such-module.ts', import.meta.url));
    expect(await runInWorker(CUTOFF, 'calibrationCutoff', [ties, 2009])).toBe(2007);
    await Promise.all(busy);
  });
});
