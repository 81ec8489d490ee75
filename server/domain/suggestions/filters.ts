/**
 * Which candidates a request admits: of the wanted types, never the asker, never one of its
 * partners, and inside every filter given (region, prefecture, cluster, field, distance). A
 * filter also names the pools to draw extra candidates from, so that a narrow filter still
 * finds candidates no path reaches.
 */
import type { ActorType } from '../model.ts';
import { actorDistanceKm } from './features.ts';
import { pairKey, poolKey, type SuggestionIndex } from './suggestion-index.ts';
import type { SuggestionFilters } from './suggestion-types.ts';

export interface CandidateFilter {
  accept: (candidate: number) => boolean;
  pools: string[];
}

export function candidateFilter(
  index: SuggestionIndex,
  asker: number,
  types: readonly ActorType[],
  filters: SuggestionFilters,
): CandidateFilter {
  const me = index.actors[asker];
  const wanted = new Set(types);
  const { region, prefecture, cluster, field, maxKm } = filters;
  const accept = (v: number): boolean => {
    if (v === asker) return false;
    const c = index.actors[v];
    if (!wanted.has(c.type)) return false;
    if (region !== undefined && c.region !== region) return false;
    if (prefecture !== undefined && c.prefecture !== prefecture) return false;
    if (cluster !== undefined && !c.clusters.includes(cluster)) return false;
    if (field !== undefined && !c.fields.includes(field)) return false;
    if (maxKm !== undefined) {
      const km = actorDistanceKm(me, c);
      if (km === undefined || km > maxKm) return false;
    }
    return !index.pairs.has(pairKey(index, asker, v));
  };

  const pools: string[] = [];
  for (const t of types) {
    if (prefecture !== undefined) pools.push(poolKey(t, 'prefecture', prefecture));
    else if (region !== undefined) pools.push(poolKey(t, 'region', region));
    if (cluster !== undefined) pools.push(poolKey(t, 'cluster', cluster));
    if (field !== undefined) pools.push(poolKey(t, 'field', field));
  }
  return { accept, pools };
}
