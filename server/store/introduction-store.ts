/**
 * Introduction requests and notifications in Neo4j (the queries: introduction-queries.ts). A step
 * lands whole or not at all: the request, its audit entry and the notifications of everyone
 * involved in one transaction. What leaves here are plain records (introduction-steps.ts).
 */
import type { IntroductionRecord, IntroductionStatus } from '../domain/introductions/introduction-steps.ts';
import type { ActorType, TieKind } from '../domain/model.ts';
import { appendAuditQuery, type AuditRecord } from './audit-queries.ts';
import * as q from './introduction-queries.ts';
import { neo4jInt, type Neo4jClient } from './neo4j-client.ts';
import type { Query } from './query.ts';

export interface StoredNotification {
  id: string;
  introductionId: string;
  status: IntroductionStatus;
  read: boolean;
  at: string;
}

/** Who hears of a step: users of these roles and the members of these actors, except its author. */
export interface Recipients {
  roles: readonly string[];
  actorIds: readonly string[];
  exceptUserId: string;
}

function toStored(r: IntroductionRecord): q.StoredIntroduction {
  const at = (status: IntroductionStatus) => r.history.find((s) => s.status === status)?.at ?? null;
  return {
    id: r.id,
    status: r.status,
    askerId: r.askerId,
    targetId: r.targetId,
    viaIds: r.viaIds,
    askerType: r.askerType,
    targetType: r.targetType,
    message: r.message,
    requestedById: r.requestedById,
    requestedByName: r.requestedByName,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    tieKind: r.tieKind ?? null,
    history: JSON.stringify(r.history),
    approvedAt: at('approved'),
    answeredAt: at('accepted') ?? at('declined'),
  };
}

function toRecord(raw: Record<string, unknown>): IntroductionRecord {
  const history = JSON.parse(raw.history as string) as IntroductionRecord['history'];
  const record: IntroductionRecord = {
    id: raw.id as string,
    status: raw.status as IntroductionStatus,
    askerId: raw.askerId as string,
    targetId: raw.targetId as string,
    viaIds: (raw.viaIds as string[] | null) ?? [],
    askerType: raw.askerType as ActorType,
    targetType: raw.targetType as ActorType,
    message: raw.message as string,
    requestedById: raw.requestedById as string,
    requestedByName: raw.requestedByName as string,
    // The steps' own times, as the service wrote them (Neo4j's text of a datetime may drop zeros).
    createdAt: history[0]?.at ?? (raw.createdAt as string),
    updatedAt: history[history.length - 1]?.at ?? (raw.updatedAt as string),
    history,
  };
  if (raw.tieKind != null) record.tieKind = raw.tieKind as TieKind;
  return record;
}

const records = (res: { records: { get(key: string): unknown }[] }) => res.records.map((r) => toRecord(r.get('introduction') as Record<string, unknown>));

async function read(client: Neo4jClient, query: Query): Promise<IntroductionRecord[]> {
  return records(await client.read((tx) => tx.run(query.cypher, query.params)));
}

/**
 * Writes a new request (`expected` undefined) or a step of one (only if it is still in
 * `expected`), with its audit entry and the notifications, in one transaction. Returns the
 * request as stored, or undefined when its status moved meanwhile (nothing written).
 */
export async function writeIntroduction(
  client: Neo4jClient,
  record: IntroductionRecord,
  expected: IntroductionStatus | undefined,
  audit: AuditRecord,
  recipients: Recipients,
): Promise<IntroductionRecord | undefined> {
  const stored = toStored(record);
  const main = expected === undefined ? q.createIntroductionQuery(stored) : q.updateIntroductionQuery(stored, expected);
  return client.inTransaction(async (tx) => {
    const res = await tx.run(main.cypher, main.params);
    const written = records(res)[0];
    if (!written) return undefined;
    for (const query of [appendAuditQuery(audit), q.notifyQuery({ introductionId: record.id, status: record.status, at: record.updatedAt, ...recipients })]) {
      await tx.run(query.cypher, query.params);
    }
    return written;
  });
}

export async function introductionById(client: Neo4jClient, id: string): Promise<IntroductionRecord | undefined> {
  return (await read(client, q.introductionByIdQuery(id)))[0];
}

export async function introductionsByIds(client: Neo4jClient, ids: readonly string[]): Promise<IntroductionRecord[]> {
  return ids.length ? read(client, q.introductionsByIdsQuery(ids)) : [];
}

export async function listIntroductions(client: Neo4jClient, filter: { party?: string; statuses?: readonly IntroductionStatus[] }): Promise<IntroductionRecord[]> {
  return read(client, q.listIntroductionsQuery(filter));
}

export async function pairIntroductions(client: Neo4jClient, askerId: string, targetId: string): Promise<IntroductionRecord[]> {
  return read(client, q.pairIntroductionsQuery(askerId, targetId));
}

export async function declinedSince(client: Neo4jClient, since: string): Promise<{ askerId: string; targetId: string; answeredAt: string }[]> {
  const query = q.declinedSinceQuery(since);
  const res = await client.read((tx) => tx.run(query.cypher, query.params));
  return res.records.map((r) => ({ askerId: r.get('askerId') as string, targetId: r.get('targetId') as string, answeredAt: r.get('answeredAt') as string }));
}

export async function notificationsOf(client: Neo4jClient, userId: string, limit: number): Promise<{ notifications: StoredNotification[]; unread: number }> {
  const query = q.notificationsQuery(userId, limit);
  const res = await client.read((tx) => tx.run(query.cypher, { ...query.params, limit: neo4jInt(limit) }));
  const row = res.records[0];
  return { notifications: row.get('notifications') as StoredNotification[], unread: row.get('unread') as number };
}

export async function markNotificationsRead(client: Neo4jClient, userId: string, ids: readonly string[] | null): Promise<{ marked: number; unread: number }> {
  const query = q.markReadQuery(userId, ids);
  const res = await client.write((tx) => tx.run(query.cypher, query.params));
  const row = res.records[0];
  return { marked: row.get('marked') as number, unread: row.get('unread') as number };
}
