/**
 * The shapes the suggestion engine exchanges: what a caller asks, what a suggestion holds, and
 * the reasons that explain it. The HTTP route returns these as they are.
 */
import type { ActorType } from '../model.ts';

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
  score: number;
  reasons: Reason[];
}

/** Restrictions on the candidates; all optional and combined with AND. */
export interface SuggestionFilters {
  region?: string;
  prefecture?: string;
  cluster?: string;
  field?: string;
  /** Largest distance in kilometres between the asker and the candidate. */
  maxKm?: number;
}

export interface SuggestOptions extends SuggestionFilters {
  /** Target types; the asker type's sensible targets when absent. */
  types?: readonly ActorType[];
  /** How many suggestions (default 20). */
  limit?: number;
  /** Leave out the explanation texts (the hold-out evaluation only needs the ranking). */
  explain?: boolean;
}

export interface SuggestionResult {
  actor: { id: string; name: string; name_ja?: string; type: ActorType };
  types: ActorType[];
  suggestions: Suggestion[];
}
