import { describe, expect, it } from 'vitest';
import type { Actor, Tie } from '../../server/domain/model.ts';
import { packTies, unpackTies } from '../../server/domain/graph/packed-ties.ts';
import { runInWorker } from '../../server/runtime/worker-task.ts';
import { calibrateWeights } from '../../server/domain/suggestions/calibrate.ts';
import { generateNetwork } from '../../graph-seeds/generator/generate-network.ts';
import { analyseCommunities, communityTimeline, COMMUNITY_PARAMETER_DEFAULTS, summariseDetected, type CommunityAnalysis, type Detection } from '../../server/domain/communities/analyse-communities.ts';
import { compactNetworkAround, compactNetworkOf, compactNetworkOfPacked } from '../../server/domain/graph/compact-network.ts';
import type { WeightedCsr } from '../../server/domain/graph/weighted-csr.ts';
import { dataYears } from '../../server/domain/metrics/metrics-timeline.ts';
import { drawNetwork, type Drawing } from '../../server/domain/layout/draw-network.ts';

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

  it('analyse communities and lay out in a worker as the network does in process', async () => {
    const net = generateNetwork({ seed: 3, actors: 300, ties: 1000 });
    const packed = packTies(net.actors, net.ties);
    const p = { ...COMMUNITY_PARAMETER_DEFAULTS };
    const analyse = new URL('../../server/domain/communities/analyse-packed.ts', import.meta.url);
    const { analysis, csr } = await runInWorker<{ analysis: CommunityAnalysis; csr: WeightedCsr }>(analyse, 'analysePacked', [net.actors, packed, p]);
    const network = compactNetworkOf(net.actors, net.ties, { types: p.types });
    const here = analyseCommunities(network, p);
    expect({ ...analysis, timings: {} }).toEqual({ ...here, timings: {} });
    // The network the worker built comes back whole, for the metrics to use.
    expect(compactNetworkAround(net.actors, csr, { types: p.types })).toEqual(network);
    const firms = { types: ['Enterprise' as const] };
    expect(() => compactNetworkAround(net.actors, csr, firms)).toThrow(/CSR has/);
    // Other parameters over the CSR kept: the same analysis as in process, nothing built again.
    const finer = { ...p, resolution: 1.5 };
    const detection = await runInWorker<Detection>(analyse, 'detectFor', [csr, finer]);
    expect({ ...summariseDetected(network, finer, detection), timings: {} }).toEqual({ ...analyseCommunities(network, finer), timings: {} });
    const timeline = await runInWorker(analyse, 'timelinePacked', [net.actors, packed, p, 0.3]);
    const years = dataYears(net.ties).map((year) => ({ year, analysis: analyseCommunities(compactNetworkOf(net.actors, net.ties, { types: p.types, asOf: year }), { ...p, asOf: year }) }));
    expect(timeline).toEqual(communityTimeline(years, 0.3));

    const options = { iterations: 20, seed: 5 };
    const none = { run: null, positions: new Map() };
    const drawn = await runInWorker<Drawing>(new URL('../../server/domain/layout/draw-network.ts', import.meta.url), 'drawNetworkPacked', [net.actors, packed, 7, none, options]);
    const here2 = drawNetwork(net.actors, net.ties, 7, none, options);
    expect(drawn.layout).toEqual(here2.layout);
    const withoutTime = (json: string) => JSON.stringify({ ...JSON.parse(json), layout: { ...JSON.parse(json).layout, computedMs: 0 } });
    expect(withoutTime(drawn.json)).toBe(withoutTime(here2.json));
    // The stored layout of the same version is used as it is.
    const again = drawNetwork(net.actors, net.ties, 7, { run: { networkVersion: 7, seed: 5, iterations: 20, scale: here2.layout.scale }, positions: here2.layout.positions }, options);
    expect(again.computed).toBe(false);
    expect(again.layout.positions).toEqual(here2.layout.positions);
  });
});

describe('the compact network from packed ties', () => {
  it('is the compact network of the ties themselves, for any types and year', () => {
    const net = generateNetwork({ seed: 4, actors: 500, ties: 2500 });
    // Repeated pairs, a self-tie, a tie without a year, an odd weight and a tie to an unknown actor.
    const [a, b, c] = net.actors;
    const ties: Tie[] = [...net.ties, { source: a.id, target: b.id, kind: 'SUPPLIES', weight: 0.5 }, { source: b.id, target: a.id, kind: 'COLLABORATES', weight: 2, since: 2003 },
      { source: c.id, target: c.id, kind: 'SUPPLIES', weight: 1 }, { source: a.id, target: 'nobody', kind: 'SUPPLIES', weight: 1 }, { source: c.id, target: b.id, kind: 'SUPPLIES', weight: -3, since: 2001 }];
    const packed = packTies(net.actors, ties);
    for (const options of [{}, { asOf: 2005 }, { types: ['Enterprise' as const, 'University' as const] }, { types: ['Enterprise' as const], asOf: 2008 }]) {
      expect(compactNetworkOfPacked(net.actors, packed, options)).toEqual(compactNetworkOf(net.actors, ties, options));
    }
  });
});
