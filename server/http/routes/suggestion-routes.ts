/**
 * Partner suggestions: `GET /actors/:id/suggestions`. Reads and checks the parameters, takes
 * the network snapshot (kept in memory until an import changes it) and its suggestion index,
 * and answers what the domain computes.
 */
import { Router, type Request } from 'express';
import { ACTOR_TYPES, type ActorType } from '../../domain/model.ts';
import { invalidParameter } from '../../domain/errors.ts';
import { isCountryCode } from '../../domain/reference/countries.ts';
import { findPrefecture } from '../../domain/reference/prefectures.ts';
import { findRegion, REGION_IDS } from '../../domain/reference/regions.ts';
import { emptyNotice } from '../../domain/suggestions/filters.ts';
import { suggestionIndexCache, type NetworkData } from '../../domain/suggestions/index-cache.ts';
import { buildCalibratedIndexAsync, calibrateWeightsAsync, type Calibrate, type Calibration } from '../../domain/suggestions/calibrate.ts';
import { runInWorker } from '../../runtime/worker-task.ts';
import { packTiesSteps } from '../../domain/packed-ties.ts';
import { runStepsAsync } from '../../domain/steps.ts';
import type { Logger } from '../../logger.ts';
import { suggestPartners, DEFAULT_LIMIT } from '../../domain/suggestions/suggest-partners.ts';
import type { SuggestionIndex } from '../../domain/suggestions/suggestion-index.ts';
import type { SuggestOptions } from '../../domain/suggestions/suggestion-types.ts';
import { intParam, listParam, stringParam } from '../query-params.ts';

/** Where the network comes from: `snapshotCache(client)` in the product. */
export interface SnapshotSource {
  get(): Promise<NetworkData>;
}

const MAX_LIMIT = 100;
const MAX_KM = 20_000;
const YEARS = { min: 1900, max: 2100 };

function typesParam(req: Request): ActorType[] | undefined {
  const text = stringParam(req, 'types');
  if (text === undefined) return undefined;
  const byLowerCase = new Map(ACTOR_TYPES.map((t) => [t.toLowerCase(), t]));
  const types = text.split(',').map((part) => {
    const type = byLowerCase.get(part.trim().toLowerCase());
    if (!type) throw invalidParameter('types', `'${part.trim()}' is not one of ${ACTOR_TYPES.join(', ')}`);
    return type;
  });
  return [...new Set(types)];
}

function optionalYear(req: Request, name: string): number | undefined {
  if (stringParam(req, name) === undefined) return undefined;
  return intParam(req, name, { ...YEARS, fallback: YEARS.min });
}

function maxKmParam(req: Request): number | undefined {
  const text = stringParam(req, 'maxKm');
  if (text === undefined) return undefined;
  const km = Number(text);
  if (!Number.isFinite(km) || km <= 0 || km > MAX_KM) throw invalidParameter('maxKm', `'${text}' is not a distance in km above 0 and at most ${MAX_KM}`);
  return km;
}

/** `country=DE,FR`, `country=DE&country=FR` or both: two-letter codes, any case, upper-cased. */
function countryParam(req: Request): string[] | undefined {
  const codes = listParam(req, 'country');
  if (!codes) return undefined;
  const bad = codes.find((c) => !isCountryCode(c));
  if (bad !== undefined) throw invalidParameter('country', `'${bad}' is not a two-letter country code (ISO 3166-1, e.g. DE, FR or JP)`);
  return [...new Set(codes.map((c) => c.toUpperCase()))];
}

/** Regions and prefectures are Japan's; a country code given in their place is pointed to `country`. */
function countryHint(text: string): string {
  return isCountryCode(text) ? `; for a country, use country=${text.toUpperCase()}` : '';
}

