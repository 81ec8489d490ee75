/**
 * The status of the imports made through the API (issue 13, defect 8): a caller whose connection
 * was cut could not tell whether its import committed. Each import gets an id when its request
 * is accepted; this book holds, in memory, what this server saw (running, rejected, failed, and
 * the report of a commit), and the database holds the only proof of a commit that counts: the
 * import's audit entry, whose id is the import's id and which is written in the import's own
 * transaction. So `committed` is said exactly when that entry exists — after a restart of the
 * server too, when the book is empty — and a failure this server saw is checked against it (a
 * commit whose acknowledgement was lost is still a commit).
 */
import { randomUUID } from 'node:crypto';
import type { ImportReport, ImportState, ImportStatusResponse } from '../contract/api.ts';
import { AppError, conflict, invalidParameter } from '../domain/errors.ts';
import { readImportRecord } from '../store/import-status-store.ts';
import type { Neo4jClient } from '../store/neo4j-client.ts';

export const IMPORT_STATUS_DEFAULTS = Object.freeze({
  /** How many finished imports the book remembers (the oldest go first; running ones always stay). */
  keep: 1_000,
});

/** An import id: a UUID (the server makes one, or the caller chooses one with X-Import-Id). */
export const IMPORT_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Entry = {
  status: ImportState;
  startedAt: string;
  username: string;
  finishedAt?: string;
  report?: ImportReport;
  counts?: ImportStatusResponse['counts'];
  error?: ImportStatusResponse['error'];
};

export function importStatusBook(client: Neo4jClient, options: Partial<typeof IMPORT_STATUS_DEFAULTS> = {}) {
  const o = { ...IMPORT_STATUS_DEFAULTS, ...options };
  const entries = new Map<string, Entry>();
  const now = () => new Date().toISOString();

  function checked(id: string, parameter: string): string {
    if (!IMPORT_ID_PATTERN.test(id)) throw invalidParameter(parameter, 'an import id is a UUID such as 0f8fad5b-d9cb-469f-a165-70867728950e');
    return id.toLowerCase();
  }

  function settle(id: string, change: Partial<Entry>): void {
    const entry = entries.get(id);
    if (!entry || entry.status !== 'running') return;
    Object.assign(entry, change, { finishedAt: now() });
    // Bounded: forget the oldest finished imports (Map order is insertion order).
    for (const [key, e] of entries) {
      if (entries.size <= o.keep) break;
      if (e.status !== 'running') entries.delete(key);
    }
  }

  const view = (id: string, e: Entry): ImportStatusResponse => ({
    importId: id,
    status: e.status,
    startedAt: e.startedAt,
    ...(e.finishedAt ? { finishedAt: e.finishedAt } : {}),
    username: e.username,
    ...(e.report ? { report: e.report } : {}),
    ...(e.counts ? { counts: e.counts } : {}),
    ...(e.error ? { error: e.error } : {}),
  });

  return {
    /**
     * A new import by `username`, running from now; `requested` is the id the caller chose
     * (X-Import-Id), refused when already used. Returns the import's id.
     */
    async begin(username: string, requested?: string): Promise<string> {
      const id = requested === undefined ? randomUUID() : checked(requested, 'X-Import-Id');
      if (requested !== undefined && (entries.has(id) || (await readImportRecord(client, id)))) {
        throw conflict(`The import id '${id}' (X-Import-Id) was used already: choose a new one, or ask GET /api/imports/${id}.`, { importId: id });
      }
      entries.set(id, { status: 'running', startedAt: now(), username });
      return id;
    },
    committed(id: string, report: ImportReport): void {
      settle(id, { status: 'committed', report, counts: { actors: report.actors, ties: report.ties } });
    },
    /** The import ended with `err`: `rejected` when its content was refused, else `failed`. Nothing was written, unless the record says otherwise. */
    failed(id: string, err: unknown): void {
      const error = err instanceof AppError
        ? { code: err.code, message: err.message, ...(err.details === undefined ? {} : { details: err.details }) }
        : { code: 'internal_error', message: 'The import failed on our side. It has been logged.' };
      settle(id, { status: err instanceof AppError && err.code === 'import_rejected' ? 'rejected' : 'failed', error });
    },
    /** Where import `id` is; 404 when no import with that id runs here or committed. */
    async status(id: string): Promise<ImportStatusResponse> {
      const key = checked(id, 'id');
      const entry = entries.get(key);
      if (entry && (entry.status === 'running' || entry.status === 'committed')) return view(key, entry);
      const record = await readImportRecord(client, key);
      if (record) {
        return {
          importId: key,
          status: 'committed',
          ...(entry ? { startedAt: entry.startedAt } : {}),
          finishedAt: record.at,
          ...(record.username ? { username: record.username } : {}),
          ...(record.counts ? { counts: record.counts } : {}),
        };
      }
      if (entry) return view(key, entry);
      throw new AppError('not_found', `No import with id '${key}' runs on this server or committed (one cut off before its upload ended, or stopped by a restart, wrote nothing).`, 404, { id: key });
    },
  };
}

export type ImportStatusBook = ReturnType<typeof importStatusBook>;
