import { describe, expect, it } from 'vitest';
import { seededRng } from '../../server/domain/graph/seeded-rng.ts';
import { bootstrapDraws, bootstrapMean, bootstrapRatio } from '../../server/domain/suggestions/bootstrap.ts';
import { askerMetrics, coverage, personalisation } from '../../server/domain/suggestions/eval-metrics.ts';

describe('ranking metrics per asker', () => {
  it('count hits in the top 10 and 20 and the reciprocal rank of the first hit within 20', () => {
    const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
    // Asker 0: truth {3, 15, 99}: hits at ranks 4 and 16. Asker 1: truth {21}: at rank 22, beyond 20. Asker 2: truth {0}: rank 1.
    const rankings = [range(0, 30), range(0, 30), range(0, 30)];
    const m = askerMetrics(rankings, [new Set([3, 15, 99]), new Set([21]), new Set([0])]);
    expect([...m.hitAt10]).toEqual([1, 0, 1]);
    expect([...m.recallAt10]).toEqual([1 / 3, 0, 1]);
    expect([...m.recallAt20]).toEqual([2 / 3, 0, 1]);
    expect([...m.mrrAt20]).toEqual([1 / 4, 0, 1]);
  });

  it('refuses an asker without true partners', () => {
    expect(() => askerMetrics([[1]], [new Set()])).toThrow(/musubi eval-metrics/);
  });
});

describe('coverage', () => {
  it('divides the distinct actors of all top-10 lists by the number of slots', () => {
    expect(coverage([[1, 2, 3], [3, 4]], 10)).toBe(4 / 20);
    expect(coverage([[1, 2, 3, 4], [5]], 2)).toBe(3 / 4); // lists are cut at the depth
    expect(coverage([], 10)).toBe(0);
  });
});

describe('personalisation', () => {
  /** The definition, pair by pair. */
  const pairwise = (lists: number[][], depth: number) => {
    let sum = 0;
    let pairs = 0;
    for (let a = 0; a < lists.length; a++) {
      for (let b = a + 1; b < lists.length; b++) {
        const B = new Set(lists[b].slice(0, depth));
        sum += new Set(lists[a].slice(0, depth).filter((v) => B.has(v))).size / depth;
        pairs++;
      }
    }
    return 1 - sum / pairs;
  };

  it('is 0 when every asker gets the same list and 1 when no two lists share an actor', () => {
    const same = Array.from({ length: 5 }, () => [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(personalisation(same, 10)).toBe(0);
    expect(personalisation([[1, 2], [3, 4], [5]], 10)).toBe(1);
  });

  it('equals the mean over all pairs computed pair by pair', () => {
    const rng = seededRng(3);
    const lists = Array.from({ length: 40 }, () => Array.from({ length: 4 + Math.floor(rng() * 10) }, () => Math.floor(rng() * 30)));
    expect(personalisation(lists, 10)).toBeCloseTo(pairwise(lists, 10), 12);
  });
});

describe('bootstrap intervals', () => {
  const rng = seededRng(11);
  const values = Float64Array.from({ length: 300 }, () => (rng() < 0.4 ? 1 : 0));

  it('repeat exactly with the same seed and move with another', () => {
    const a = bootstrapMean(values, bootstrapDraws(values.length, { seed: 7, resamples: 500 }));
    const b = bootstrapMean(values, bootstrapDraws(values.length, { seed: 7, resamples: 500 }));
    const c = bootstrapMean(values, bootstrapDraws(values.length, { seed: 8, resamples: 500 }));
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it('bracket the mean with about the normal approximation width', () => {
    const i = bootstrapMean(values, bootstrapDraws(values.length, { seed: 7, resamples: 2000 }));
    const mean = values.reduce((s, x) => s + x, 0) / values.length;
    expect(i.value).toBe(mean);
    expect(i.low).toBeLessThan(mean);
    expect(i.high).toBeGreaterThan(mean);
    const half = 1.96 * Math.sqrt((mean * (1 - mean)) / values.length);
    expect(i.high - i.low).toBeGreaterThan(2 * half * 0.85);
    expect(i.high - i.low).toBeLessThan(2 * half * 1.15);
  });

  it('give a ratio of exactly 1 for a ranker against itself (paired draws), and the ratio of means', () => {
    const draws = bootstrapDraws(values.length, { seed: 7, resamples: 300 });
    expect(bootstrapRatio(values, values, draws)).toEqual({ value: 1, low: 1, high: 1 });
    const doubled = values.map((x) => 2 * x);
    const r = bootstrapRatio(doubled, values, draws);
    expect(r.value).toBe(2);
    expect(r.low).toBeCloseTo(2, 12);
    expect(r.high).toBeCloseTo(2, 12);
  });

  it('rejects bad options', () => {
    expect(() => bootstrapDraws(10, { resamples: 0 })).toThrow(/musubi bootstrap/);
    expect(() => bootstrapDraws(10, { level: 1 })).toThrow(/musubi bootstrap/);
  });
});
