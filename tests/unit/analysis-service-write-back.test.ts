/**
 * The reference communities are answered before they are written onto the actors, and the
 * write-backs of successive network versions run one at a time, in order: an older version's
 * never lands after a newer one's. The database is a stand-in whose writes end when the test says.
 */
import { describe, expect, it } from 'vitest';
import { analysisService } from '../../server/services/analysis-service.ts';
import { privacyService } from '../../server/services/privacy-service.ts';
import { createVersionCache } from '../../server/services/version-cache.ts';
import type { NetworkSnapshot, NetworkSource } from '../../server/services/network-source.ts';
import type { Neo4jClient } from '../../server/store/neo4j-client.ts';
import { generateNetwork } from '../../graph-seeds/generator/generate-network.ts';
import { COMMUNITY_PARAMETER_DEFAULTS } from '../../server/domain/communities/analyse-communities.ts';

const turn = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('the write-back of the reference communities', () => {
  it('answers first, then writes; one version after the other', async () => {
    const net = generateNetwork({ seed: 3, actors: 300, ties: 900 });
    let snapshot = { version: 1, actors: net.actors, ties: net.ties } as NetworkSnapshot;
    const network: NetworkSource = { snapshot: async () => snapshot, held: () => snapshot, changed: () => undefined, cache: createVersionCache() };
    // Each write waits until the test ends it; `started` says which versions' writes began, in order.
    const started: number[] = [];
    const finish: (() => void)[] = [];
    const client = {
      silent: () => false,
      write: () => {
        started.push(snapshot.version);
        return new Promise<number>((resolve) => finish.push(() => resolve(7)));
      },
    } as unknown as Neo4jClient;
    const service = analysisService(client, network, { privacy: privacyService(network) });
    const reference = () => service.communities({ ...COMMUNITY_PARAMETER_DEFAULTS });

    const first = await reference();
    expect(first.value.storage).toEqual({ property: 'community', state: 'writing' });
    expect(first.value.analysis.count).toBeGreaterThan(0);
    await turn();
    expect(started).toEqual([1]);

    // A newer version is analysed while the older one is still being written: its write waits.
    snapshot = { ...snapshot, version: 2 };
    const second = await reference();
    expect(second.snapshot.version).toBe(2);
    expect(second.value.storage).toEqual({ property: 'community', state: 'writing' });
    await turn();
    expect(started).toEqual([1]);

    finish[0]();
    await turn();
    expect(started).toEqual([1, 2]);
    expect((await reference()).value.storage).toEqual({ property: 'community', state: 'writing' });
    finish[1]();
    await turn();
    expect((await reference()).value.storage).toMatchObject({ property: 'community', state: 'written', written: 7 });

    // Other parameters are never written.
    const other = await service.communities({ ...COMMUNITY_PARAMETER_DEFAULTS, resolution: 2 });
    expect(other.value.storage).toBeNull();
    expect(started).toEqual([1, 2]);
  });
});
