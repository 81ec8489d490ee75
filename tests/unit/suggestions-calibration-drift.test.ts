import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import type { Actor, Tie } from '../../server/domain/model.ts';
import { calibrationDrift, calibrationHolds, calibrationInputs } from '../../server/domain/suggestions/calibration-drift.ts';
import type { Calibrate, Calibration } from '../../server/domain/suggestions/calibrate.ts';
import { keepingCalibration } from '../../server/services/suggestion-service.ts';

const actors: Actor[] = Array.from({ length: 50 }, (_, i) => ({ id: `a${i}`, type: 'Enterprise', name: `A${i}` }));
/** 1,000 ties over 2001-2010, 100 a year. */
const ties: Tie[] = Array.from({ length: 1000 }, (_, k) => ({ source: `a${k % 50}`, target: `a${(k * 7 + 1) % 50}`, kind: 'COLLABORATES', weight: 1, since: 2001 + Math.floor(k / 100) }));
const tie = (k: number, since: number | undefined): Tie => ({ source: `a${k % 50}`, target: `a${(k + 3) % 50}`, kind: 'SUPPLIES', weight: 1, ...(since !== undefined ? { since } : {}) });

describe('calibration drift', () => {
  const fitted = calibrationInputs(actors, ties, 2010);

  it('summarises the ties a calibration reads: up to its reference year, year by year', () => {
    expect(fitted.ties).toBe(1000);
    expect(fitted.tiesByYear.get(2005)).toBe(100);
    expect(calibrationInputs(actors, [...ties, tie(1, 2011)], 2010).ties).toBe(1000);
    expect(calibrationInputs(actors, [...ties, tie(1, undefined)], 2010).tiesByYear.get('undated')).toBe(1);
  });

  it('counts ties added or removed in any year, and actors', () => {
    const now = calibrationInputs([...actors, { id: 'new', type: 'University', name: 'N' }], [...ties.slice(1), tie(1, 2010), tie(2, 2010), tie(3, 1999)], 2010);
    // one removed in 2001, two added in 2010, one in a year not seen before, one actor added
    expect(calibrationDrift(fitted, now)).toBe(5);
  });

  it('holds below the share of the ties fitted on, with the same reference year', () => {
    const few = calibrationInputs(actors, [...ties, ...Array.from({ length: 9 }, (_, k) => tie(k, 2010))], 2010);
    const many = calibrationInputs(actors, [...ties, ...Array.from({ length: 10 }, (_, k) => tie(k, 2010))], 2010);
    expect(calibrationHolds(fitted, few, 0.01)).toBe(true);
    expect(calibrationHolds(fitted, many, 0.01)).toBe(false);
    expect(calibrationHolds(fitted, calibrationInputs(actors, [...ties, tie(1, 2011)], 2011), 0.01)).toBe(false);
  });
});

describe('keepingCalibration', () => {
  const log = pino({ level: 'silent' });
  const counted = () => {
    const calls: number[] = [];
    const calibrate: Calibrate = async (_a, t, referenceYear) => {
      calls.push(t.length);
      return { cutoff: 2008, referenceYear: referenceYear!, roles: [] } satisfies Calibration;
    };
    return { calls, calibrate };
  };

  it('calibrates once while the network changes little, again once the drift passes the share', async () => {
    const { calls, calibrate } = counted();
    const keeping = keepingCalibration(log);
    const first = await keeping(undefined, calibrate)(actors, ties, 2010);
    const small = [...ties, tie(1, 2010), tie(2, 2010)];
    expect(await keeping(undefined, calibrate)(actors, small, 2010)).toBe(first);
    expect(calls).toEqual([1000]);
    // Drift is measured from the network the calibration was fitted on, not from the last version.
    const grown = [...small, ...Array.from({ length: 8 }, (_, k) => tie(k, 2010))];
    await keeping(undefined, calibrate)(actors, grown, 2010);
    expect(calls).toEqual([1000, 1010]);
  });

  it('keeps one calibration per asOf, and calibrates again for a new reference year', async () => {
    const { calls, calibrate } = counted();
    const keeping = keepingCalibration(log);
    await keeping(undefined, calibrate)(actors, ties, 2010);
    await keeping(2008, calibrate)(actors, ties, 2008);
    await keeping(2008, calibrate)(actors, ties, 2008);
    // A new year as full as a typical one (100 ties a year here) is a new reference year.
    await keeping(undefined, calibrate)(actors, [...ties, ...Array.from({ length: 60 }, (_, k) => tie(k, 2011))], 2011);
    expect(calls).toEqual([1000, 1000, 1060]);
  });

  it('keeps the calibration when a few ties are dated in a new year: a partial year is not judged on', async () => {
    const { calls, calibrate } = counted();
    const keeping = keepingCalibration(log);
    const first = await keeping(undefined, calibrate)(actors, ties, 2010);
    // Three ties dated 2026 on data that ends in 2010, as a coordinator would record today's.
    expect(await keeping(undefined, calibrate)(actors, [...ties, tie(1, 2026), tie(2, 2026), tie(3, 2026)], 2026)).toBe(first);
    expect(calls).toEqual([1000]);
  });
});
