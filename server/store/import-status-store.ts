/** Reads the record of a committed import (the query: import-status-queries.ts). */
import { importRecordQuery } from './import-status-queries.ts';
import type { Neo4jClient } from './neo4j-client.ts';

export interface ImportRecord {
  id: string;
  username: string | null;
  replaced: boolean;
  /** When the import's transaction committed (ISO). */
  at: string;
  /** The counts written, as the import's audit entry holds them. */
  counts: { actors: Counts; ties: Counts } | null;
}

type Counts = { added: number; changed: number; unchanged: number; removed: number };

/** The record of import `id`, or undefined when no import with that id committed. */
export async function readImportRecord(client: Neo4jClient, id: string): Promise<ImportRecord | undefined> {
  const q = importRecordQuery(id);
  const res = await client.read((tx) => tx.run(q.cypher, q.params));
  if (res.records.length === 0) return undefined;
  const e = res.records[0].get('entry') as { id: string; username: string | null; action: string; after: string | null; at: string };
  let counts: ImportRecord['counts'] = null;
  try {
    const after = e.after === null ? null : (JSON.parse(e.after) as { actors?: Counts; ties?: Counts });
    if (after?.actors && after.ties) counts = { actors: after.actors, ties: after.ties };
  } catch {
    // An entry whose counts do not read still says the import committed.
  }
  return { id: e.id, username: e.username, replaced: e.action === 'import.replace', at: e.at, counts };
}
