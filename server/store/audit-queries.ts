/**
 * The audit log: one AuditEntry node per write, appended and never changed (no query here
 * updates or deletes one). `before` and `after` are JSON text: Neo4j properties hold no maps.
 * Pure: tested without a database (tests/unit/store-user-queries.test.ts).
 */
import type { Query } from './query.ts';

export interface AuditRecord {
  id: string;
  userId: string | null;
  username: string | null;
  action: string;
  target: string | null;
  before: string | null;
  after: string | null;
}

export function appendAuditQuery(entry: AuditRecord): Query {
  return {
    cypher: 'CREATE (e:AuditEntry {id: $id, at: datetime(), userId: $userId, username: $username, action: $action, target: $target, before: $before, after: $after})',
    params: { ...entry },
  };
}

export interface AuditFilter {
  username?: string;
  action?: string;
  /** ISO dates: entries at or after `from`, before `to`. */
  from?: string;
  to?: string;
  limit: number;
}

/** Entries newest first, filtered by who, what and when. */
export function listAuditQuery(filter: AuditFilter): Query {
  const where = [
    filter.username === undefined ? '' : 'e.username = $username',
    filter.action === undefined ? '' : 'e.action = $action',
    filter.from === undefined ? '' : 'e.at >= datetime($from)',
    filter.to === undefined ? '' : 'e.at < datetime($to)',
  ].filter(Boolean);
  return {
    cypher: `MATCH (e:AuditEntry)${where.length ? ` WHERE ${where.join(' AND ')}` : ''}
      RETURN e { .id, .userId, .username, .action, .target, .before, .after, at: toString(e.at) } AS entry
      ORDER BY e.at DESC LIMIT $limit`,
    params: { username: filter.username ?? null, action: filter.action ?? null, from: filter.from ?? null, to: filter.to ?? null, limit: Math.trunc(filter.limit) },
  };
}
