/**
 * A small seeded random generator for the algorithms' `rng` option, so that a seed repeats a
 * result exactly. Mulberry32 (Tommy Ettinger, public domain): 32 bits of state, a period of 2^32,
 * and it passes the statistical tests that matter for shuffling and sampling.
 */

export type Rng = () => number;

/** A generator of numbers in [0, 1) determined by `seed` (any integer). */
export function seededRng(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Shuffles `items` in place (Fisher-Yates) with the given generator. */
export function shuffleInPlace<T extends { length: number; [i: number]: number } | unknown[]>(items: T, rng: Rng): T {
  const a = items as unknown as number[];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const tmp = a[i];
    a[i] = a[j];
    a[j] = tmp;
  }
  return items;
}
