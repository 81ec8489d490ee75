/**
 * When a calibration still holds. Calibrating (the method check and the weight fit, calibrate.ts)
 * takes tens of seconds of CPU: far too much to repeat after every small write. Its result is an
 * estimate from thousands of ties; a write of a few ties moves it by no more than the noise of
 * the estimate itself. So a server keeps a calibration across network versions while what it
 * read — its reference year, and the ties up to that year — changed by less than a share
 * (`CALIBRATION_REUSE.driftShare`) of what it was fitted on; past that, it calibrates again.
 *
 * What is compared is a summary, not the ties: the number of dated ties per year (and undated),
 * and the number of actors. A removal and an addition in the same year cancel out in it; a change
 * of weight is not seen. Both are small beside a share of the whole, and the next calibration
 * that the drift triggers reads them all. Pure.
 */
import type { Actor, Tie } from '../model.ts';

export const CALIBRATION_REUSE = {
  /**
   * Ties changed (added or removed, counted year by year) and actors added or removed, as a share
   * of the ties the calibration read, below which it is kept. At 1 %, the demonstration network
   * (50,000 ties) calibrates again after about 500 changed ties.
   */
  driftShare: 0.01,
} as const;

/** What a calibration read, in summary. */
export interface CalibrationInputs {
  referenceYear: number | undefined;
  actors: number;
  /** Ties up to the reference year, by year (`undated` for ties without one). */
  tiesByYear: ReadonlyMap<number | 'undated', number>;
  ties: number;
}

/** The summary of what a calibration at `referenceYear` reads from this network. */
export function calibrationInputs(actors: readonly Actor[], ties: readonly Tie[], referenceYear: number | undefined): CalibrationInputs {
  const tiesByYear = new Map<number | 'undated', number>();
  let read = 0;
  for (const t of ties) {
    if (t.since !== undefined && referenceYear !== undefined && t.since > referenceYear) continue;
    const year = t.since ?? 'undated';
    tiesByYear.set(year, (tiesByYear.get(year) ?? 0) + 1);
    read++;
  }
  return { referenceYear, actors: actors.length, tiesByYear, ties: read };
}

/** How much changed between two summaries: ties year by year, and actors, as counts. */
export function calibrationDrift(fitted: CalibrationInputs, now: CalibrationInputs): number {
  let changed = Math.abs(now.actors - fitted.actors);
  for (const [year, n] of fitted.tiesByYear) changed += Math.abs((now.tiesByYear.get(year) ?? 0) - n);
  for (const [year, n] of now.tiesByYear) if (!fitted.tiesByYear.has(year)) changed += n;
  return changed;
}

/**
 * Whether a calibration fitted on `fitted` still serves a network summarised as `now`: the same
 * reference year (a new year of ties moves the hold-out window), and a drift below the share.
 */
export function calibrationHolds(fitted: CalibrationInputs, now: CalibrationInputs, driftShare: number = CALIBRATION_REUSE.driftShare): boolean {
  if (fitted.referenceYear !== now.referenceYear) return false;
  return calibrationDrift(fitted, now) < driftShare * Math.max(1, fitted.ties);
}
