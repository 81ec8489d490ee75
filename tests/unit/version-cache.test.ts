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
});
