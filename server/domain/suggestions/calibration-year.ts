/**
 * The year a calibration judges on. The method check (choose-method.ts) compares methods on the
 * pairs first tied in one year, and the weights are fitted on the years just before it
 * (calibrate.ts). The latest year of the data is the natural one, except when it holds only a
 * sliver of a year: the year still running, or a few ties a coordinator dated today on a network
 * whose data ends years earlier. Judged on a sliver, the check compares figures near zero from a
 * handful of askers (whoever was entered first) and can pick any method; the fit learns from noise.
 *
 * So the calibration year is the latest year whose dated ties number at least MIN_YEAR_SHARE of
 * a typical earlier year's (the median over the earlier years that have ties). The ties dated
 * after it are part of the network served, and of the next calibration once their year fills.
 * A measure of the network itself, not a constant of one network. Pure.
 */
import type { Tie } from '../model.ts';

/**
 * A year with fewer ties than half the median earlier year is taken to be partial. Half, as the
 * check's MIN_PAST_SHARE: a year that holds less than half of a typical year's ties is in another
 * regime than the years the check and the fit would be compared with.
 */
export const MIN_YEAR_SHARE = 0.5;

/** The latest year up to `referenceYear` that is not partial (above); `referenceYear` when every year is, or none is dated. */
export function calibrationYear(ties: readonly Tie[], referenceYear: number | undefined): number | undefined {
  if (referenceYear === undefined) return undefined;
  const byYear = new Map<number, number>();
  for (const t of ties) if (t.since !== undefined && t.since <= referenceYear) byYear.set(t.since, (byYear.get(t.since) ?? 0) + 1);
  const years = [...byYear.keys()].sort((a, b) => a - b);
  for (let i = years.length - 1; i >= 1; i--) {
    const earlier = years.slice(0, i).map((y) => byYear.get(y)!);
    if (byYear.get(years[i])! >= MIN_YEAR_SHARE * median(earlier)) return years[i];
  }
  return referenceYear;
}

function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
