import { describe, expect, it } from 'vitest';
import { createVersionCache } from '../../server/services/version-cache.ts';

describe('the version cache', () => {
  it('computes a key once per version, shared by concurrent callers', async () => {
    const cache = createVersionCache();
    let runs = 0;
    const compute = async () => {
      runs++;
      await new Promise((r) => setTimeout(r, 5));
      return { built: runs };
    };
    const [a, b] = await Promise.all([cache.get(1, 'graph', compute), cache.get(1, 'graph', compute)]);
    expect(runs).toBe(1);
    expect(b.value).toBe(a.value);
    expect([a.cached, b.cached]).toEqual([false, true]);
    expect((await cache.get(1, 'graph', compute)).cached).toBe(true);
  });

  it('forgets every entry when the version moves, and serves an older version without keeping it', async () => {
    const cache = createVersionCache();
    await cache.get(1, 'metrics|region', () => 'v1 region');
    await cache.get(1, 'snapshot', () => 'v1');
    expect((await cache.get(2, 'metrics|region', () => 'v2 region')).value).toBe('v2 region');
    expect(cache.sizes()).toEqual({ metrics: 1 });
    // A request that read version 1 before the write: computed, not cached, newer entries untouched.
    const old = await cache.get(1, 'metrics|region', () => 'v1 again');
    expect(old).toEqual({ value: 'v1 again', cached: false });
    expect((await cache.get(2, 'metrics|region', () => 'never')).value).toBe('v2 region');
  });

  it('forgets everything when told of a write', async () => {
    const cache = createVersionCache();
    await cache.get(3, 'snapshot', () => 'a');
    cache.invalidate();
    expect(cache.version).toBeUndefined();
    expect((await cache.get(3, 'snapshot', () => 'b')).value).toBe('b');
  });

  it('keeps a failed computation out, so the next caller tries again', async () => {
    const cache = createVersionCache();
    await expect(cache.get(1, 'suggestions|now', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(cache.get(1, 'suggestions|now', () => { throw new Error('sync boom'); })).rejects.toThrow('sync boom');
    expect((await cache.get(1, 'suggestions|now', () => 'index')).value).toBe('index');
  });

  it('bounds each group, the least recently used going first', async () => {
    const cache = createVersionCache({ limits: { default: 3, suggestions: 2 } });
    let builds = 0;
    const build = (year: string) => cache.get(1, `suggestions|${year}`, () => (builds++, year));
    await build('now');
    await build('2005');
    await build('now'); // now is the most recently used
    await build('2006'); // drops 2005
    expect(builds).toBe(3);
    await build('now');
    expect(builds).toBe(3);
    await build('2005');
    expect(builds).toBe(4);
    for (const k of ['a', 'b', 'c', 'd']) await cache.get(1, `metrics|${k}`, () => k);
    expect(cache.sizes()).toEqual({ suggestions: 2, metrics: 3 });
  });

  it('tells whether a key is held (or being computed) for the current version', async () => {
    const cache = createVersionCache();
    expect(cache.has('suggestions|2016')).toBe(false);
    let release!: () => void;
    const pending = cache.get(1, 'suggestions|2016', () => new Promise<number>((r) => (release = () => r(1))));
    expect(cache.has('suggestions|2016')).toBe(true);
    await Promise.resolve(); // the computation starts on the next microtask
    release();
    await pending;
    await cache.get(2, 'suggestions|now', () => 2);
    expect(cache.has('suggestions|2016')).toBe(false);
    expect(cache.has('suggestions|now')).toBe(true);
  });

  describe('getOrPrevious', () => {
    const deferred = <T>() => {
      let resolve!: (v: T) => void;
      let reject!: (e: Error) => void;
      const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
      return { promise, resolve, reject };
    };
    const tick = () => new Promise((r) => setTimeout(r, 0));
    /** Computations that record when they start and end when their gate is opened. */
    const gated = () => {
      const started: number[] = [];
      const gates = new Map<number, ReturnType<typeof deferred<string>>>();
      const compute = (v: number) => () => {
        started.push(v);
        const d = deferred<string>();
        gates.set(v, d);
        return d.promise;
      };
      return { started, gates, compute };
    };

    it('waits for the first value, then serves it while the next version is computed', async () => {
      const cache = createVersionCache({ waitMs: 0, rest: 0 });
      expect(await cache.getOrPrevious(1, 'graph', () => 'v1')).toEqual({ value: 'v1', cached: false });
      cache.invalidate(); // a write
      const v2 = deferred<string>();
      const during = await cache.getOrPrevious(2, 'graph', () => v2.promise);
      expect(during).toEqual({ value: 'v1', cached: true, staleFrom: 1 });
      v2.resolve('v2');
      await tick();
      expect(await cache.getOrPrevious(2, 'graph', () => 'never')).toEqual({ value: 'v2', cached: true });
    });

    it('runs one computation at a time, then the newest version asked for, skipping those superseded', async () => {
      const cache = createVersionCache({ waitMs: 0, rest: 0 });
      await cache.getOrPrevious(1, 'suggestions|now', () => 'v1');
      const { started, gates, compute } = gated();
      for (const v of [2, 3, 4, 5]) expect((await cache.getOrPrevious(v, 'suggestions|now', compute(v))).value).toBe('v1');
      expect(started).toEqual([2]);
      gates.get(2)!.resolve('v2');
      await tick();
      await tick();
      expect(started).toEqual([2, 5]); // 3 and 4 were superseded before their turn
      expect((await cache.getOrPrevious(5, 'suggestions|now', compute(5))).staleFrom).toBe(2);
      gates.get(5)!.resolve('v5');
      await tick();
      expect(await cache.getOrPrevious(5, 'suggestions|now', compute(5))).toEqual({ value: 'v5', cached: true });
      expect(started).toEqual([2, 5]);
    });

    it('with no value yet, runs one computation at a time too: a write during the first waits for it', async () => {
      const cache = createVersionCache({ waitMs: 0, rest: 0 });
      const { started, gates, compute } = gated();
      const first = cache.getOrPrevious(1, 'graph', compute(1));
      await tick();
      const second = cache.getOrPrevious(2, 'graph', compute(2));
      const third = cache.getOrPrevious(3, 'graph', compute(3));
      await tick();
      expect(started).toEqual([1]); // before: 1, 2 and 3 computed side by side
      gates.get(1)!.resolve('v1');
      expect(await first).toEqual({ value: 'v1', cached: false });
      await tick();
      expect(started).toEqual([1, 3]);
      gates.get(3)!.resolve('v3');
      expect((await second).value).toBe('v3');
      expect((await third).value).toBe('v3');
    });

    it('with no value yet, tells the callers waiting when the computation fails', async () => {
      const cache = createVersionCache({ waitMs: 0, rest: 0 });
      const failing = deferred<string>();
      const first = cache.getOrPrevious(1, 'graph', () => failing.promise);
      await tick();
      const behind = cache.getOrPrevious(1, 'graph', () => 'never');
      failing.reject(new Error('database gone'));
      await expect(first).rejects.toThrow('database gone');
      await expect(behind).rejects.toThrow('database gone');
      expect((await cache.getOrPrevious(1, 'graph', () => 'v1')).value).toBe('v1');
    });

    it('keeps serving the older value when a computation fails, and tries again on the next call', async () => {
      const cache = createVersionCache({ waitMs: 0, rest: 0 });
      await cache.getOrPrevious(1, 'graph', () => 'v1');
      const failing = deferred<string>();
      expect((await cache.getOrPrevious(2, 'graph', () => failing.promise)).staleFrom).toBe(1);
      failing.reject(new Error('database gone'));
      await tick();
      await tick();
      let runs = 0;
      expect((await cache.getOrPrevious(2, 'graph', () => (runs++, 'v2'))).staleFrom).toBe(1);
      await tick();
      expect(runs).toBe(1);
      expect((await cache.getOrPrevious(2, 'graph', () => 'never')).value).toBe('v2');
    });

    it('answers a request for an older version than the last value by computing it, as get does', async () => {
      const cache = createVersionCache({ waitMs: 0, rest: 0 });
      await cache.getOrPrevious(3, 'graph', () => 'v3');
      expect(await cache.getOrPrevious(2, 'graph', () => 'v2')).toEqual({ value: 'v2', cached: false });
    });
  });
});


describe('getOrPrevious with waitMs', () => {
  it('answers this version when it is ready within waitMs, the older one when it is not', async () => {
    const cache = createVersionCache();
    await cache.getOrPrevious(1, 'graph', () => 'v1');
    const quick = () => new Promise<string>((r) => setTimeout(() => r('v2'), 20));
    expect(await cache.getOrPrevious(2, 'graph', quick, { waitMs: 500 })).toEqual({ value: 'v2', cached: false });
    const slow = () => new Promise<string>((r) => setTimeout(() => r('v3'), 300));
    expect(await cache.getOrPrevious(3, 'graph', slow, { waitMs: 30 })).toEqual({ value: 'v2', cached: true, staleFrom: 2 });
    await new Promise((r) => setTimeout(r, 350));
    expect((await cache.getOrPrevious(3, 'graph', slow, { waitMs: 30 })).value).toBe('v3');
  });
});

describe('getOrPrevious waiting behind a computation of an older version', () => {
  it('answers the asked version once the one running and then its own are done, within waitMs', async () => {
    const cache = createVersionCache();
    await cache.getOrPrevious(1, 'graph', () => 'v1');
    const later = (value: string, ms: number) => () => new Promise<string>((r) => setTimeout(() => r(value), ms));
    const first = cache.getOrPrevious(2, 'graph', later('v2', 60), { waitMs: 0 }); // v2 starts, v1 answers
    expect((await first).staleFrom).toBe(1);
    const asked = cache.getOrPrevious(3, 'graph', later('v3', 60), { waitMs: 1000 });
    expect(await asked).toEqual({ value: 'v3', cached: false });
  });
});

describe('getOrPrevious resting between computations', () => {
  it('starts the next version no sooner than `rest` times the last computation took, the older value serving meanwhile', async () => {
    const cache = createVersionCache({ waitMs: 0, rest: 2 });
    await cache.getOrPrevious(1, 'graph', () => 'v1');
    const starts: number[] = [];
    const ends: number[] = [];
    const later = (value: string) => () => {
      starts.push(performance.now());
      return new Promise<string>((r) => setTimeout(() => (ends.push(performance.now()), r(value)), 40));
    };
    expect((await cache.getOrPrevious(2, 'graph', later('v2'))).staleFrom).toBe(1);
    await new Promise((r) => setTimeout(r, 10));
    expect((await cache.getOrPrevious(3, 'graph', later('v3'))).staleFrom).toBe(1); // queued behind v2
    await new Promise((r) => setTimeout(r, 250));
    expect(starts).toHaveLength(2);
    // v2 took about 40 ms: v3 began at least 2 × that after it ended (timers may fire a little early).
    expect(starts[1] - ends[0]).toBeGreaterThanOrEqual(2 * (ends[0] - starts[0]) - 5);
    expect((await cache.getOrPrevious(3, 'graph', () => 'never')).value).toBe('v3');
  });

  it('does not rest when nothing newer is waiting, nor before a first value', async () => {
    const cache = createVersionCache({ waitMs: 0, rest: 100 });
    const first = cache.getOrPrevious(1, 'graph', () => new Promise<string>((r) => setTimeout(() => r('v1'), 20)));
    expect((await first).value).toBe('v1');
    const began = performance.now();
    await cache.getOrPrevious(2, 'graph', () => 'v2', { waitMs: 1000 });
    expect(performance.now() - began).toBeLessThan(500);
  });
});
