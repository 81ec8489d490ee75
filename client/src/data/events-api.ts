/**
 * The client's side of the matching events API (issue 12, README "Matching events"): the events,
 * their participants, suggestions, meetings, the schedule, the timetable and the report. Writes go
 * through `sendWrite` with the session's CSRF token; agendas, the HTML timetable and the report's
 * CSV are plain links (the browser prints or downloads them).
 */
import type {
  ActorDetail,
  EventBody,
  EventCountsResponse,
  EventListResponse,
  EventMeeting,
  EventMeetingListResponse,
  EventMeetingOutcome,
  EventParticipant,
  EventParticipantBody,
  EventParticipantListResponse,
  EventReportResponse,
  EventScheduleResponse,
  EventSuggestionsResponse,
  EventTimetableResponse,
  MatchingEvent,
  TieKind,
} from '../../../server/contract/api.ts';
import { getJson, sendWrite } from './api.ts';
import type { Lang } from './state.ts';

const eventPath = (id: string) => `/api/events/${encodeURIComponent(id)}`;
const meetingPath = (id: string) => `/api/event-meetings/${encodeURIComponent(id)}`;

export function listEvents(signal?: AbortSignal): Promise<EventListResponse> {
  return getJson('/api/events', signal);
}

export function getEvent(id: string, signal?: AbortSignal): Promise<MatchingEvent> {
  return getJson(eventPath(id), signal);
}

/** A 400 `invalid_field` names the field in `details.field`. */
export function createEvent(body: EventBody, csrf: string | null): Promise<MatchingEvent> {
  return sendWrite('POST', '/api/events', csrf, body);
}

export function listParticipants(id: string, signal?: AbortSignal): Promise<EventParticipantListResponse> {
  return getJson(`${eventPath(id)}/participants`, signal);
}

/**
 * A member registers its own actor (`actor` left out); a coordinator any actor. Posting again
 * replaces the participation: `availability` left out means every session, whole; `offers` and
 * `seeks` left out are the actor's fields and seeks (server/services/event-service.ts `register`),
 * so a change sends all three.
 */
export function registerParticipant(id: string, body: EventParticipantBody, csrf: string | null): Promise<EventParticipant> {
  return sendWrite('POST', `${eventPath(id)}/participants`, csrf, body);
}

export function getEventSuggestions(id: string, actor: string | undefined, signal?: AbortSignal): Promise<EventSuggestionsResponse> {
  return getJson(`${eventPath(id)}/suggestions${actor ? `?actor=${encodeURIComponent(actor)}` : ''}`, signal);
}

export function listMeetings(id: string, signal?: AbortSignal): Promise<EventMeetingListResponse> {
  return getJson(`${eventPath(id)}/meetings`, signal);
}

/** A member asks for its own actor (`requester` left out); a coordinator proposes a pair. */
export function requestMeeting(id: string, body: { requester?: string; target: string; message?: string }, csrf: string | null): Promise<EventMeeting> {
  return sendWrite('POST', `${eventPath(id)}/meetings`, csrf, body);
}

export function meetingStep(meeting: string, action: 'accept' | 'decline' | 'cancel', csrf: string | null): Promise<EventMeeting> {
  return sendWrite('POST', `${meetingPath(meeting)}/${action}`, csrf);
}

export function pinMeeting(meeting: string, slot: number, table: number, csrf: string | null): Promise<EventMeeting> {
  return sendWrite('POST', `${meetingPath(meeting)}/pin`, csrf, { slot, table });
}

export function unpinMeeting(meeting: string, csrf: string | null): Promise<EventMeeting> {
  return sendWrite('POST', `${meetingPath(meeting)}/unpin`, csrf);
}

export function recordOutcome(meeting: string, outcome: EventMeetingOutcome, tieKind: TieKind | undefined, csrf: string | null): Promise<EventMeeting> {
  return sendWrite('POST', `${meetingPath(meeting)}/outcome`, csrf, tieKind ? { outcome, tieKind } : { outcome });
}

export function getCounts(id: string, signal?: AbortSignal): Promise<EventCountsResponse> {
  return getJson(`${eventPath(id)}/counts`, signal);
}

export function runSchedule(id: string, csrf: string | null): Promise<EventScheduleResponse> {
  return sendWrite('POST', `${eventPath(id)}/schedule`, csrf);
}

export function getTimetable(id: string, signal?: AbortSignal): Promise<EventTimetableResponse> {
  return getJson(`${eventPath(id)}/timetable`, signal);
}

export function getReport(id: string, signal?: AbortSignal): Promise<EventReportResponse> {
  return getJson(`${eventPath(id)}/report`, signal);
}

/** The agenda of the viewer's actor (or `actor`, for coordinators): printable page or .ics. */
export function agendaUrl(id: string, lang: Lang, format: 'html' | 'ics', actor?: string): string {
  const q = new URLSearchParams({ lang, format });
  if (actor) q.set('actor', actor);
  return `${eventPath(id)}/agenda?${q}`;
}

export function timetableHtmlUrl(id: string, lang: Lang): string {
  return `${eventPath(id)}/timetable?format=html&lang=${lang}`;
}

export function reportCsvUrl(id: string): string {
  return `${eventPath(id)}/report.csv`;
}

/** What the page of one event shows, loaded together. */
export interface EventPage {
  event: MatchingEvent;
  participants: EventParticipant[];
  /** The viewer's meetings (every meeting for coordinators); empty for the public. */
  meetings: EventMeeting[];
  suggestions: EventSuggestionsResponse | null;
  /** A member's own actor: before it registers, its fields and seeks start the form. */
  profile?: ActorDetail | null;
}
