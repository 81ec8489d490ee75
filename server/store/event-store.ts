/**
 * Matching events in Neo4j (the queries: event-queries.ts). Every write lands whole with its
 * audit entry in one transaction; what leaves here are plain records.
 */
import type { EventAvailability, EventScheduleSummary } from '../contract/api.ts';
import type { EventSpec } from '../domain/events/validate-event.ts';
import type { MeetingRecord } from '../domain/events/meeting-steps.ts';
import { appendAuditQuery, type AuditRecord } from './audit-queries.ts';
import * as q from './event-queries.ts';
import type { Neo4jClient } from './neo4j-client.ts';
import type { Query } from './query.ts';

export interface EventRecord {
  id: string;
  spec: EventSpec;
  schedule?: EventScheduleSummary;
  participants: number;
  createdAt: string;
  updatedAt: string;
}

export interface ParticipantRecord {
  eventId: string;
  actorId: string;
  availability: EventAvailability[];
  offers: string[];
  seeks: string[];
  registeredAt: string;
  registeredBy: string;
}

type Row = { get(key: string): unknown };

function toEvent(row: Row): EventRecord {
  const raw = row.get('event') as q.StoredEvent;
  return {
    id: raw.id,
    spec: JSON.parse(raw.spec) as EventSpec,
    ...(raw.schedule ? { schedule: JSON.parse(raw.schedule) as EventScheduleSummary } : {}),
    participants: Number((row as { has?: (k: string) => boolean }).has?.('participants') ? row.get('participants') : 0),
    createdAt: raw.createdAt,
    updatedAt: raw.updatedAt,
  };
}

function toParticipant(row: Row): ParticipantRecord {
  const p = row.get('participant') as q.StoredParticipant;
  return { eventId: p.eventId, actorId: p.actorId, availability: JSON.parse(p.availability), offers: p.offers ?? [], seeks: p.seeks ?? [], registeredAt: p.registeredAt, registeredBy: p.registeredBy };
}

export function toStoredMeeting(m: MeetingRecord): q.StoredMeeting {
  return {
    id: m.id,
    eventId: m.eventId,
    status: m.status,
    requesterId: m.requesterId,
    targetId: m.targetId,
    proposedBy: m.proposedBy,
    score: m.score,
    message: m.message ?? null,
    slot: m.slot ?? null,
    table: m.table ?? null,
    pinned: m.pinned,
    outcome: m.outcome ? JSON.stringify(m.outcome) : null,
    createdAt: m.createdAt,
    updatedAt: m.updatedAt,
  };
}

function toMeeting(row: Row): MeetingRecord {
  const m = row.get('meeting') as q.StoredMeeting;
  return {
    id: m.id,
    eventId: m.eventId,
    status: m.status as MeetingRecord['status'],
    requesterId: m.requesterId,
    targetId: m.targetId,
    proposedBy: m.proposedBy as MeetingRecord['proposedBy'],
    score: Number(m.score ?? 0),
    ...(m.message != null ? { message: m.message } : {}),
    ...(m.slot != null ? { slot: Number(m.slot), table: Number(m.table) } : {}),
    pinned: !!m.pinned,
    ...(m.outcome ? { outcome: JSON.parse(m.outcome) } : {}),
    createdAt: m.createdAt,
    updatedAt: m.updatedAt,
  };
}

async function read<T>(client: Neo4jClient, query: Query, map: (row: Row) => T): Promise<T[]> {
  const res = await client.read((tx) => tx.run(query.cypher, query.params));
  return res.records.map(map);
}

/** Runs `main` and the audit entry in one transaction; the rows of `main`, or none written when it found nothing. */
async function writeWithAudit<T>(client: Neo4jClient, main: readonly Query[], audit: AuditRecord, map: (row: Row) => T): Promise<T[]> {
  return client.inTransaction(async (tx) => {
    let rows: T[] = [];
    for (const query of main) {
      const res = await tx.run(query.cypher, query.params);
      rows = res.records.map(map);
      if (rows.length === 0) throw new NothingWritten();
    }
    const a = appendAuditQuery(audit);
    await tx.run(a.cypher, a.params);
    return rows;
  }).catch((err) => {
    if (err instanceof NothingWritten) return [];
    throw err;
  });
}

