/**
 * The API contract of business matching events (issue 12); re-exported by api.ts, the one module
 * the client imports.
 */
import type { ActorType, TieKind } from '../domain/model.ts';
import type { NamedRef } from '../domain/layout/graph-payload.ts';

// Events (issue 12): business matching events — participants, meeting requests, the schedule a
// MILP solver makes, agendas, outcomes and the report. Times are Japan's (UTC+09:00).

export type EventRequestMode = 'accept' | 'auto';

export interface EventBreak {
  /** HH:MM */
  start: string;
  end: string;
}

export interface EventSession {
  /** s1, s2, … in the order given (set by the server when left out). */
  id: string;
  /** YYYY-MM-DD, within the event's dates. */
  date: string;
  /** HH:MM */
  start: string;
  end: string;
  /** Length of one meeting, in minutes (5 to 240). */
  meetingMinutes: number;
  breaks: EventBreak[];
  /** Tables used in this session (at most the event's tables; the event's when left out). */
  tables?: number;
}

/** One time slot of a session, numbered across the event from 0. */
export interface EventSlot {
  index: number;
  session: string;
  date: string;
  start: string;
  end: string;
}

/** `POST /api/events` (coordinators), and `PATCH /api/events/:id` with any of these fields. */
export interface EventBody {
  name: string;
  name_ja: string;
  startDate: string;
  endDate: string;
  venue: string;
  venue_ja?: string;
  sessions: (Omit<EventSession, 'id' | 'breaks'> & { id?: string; breaks?: EventBreak[] })[];
  tables: number;
  maxMeetingsPerParticipant: number;
  requestMode: EventRequestMode;
}

/** An event's settings as stored (everything but its id, its slots and its timestamps). */
export interface EventSettings {
  name: string;
  name_ja: string;
  startDate: string;
  endDate: string;
  venue: string;
  venue_ja?: string;
  sessions: EventSession[];
  tables: number;
  maxMeetingsPerParticipant: number;
  requestMode: EventRequestMode;
}

export interface MatchingEvent extends EventSettings {
  id: string;
  slots: EventSlot[];
  participants: number;
  createdAt: string;
  updatedAt: string;
  /** The last run of the scheduler. */
  schedule?: EventScheduleSummary;
}

export interface EventListResponse {
  events: MatchingEvent[];
}

/** A participant's availability in one session; the whole session when `from`/`to` are left out. */
export interface EventAvailability {
  session: string;
  from?: string;
  to?: string;
}

/** An actor in an event, as this viewer may see it (a hidden actor stands anonymous). */
export type EventParty = NamedRef & { type: ActorType; prefecture?: string; country?: string };

export interface EventParticipant {
  actor: EventParty;
  availability: EventAvailability[];
  offers: string[];
  seeks: string[];
  registeredAt: string;
}

/** `POST /api/events/:id/participants`: a member registers its own actor (`actor` left out), a coordinator any. */
export interface EventParticipantBody {
  actor?: string;
  /** Every session, whole, when left out. */
  availability?: EventAvailability[];
  offers?: string[];
  seeks?: string[];
}

export interface EventParticipantListResponse {
  participants: EventParticipant[];
}

/** `GET /api/events/:id/suggestions?actor=`: other participants to meet, from the suggestion engine. */
export interface EventSuggestionsResponse {
  actor: EventParty;
  suggestions: {
    actor: EventParty;
    score: number;
    reasons: { kind: string; text: string; text_ja: string; via: string[]; contribution: number }[];
    /** The meeting already asked between the two, if any. */
    meeting?: { id: string; status: EventMeetingStatus };
  }[];
}

export type EventMeetingStatus = 'requested' | 'accepted' | 'declined' | 'cancelled';
export type EventMeetingOutcome = 'held' | 'no_show' | 'follow_up' | 'collaborating';

