/** Appends to and reads the audit log (the queries: audit-queries.ts). */
import type { AuditEntry } from '../contract/api.ts';
import { appendAuditQuery, listAuditQuery, type AuditFilter, type AuditRecord } from './audit-queries.ts';
import { neo4jInt, type Neo4jClient, type Transaction } from './neo4j-client.ts';

export type { AuditFilter, AuditRecord };

/** Appends one entry; inside `tx` when given, so that the entry lands with the write it records. */
export async function appendAudit(client: Neo4jClient, entry: AuditRecord, tx?: Transaction): Promise<void> {
  const q = appendAuditQuery(entry);
  if (tx) await tx.run(q.cypher, q.params);
  else await client.write((t) => t.run(q.cypher, q.params));
}

export async function listAudit(client: Neo4jClient, filter: AuditFilter): Promise<AuditEntry[]> {
  const q = listAuditQuery(filter);
  const res = await client.read((tx) => tx.run(q.cypher, { ...q.params, limit: neo4jInt(filter.limit) }));
  return res.records.map((r) => {
    const e = r.get('entry') as Record<string, string | null>;
    return {
      id: e.id as string,
      at: e.at as string,
      userId: e.userId,
      username: e.username,
      action: e.action as string,
      target: e.target,
      before: e.before === null ? null : JSON.parse(e.before),
      after: e.after === null ? null : JSON.parse(e.after),
    };
  });
}
