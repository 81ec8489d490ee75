/**
 * What policymakers and coordinators see of the whole network: its communities (now and year by
 * year) and its metrics by region, prefecture, cluster project, field and actor type.
 *
 * Results are computed from the in-memory snapshot of the network and cached until the network
 * changes (its version moves with every import). The communities of the whole network at the
 * default resolution and seed are written back onto the actor nodes.
 */
import { Router, type Request } from 'express';
import { ACTOR_TYPES, type ActorType } from '../../domain/model.ts';
import { invalidParameter } from '../../domain/errors.ts';
import {
  analyseCommunities,
  communityTimeline,
  COMMUNITY_PARAMETER_DEFAULTS,
  type CommunityAnalysis,
  type CommunityParameters,
} from '../../domain/communities/analyse-communities.ts';
import { TRACK_DEFAULTS } from '../../domain/communities/track-communities.ts';
import { compactNetworkOf, type CompactNetwork } from '../../domain/communities/compact-network.ts';
import { GROUPINGS, type Grouping } from '../../domain/metrics/groupings.ts';
import { groupMetrics, METRIC_DEFINITIONS } from '../../domain/metrics/group-metrics.ts';
import { measureNetwork, type NetworkMeasures } from '../../domain/metrics/network-measures.ts';
import { dataYears, metricsTimeline } from '../../domain/metrics/metrics-timeline.ts';
import { formatMetricsCsv } from '../../domain/metrics/metrics-csv.ts';
import type { NetworkSnapshot } from '../../store/network-snapshot.ts';
import type { Neo4jClient } from '../../store/neo4j-client.ts';
import { writeCommunities, type CommunityWriteReport } from '../../store/community-store.ts';
import { booleanParam, enumParam, intParam, stringParam } from '../query-params.ts';

/** Where the routes read the network from: the shared snapshot cache (network-snapshot.ts). */
export interface SnapshotSource {
  get(): Promise<NetworkSnapshot>;
}

const YEAR_RANGE = { min: 1900, max: 2100 };

/**
 * The analysis API. `prepare()` computes (and writes back) the reference communities of the
 * current network ahead of any request: call it after start-up and after an import, so that the
 * first reader gets a cached answer and the `community` property is current.
 */
export function analysisRoutes(client: Neo4jClient, snapshots: SnapshotSource): Router & { prepare(): Promise<void> } {
  const router = Router();
  const cache = resultCache(48);

  /** The network as of a year, of some actor types, in compact form; shared by every analysis. */
  async function network(snapshot: NetworkSnapshot, types: readonly ActorType[], asOf: number | undefined): Promise<{ network: CompactNetwork; buildMs: number }> {
    const key = `network|${types.join(',')}|${asOf ?? ''}`;
    const { value } = await cache.get(snapshot.version, key, () => {
      const started = performance.now();
      const built = compactNetworkOf(snapshot.actors, snapshot.ties, { types, asOf });
      return { network: built, buildMs: Math.round(performance.now() - started) };
    });
    return value;
  }

  /** Communities of one network state, written back when they are the product's reference run. */
  function communities(snapshot: NetworkSnapshot, p: CommunityParameters) {
    const key = `communities|${p.resolution}|${p.seed}|${p.types.join(',')}|${p.asOf ?? ''}|${p.minSize}`;
    return cache.get(snapshot.version, key, async () => {
      const { network: built, buildMs } = await network(snapshot, p.types, p.asOf);
      const analysis = analyseCommunities(built, p);
      let storage: CommunityWriteReport | null = null;
      if (isReferenceRun(p)) {
        storage = await writeCommunities(client, analysis.assignment, {
          networkVersion: snapshot.version,
          resolution: p.resolution,
          seed: p.seed,
          count: analysis.count,
          modularity: analysis.modularity,
        });
      }
      return { analysis, storage, buildMs };
    });
  }

  /** Per-actor measures (clustering, betweenness) of one network state, shared by every grouping. */
  async function measures(snapshot: NetworkSnapshot, types: readonly ActorType[], asOf: number | undefined): Promise<NetworkMeasures> {
    const key = `measures|${types.join(',')}|${asOf ?? ''}`;
    const { value } = await cache.get(snapshot.version, key, async () => measureNetwork((await network(snapshot, types, asOf)).network));
    return value;
  }

  async function metrics(req: Request) {
    const by = groupingParam(req);
    const types = typesParam(req);
    const asOf = yearParam(req, 'asOf');
    const snapshot = await snapshots.get();
    const key = `metrics|${by}|${types.join(',')}|${asOf ?? ''}`;
    const { value: result } = await cache.get(snapshot.version, key, async () => groupMetrics(await measures(snapshot, types, asOf), by));
    return { snapshot, by, types, asOf, result };
  }

  router.get('/communities', async (req, res) => {
    const p = communityParams(req);
    const members = booleanParam(req, 'members');
    const started = performance.now();
    const snapshot = await snapshots.get();
    const { value, cached } = await communities(snapshot, p);
    const { analysis, storage, buildMs } = value;
    res.json({
      networkVersion: snapshot.version,
      actors: analysis.actors,
      ties: analysis.ties,
      parameters: { ...p, asOf: p.asOf ?? null },
      method: analysis.method,
      modularity: analysis.modularity,
      count: analysis.count,
      communities: analysis.communities,
      small: analysis.small,
      storage,
      ...(members ? { members: analysis.assignment } : {}),
      cached,
      timings: { buildMs, ...analysis.timings, writeMs: storage?.ms ?? 0, totalMs: Math.round(performance.now() - started) },
    });
  });

  router.get('/communities/timeline', async (req, res) => {
    const p = communityParams(req);
    if (p.asOf !== undefined) throw invalidParameter('asOf', 'the timeline covers every year of the data; leave asOf out');
    const threshold = numberParam(req, 'threshold', { min: 0.05, max: 1, fallback: TRACK_DEFAULTS.threshold });
    const snapshot = await snapshots.get();
    const key = `community-timeline|${p.resolution}|${p.seed}|${p.types.join(',')}|${p.minSize}|${threshold}`;
    const { value: timeline } = await cache.get(snapshot.version, key, async () => {
      const years: { year: number; analysis: CommunityAnalysis }[] = [];
      for (const year of dataYears(snapshot.ties)) years.push({ year, analysis: (await communities(snapshot, { ...p, asOf: year })).value.analysis });
      return communityTimeline(years, threshold);
    });
    res.json({ networkVersion: snapshot.version, parameters: { ...p, threshold }, ...timeline });
  });

  router.get('/metrics', async (req, res) => {
    const { snapshot, by, types, asOf, result } = await metrics(req);
    res.json({ networkVersion: snapshot.version, parameters: { by, types, asOf: asOf ?? null }, definitions: METRIC_DEFINITIONS, ...result });
  });

  router.get('/metrics/timeline', async (req, res) => {
    const by = groupingParam(req);
    const types = typesParam(req);
    const snapshot = await snapshots.get();
    const { value: timeline } = await cache.get(snapshot.version, `metrics-timeline|${by}|${types.join(',')}`, async () => {
      const years = [];
      for (const year of dataYears(snapshot.ties)) years.push({ year, measures: await measures(snapshot, types, year) });
      return metricsTimeline(years, by);
    });
    res.json({ networkVersion: snapshot.version, parameters: { by, types }, definitions: METRIC_DEFINITIONS, ...timeline });
  });

  router.get('/export/metrics.csv', async (req, res) => {
    const { by, asOf, result } = await metrics(req);
    const name = `metrics-${by}${asOf === undefined ? '' : `-${asOf}`}.csv`;
    res.type('text/csv; charset=utf-8').attachment(name).send(formatMetricsCsv(result));
  });

  async function prepare(): Promise<void> {
    await communities(await snapshots.get(), COMMUNITY_PARAMETER_DEFAULTS);
  }

  return Object.assign(router, { prepare });
}