export interface EventMeeting {
  id: string;
  eventId: string;
  status: EventMeetingStatus;
  requester: EventParty;
  target: EventParty;
  /** Asked by a participant, or proposed by a coordinator. */
  proposedBy: 'participant' | 'coordinator';
  /** The suggestion engine's score of the pair (0 when the engine did not rank it). */
  score: number;
  message?: string;
  /** Where and when it takes place, once scheduled. */
  slot?: EventSlot & { table: number };
  pinned: boolean;
  outcome?: { value: EventMeetingOutcome; by: string; at: string; note?: string };
  createdAt: string;
  updatedAt: string;
}

/** `POST /api/events/:id/meetings` */
export interface EventMeetingRequestBody {
  /** The asking participant: a member's own actor when left out; coordinators give it (a proposal). */
  requester?: string;
  target: string;
  message?: string;
}

export interface EventMeetingListResponse {
  meetings: EventMeeting[];
}

export type EventMeetingResponse = EventMeeting;

/** `POST /api/event-meetings/:id/pin` (coordinators): move a meeting there and keep it there. */
export interface EventMeetingPinBody {
  slot: number;
  table: number;
}

/** `POST /api/event-meetings/:id/outcome` */
export interface EventMeetingOutcomeBody {
  outcome: EventMeetingOutcome;
  /** For `collaborating`: the kind of tie (COLLABORATES when left out). */
  tieKind?: TieKind;
  note?: string;
}

/** Why an accepted meeting has no place in the schedule. */
export type UnplacedReason = 'no_common_availability' | 'max_meetings' | 'tables_full' | 'sides_busy' | 'solver_limit';

export interface EventScheduleSummary extends ScheduleFigures {
  ranAt: string;
  /** The solver's status: Optimal, Time limit reached, … */
  status: string;
  accepted: number;
  placed: number;
  pinned: number;
  unplaced: { meeting: string; reason: UnplacedReason; text: string; text_ja: string }[];
  /** The meetings' worth, the schedule's first aim: each placed meeting's value (1 + 0.5 × its score) and each participant's fairness levels (0.5 / k for its k-th meeting). */
  objective: number;
}

/** What a scheduler's run measured, as the solver gives it and the summary shows it. */
export interface ScheduleFigures {
  /** The solver's proven bound on the worth of any schedule of these meetings. */
  bound: number;
  /** Relative gap between the worth and the bound, (bound − worth) / worth (0 = proven optimal). */
  gap: number;
  seconds: number;
  /** Idle slots between a participant's first and last meeting of a session, summed (the second aim, after the worth). */
  idleSlots: number;
  /** Runs of consecutive meetings, summed over participants and sessions: what compaction cuts. */
  runs: number;
  variables: number;
  constraints: number;
}

/** `POST /api/events/:id/schedule` */
export interface EventScheduleResponse {
  schedule: EventScheduleSummary;
  meetings: EventMeeting[];
}

/** `GET /api/events/:id/counts` (coordinators): requests per participant. */
export interface EventCountsResponse {
  participants: { actor: EventParty; sent: number; received: number; accepted: number; scheduled: number }[];
}

/** `GET /api/events/:id/timetable` (coordinators): every table, slot by slot. */
export interface EventTimetableResponse {
  tables: { table: number; slots: { slot: EventSlot; meeting?: { id: string; requester: EventParty; target: EventParty } }[] }[];
}

/** `GET /api/events/:id/report` (coordinators): the event for policymakers. */
export interface EventReportResponse {
  event: { id: string; name: string; name_ja: string; startDate: string; endDate: string };
  participants: { total: number; byType: Record<string, number>; byRegion: Record<string, number> };
  requests: { total: number; accepted: number; declined: number; acceptanceRate: number | null };
  meetings: { scheduled: number; held: number; noShow: number; followUp: number; collaborating: number; industryAcademiaShare: number | null };
  /** Ties created between pairs who met at the event, within 6 and 12 months of its first day. */
  tiesFormed: { within6Months: number; within12Months: number };
}
