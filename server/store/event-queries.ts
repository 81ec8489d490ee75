/**
 * Matching events as Cypher with parameters. An event is one `MatchingEvent` node (its sessions and
 * last schedule as JSON text: Neo4j properties hold no maps); a participant one `EventParticipant`
 * node keyed `eventId|actorId` (real actor ids only); a meeting one `EventMeeting` node. A
 * schedule writes every meeting's slot and table in one UNWIND. Pure: tested without a database
 * (tests/unit/events-queries.test.ts).
 */
import type { Query } from './query.ts';

export interface StoredEvent {
  id: string;
  /** JSON text of the event's settings (validate-event.ts EventSpec). */
  spec: string;
  /** JSON text of the last schedule's summary, or null. */
  schedule: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface StoredParticipant {
  key: string;
  eventId: string;
  actorId: string;
  availability: string;
  offers: string[];
  seeks: string[];
  registeredAt: string;
  registeredBy: string;
}

export interface StoredMeeting {
  id: string;
  eventId: string;
  status: string;
  requesterId: string;
  targetId: string;
  proposedBy: string;
  score: number;
  message: string | null;
  slot: number | null;
  table: number | null;
  pinned: boolean;
  /** JSON text of the outcome, or null. */
  outcome: string | null;
  createdAt: string;
  updatedAt: string;
}

const EVENT = 'e { .id, .spec, .schedule, .createdAt, .updatedAt } AS event';
const PARTICIPANT = 'p { .key, .eventId, .actorId, .availability, .offers, .seeks, .registeredAt, .registeredBy } AS participant';
const MEETING = 'm { .id, .eventId, .status, .requesterId, .targetId, .proposedBy, .score, .message, .slot, .table, .pinned, .outcome, .createdAt, .updatedAt } AS meeting';

export function createEventQuery(e: StoredEvent): Query {
  return { cypher: `CREATE (e:MatchingEvent {id: $id, spec: $spec, schedule: $schedule, createdAt: $createdAt, updatedAt: $updatedAt}) RETURN ${EVENT}`, params: { ...e } };
}

export function updateEventQuery(id: string, spec: string, updatedAt: string): Query {
  return { cypher: `MATCH (e:MatchingEvent {id: $id}) SET e.spec = $spec, e.updatedAt = $updatedAt RETURN ${EVENT}`, params: { id, spec, updatedAt } };
}

export function eventByIdQuery(id: string): Query {
  return {
    cypher: `MATCH (e:MatchingEvent {id: $id}) OPTIONAL MATCH (p:EventParticipant {eventId: e.id}) WITH e, count(p) AS participants RETURN ${EVENT}, participants`,
    params: { id },
  };
}

export function listEventsQuery(): Query {
  return {
    cypher: `MATCH (e:MatchingEvent) OPTIONAL MATCH (p:EventParticipant {eventId: e.id}) WITH e, count(p) AS participants RETURN ${EVENT}, participants ORDER BY e.createdAt DESC, e.id`,
    params: {},
  };
}

/** Registers a participant, or changes its availability, offers and seeks (one node per event and actor). */
export function putParticipantQuery(p: StoredParticipant): Query {
  return {
    cypher: `MERGE (p:EventParticipant {key: $key})
      ON CREATE SET p.eventId = $eventId, p.actorId = $actorId, p.registeredAt = $registeredAt, p.registeredBy = $registeredBy
      SET p.availability = $availability, p.offers = $offers, p.seeks = $seeks
      RETURN ${PARTICIPANT}`,
    params: { ...p },
  };
}

export function participantsQuery(eventId: string): Query {
  return { cypher: `MATCH (p:EventParticipant {eventId: $eventId}) RETURN ${PARTICIPANT} ORDER BY p.registeredAt, p.actorId`, params: { eventId } };
}

export function createMeetingQuery(m: StoredMeeting): Query {
  return {
    cypher: `CREATE (m:EventMeeting {id: $id, eventId: $eventId, status: $status, requesterId: $requesterId, targetId: $targetId, proposedBy: $proposedBy,
      score: $score, message: $message, slot: $slot, table: $table, pinned: $pinned, outcome: $outcome, createdAt: $createdAt, updatedAt: $updatedAt})
      RETURN ${MEETING}`,
    params: { ...m },
  };
}

/**
 * Writes a meeting's status, place, pin and outcome, only if it is still in `expected` (returns no
 * row otherwise: someone else changed it meanwhile).
 */
export function updateMeetingQuery(m: StoredMeeting, expected: string): Query {
  return {
    cypher: `MATCH (m:EventMeeting {id: $id}) WHERE m.status = $expected
      SET m.status = $status, m.slot = $slot, m.table = $table, m.pinned = $pinned, m.outcome = $outcome, m.updatedAt = $updatedAt
      RETURN ${MEETING}`,
    params: { id: m.id, expected, status: m.status, slot: m.slot, table: m.table, pinned: m.pinned, outcome: m.outcome, updatedAt: m.updatedAt },
  };
}

export function meetingByIdQuery(id: string): Query {
  return { cypher: `MATCH (m:EventMeeting {id: $id}) RETURN ${MEETING}`, params: { id } };
}

export function meetingsQuery(eventId: string): Query {
  return { cypher: `MATCH (m:EventMeeting {eventId: $eventId}) RETURN ${MEETING} ORDER BY m.createdAt, m.id`, params: { eventId } };
}

/** The open (requested or accepted) meeting of two actors at an event, either way round: one row or none. */
export function openMeetingBetweenQuery(eventId: string, a: string, b: string): Query {
  return {
    cypher: `MATCH (m:EventMeeting {eventId: $eventId}) WHERE m.status IN ['requested', 'accepted']
      AND ((m.requesterId = $a AND m.targetId = $b) OR (m.requesterId = $b AND m.targetId = $a))
      RETURN ${MEETING} ORDER BY m.createdAt, m.id LIMIT 1`,
    params: { eventId, a, b },
  };
}

/**
 * A schedule: every accepted meeting's slot and table (null for those left out), and the event's
 * summary of the run — one statement for all the meetings.
 */
export function writeScheduleQuery(eventId: string, places: readonly { id: string; slot: number | null; table: number | null }[], schedule: string, updatedAt: string): Query {
  return {
    cypher: `MATCH (e:MatchingEvent {id: $eventId}) SET e.schedule = $schedule, e.updatedAt = $updatedAt
      WITH e UNWIND $places AS place
      MATCH (m:EventMeeting {id: place.id, eventId: e.id}) WHERE m.status = 'accepted'
      SET m.slot = place.slot, m.table = place.table, m.updatedAt = $updatedAt
      RETURN count(m) AS written`,
    params: { eventId, places: places.map((p) => ({ ...p })), schedule, updatedAt },
  };
}

/** Ties created through edits since `from` (ISO datetime): the audit's `tie.create` entries with their targets. */
export function tiesCreatedSinceQuery(from: string): Query {
  return {
    cypher: `MATCH (a:AuditEntry {action: 'tie.create'}) WHERE a.at >= datetime($from) RETURN a.after AS after, toString(a.at) AS at`,
    params: { from },
  };
}
