/**
 * The API contract of introductions (issue 11); re-exported by api.ts, the one module the client
 * imports.
 */
import type { ActorType, TieKind } from '../domain/model.ts';
import type { NamedRef } from '../domain/layout/graph-payload.ts';
import type { User } from '../domain/auth/roles.ts';

// Introductions (issue 11): a suggestion turned into a request, followed to an outcome.

/**
 * requested → approved (by a coordinator) → accepted (by the other side) → met → collaborating →
 * ended; or declined_by_coordinator / declined (by the other side, with a reason) / withdrawn.
 */
export type IntroductionStatus =
  | 'requested'
  | 'approved'
  | 'declined_by_coordinator'
  | 'accepted'
  | 'declined'
  | 'withdrawn'
  | 'met'
  | 'collaborating'
  | 'ended';

export type DeclineReason = 'too_early' | 'benefit_unclear' | 'no_capacity' | 'other';

/** What the viewer may do next with a request. */
export type IntroductionAction = 'approve' | 'decline' | 'accept' | 'refuse' | 'withdraw' | 'met' | 'collaborating' | 'ended';

/** One step of a request's history. */
export interface IntroductionStep {
  at: string;
  status: IntroductionStatus;
  /** User name of who took the step (null when hidden from this viewer). */
  by: string | null;
  reason?: DeclineReason;
  note?: string;
  /** The date an outcome happened (met, collaborating, ended), as given. */
  date?: string;
  /** Who took the step: a member of the asking actor, of the target actor, or a coordinator. */
  side?: IntroductionSide;
}

export type IntroductionSide = 'asker' | 'target' | 'coordinator';

/** An actor in a request, as this viewer may see it (a hidden actor stands anonymous). */
export type IntroductionParty = NamedRef & {
  type: ActorType;
  prefecture?: string;
  country?: string;
  /** The actor was deleted after the request: it stands as "a removed enterprise". */
  removed?: true;
};

export interface Introduction {
  id: string;
  status: IntroductionStatus;
  asker: IntroductionParty;
  target: IntroductionParty;
  /** The proposed intermediaries, from the suggestion's `via`. */
  via: IntroductionParty[];
  message: string;
  createdAt: string;
  updatedAt: string;
  /** The tie kind chosen by the coordinator when the request became a collaboration. */
  tieKind?: TieKind;
  history: IntroductionStep[];
  actions: IntroductionAction[];
  /** The viewer's part in the request: a member's side, or `coordinator` for coordinators and admins. */
  viewerSide?: IntroductionSide;
  /** The target accepted: both sides now see each other's names. */
  revealed?: boolean;
}

/** `POST /api/introductions` (201, the new Introduction). Ids may be the anonymous ids a suggestion showed. */
export interface IntroductionRequestBody {
  /** The asking actor: a member's own actor when left out; coordinators must give it. */
  asker?: string;
  target: string;
  /** The proposed intermediaries (a suggestion reason's `via`), at most 10. */
  via?: string[];
  /** 1 to 1000 characters. */
  message: string;
}

/** `POST /api/introductions/:id/approve|decline|accept|withdraw` */
export interface IntroductionNoteBody {
  /** At most 1000 characters. */
  note?: string;
}

/** `POST /api/introductions/:id/refuse` (the target side, or a coordinator on its behalf). */
export interface IntroductionRefusalBody {
  reason: DeclineReason;
  note?: string;
}

/** `POST /api/introductions/:id/outcome` */
export interface IntroductionOutcomeBody {
  outcome: 'met' | 'collaborating' | 'ended';
  /** YYYY-MM-DD: not in the future, not before the request or an earlier outcome. */
  date: string;
  /** Required for `collaborating` (coordinators only): the kind of the tie to create. */
  tieKind?: TieKind;
  /**
   * Which side is the tie's source for a directed kind (SUPPLIES, FINANCES, SUPPORTS,
   * SPUN_OFF_FROM); inferred from the actors' types when left out (a lender finances, a venture
   * spun off from a university), else the asker.
   */
  tieSource?: 'asker' | 'target';
  note?: string;
}

/** Every step answers the request as it is now, for the viewer (`POST /api/introductions/:id/...`). */
export type IntroductionResponse = Introduction;

/** `GET /api/introductions`: the requests this viewer may see, newest first, and counts by status. */
export interface IntroductionListResponse {
  introductions: Introduction[];
  total: number;
  counts: Partial<Record<IntroductionStatus, number>>;
}

/** `GET /api/introductions/summary?by=region|cluster|type` (coordinators): the program's follow-up. */
export interface IntroductionSummaryResponse {
  by: 'region' | 'cluster' | 'type';
  /** Whose region, cluster or type (`?side=`, default the asker's). */
  side?: 'asker' | 'target';
  /** Every request once (an actor in several clusters counts in each cluster's row). */
  total?: { requests: number; accepted: number; acceptanceRate: number | null; collaborating: number };
  rows: {
    key: string;
    name: string;
    name_ja: string;
    requests: number;
    accepted: number;
    /** accepted (or further) / answered by the other side; null when none answered yet. */
    acceptanceRate: number | null;
    collaborating: number;
  }[];
}

/** An in-app notification about a request the user is involved in. */
export interface AppNotification {
  id: string;
  at: string;
  read: boolean;
  introductionId: string;
  status: IntroductionStatus;
  message: { en: string; ja: string };
}

/** `GET /api/notifications` */
export interface NotificationListResponse {
  notifications: AppNotification[];
  unread: number;
}

/** `POST /api/notifications/read` {ids?}: how many were marked read, and how many are left unread. */
export interface NotificationsReadResponse {
  marked: number;
  unread: number;
}

