import { describe, expect, it } from 'vitest';
import type { Actor, ActorType, Tie } from '../../server/domain/model.ts';
import { calibrateWeights, calibrateWeightsAsync, calibrationCutoff } from '../../server/domain/suggestions/calibrate.ts';
import { contrastTies } from '../../graph-seeds/contrast-network.ts';
import { FEATURES } from '../../server/domain/suggestions/feature-names.ts';
import { runInWorker } from '../../server/runtime/worker-task.ts';

const PREFS = ['Aichi', 'Gifu', 'Mie', 'Osaka', 'Kyoto', 'Tokyo'];
const FIELDS = ['robots', 'gears', 'fuel-cells', 'biotechnology'];

/** 400 actors; 3,000 ties over 2001-2010 drawn by the contrast process from a template of type pairs and years. */
function network(): { actors: Actor[]; ties: Tie[] } {
  const actors: Actor[] = Array.from({ length: 400 }, (_, i) => ({
    id: `a${String(i).padStart(3, '0')}`,
    type: (i % 10 === 0 ? 'University' : 'Enterprise') as ActorType,
    name: `A${i}`,
    prefecture: PREFS[i % PREFS.length],
    fields: [FIELDS[i % FIELDS.length]],
    seeks: [FIELDS[(i + 1) % FIELDS.length]],
  }));
  const template: Tie[] = Array.from({ length: 3000 }, (_, k) => ({
    source: actors[(k * 7) % 400].id,
    target: actors[k % 3 === 0 ? ((k * 13) % 40) * 10 : (k * 11 + 1) % 400].id,
    kind: 'COLLABORATES',
    weight: 1 + (k % 4),
    since: 2001 + Math.floor((k * 10) / 3000),
  }));
  return { actors, ties: contrastTies(actors, template, { seed: 4 }) };
}

describe('calibration on the network itself', () => {
  const { actors, ties } = network();

  it('fits the roles with enough choices in the last two years, with non-negative weights', () => {
    const calibration = calibrateWeights(actors, ties, 2010)!;
    expect(calibration).toMatchObject({ cutoff: 2008, referenceYear: 2010 });
    const ee = calibration.roles.find((r) => r.role === 'enterprise>enterprise')!;
    expect(ee.source).toBe('calibrated');
    expect(ee.choices).toBeGreaterThanOrEqual(40);
    for (const r of calibration.roles) for (const f of FEATURES) expect(r.weights[f]).toBeGreaterThanOrEqual(0);
  });

  it('gives the same weights step by step as at once', async () => {
    expect(await calibrateWeightsAsync(actors, ties, 2010)).toEqual(calibrateWeights(actors, ties, 2010));
  });

  it('gives the same weights in a worker thread, as the server runs it', async () => {
    const module = new URL('../../server/domain/suggestions/calibrate.ts', import.meta.url);
    expect(await runInWorker(module, 'calibrateWeights', [actors, ties, 2010])).toEqual(calibrateWeights(actors, ties, 2010));
  });

  it('never reads ties after the reference year', () => {
    const late = ties.map((t, k) => (k % 5 === 0 ? { ...t, since: 2011 } : t));
    expect(calibrateWeights(actors, late, 2010)).toEqual(calibrateWeights(actors, late.filter((t) => t.since! <= 2010), 2010));
  });

  it('does not judge on a partial latest year: a few ties dated today change nothing', () => {
    // Ties between actors already there, dated years after the data ends, as recorded today.
    const today = Array.from({ length: 20 }, (_, k): Tie => ({ source: actors[k].id, target: actors[k + 200].id, kind: 'COLLABORATES', weight: 1, since: 2026 }));
    const calibration = calibrateWeights(actors, [...ties, ...today], 2026)!;
    expect(calibration.referenceYear).toBe(2010);
    expect(calibration).toEqual(calibrateWeights(actors, ties, 2010));
  });

  it('widens its window when the last years hold few ties, and gives up without years', () => {
    const stray: Tie = { source: 'a001', target: 'a002', kind: 'SUPPLIES', weight: 1, since: 2015 };
    expect(calibrationCutoff([...ties, stray], 2015)).toBeLessThan(2010);
    expect(calibrationCutoff(ties.map(({ since: _since, ...t }) => t), 2010)).toBeUndefined();
    expect(calibrateWeights(actors, ties, undefined)).toBeUndefined();
  });
});