/** The run written onto the actor nodes: the whole network at the default resolution and seed. */
function isReferenceRun(p: CommunityParameters): boolean {
  const d = COMMUNITY_PARAMETER_DEFAULTS;
  return p.types.length === 0 && p.asOf === undefined && p.resolution === d.resolution && p.seed === d.seed;
}

function communityParams(req: Request): CommunityParameters {
  const d = COMMUNITY_PARAMETER_DEFAULTS;
  return {
    resolution: numberParam(req, 'resolution', { min: 0.01, max: 100, fallback: d.resolution }),
    seed: intParam(req, 'seed', { min: 0, max: 2 ** 31 - 1, fallback: d.seed }),
    types: typesParam(req),
    asOf: yearParam(req, 'asOf'),
    minSize: intParam(req, 'minSize', { min: 1, max: 100_000, fallback: d.minSize }),
  };
}

function groupingParam(req: Request): Grouping {
  return enumParam(req, 'by', GROUPINGS) ?? 'region';
}

/** `types=Enterprise,University` (any case); empty for all types. */
function typesParam(req: Request): ActorType[] {
  const text = stringParam(req, 'types');
  if (text === undefined) return [];
  const types = new Set<ActorType>();
  for (const part of text.split(',').map((t) => t.trim()).filter(Boolean)) {
    const type = ACTOR_TYPES.find((t) => t.toLowerCase() === part.toLowerCase());
    if (!type) throw invalidParameter('types', `'${part}' is not one of ${ACTOR_TYPES.join(', ')}`);
    types.add(type);
  }
  return ACTOR_TYPES.filter((t) => types.has(t));
}

function yearParam(req: Request, name: string): number | undefined {
  if (stringParam(req, name) === undefined) return undefined;
  return intParam(req, name, { ...YEAR_RANGE, fallback: 0 });
}

function numberParam(req: Request, name: string, range: { min: number; max: number; fallback: number }): number {
  const v = stringParam(req, name);
  if (v === undefined) return range.fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n < range.min || n > range.max) {
    throw invalidParameter(name, `'${v}' is not a number from ${range.min} to ${range.max}`);
  }
  return n;
}

/**
 * Results by key for one network version: a new version empties the cache. Concurrent requests
 * for the same key share one computation; a failed computation is not kept. At most `limit`
 * entries, the least recently used going first. `cached` tells whether the result was there.
 */
function resultCache(limit: number) {
  let version: number | undefined;
  const entries = new Map<string, Promise<unknown>>();
  return {
    async get<T>(networkVersion: number, key: string, compute: () => T | Promise<T>): Promise<{ value: T; cached: boolean }> {
      if (networkVersion !== version) {
        entries.clear();
        version = networkVersion;
      }
      const found = entries.get(key) as Promise<T> | undefined;
      if (found) {
        entries.delete(key);
        entries.set(key, found);
        return { value: await found, cached: true };
      }
      const entry = Promise.resolve().then(compute);
      entries.set(key, entry);
      entry.catch(() => entries.delete(key));
      while (entries.size > limit) entries.delete(entries.keys().next().value!);
      return { value: await entry, cached: false };
    },
  };
}
