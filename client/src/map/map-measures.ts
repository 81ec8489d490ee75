/**
 * What the map shades each prefecture by, from the actors and ties the filters keep: its actors, the ties of its actors, or its density — 2·m / (n·(n − 1)), m the ties
 * with both ends in the prefecture (the dashboard's definition). Values are put in classes by
 * quantiles of the prefectures that have any, so that a few large prefectures do not wash the
 * others out (a choropleth's usual quantile classing).
 */
import { nodePredicate } from '../data/filters.ts';
import type { NetworkData } from '../data/network-data.ts';
import type { Filters } from '../data/state.ts';

export type MapMeasure = 'actors' | 'ties' | 'density';

export const MAP_MEASURES: readonly MapMeasure[] = ['actors', 'ties', 'density'];

/** Light to dark; light enough for the actors drawn over them to stand out. */
export const SHADES = ['#e6e2f0', '#d0cbe5', '#b6add6', '#9c90c6', '#8173b3'] as const;

/** A prefecture without any value (no actor shown). */
export const NO_VALUE_SHADE = '#f1f1f1';

/**
 * The value of every prefecture (by index of the reference list) for a measure, over the actors
 * and ties the filters keep (the same test as the drawing's, data/filters.ts).
 */
export function prefectureValues(data: Pick<NetworkData, 'graph' | 'reference'>, filters: Filters, measure: MapMeasure): number[] {
  const count = data.reference.prefectures.length;
  const keep = nodePredicate(filters, data);
  const kept = new Set<string>();
  const actors = new Array<number>(count).fill(0);
  data.graph.forEachNode((id, a) => {
    if (!keep(a)) return;
    kept.add(id);
    if (a.prefecture >= 0) actors[a.prefecture]++;
  });
  if (measure === 'actors') return actors;
  const inside = new Array<number>(count).fill(0);
  const touching = new Array<number>(count).fill(0);
  data.graph.forEachEdge((_e, tie, s, t, sa, ta) => {
    if ((filters.year !== null && tie.since > filters.year) || !kept.has(s) || !kept.has(t)) return;
    if (sa.prefecture >= 0) touching[sa.prefecture]++;
    if (ta.prefecture >= 0 && ta.prefecture !== sa.prefecture) touching[ta.prefecture]++;
    if (sa.prefecture >= 0 && sa.prefecture === ta.prefecture) inside[sa.prefecture]++;
  });
  if (measure === 'ties') return touching;
  return actors.map((n, i) => (n > 1 ? (2 * inside[i]) / (n * (n - 1)) : 0));
}

export interface ShadeClass {
  /** Smallest and largest value of the prefectures in the class. */
  from: number;
  to: number;
  color: string;
}

/**
 * Up to SHADES.length classes by quantiles of the positive values; each value falls in the first
 * class whose `to` it does not exceed. Equal quantiles merge, so no class is empty.
 */
export function shadeClasses(values: readonly number[]): ShadeClass[] {
  const positive = values.filter((v) => v > 0).sort((a, b) => a - b);
  if (!positive.length) return [];
  const k = Math.min(SHADES.length, positive.length);
  const classes: ShadeClass[] = [];
  let start = 0;
  for (let c = 1; c <= k; c++) {
    let end = Math.ceil((c * positive.length) / k) - 1;
    // Keep equal values in one class.
    while (end + 1 < positive.length && positive[end + 1] === positive[end]) end++;
    if (end < start) continue;
    classes.push({ from: positive[start], to: positive[end], color: '' });
    start = end + 1;
    if (start >= positive.length) break;
  }
  // Spread the classes over the whole ramp, darkest for the largest values.
  return classes.map((cls, i) => ({ ...cls, color: SHADES[classes.length === 1 ? SHADES.length - 1 : Math.round((i * (SHADES.length - 1)) / (classes.length - 1))] }));
}

/** The shade of a value under these classes. */
export function shadeOf(value: number, classes: readonly ShadeClass[]): string {
  if (!(value > 0)) return NO_VALUE_SHADE;
  return (classes.find((c) => value <= c.to) ?? classes[classes.length - 1])?.color ?? NO_VALUE_SHADE;
}
