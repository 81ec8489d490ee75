/**
 * The data model of the cluster network, shared by every room of the server and by the client.
 * Labels and relationship types come from these fixed lists, never from user input.
 */

/** Actor types: each actor carries the label `Actor` and exactly one of these. */
export const ACTOR_TYPES = [
  'Enterprise',
  'University',
  'ResearchInstitute',
  'IncubationManager',
  'FinancialInstitution',
  'SupportOrganization',
] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

/** Ties between actors. COLLABORATES is symmetric; the others read source → target. */
export const TIE_KINDS = ['COLLABORATES', 'SUPPLIES', 'FINANCES', 'SUPPORTS', 'SPUN_OFF_FROM'] as const;
export type TieKind = (typeof TIE_KINDS)[number];

/** Kinds whose direction carries no meaning: A–B and B–A are the same tie. */
export const SYMMETRIC_TIE_KINDS: ReadonlySet<TieKind> = new Set(['COLLABORATES']);

export const VISIBILITIES = ['public', 'members', 'private'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

/** One actor as the import format and the store exchange it. */
export interface Actor {
  id: string;
  type: ActorType;
  name: string;
  name_ja?: string;
  /** Prefecture id (English name, e.g. "Aichi"); only for actors in Japan. */
  prefecture?: string;
  /** ISO 3166-1 alpha-2 country code; "JP" when absent. */
  country?: string;
  lat?: number;
  lon?: number;
  fields?: string[];
  seeks?: string[];
  clusters?: string[];
  employees?: number;
  founded?: number;
  visibility?: Visibility;
  /** Id of the incubation facility the actor works at or is incubated in. */
  facility?: string;
  /** Extra columns of the user's file, kept as string properties. */
  extra?: Record<string, string>;
}

/** One tie between two actors. */
export interface Tie {
  source: string;
  target: string;
  kind: TieKind;
  weight: number;
  since?: number;
}
