import { describe, expect, it } from 'vitest';
import type { Actor, Tie } from '../../server/domain/model.ts';
import { packTies, unpackTies } from '../../server/domain/graph/packed-ties.ts';
import { runInWorker } from '../../server/runtime/worker-task.ts';
import { calibrateWeights } from '../../server/domain/suggestions/calibrate.ts';
import { generateNetwork } from '../../graph-seeds/generator/generate-network.ts';

const actors: Actor[] = ['a', 'b', 'c'].map((id) => ({ id, type: 'Enterprise', name: id }));
const ties: Tie[] = [
  { source: 'a', target: 'b', kind: 'COLLABORATES', weight: 2.5, since: 2001 },
  { source: 'b', target: 'c', kind: 'SUPPLIES', weight: 1 },
  { source: 'c', target: 'zz', kind: 'FINANCES', weight: 1, since: 2003 },
];

describe('ties packed for a worker thread', () => {
  it('come back as they went, without the ties to unknown actors', () => {
    const packed = packTies(actors, ties);
    expect(packed.source).toBeInstanceOf(Int32Array);
    expect(unpackTies(actors, packed)).toEqual(ties.slice(0, 2));
  });

  it('calibrate in a worker as the ties themselves do in process', async () => {
    const net = generateNetwork({ seed: 2, actors: 400, ties: 1500 });
    const module = new URL('../../server/domain/suggestions/calibrate.ts', import.meta.url);
    const inWorker = await runInWorker(module, 'calibrateWeightsPacked', [net.actors, packTies(net.actors, net.ties), 2010]);
    expect(inWorker).toEqual(calibrateWeights(net.actors, net.ties, 2010));
  });
});
