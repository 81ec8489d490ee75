/**
 * Introduction requests and in-app notifications, as Cypher with parameters. A request is one
 * `Introduction` node: real actor ids (never anonymous ones), who asked, its timestamps, and its
 * history as JSON text (Neo4j properties hold no maps), with `approvedAt` and `answeredAt` kept
 * apart for the queries that filter on them. A step changes a request only from the status it was
 * read in, so two coordinators cannot both take a step from the same status. A `Notification`
 * belongs to one user. Pure: tested without a database (tests/unit/introductions-queries.test.ts).
 */
import type { IntroductionStatus } from '../domain/introductions/introduction-steps.ts';
import type { Query } from './query.ts';

/** The properties of a request as they are stored. */
export interface StoredIntroduction {
  id: string;
  status: IntroductionStatus;
  askerId: string;
  targetId: string;
  viaIds: string[];
  askerType: string;
  targetType: string;
  message: string;
  requestedById: string;
  requestedByName: string;
  createdAt: string;
  updatedAt: string;
  tieKind: string | null;
  /** JSON text of the steps, oldest first. */
  history: string;
  /** When a coordinator approved it (members of the target see it from then on). */
  approvedAt: string | null;
  /** When the target accepted or declined. */
  answeredAt: string | null;
}

const INTRODUCTION = `i { .id, .status, .askerId, .targetId, .viaIds, .askerType, .targetType, .message, .requestedById, .requestedByName,
  .tieKind, .history, createdAt: toString(i.createdAt), updatedAt: toString(i.updatedAt),
  approvedAt: toString(i.approvedAt), answeredAt: toString(i.answeredAt) } AS introduction`;

/** A datetime parameter, or null (Cypher's datetime(null) is null). */
const AT = (name: string) => `datetime($${name})`;

export function createIntroductionQuery(i: StoredIntroduction): Query {
  return {
    cypher: `CREATE (i:Introduction {id: $id, status: $status, askerId: $askerId, targetId: $targetId, viaIds: $viaIds,
      askerType: $askerType, targetType: $targetType, message: $message, requestedById: $requestedById, requestedByName: $requestedByName,
      tieKind: $tieKind, history: $history, createdAt: ${AT('createdAt')}, updatedAt: ${AT('updatedAt')},
      approvedAt: ${AT('approvedAt')}, answeredAt: ${AT('answeredAt')}})
      RETURN ${INTRODUCTION}`,
    params: { ...i },
  };
}

/**
 * Writes a step: the request's new status, history and timestamps, only if it is still in
 * `expected` (returns no row otherwise: someone else took a step meanwhile).
 */
export function updateIntroductionQuery(i: StoredIntroduction, expected: IntroductionStatus): Query {
  return {
    cypher: `MATCH (i:Introduction {id: $id}) WHERE i.status = $expected
      SET i.status = $status, i.history = $history, i.tieKind = $tieKind, i.updatedAt = ${AT('updatedAt')},
          i.approvedAt = ${AT('approvedAt')}, i.answeredAt = ${AT('answeredAt')}
      RETURN ${INTRODUCTION}`,
    params: { id: i.id, expected, status: i.status, history: i.history, tieKind: i.tieKind, updatedAt: i.updatedAt, approvedAt: i.approvedAt, answeredAt: i.answeredAt },
  };
}

export function introductionByIdQuery(id: string): Query {
  return { cypher: `MATCH (i:Introduction {id: $id}) RETURN ${INTRODUCTION}`, params: { id } };
}

export function introductionsByIdsQuery(ids: readonly string[]): Query {
  return { cypher: `MATCH (i:Introduction) WHERE i.id IN $ids RETURN ${INTRODUCTION}`, params: { ids: [...ids] } };
}

/**
 * The requests one viewer may see, newest first: every request (`party` undefined: coordinators),
 * or those of one actor: as asker always, as target once a coordinator approved the request.
 */
export function listIntroductionsQuery(filter: { party?: string; statuses?: readonly IntroductionStatus[] }): Query {
  const where = [
    filter.party === undefined ? '' : '(i.askerId = $party OR (i.targetId = $party AND i.approvedAt IS NOT NULL))',
    filter.statuses === undefined ? '' : 'i.status IN $statuses',
  ].filter(Boolean);
  return {
    cypher: `MATCH (i:Introduction)${where.length ? ` WHERE ${where.join(' AND ')}` : ''} RETURN ${INTRODUCTION} ORDER BY i.createdAt DESC, i.id`,
    params: { party: filter.party ?? null, statuses: filter.statuses ? [...filter.statuses] : null },
  };
}

/** The requests of one asker for one target (to refuse a second open request, or one asked again too soon). */
export function pairIntroductionsQuery(askerId: string, targetId: string): Query {
  return { cypher: `MATCH (i:Introduction {askerId: $askerId, targetId: $targetId}) RETURN ${INTRODUCTION}`, params: { askerId, targetId } };
}

/** Every target that declined a request since `since` (ISO datetime), with its asker. */
export function declinedSinceQuery(since: string): Query {
  return {
    cypher: `MATCH (i:Introduction {status: 'declined'}) WHERE i.answeredAt >= datetime($since)
      RETURN i.askerId AS askerId, i.targetId AS targetId, toString(i.answeredAt) AS answeredAt`,
    params: { since },
  };
}

/**
 * One notification for each user involved in a request after a step — the users of the roles
 * given (coordinators and admins) and the members of the actors given — except the one who took it.
 */
export function notifyQuery(n: { introductionId: string; status: IntroductionStatus; at: string; roles: readonly string[]; actorIds: readonly string[]; exceptUserId: string }): Query {
  return {
    cypher: `MATCH (u:User) WHERE (u.role IN $roles OR (u.role = 'member' AND u.actorId IN $actorIds)) AND u.id <> $exceptUserId
      CREATE (n:Notification {id: randomUUID(), userId: u.id, introductionId: $introductionId, status: $status, at: datetime($at), read: false})`,
    params: { introductionId: n.introductionId, status: n.status, at: n.at, roles: [...n.roles], actorIds: [...n.actorIds], exceptUserId: n.exceptUserId },
  };
}

/** A user's notifications, newest first, with how many are unread. */
export function notificationsQuery(userId: string, limit: number): Query {
  return {
    cypher: `MATCH (n:Notification {userId: $userId})
      WITH n ORDER BY n.at DESC, n.id
      WITH collect(n) AS all
      RETURN [n IN all[0..$limit] | n { .id, .introductionId, .status, .read, at: toString(n.at) }] AS notifications,
             size([n IN all WHERE NOT n.read]) AS unread`,
    params: { userId, limit: Math.trunc(limit) },
  };
}

/** Marks the user's notifications read: those of `ids`, or all when `ids` is null. Only the user's own. */
export function markReadQuery(userId: string, ids: readonly string[] | null): Query {
  return {
    cypher: `MATCH (n:Notification {userId: $userId}) WHERE NOT n.read AND ($ids IS NULL OR n.id IN $ids)
      SET n.read = true
      WITH count(n) AS marked
      OPTIONAL MATCH (left:Notification {userId: $userId}) WHERE NOT left.read
      RETURN marked, count(left) AS unread`,
    params: { userId, ids: ids ? [...ids] : null },
  };
}