class NothingWritten extends Error {}

export async function createEvent(client: Neo4jClient, e: q.StoredEvent, audit: AuditRecord): Promise<EventRecord> {
  return (await writeWithAudit(client, [q.createEventQuery(e)], audit, toEvent))[0];
}

export async function updateEvent(client: Neo4jClient, id: string, spec: EventSpec, at: string, audit: AuditRecord): Promise<EventRecord | undefined> {
  return (await writeWithAudit(client, [q.updateEventQuery(id, JSON.stringify(spec), at)], audit, toEvent))[0];
}

export async function eventById(client: Neo4jClient, id: string): Promise<EventRecord | undefined> {
  return (await read(client, q.eventByIdQuery(id), toEvent))[0];
}

export async function listEvents(client: Neo4jClient): Promise<EventRecord[]> {
  return read(client, q.listEventsQuery(), toEvent);
}

export async function putParticipant(client: Neo4jClient, p: ParticipantRecord, audit: AuditRecord): Promise<ParticipantRecord> {
  const stored: q.StoredParticipant = { key: `${p.eventId}|${p.actorId}`, eventId: p.eventId, actorId: p.actorId, availability: JSON.stringify(p.availability), offers: p.offers, seeks: p.seeks, registeredAt: p.registeredAt, registeredBy: p.registeredBy };
  return (await writeWithAudit(client, [q.putParticipantQuery(stored)], audit, toParticipant))[0];
}

export async function participants(client: Neo4jClient, eventId: string): Promise<ParticipantRecord[]> {
  return read(client, q.participantsQuery(eventId), toParticipant);
}

export async function createMeeting(client: Neo4jClient, m: MeetingRecord, audit: AuditRecord): Promise<MeetingRecord> {
  return (await writeWithAudit(client, [q.createMeetingQuery(toStoredMeeting(m))], audit, toMeeting))[0];
}

/** A meeting's new state, only if it is still in `expected`; undefined when it changed meanwhile. */
export async function updateMeeting(client: Neo4jClient, m: MeetingRecord, expected: string, audit: AuditRecord): Promise<MeetingRecord | undefined> {
  return (await writeWithAudit(client, [q.updateMeetingQuery(toStoredMeeting(m), expected)], audit, toMeeting))[0];
}

export async function meetingById(client: Neo4jClient, id: string): Promise<MeetingRecord | undefined> {
  return (await read(client, q.meetingByIdQuery(id), toMeeting))[0];
}

export async function meetings(client: Neo4jClient, eventId: string): Promise<MeetingRecord[]> {
  return read(client, q.meetingsQuery(eventId), toMeeting);
}

/** The open meeting of two actors at an event, either way round (a request reads this, not every meeting). */
export async function openMeetingBetween(client: Neo4jClient, eventId: string, a: string, b: string): Promise<MeetingRecord | undefined> {
  return (await read(client, q.openMeetingBetweenQuery(eventId, a, b), toMeeting))[0];
}

export async function writeSchedule(client: Neo4jClient, eventId: string, places: readonly { id: string; slot: number | null; table: number | null }[], schedule: EventScheduleSummary, at: string, audit: AuditRecord): Promise<void> {
  await writeWithAudit(client, [q.writeScheduleQuery(eventId, places, JSON.stringify(schedule), at)], audit, (row) => row.get('written'));
}

export async function tiesCreatedSince(client: Neo4jClient, from: string): Promise<{ source: string; target: string; at: string }[]> {
  const rows = await read(client, q.tiesCreatedSinceQuery(from), (row) => ({ after: row.get('after') as string | null, at: row.get('at') as string }));
  return rows.flatMap((r) => {
    try {
      const t = JSON.parse(r.after ?? 'null') as { source?: string; target?: string } | null;
      return t?.source && t.target ? [{ source: t.source, target: t.target, at: r.at }] : [];
    } catch {
      return [];
    }
  });
}
