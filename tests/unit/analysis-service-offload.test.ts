/**
 * The communities of a large network (20,000 ties or more: detected in a worker thread) through the
 * analysis service itself: the first analysis builds the compact network in the worker and keeps it;
 * other parameters then run over the kept network, and both equal the analysis made in process.
 */
import { describe, expect, it } from 'vitest';
import { analysisService } from '../../server/services/analysis-service.ts';
import { privacyService } from '../../server/services/privacy-service.ts';
import { createVersionCache } from '../../server/services/version-cache.ts';
import { WORKER_MIN_TIES } from '../../server/services/offload.ts';
import type { NetworkSnapshot, NetworkSource } from '../../server/services/network-source.ts';
import type { Neo4jClient } from '../../server/store/neo4j-client.ts';
import { generateNetwork } from '../../graph-seeds/generator/generate-network.ts';
import { analyseCommunities, COMMUNITY_PARAMETER_DEFAULTS } from '../../server/domain/communities/analyse-communities.ts';
import { compactNetworkOf } from '../../server/domain/graph/compact-network.ts';
import { startedWorkers } from '../../server/runtime/worker-task.ts';
import type { Viewer } from '../../server/domain/privacy/redaction.ts';

describe('analysis service on a network large enough for a worker', () => {
  it('analyses other parameters over the compact network the first analysis kept, as in process', async () => {
    const net = generateNetwork({ seed: 4, actors: 2_500, ties: WORKER_MIN_TIES + 500 });
    expect(net.ties.length).toBeGreaterThanOrEqual(WORKER_MIN_TIES);
    const snapshot = { version: 1, actors: net.actors, ties: net.ties } as NetworkSnapshot;
    const network: NetworkSource = { snapshot: async () => snapshot, held: () => snapshot, changed: () => undefined, cache: createVersionCache() };
    // A database that is silent: nothing is written back, the communities are answered unstored.
    const client = { silent: () => true } as unknown as Neo4jClient;
    const service = analysisService(client, network, { privacy: privacyService(network) });
    const workersBefore = startedWorkers();

    // A coordinator sees every actor by name, so the answers compare with the analysis itself.
    const coordinator = { user: { role: 'coordinator' } } as Viewer;
    const reference = await service.communities({ ...COMMUNITY_PARAMETER_DEFAULTS }, coordinator);
    expect(startedWorkers()).toBeGreaterThan(workersBefore);
    expect(network.cache.has('network||')).toBe(true);
    const finer = { ...COMMUNITY_PARAMETER_DEFAULTS, resolution: 1.5 };
    const other = await service.communities(finer, coordinator);

    const here = compactNetworkOf(net.actors, net.ties, { types: [] });
    const strip = (a: object) => ({ ...a, timings: {} });
    const { assignment: _a, ...expectedReference } = analyseCommunities(here, COMMUNITY_PARAMETER_DEFAULTS);
    const { assignment: _b, ...expectedOther } = analyseCommunities(here, finer);
    expect(strip(reference.value.analysis)).toEqual({ ...strip(expectedReference), assignment: {} });
    expect(strip(other.value.analysis)).toEqual({ ...strip(expectedOther), assignment: {} });
    expect(other.value.analysis.modularity).not.toBe(reference.value.analysis.modularity);
  }, 60_000);
});