/** Every parameter of the request, checked; a bad one is a 400 that names it. */
export function readSuggestionOptions(req: Request): SuggestOptions & { asOf?: number } {
  const regionText = stringParam(req, 'region');
  const region = regionText === undefined ? undefined : findRegion(regionText)?.id;
  if (regionText !== undefined && !region) throw invalidParameter('region', `unknown region '${regionText}' (a region of Japan: one of ${REGION_IDS.join(', ')}${countryHint(regionText)})`);
  const prefectureText = stringParam(req, 'prefecture');
  const prefecture = prefectureText === undefined ? undefined : findPrefecture(prefectureText)?.id;
  if (prefectureText !== undefined && !prefecture) throw invalidParameter('prefecture', `unknown prefecture '${prefectureText}' (a prefecture of Japan, e.g. Aichi, 愛知県 or JP-23${countryHint(prefectureText)})`);
  return {
    types: typesParam(req),
    limit: intParam(req, 'limit', { min: 1, max: MAX_LIMIT, fallback: DEFAULT_LIMIT }),
    country: countryParam(req),
    region,
    prefecture,
    cluster: stringParam(req, 'cluster', 200)?.trim(),
    field: stringParam(req, 'field', 200)?.trim(),
    maxKm: maxKmParam(req),
    asOf: optionalYear(req, 'asOf'),
  };
}

const CALIBRATE_MODULE = new URL('../../domain/suggestions/calibrate.ts', import.meta.url);

/**
 * The calibration (seconds on the demonstration network, tens of seconds at 500,000 ties) in a
 * worker thread, so that requests keep being answered meanwhile; in process, between requests,
 * if the worker cannot run.
 */
function calibrateInWorker(log: Logger): Calibrate {
  return async (actors, ties, referenceYear) => {
    // The ties go as typed arrays: cloning 300,000 tie objects into the worker held the event loop for half a second.
    const packed = await runStepsAsync(packTiesSteps(actors, ties));
    return runInWorker<Calibration | undefined>(CALIBRATE_MODULE, 'calibrateWeightsPacked', [actors, packed, referenceYear]).catch((err) => {
      log.warn({ err }, 'suggestions: calibrating in a worker thread failed; calibrating in process');
      return calibrateWeightsAsync(actors, ties, referenceYear);
    });
  };
}

/** One line per role at preparation: which method serves it, and its figures on the held-out year. */
function logMethods(log: Logger, index: SuggestionIndex, asOf: number | undefined, ms: number): void {
  const roles = index.methods?.roles ?? [];
  if (roles.length === 0) {
    log.info({ asOf, ms: Math.round(ms) }, 'suggestions: index prepared; no earlier year to check on, every role served by the engine');
    return;
  }
  for (const r of roles) {
    const served = r.figures.find((f) => f.method === r.served);
    const cn = r.figures.find((f) => f.method === 'common-neighbours');
    log.info(
      { asOf, role: r.role, method: r.served, year: r.year, askers: r.askers, heldOut: served, commonNeighbours: cn, ms: Math.round(ms) },
      `suggestions: ${r.name} served by ${r.served} (${r.why})`,
    );
  }
}

/**
 * The suggestion API. `prepare()` builds and calibrates the index of the current network ahead
 * of requests (a few seconds on the demonstration network), so that the first request after
 * start or an import does not wait for it.
 */
export function suggestionRoutes(snapshots: SnapshotSource, deps: { log: Logger }): Router & { prepare(): Promise<void> } {
  const router = Router();
  const calibrate = calibrateInWorker(deps.log);
  const indexes = suggestionIndexCache({
    build: async (actors, ties, options) => {
      const started = performance.now();
      const index = await buildCalibratedIndexAsync(actors, ties, options, calibrate);
      logMethods(deps.log, index, options.asOf, performance.now() - started);
      return index;
    },
  });

  router.get('/actors/:id/suggestions', async (req, res) => {
    const options = readSuggestionOptions(req);
    const index = await indexes.get(await snapshots.get(), options.asOf);
    const result = suggestPartners(index, req.params.id, options);
    // An empty list always says why (a region no actor is in, no location to measure from, ...).
    const notice = result.suggestions.length ? undefined : emptyNotice(index, req.params.id, result.types, options);
    res.json({ ...result, ...(notice ? { notice } : {}), ...(options.asOf !== undefined ? { asOf: options.asOf } : {}) });
  });

  async function prepare(): Promise<void> {
    await indexes.get(await snapshots.get());
  }
  return Object.assign(router, { prepare });
}
