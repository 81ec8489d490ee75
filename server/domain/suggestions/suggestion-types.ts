/**
 * The shapes the suggestion engine exchanges: what a caller asks, what a suggestion holds, and
 * the reasons that explain it. The HTTP route returns these as they are.
 */
import type { ActorType } from '../model.ts';
import type { RoleKey } from './roles.ts';

export const STRUCTURAL_METHODS = ['common-neighbours', 'adamic-adar', 'resource-allocation', 'walk-2', 'walk-3', 'walk-4'] as const;
export type StructuralMethod = (typeof STRUCTURAL_METHODS)[number];
/** What a role can be served by: the product's own scoring (`engine`) or one of the structural rankers. */
export type MethodName = 'engine' | StructuralMethod;

/** What a reason is about; one reason per scoring feature. */
export const REASON_KINDS = [
  'shared-partners',
  'broker',
  'cluster',
  'offers',
  'seeks',
  'similar-fields',
  'audience',
  'place',
  'activity',
  'network',
  'other',
] as const;
export type ReasonKind = (typeof REASON_KINDS)[number];

/** One reason a candidate is suggested; the contributions of a suggestion's reasons add up to its score. */
export interface Reason {
  kind: ReasonKind;
  text: string;
  text_ja: string;
  /** Intermediaries who can make the introduction, best-placed first (empty when none). */
  via: string[];
  contribution: number;
}

export interface Suggestion {
  id: string;
  name: string;
  name_ja?: string;
  type: ActorType;
  prefecture?: string;
  /** Country code as the data writes it (ISO 3166-1 alpha-2; CORDIS's `EL`, `UK`), only for actors outside Japan. */
  country?: string;
  /** Scores compare only within one method: `score` is on the scale of the method that ranked this suggestion. */
  score: number;
  /**
   * The method that ranked this suggestion: its role's method, or, after that method's candidates,
   * the one that filled the rest of the list (a longer walk, then the engine).
   */
  method: MethodName;
  reasons: Reason[];
}

/** Restrictions on the candidates; all optional and combined with AND. */
export interface SuggestionFilters {
  /** Country codes, any of which the candidate is in (an actor without a country is in `JP`). */
  country?: readonly string[];
  region?: string;
  /** A prefecture of Japan (its id, e.g. "Aichi"). */
  prefecture?: string;
  cluster?: string;
  field?: string;
  /** Largest distance in kilometres between the asker and the candidate. */
  maxKm?: number;
  /** Actors never to suggest (targets that declined an introduction to the asker lately). */
  exclude?: ReadonlySet<string>;
}

/**
 * For a viewer who may not see some actors by name (domain/privacy): the anonymous id and names
 * that stand in a hidden actor's place, or undefined for an actor the viewer sees.
 */
export type Conceal = (id: string) => { id: string; name: string; name_ja: string } | undefined;

export interface SuggestOptions extends SuggestionFilters {
  /** Hides the actors the viewer may not see by name: in the list, in `via` and in the reasons' text. */
  conceal?: Conceal;
  /** Target types; the asker type's sensible targets when absent. */
  types?: readonly ActorType[];
  /** How many suggestions (default 20). */
  limit?: number;
  /** Leave out the explanation texts (the hold-out evaluation only needs the ranking). */
  explain?: boolean;
}

/** Why a request found no suggestion: a stable code, the parameter it is about, and a sentence in English and Japanese. */
export const NOTICE_CODES = [
  'no_actor_of_types',
  'no_actor_in_cluster',
  'no_actor_with_field',
  'no_actor_in_country',
  'no_actor_in_region',
  'no_actor_in_prefecture',
  'no_actor_with_location',
  'no_actor_within_distance',
  'all_already_partners',
  'no_suggestion',
] as const;
export type NoticeCode = (typeof NOTICE_CODES)[number];

export interface SuggestionNotice {
  code: NoticeCode;
  /** The request parameter the notice is about, when one is. */
  parameter?: 'types' | 'cluster' | 'field' | 'country' | 'region' | 'prefecture' | 'maxKm';
  text: string;
  text_ja: string;
}

/** The check's figures for one method (choose-method.ts): judged on the year the fit did not see. */
export interface HeldOutFigures<Method extends string = string> {
  method: Method;
  recallAt10: number;
  mrrAt20: number;
  coverage: number;
  personalisation: number;
}

/** Which method ranked a role of the request, and why. */
export interface ServedMethod {
  /** "enterprise>academic": the asker's group and the candidate's. */
  role: string;
  /** `engine` (musubi's calibrated scoring) or the structural ranker that did better on this network's own most recent year. */
  method: string;
  label: { en: string; ja: string };
  /** The held-out check that chose it; absent when the network has no earlier year to check on. */
  checked?: { year: number; askers: number; why: string; heldOut?: HeldOutFigures; compared?: HeldOutFigures[] };
}

export interface SuggestionResult {
  actor: { id: string; name: string; name_ja?: string; type: ActorType };
  types: ActorType[];
  /** The method of each role of the request (one entry per role). */
  method: ServedMethod[];
  suggestions: Suggestion[];
  /** Why the list is empty; present only when it is. */
  notice?: SuggestionNotice;
}

/** What the check on a network's own most recent year chose for one role (choose-method.ts). */
export interface RoleChoice {
  /** The evaluation role, e.g. "enterprise → academic". */
  name: string;
  role: RoleKey;
  served: MethodName;
  /** Known ≤ year − 1, judged on the pairs first tied in `year`. */
  year: number;
  askers: number;
  /** Every method checked, the served one first; empty when the role had too few askers. */
  figures: HeldOutFigures<MethodName>[];
  /** Why this method serves, in words. */
  why: string;
}

/** The check's choice for every role of a network (a suggestion index's `methods`). */
export interface MethodChoice {
  year: number;
  /** Whether the engine judged was calibrated on its own past (else it ran on the prior weights). */
  engineCalibrated: boolean;
  roles: RoleChoice[];
}

