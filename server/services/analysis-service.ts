/**
 * Analyse the network: its communities (now and year by year) and its metrics by region,
 * prefecture, cluster project, field and actor type, computed from the in-memory snapshot and
 * kept in the version cache until the network changes; on a large network the detection runs in
 * a worker thread (offload.ts). The communities of the whole network at the default resolution
 * and seed (the reference run) are written back onto the actor nodes.
 */
import { PUBLIC_VIEWER, type Viewer } from '../domain/privacy/redaction.ts';
import { redactDeep, redactKept } from '../domain/privacy/redact-deep.ts';
import { perObject } from '../domain/per-object.ts';
import type { PrivacyService } from './privacy-service.ts';
import type { ActorType } from '../domain/model.ts';
import {
  analyseCommunities,
  communityTimeline,
  detectFor,
  summariseDetected,
  COMMUNITY_PARAMETER_DEFAULTS,
  type CommunityAnalysis,
  type CommunityParameters,
  type Detection,
} from '../domain/communities/analyse-communities.ts';
import { compactNetworkAround, compactNetworkOf, type CompactNetwork } from '../domain/graph/compact-network.ts';
import type { WeightedCsr } from '../domain/graph/weighted-csr.ts';
import type { Grouping } from '../domain/metrics/groupings.ts';
import { groupMetrics } from '../domain/metrics/group-metrics.ts';
import { measureCsr, measureNetwork, type NetworkMeasures } from '../domain/metrics/network-measures.ts';
import { dataYears, metricsTimeline } from '../domain/metrics/metrics-timeline.ts';
import type { Neo4jClient } from '../store/neo4j-client.ts';
import { writeCommunities, type CommunityWriteReport } from '../store/community-store.ts';
import { markStale, waitIfFresh, type NetworkSnapshot, type NetworkSource } from './network-source.ts';
import type { CacheAnswer } from './version-cache.ts';
import type { Logger } from '../logger.ts';
import { inWorker, isLarge, packedTiesOf, prepareOffload } from './offload.ts';

/** The run written onto the actor nodes: the whole network at the default resolution and seed. */
export function isReferenceRun(p: CommunityParameters): boolean {
  const d = COMMUNITY_PARAMETER_DEFAULTS;
  return p.types.length === 0 && p.asOf === undefined && p.resolution === d.resolution && p.seed === d.seed;
}

const ANALYSE_MODULE = new URL('../domain/communities/analyse-packed.ts', import.meta.url);
const MEASURE_MODULE = new URL('../domain/metrics/network-measures.ts', import.meta.url);

/** A kept analysis without its membership, one object per analysis (so that its redaction is kept too). */
const withoutMembership = perObject(({ assignment: _assignment, ...rest }: CommunityAnalysis) => rest);

