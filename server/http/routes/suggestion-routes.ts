/**
 * Partner suggestions: `GET /actors/:id/suggestions`. Reads and checks the parameters and answers
 * what the suggestion service computes.
 */
import { viewerOf } from '../authenticate.ts';
import { expensiveLimit } from '../rate-limits.ts';
import { Router, type Request } from 'express';
import { ACTOR_TYPES, type ActorType } from '../../domain/model.ts';
import { invalidParameter } from '../../domain/errors.ts';
import { isCountryCode } from '../../domain/reference/countries.ts';
import { findPrefecture } from '../../domain/reference/prefectures.ts';
import { findRegion, REGION_IDS } from '../../domain/reference/regions.ts';
import { DEFAULT_LIMIT } from '../../domain/suggestions/suggest-partners.ts';
import type { SuggestionService } from '../../services/suggestion-service.ts';
import type { SuggestionsResponse } from '../../contract/api.ts';
import type { SuggestOptions } from '../../domain/suggestions/suggestion-types.ts';
import { intParam, listParam, stringParam } from '../query-params.ts';
import { sendOnce } from '../send-json.ts';

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

/** The suggestion API: the parameters checked here, the rest is the service's (services/suggestion-service.ts). */
export function suggestionRoutes(suggestions: SuggestionService): Router {
  const router = Router();
  // An index as of a past year takes seconds to build the first time: limited (rate-limits.ts).
  const newIndex = expensiveLimit((req) => {
    const asOf = Number(req.query.asOf);
    return req.query.asOf !== undefined && Number.isInteger(asOf) && !suggestions.isPrepared(asOf);
  });
  router.get('/actors/:id/suggestions', newIndex, async (req, res) => {
    const answer: SuggestionsResponse = await suggestions.suggest(String(req.params.id), readSuggestionOptions(req), viewerOf(res));
    sendOnce(req, res, answer);
  });
  return router;
}
