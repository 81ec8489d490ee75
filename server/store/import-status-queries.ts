/**
 * The record of an import made through the API: its audit entry, whose id is the import's id and
 * which is written in the import's own transaction (services/import-network.ts), so it exists
 * exactly when the import committed. Pure: tested without a database.
 */
import type { Query } from './query.ts';

/** The actions an import's audit entry carries (services/import-network.ts). */
export const IMPORT_ACTIONS: readonly string[] = ['import', 'import.replace'];

/** The audit entry of import `id`, if it committed: `entry` with who, when and the counts written (JSON). */
export function importRecordQuery(id: string): Query {
  return {
    cypher: `MATCH (e:AuditEntry {id: $id}) WHERE e.action IN $actions
      RETURN e { .id, .username, .action, .after, at: toString(e.at) } AS entry`,
    params: { id, actions: [...IMPORT_ACTIONS] },
  };
}
