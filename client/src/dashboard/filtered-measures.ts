/**
 * The dashboard's numbers computed from the drawn network under the current filters (actor
 * type, region, prefecture, cluster project, field, and the year slider), with the server's
 * definitions (server/domain/metrics/group-metrics.ts): a tie is a pair of tied actors; density
 * is 2·m / (n·(n − 1)); partners inside per actor is 2·m / n; the industry-academia share is the
 * share of ties linking an enterprise with a university or public research institute. Without
 * filters they equal `/api/metrics` (the end-to-end test compares them).
 */
import { nodePredicate } from '../data/filters.ts';
import type { ActorAttributes, NetworkData } from '../data/network-data.ts';
import type { Filters } from '../data/state.ts';

export interface GroupRow {
  id: string;
  name: string;
  name_ja: string;
  actors: number;
  tiesInside: number;
  density: number;
  internalAverageDegree: number;
}

export interface YearRow {
  year: number;
  /** Ties that began that year (the first year also counts ties without a year). */
  added: number;
  /** Ties standing at the end of that year. */
  total: number;
  industryAcademiaShare: number;
}

export interface FilteredMeasures {
  /** Actors passing the filters. */
  actors: number;
  /** Ties between two such actors, up to the chosen year. */
  ties: number;
  byRegion: GroupRow[];
  byCluster: GroupRow[];
  years: YearRow[];
  /** Whether an actor (by id) passes the filters. */
  keeps(id: string): boolean;
}

const ACADEMIA = new Set(['University', 'ResearchInstitute']);

function industryAcademia(a: ActorAttributes, b: ActorAttributes): boolean {
  return (a.actorType === 'Enterprise' && ACADEMIA.has(b.actorType)) || (b.actorType === 'Enterprise' && ACADEMIA.has(a.actorType));
}

/** Every number of the dashboard that can follow the filters, in one pass over the ties. */
export function filteredMeasures(data: Pick<NetworkData, 'graph' | 'reference' | 'years'>, filters: Filters): FilteredMeasures {
  const { graph, reference } = data;
  const passes = nodePredicate(filters, data);
  const kept = new Set<string>();
  const regionActors = new Array<number>(reference.regions.length).fill(0);
  const clusterActors = new Array<number>(reference.clusters.length).fill(0);
  graph.forEachNode((id, a) => {
    if (!passes(a)) return;
    kept.add(id);
    if (a.region >= 0) regionActors[a.region]++;
    for (const c of a.clusters) clusterActors[c]++;
  });

  const regionTies = new Array<number>(reference.regions.length).fill(0);
  const clusterTies = new Array<number>(reference.clusters.length).fill(0);
  const [first, last] = data.years ?? [0, 0];
  const until = filters.year === null ? last : Math.min(last, filters.year);
  const began = new Map<number, { ties: number; ia: number }>();
  let ties = 0;
  graph.forEachEdge((_e, tie, s, t, sa, ta) => {
    if (filters.year !== null && tie.since > filters.year) return;
    if (!kept.has(s) || !kept.has(t)) return;
    ties++;
    // Ties without a year stand from the first year on, as in the server's timeline.
    const year = tie.since ? Math.max(tie.since, first) : first;
    const entry = began.get(year) ?? { ties: 0, ia: 0 };
    entry.ties++;
    if (industryAcademia(sa, ta)) entry.ia++;
    began.set(year, entry);
    if (sa.region >= 0 && sa.region === ta.region) regionTies[sa.region]++;
    for (const c of sa.clusters) if (ta.clusters.includes(c)) clusterTies[c]++;
  });

  const years: YearRow[] = [];
  if (data.years) {
    let total = 0;
    let ia = 0;
    for (let y = first; y <= until; y++) {
      const b = began.get(y) ?? { ties: 0, ia: 0 };
      total += b.ties;
      ia += b.ia;
      years.push({ year: y, added: b.ties, total, industryAcademiaShare: total ? ia / total : 0 });
    }
  }

  return {
    actors: kept.size,
    ties,
    byRegion: groupRows(reference.regions, regionActors, regionTies),
    byCluster: groupRows(reference.clusters, clusterActors, clusterTies),
    years,
    keeps: (id) => kept.has(id),
  };
}

function groupRows(list: readonly { id: string; name: string; name_ja: string }[], actors: number[], ties: number[]): GroupRow[] {
  return list
    .map((g, i) => ({
      id: g.id,
      name: g.name,
      name_ja: g.name_ja,
      actors: actors[i],
      tiesInside: ties[i],
      density: actors[i] > 1 ? (2 * ties[i]) / (actors[i] * (actors[i] - 1)) : 0,
      internalAverageDegree: actors[i] ? (2 * ties[i]) / actors[i] : 0,
    }))
    .filter((g) => g.actors > 0);
}
