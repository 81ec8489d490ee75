import { describe, expect, it } from 'vitest';
import { seededRng } from '../../server/domain/graph/seeded-rng.ts';
import { FEATURES } from '../../server/domain/suggestions/feature-names.ts';
import { fitWeights, FIT_DEFAULTS, type ChoiceSet } from '../../server/domain/suggestions/fit-weights.ts';


const K = FEATURES.length;

/** Choice sets whose choices follow a conditional logit with the planted weights. */
function plantedChoices(planted: number[], sets: number, rows: number, seed: number): ChoiceSet[] {
  const r = seededRng(seed);
  return Array.from({ length: sets }, () => {
    const x = Float64Array.from({ length: rows * K }, () => (r() < 0.5 ? 0 : r()));
    const utility = Array.from({ length: rows }, (_, j) => planted.reduce((s, w, i) => s + w * x[j * K + i], 0));
    const z = utility.reduce((s, u) => s + Math.exp(u), 0);
    let u = r() * z;
    let chosen = rows - 1;
    for (let j = 0; j < rows; j++) if ((u -= Math.exp(utility[j])) <= 0) { chosen = j; break; }
    return { x, rows, chosen: [chosen] };
  });
}

describe('fitting weights by conditional logit', () => {
  const planted = FEATURES.map((_, i) => (i === 0 ? 2.5 : i === 3 ? 1.5 : i === 7 ? 1 : 0));
  const sets = plantedChoices(planted, 1500, 20, 42);
  const fit = fitWeights(sets, { ...FIT_DEFAULTS, l2: 0.1 });

  it('recovers planted weights and keeps the absent ones near zero', () => {
    FEATURES.forEach((f, i) => expect(Math.abs(fit.weights[f] - planted[i]), f).toBeLessThan(0.4));
  });

  it('never gives a negative weight', () => {
    const against = plantedChoices(FEATURES.map((_, i) => (i === 1 ? -2 : 0.5)), 800, 15, 7);
    const w = fitWeights(against, { ...FIT_DEFAULTS, l2: 0.1 }).weights;
    for (const f of FEATURES) expect(w[f]).toBeGreaterThanOrEqual(0);
    expect(w[FEATURES[1]]).toBe(0);
  });

  it('repeats exactly', () => {
    expect(fitWeights(sets, { ...FIT_DEFAULTS, l2: 0.1 })).toEqual(fit);
  });

  it('stays at its prior when the choices say nothing', () => {
    const flat = plantedChoices(FEATURES.map(() => 0), 5, 10, 3).map((s) => ({ ...s, x: new Float64Array(s.x.length).fill(0.5) }));
    const prior = Object.fromEntries(FEATURES.map((f, i) => [f, i / 4])) as Record<(typeof FEATURES)[number], number>;
    const w = fitWeights(flat, { ...FIT_DEFAULTS, prior }).weights;
    for (const f of FEATURES) expect(w[f]).toBeCloseTo(prior[f], 1);
  });
});
