/**
 * Keeps the suggestion index of a network snapshot (and of a few `asOf` years) in memory, so
 * that a request only reads it: one index per snapshot object and year, built on first use
 * (concurrent requests wait for the same build), dropped with the snapshot when an import
 * replaces it. At most `maxYears` past years are kept per snapshot, the least recently used
 * going first.
 */
import type { Actor, Tie } from '../model.ts';
import { buildCalibratedIndexAsync } from './calibrate.ts';
import type { SuggestionIndex } from './suggestion-index.ts';

export interface NetworkData {
  actors: readonly Actor[];
  ties: readonly Tie[];
}

export interface IndexCacheOptions {
  /** How many asOf indexes a snapshot keeps beside the current one. */
  maxYears: number;
  build: (actors: readonly Actor[], ties: readonly Tie[], options: { asOf?: number }) => SuggestionIndex | Promise<SuggestionIndex>;
}

export const INDEX_CACHE_DEFAULTS: Readonly<IndexCacheOptions> = { maxYears: 4, build: buildCalibratedIndexAsync };

export function suggestionIndexCache(partial: Partial<IndexCacheOptions> = {}) {
  const options = { ...INDEX_CACHE_DEFAULTS, ...partial };
  const bySnapshot = new WeakMap<NetworkData, Map<string, Promise<SuggestionIndex>>>();
  return {
    /** The index of `network` as known at the end of `asOf` (all of it when absent). */
    get(network: NetworkData, asOf?: number): Promise<SuggestionIndex> {
      let indexes = bySnapshot.get(network);
      if (!indexes) bySnapshot.set(network, (indexes = new Map()));
      const key = asOf === undefined ? 'now' : String(asOf);
      let index = indexes.get(key);
      if (index) {
        // Most recently used last, so the first key is the one to drop.
        indexes.delete(key);
        indexes.set(key, index);
        return index;
      }
      const building = Promise.resolve().then(() => options.build(network.actors, network.ties, asOf === undefined ? {} : { asOf }));
      // A failed build is not kept: the next request tries again.
      building.catch(() => indexes.get(key) === building && indexes.delete(key));
      indexes.set(key, (index = building));
      const years = [...indexes.keys()].filter((k) => k !== 'now');
      if (years.length > options.maxYears) indexes.delete(years[0]);
      return index;
    },
  };
}
