/**
 * The suggestion route's parameters, read from a request's query as Express 5 parses it (a
 * repeated parameter arrives as an array): countries in both list forms, and 400s that name the
 * parameter and say what it accepts.
 */
import type { Request } from 'express';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../server/domain/errors.ts';
import { REGION_IDS } from '../../server/domain/reference/regions.ts';
import { readSuggestionOptions } from '../../server/http/routes/suggestion-routes.ts';

const read = (query: Record<string, string | string[]>) => readSuggestionOptions({ query } as unknown as Request);

function rejection(query: Record<string, string | string[]>): AppError {
  try {
    read(query);
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error(`${JSON.stringify(query)} was accepted`);
}

describe('suggestion parameters', () => {
  it('reads countries comma-separated, repeated or both, in any case, once each', () => {
    expect(read({ country: 'de' }).country).toEqual(['DE']);
    expect(read({ country: 'DE,fr' }).country).toEqual(['DE', 'FR']);
    expect(read({ country: ['DE', 'FR'] }).country).toEqual(['DE', 'FR']);
    expect(read({ country: ['de, fr', 'UK', 'DE'] }).country).toEqual(['DE', 'FR', 'UK']);
    expect(read({}).country).toBeUndefined();
    expect(read({ country: '' }).country).toBeUndefined();
    expect(read({ country: 'DE,' }).country).toEqual(['DE']); // an empty item is left out
  });

  it('rejects a malformed country code with a 400 that names country', () => {
    for (const country of ['Germany', 'D', 'D1', 'DE;FR', ['DE', 'FRA']]) {
      const err = rejection({ country });
      expect(err.status, String(country)).toBe(400);
      expect(err.details, String(country)).toEqual({ parameter: 'country' });
      expect(err.message).toContain('two-letter country code');
    }
  });

  it('lists the accepted regions when a region is unknown, and points a country code to country', () => {
    const err = rejection({ region: 'atlantis' });
    expect(err.details).toEqual({ parameter: 'region' });
    for (const id of REGION_IDS) expect(err.message).toContain(id);
    expect(rejection({ region: 'de' }).message).toContain('use country=DE');
    expect(read({ region: 'Kanto' }).region).toBe('kanto');
  });

  it('reads prefecture as a prefecture of Japan and points a country code to country', () => {
    expect(read({ prefecture: '愛知県' }).prefecture).toBe('Aichi');
    const err = rejection({ prefecture: 'DE' });
    expect(err.status).toBe(400);
    expect(err.details).toEqual({ parameter: 'prefecture' });
    expect(err.message).toContain('use country=DE');
    expect(rejection({ prefecture: 'Atlantis' }).message).not.toContain('country=');
  });

  it('still names maxKm for a distance that is not one', () => {
    expect(rejection({ maxKm: 'far' }).details).toEqual({ parameter: 'maxKm' });
    expect(read({ maxKm: '500' }).maxKm).toBe(500);
  });
});
