import { describe, expect, it } from 'vitest';
import type { Tie } from '../../server/domain/model.ts';
import { calibrationYear, MIN_YEAR_SHARE } from '../../server/domain/suggestions/calibration-year.ts';

/** `n` ties dated `since` (or undated). */
const dated = (n: number, since?: number): Tie[] =>
  Array.from({ length: n }, (_, k) => ({ source: `a${k}`, target: `b${k}`, kind: 'COLLABORATES', weight: 1, ...(since !== undefined ? { since } : {}) }));

describe('the year a calibration judges on', () => {
  const years = [...dated(100, 2001), ...dated(120, 2002), ...dated(140, 2003), ...dated(160, 2004)];

  it('is the latest year when it is as full as a typical earlier one', () => {
    expect(calibrationYear(years, 2004)).toBe(2004);
    // The median earlier year has 130 ties (between 120 and 140): 65 is half of it, and enough.
    expect(MIN_YEAR_SHARE).toBe(0.5);
    expect(calibrationYear([...years, ...dated(65, 2005)], 2005)).toBe(2005);
  });

  it('goes back past a partial latest year, across a gap of years', () => {
    expect(calibrationYear([...years, ...dated(64, 2005)], 2005)).toBe(2004);
    expect(calibrationYear([...years, ...dated(3, 2026)], 2026)).toBe(2004);
  });

  it('reads nothing after the reference year, and ignores undated ties', () => {
    expect(calibrationYear([...years, ...dated(500, 2005)], 2003)).toBe(2003);
    expect(calibrationYear([...years, ...dated(5000)], 2004)).toBe(2004);
  });

  it('keeps the reference year when nothing earlier can say what a full year is', () => {
    expect(calibrationYear(dated(10, 2010), 2010)).toBe(2010);
    expect(calibrationYear(dated(10), 2010)).toBe(2010);
    expect(calibrationYear(years, undefined)).toBeUndefined();
    expect(calibrationYear([...dated(100, 2001), ...dated(1, 2002)], 2002)).toBe(2002);
  });
});
