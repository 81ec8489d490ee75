/**
 * Counts and degree statistics of a generated network, and the short summary the CLI prints.
 */
import { ACTOR_TYPES, TIE_KINDS, type Actor, type ActorType, type Tie, type TieKind } from '../../server/domain/model.ts';

export interface DegreeStats {
  min: number;
  median: number;
  mean: number;
  p90: number;
  p99: number;
  max: number;
  /** Id of the actor with the highest degree. */
  maxActor: string;
}

export interface SeedStats {
  actors: number;
  ties: number;
  actorsByType: Record<ActorType, number>;
  tiesByKind: Record<TieKind, number>;
  tiesByYear: Record<string, number>;
  degree: DegreeStats;
}

/** Degree of every actor (ties of all kinds, both directions). */
export function degrees(actors: readonly Actor[], ties: readonly Tie[]): Map<string, number> {
  const d = new Map(actors.map((a) => [a.id, 0]));
  for (const t of ties) {
    d.set(t.source, (d.get(t.source) ?? 0) + 1);
    d.set(t.target, (d.get(t.target) ?? 0) + 1);
  }
  return d;
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** Counts by type, kind and year, and the degree distribution's summary. */
export function computeStats(actors: readonly Actor[], ties: readonly Tie[]): SeedStats {
  const actorsByType = Object.fromEntries(ACTOR_TYPES.map((t) => [t, 0])) as Record<ActorType, number>;
  for (const a of actors) actorsByType[a.type]++;
  const tiesByKind = Object.fromEntries(TIE_KINDS.map((k) => [k, 0])) as Record<TieKind, number>;
  const tiesByYear: Record<string, number> = {};
  for (const t of ties) {
    tiesByKind[t.kind]++;
    tiesByYear[String(t.since)] = (tiesByYear[String(t.since)] ?? 0) + 1;
  }
  const d = degrees(actors, ties);
  const values = [...d.values()].sort((a, b) => a - b);
  let maxActor = '';
  let max = -1;
  for (const [id, k] of d) if (k > max) [max, maxActor] = [k, id];
  const degree: DegreeStats = {
    min: values[0] ?? 0,
    median: quantile(values, 0.5),
    mean: values.length ? Math.round((values.reduce((s, x) => s + x, 0) / values.length) * 100) / 100 : 0,
    p90: quantile(values, 0.9),
    p99: quantile(values, 0.99),
    max: Math.max(0, max),
    maxActor,
  };
  return { actors: actors.length, ties: ties.length, actorsByType, tiesByKind, tiesByYear, degree };
}

/** A few lines for the terminal. */
export function formatSummary(stats: SeedStats, ms: number): string {
  const list = (r: Record<string, number>) => Object.entries(r).map(([k, v]) => `${k} ${v}`).join(', ');
  const d = stats.degree;
  return [
    `actors ${stats.actors}: ${list(stats.actorsByType)}`,
    `ties ${stats.ties}: ${list(stats.tiesByKind)}`,
    `ties by year: ${list(stats.tiesByYear)}`,
    `degree: median ${d.median}, mean ${d.mean}, p90 ${d.p90}, p99 ${d.p99}, max ${d.max} (${d.maxActor})`,
    `generated in ${(ms / 1000).toFixed(1)} s`,
  ].join('\n');
}
