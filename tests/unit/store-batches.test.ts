import { describe, expect, it } from 'vitest';
import { chunks, pipelined } from '../../server/store/batches.ts';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('chunks', () => {
  it('slices a list into parts of at most the size, in order', () => {
    expect([...chunks([1, 2, 3, 4, 5], 2)]).toEqual([[1, 2], [3, 4], [5]]);
    expect([...chunks([], 2)]).toEqual([]);
  });
});

describe('pipelined statements', () => {
  it('sends every batch in order, with at most `inFlight` unanswered, and resolves once all are answered', async () => {
    const sent: number[] = [];
    const answers: (() => void)[] = [];
    let unanswered = 0;
    let most = 0;
    const done = pipelined([1, 2, 3, 4, 5], (b) => {
      sent.push(b);
      most = Math.max(most, ++unanswered);
      return new Promise<void>((resolve) => answers.push(() => (unanswered--, resolve())));
    }, 2);
    let finished = false;
    void done.then(() => (finished = true));
    await tick();
    expect(sent).toEqual([1, 2]);
    while (answers.length) {
      answers.shift()!();
      await tick();
    }
    await done;
    expect(sent).toEqual([1, 2, 3, 4, 5]);
    expect(most).toBe(2);
    expect(finished).toBe(true);
  });

  it('rejects with the first failure and leaves no rejection unhandled', async () => {
    const unhandled: unknown[] = [];
    const note = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', note);
    try {
      const failing = pipelined([1, 2, 3], async (b) => {
        await tick();
        throw new Error(`batch ${b} failed`);
      }, 3);
      await expect(failing).rejects.toThrow('batch 1 failed');
      await tick();
      await tick();
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', note);
    }
  });
});