export function analysisService(client: Neo4jClient, network: NetworkSource, deps: { log?: Logger; privacy: PrivacyService }) {
  const cache = network.cache;

  /** The network as of a year, of some actor types, in compact form; shared by every analysis. */
  const networkKey = (types: readonly ActorType[], asOf: number | undefined) => `network|${types.join(',')}|${asOf ?? ''}`;
  async function compact(snapshot: NetworkSnapshot, types: readonly ActorType[], asOf: number | undefined): Promise<{ network: CompactNetwork; buildMs: number }> {
    const { value } = await cache.get(snapshot.version, networkKey(types, asOf), () => {
      const started = performance.now();
      const built = compactNetworkOf(snapshot.actors, snapshot.ties, { types, asOf });
      return { network: built, buildMs: Math.round(performance.now() - started) };
    });
    return value;
  }

  /** Keeps the network a worker built (its CSR), so that the metrics do not build it again. */
  async function keepCompact(snapshot: NetworkSnapshot, types: readonly ActorType[], asOf: number | undefined, csr: WeightedCsr, buildMs: number): Promise<void> {
    await cache.get(snapshot.version, networkKey(types, asOf), () => ({ network: compactNetworkAround(snapshot.actors, csr, { types, asOf }), buildMs }));
  }

  /** Communities of one network state, written back when they are the product's reference run. */
  const communitiesKey = (p: CommunityParameters) => `communities|${p.resolution}|${p.seed}|${p.types.join(',')}|${p.asOf ?? ''}|${p.minSize}`;
  const timelineKey = (p: CommunityParameters, threshold: number) => `community-timeline|${p.resolution}|${p.seed}|${p.types.join(',')}|${p.minSize}|${threshold}`;

  // Write-backs run one at a time, in the order their runs were computed: an older version's
  // never lands after a newer one's.
  let writes: Promise<unknown> = Promise.resolve();
  function storeBehind(version: number, p: CommunityParameters, analysis: CommunityAnalysis, storage: { report: CommunityWriteReport | null }): void {
    storage.report = { property: 'community', state: 'writing' };
    const run = { networkVersion: version, resolution: p.resolution, seed: p.seed, count: analysis.count, modularity: analysis.modularity };
    writes = writes.then(() =>
      writeCommunities(client, analysis.assignment, run).then(
        (report) => void (storage.report = report),
        (err: unknown) => {
          storage.report = null;
          deps.log?.warn({ err }, 'the communities could not be stored with the actors');
        },
      ),
    );
  }

  function communitiesOf(snapshot: NetworkSnapshot, p: CommunityParameters) {
    // The reference run is detected again after every write: meanwhile the previous one answers (marked stale).
    const compute = async () => {
      const inProcess = async () => {
        const { network: built, buildMs } = await compact(snapshot, p.types, p.asOf);
        return { analysis: analyseCommunities(built, p), buildMs };
      };
      const inAWorker = async () => {
        // A network made compact before (an earlier analysis kept its CSR) crosses as typed arrays, and is not built again.
        if (cache.has(networkKey(p.types, p.asOf))) {
          // Only the detection runs there: the actors need not cross, and this thread summarises.
          const { network: built, buildMs } = await compact(snapshot, p.types, p.asOf);
          const detection = await inWorker<Detection>(ANALYSE_MODULE, 'detectFor', [built.csr, p], () => detectFor(built.csr, p), deps.log);
          return { analysis: summariseDetected(built, p, detection), buildMs };
        }
        const done = await inWorker<{ analysis: CommunityAnalysis; buildMs: number; csr?: WeightedCsr }>(ANALYSE_MODULE, 'analysePacked', [snapshot.actors, await packedTiesOf(network, snapshot), p], inProcess, deps.log);
        if (done.csr) await keepCompact(snapshot, p.types, p.asOf, done.csr, done.buildMs);
        return done;
      };
      const { analysis, buildMs } = isLarge(snapshot) ? await inAWorker() : await inProcess();
      // The communities do not depend on storing them: they are answered before they are
      // written back (storage says `writing`, then `written`); a database that is silent is not
      // tried and one that fails is logged (storage null; the next version stores its own).
      const storage: { report: CommunityWriteReport | null } = { report: null };
      if (isReferenceRun(p) && !client.silent()) storeBehind(snapshot.version, p, analysis, storage);
      return { analysis, storage, buildMs };
    };
    const key = communitiesKey(p);
    return isReferenceRun(p) ? cache.getOrPrevious(snapshot.version, key, compute, { waitMs: waitIfFresh() }) : cache.get(snapshot.version, key, compute);
  }

  /** Per-actor measures (clustering, betweenness) of one network state, shared by every grouping. */
  async function measures(snapshot: NetworkSnapshot, types: readonly ActorType[], asOf: number | undefined): Promise<NetworkMeasures> {
    const { value } = await cache.get(snapshot.version, `measures|${types.join(',')}|${asOf ?? ''}`, async () => {
      const { network: built } = await compact(snapshot, types, asOf);
      if (!isLarge(snapshot)) return measureNetwork(built);
      // Betweenness holds a thread for a second or more: on a large network, not the event loop.
      const measured = await inWorker(MEASURE_MODULE, 'measureCsr', [built.csr], () => measureCsr(built.csr), deps.log);
      return { ...built, ...measured };
    });
    return value;
  }

  return {
    /** The communities for `p`, whether they were cached, and the snapshot's version. */
    async communities(p: CommunityParameters, viewer: Viewer = PUBLIC_VIEWER, options: { members?: boolean } = {}) {
      if (!cache.has(communitiesKey(p))) prepareOffload(network, ANALYSE_MODULE);
      const snapshot = await network.snapshot();
      const found: CacheAnswer<Awaited<ReturnType<typeof communitiesOf>>['value']> = await communitiesOf(snapshot, p);
      if (found.staleFrom !== undefined) markStale();
      const redaction = await deps.privacy.redaction(viewer);
      // What is kept for this version is redacted once per redaction (redactKept): the analysis
      // but the membership of every actor, and that only when it is asked for (15 ms to walk).
      const kept = found.value.analysis;
      const seen = { ...redactKept(withoutMembership(kept), redaction), assignment: options.members ? redactKept(kept.assignment, redaction) : {} };
      return { snapshot, ...found, value: { ...found.value, storage: found.value.storage.report, analysis: seen } };
    },

    /** Communities year by year, matched from one year to the next above `threshold`. */
    async communityTimeline(p: CommunityParameters, threshold: number, viewer: Viewer = PUBLIC_VIEWER) {
      if (!cache.has(timelineKey(p, threshold))) prepareOffload(network, ANALYSE_MODULE);
      const snapshot = await network.snapshot();
      const { value } = await cache.get(snapshot.version, timelineKey(p, threshold), async () => {
        const inProcess = async () => {
          const years: { year: number; analysis: CommunityAnalysis }[] = [];
          for (const year of dataYears(snapshot.ties)) years.push({ year, analysis: (await communitiesOf(snapshot, { ...p, asOf: year })).value.analysis });
          return communityTimeline(years, threshold);
        };
        return isLarge(snapshot)
          ? inWorker(ANALYSE_MODULE, 'timelinePacked', [snapshot.actors, await packedTiesOf(network, snapshot), p, threshold], inProcess, deps.log)
          : inProcess();
      });
      return { snapshot, timeline: redactDeep(value, await deps.privacy.redaction(viewer)) };
    },

    /** Metrics grouped `by`, over actors of `types` (all when empty), as of a year. */
    async metrics(by: Grouping, types: readonly ActorType[], asOf: number | undefined, viewer: Viewer = PUBLIC_VIEWER) {
      const snapshot = await network.snapshot();
      const { value } = await cache.get(snapshot.version, `metrics|${by}|${types.join(',')}|${asOf ?? ''}`, async () => groupMetrics(await measures(snapshot, types, asOf), by));
      return { snapshot, result: redactDeep(value, await deps.privacy.redaction(viewer)) };
    },

    /** Metrics grouped `by` for every year of the data. */
    async metricsTimeline(by: Grouping, types: readonly ActorType[], viewer: Viewer = PUBLIC_VIEWER) {
      const snapshot = await network.snapshot();
      const { value } = await cache.get(snapshot.version, `metrics-timeline|${by}|${types.join(',')}`, async () => {
        const years = [];
        for (const year of dataYears(snapshot.ties)) years.push({ year, measures: await measures(snapshot, types, year) });
        return metricsTimeline(years, by);
      });
      return { snapshot, timeline: redactDeep(value, await deps.privacy.redaction(viewer)) };
    },

    /** Whether these communities (or their timeline, with `threshold`) are computed or being computed (else seconds of work). */
    isComputed(p: CommunityParameters, threshold?: number): boolean {
      return cache.has(threshold === undefined ? communitiesKey(p) : timelineKey(p, threshold));
    },

    /** Computes (and writes back) the reference communities ahead of requests. */
    async prepare(): Promise<void> {
      await communitiesOf(await network.snapshot(), COMMUNITY_PARAMETER_DEFAULTS);
    },
  };
}

export type AnalysisService = ReturnType<typeof analysisService>;
