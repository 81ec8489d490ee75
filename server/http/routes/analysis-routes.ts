/**
 * What policymakers and coordinators see of the whole network: its communities (now and year by
 * year) and its metrics by region, prefecture, cluster project, field and actor type. The
 * parameters are checked here; services/analysis-service.ts computes and caches.
 */
import { Router, type Request } from 'express';
import { ACTOR_TYPES, type ActorType } from '../../domain/model.ts';
import { invalidParameter } from '../../domain/errors.ts';
import { COMMUNITY_PARAMETER_DEFAULTS, type CommunityParameters } from '../../domain/communities/analyse-communities.ts';
import { TRACK_DEFAULTS } from '../../domain/communities/track-communities.ts';
import { GROUPINGS, type Grouping } from '../../domain/metrics/groupings.ts';
import { METRIC_DEFINITIONS } from '../../domain/metrics/group-metrics.ts';
import { formatMetricsCsv } from '../../domain/metrics/metrics-csv.ts';
import type { AnalysisService } from '../../services/analysis-service.ts';
import type { CommunitiesResponse, CommunityTimelineResponse, MetricsResponse, MetricsTimelineResponse } from '../../contract/api.ts';
import { viewerOf } from '../authenticate.ts';
import { expensiveLimit } from '../rate-limits.ts';
import { sendWithKept } from '../send-json.ts';
import { booleanParam, enumParam, intParam, stringParam } from '../query-params.ts';

const YEAR_RANGE = { min: 1900, max: 2100 };

/** The analysis API: the parameters checked here, the rest is the service's (services/analysis-service.ts). */
export function analysisRoutes(analysis: AnalysisService): Router {
  const router = Router();
  // Communities for parameters not computed yet take seconds: limited (rate-limits.ts). A request
  // with a bad parameter is not counted; its handler answers 400.
  const newCommunities = expensiveLimit((req) => {
    try {
      const p = communityParams(req);
      return req.path.endsWith('/timeline') ? !analysis.isComputed(p, numberParam(req, 'threshold', { min: 0.05, max: 1, fallback: TRACK_DEFAULTS.threshold })) : !analysis.isComputed(p);
    } catch {
      return false;
    }
  });
  router.use('/communities', newCommunities);

  router.get('/communities', async (req, res) => {
    const p = communityParams(req);
    const members = booleanParam(req, 'members');
    const started = performance.now();
    const { snapshot, value, cached, staleFrom } = await analysis.communities(p, viewerOf(res), { members });
    const { analysis: found, storage, buildMs } = value;
    const answer = {
      // While the communities of a new version are detected, the previous version's answer (marked stale).
      networkVersion: staleFrom ?? snapshot.version,
      actors: found.actors,
      ties: found.ties,
      parameters: { ...p, asOf: p.asOf ?? null },
      method: found.method,
      modularity: found.modularity,
      count: found.count,
      communities: found.communities,
      small: found.small,
      storage,
      ...(members ? { members: found.assignment } : {}),
      cached,
      timings: { buildMs, ...found.timings, writeMs: storage?.state === 'written' ? storage.ms : 0, totalMs: Math.round(performance.now() - started) },
    } satisfies CommunitiesResponse;
    // The summaries and the membership are kept per version and scope of viewers: their JSON once.
    // The ETag leaves out what changes with every request (the timings, whether computed now).
    sendWithKept(res, answer, ['communities', 'members'], ['cached', 'timings']);
  });

  router.get('/communities/timeline', async (req, res) => {
    const p = communityParams(req);
    if (p.asOf !== undefined) throw invalidParameter('asOf', 'the timeline covers every year of the data; leave asOf out');
    const threshold = numberParam(req, 'threshold', { min: 0.05, max: 1, fallback: TRACK_DEFAULTS.threshold });
    const { snapshot, timeline } = await analysis.communityTimeline(p, threshold, viewerOf(res));
    res.json({ networkVersion: snapshot.version, parameters: { ...p, threshold }, ...timeline } satisfies CommunityTimelineResponse);
  });

  router.get('/metrics', async (req, res) => {
    const by = groupingParam(req);
    const types = typesParam(req);
    const asOf = yearParam(req, 'asOf');
    const { snapshot, result } = await analysis.metrics(by, types, asOf, viewerOf(res));
    res.json({ networkVersion: snapshot.version, parameters: { by, types, asOf: asOf ?? null }, definitions: METRIC_DEFINITIONS, ...result } satisfies MetricsResponse);
  });

  router.get('/metrics/timeline', async (req, res) => {
    const by = groupingParam(req);
    const types = typesParam(req);
    const { snapshot, timeline } = await analysis.metricsTimeline(by, types, viewerOf(res));
    res.json({ networkVersion: snapshot.version, parameters: { by, types }, definitions: METRIC_DEFINITIONS, ...timeline } satisfies MetricsTimelineResponse);
  });

  router.get('/export/metrics.csv', async (req, res) => {
    const by = groupingParam(req);
    const asOf = yearParam(req, 'asOf');
    const { result } = await analysis.metrics(by, typesParam(req), asOf, viewerOf(res));
    const name = `metrics-${by}${asOf === undefined ? '' : `-${asOf}`}.csv`;
    res.type('text/csv; charset=utf-8').attachment(name).send(formatMetricsCsv(result));
  });

  return router;
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
