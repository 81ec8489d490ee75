/**
 * Options of the seed generator: the program's figures as defaults, validation at the entry
 * point, and the scaling rule that keeps the actor types in the program's proportions.
 */
import { ACTOR_TYPES, type ActorType } from '../../server/domain/model.ts';
import { apportion } from './sampling.ts';

/** The first day of Phase II (2006-04-01) as a number. */
export const DEFAULT_SEED = 20060401;

/** Ties are formed year by year over these years (`since`). */
export const FIRST_YEAR = 2001;
export const LAST_YEAR = 2010;

/**
 * Actor counts of the demonstration network. Enterprise, University, IncubationManager and
 * FinancialInstitution are the program's published figures (DOMAIN.md); the program gives no
 * figure for research institutes and support organisations, so these are set to cover every
 * prefecture (public research institutes, prefectural governments) with national sites, the
 * regional bureaus, promotion bodies and trading firms.
 */
export const PROGRAM_COUNTS: Readonly<Record<ActorType, number>> = {
  Enterprise: 9800,
  University: 290,
  ResearchInstitute: 180,
  IncubationManager: 400,
  FinancialInstitution: 447,
  SupportOrganization: 200,
};

/** Incubation facilities the 400 IMs work at (the program: more than 300). */
export const PROGRAM_FACILITIES = 300;

/** Ties of the default network: a mean degree near 9, light enough for the web client to draw. */
export const DEFAULT_TIES = 50_000;

export interface SeedOptions {
  seed: number;
  /** Total actors; types keep the program's proportions. Default: the program's counts. */
  actors?: number;
  /** Total ties. Default: 50,000 for the default actors, the same mean degree otherwise. */
  ties?: number;
}

export const DEFAULT_OPTIONS: Readonly<SeedOptions> = { seed: DEFAULT_SEED };

/** Options after defaults and scaling: exact counts to produce. */
export interface ResolvedOptions {
  seed: number;
  counts: Record<ActorType, number>;
  facilities: number;
  ties: number;
}

/** Actors of the default network. */
export const PROGRAM_TOTAL = ACTOR_TYPES.reduce((s, t) => s + PROGRAM_COUNTS[t], 0);
const MIN_ACTORS = 200;

function fail(message: string): never {
  throw new Error(`graph-seeds: ${message}`);
}

function checkInteger(name: string, value: number | undefined, min: number): void {
  if (value === undefined) return;
  if (!Number.isSafeInteger(value) || value < min) fail(`${name} must be an integer of at least ${min}, got ${value}.`);
}

/** Resolves a partial set of options against the defaults; throws on bad input. */
export function resolveOptions(partial: Partial<SeedOptions> = {}): ResolvedOptions {
  const options = { ...DEFAULT_OPTIONS, ...partial };
  checkInteger('seed', options.seed, 0);
  checkInteger('actors', options.actors, MIN_ACTORS);
  checkInteger('ties', options.ties, 0);

  let counts: Record<ActorType, number> = { ...PROGRAM_COUNTS };
  if (options.actors !== undefined && options.actors !== PROGRAM_TOTAL) {
    const split = apportion(options.actors, ACTOR_TYPES.map((t) => PROGRAM_COUNTS[t]));
    counts = Object.fromEntries(ACTOR_TYPES.map((t, i) => [t, split[i]])) as Record<ActorType, number>;
  }
  const total = ACTOR_TYPES.reduce((s, t) => s + counts[t], 0);
  const ties = options.ties ?? Math.round((DEFAULT_TIES * total) / PROGRAM_TOTAL);
  const facilities = Math.max(1, Math.round((counts.IncubationManager * PROGRAM_FACILITIES) / PROGRAM_COUNTS.IncubationManager));
  return { seed: options.seed, counts, facilities, ties };
}
