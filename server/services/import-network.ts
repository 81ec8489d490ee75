/**
 * Import a network from actors.csv and ties.csv: validates everything first (the files, then
 * what they name in the database, read by store/import-reads.ts), then writes the difference in
 * one transaction (store/write-import.ts), so an import lands whole or not at all and importing
 * the same files twice writes nothing.
 */
import { randomUUID } from 'node:crypto';
import { importRejected } from '../domain/errors.ts';
import { appendAuditQuery, type AuditRecord } from '../store/audit-queries.ts';
import { appendAudit } from '../store/audit-store.ts';
import { decodeText } from '../domain/import/decode-text.ts';
import type { ImportReport } from '../contract/api.ts';
import { parseActors } from '../domain/import/parse-actors.ts';
import { parseTies, tieKey } from '../domain/import/parse-ties.ts';
import { planImport, type ExistingState, type StoredTie } from '../domain/import/plan-import.ts';
import { ProblemList } from '../domain/import/problems.ts';
import { FIELDS } from '../domain/reference/fields.ts';
import { CLUSTERS } from '../domain/reference/clusters.ts';
import type { Neo4jClient } from '../store/neo4j-client.ts';
import { readExisting, readWholeNetwork } from '../store/import-reads.ts';
import { writePlan } from '../store/write-import.ts';
import type { NetworkPatch } from '../domain/graph/network-patch.ts';

export interface ImportFile {
  name: string;
  bytes: Uint8Array;
}

export interface ImportProgress {
  phase: 'parse' | 'check' | 'write' | 'done';
  done: number;
  total: number;
}

export interface ImportOptions {
  replace?: boolean;
  /** Who imports (through the API): the import's audit entry lands in its own transaction. */
  by?: { userId: string; username: string };
  /**
   * The import's id (POST /api/import): the id of its audit entry, written in the import's own
   * transaction, so that "committed" is true exactly when that entry exists (services/import-status.ts).
   */
  importId?: string;
  onProgress?: (p: ImportProgress) => void;
  /** Told, once the import has committed, what it changed (null: nothing, or too much to tell; store/write-import.ts). */
  onPatch?: (patch: NetworkPatch | null) => void;
}

export type { ImportReport };

export async function importNetwork(
  client: Neo4jClient,
  files: { actors?: ImportFile; ties?: ImportFile },
  options: ImportOptions = {},
): Promise<ImportReport> {
  const started = Date.now();
  // A long read or write: a short pause of the database should not lose it (store/neo4j-client.ts).
  client = client.patient();
  const progress = options.onProgress ?? (() => undefined);
  const replace = options.replace ?? false;
  if (!files.actors && !files.ties) throw importRejected('Nothing to import: give actors.csv, ties.csv or both.', { problems: [] });
  const names = { actors: files.actors?.name ?? 'actors.csv', ties: files.ties?.name ?? 'ties.csv' };

  progress({ phase: 'parse', done: 0, total: 1 });
  const problems = new ProblemList();
  const encoding: ImportReport['encoding'] = {};
  let actors = null;
  let ties = null;
  if (files.actors) {
    const decoded = decodeText(files.actors.bytes, names.actors);
    encoding.actors = decoded.encoding;
    actors = parseActors(decoded.text, names.actors, problems);
  }
  if (files.ties) {
    const decoded = decodeText(files.ties.bytes, names.ties);
    encoding.ties = decoded.encoding;
    ties = parseTies(decoded.text, names.ties, problems);
  }
  progress({ phase: 'parse', done: 1, total: 1 });
  const parsed = Date.now();

  const existing = replace
    ? await readWholeNetwork(client, progress)
    : await readExisting(client, actors?.lines.keys() ?? [], ties?.ties ?? [], ties?.ends ?? [], progress);
  const plan = planImport(actors, ties, existing, names, problems, { replace });
  if (!problems.empty) {
    throw importRejected(
      `The import was rejected: ${problems.total} problem${problems.total === 1 ? '' : 's'} found` +
        (problems.total > problems.items.length ? ` (the first ${problems.items.length} are listed)` : '') +
        '. Nothing was written.',
      { total: problems.total, problems: problems.items },
    );
  }

  const checked = Date.now();
  const record = options.by && ({
    id: options.importId ?? randomUUID(),
    userId: options.by.userId,
    username: options.by.username,
    action: replace ? 'import.replace' : 'import',
    target: [files.actors && names.actors, files.ties && names.ties].filter(Boolean).join(', '),
    before: null,
    after: JSON.stringify({ actors: plan.counts.actors, ties: plan.counts.ties }),
  } satisfies AuditRecord);
  const audit = record && appendAuditQuery(record);
  const patch = await writePlan(client, plan, { onProgress: progress, also: audit ? [audit] : [] });
  options.onPatch?.(patch);
  // A plan with nothing to change writes no transaction: the import's record is written alone.
  const changes = plan.createActors.length + plan.updateActors.length + plan.deleteActors.length + plan.createTies.length + plan.updateTies.length + plan.deleteTies.length;
  if (record && changes === 0) await appendAudit(client, record);
  progress({ phase: 'done', done: 1, total: 1 });
  const finished = Date.now();
  return {
    replaced: replace,
    encoding,
    actors: plan.counts.actors,
    ties: plan.counts.ties,
    notices: notices(actors?.extraColumns ?? [], plan.createActors.concat(plan.updateActors.map((u) => u.actor))),
    durationMs: finished - started,
    phasesMs: { parse: parsed - started, check: checked - parsed, write: finished - checked },
  };
}

function notices(extraColumns: string[], written: { fields?: string[]; seeks?: string[]; clusters?: string[] }[]): string[] {
  const out: string[] = [];
  if (extraColumns.length) out.push(`Extra columns kept as properties: ${extraColumns.join(', ')}.`);
  const knownFields = new Set(FIELDS.map((f) => f.id));
  const knownClusters = new Set(CLUSTERS.map((c) => c.id));
  const newFields = new Set(written.flatMap((a) => [...(a.fields ?? []), ...(a.seeks ?? [])]).filter((f) => !knownFields.has(f)));
  const newClusters = new Set(written.flatMap((a) => a.clusters ?? []).filter((c) => !knownClusters.has(c)));
  if (newFields.size) out.push(`Fields not in musubi's list, added as new fields: ${[...newFields].sort().join(', ')}.`);
  if (newClusters.size) out.push(`Clusters not in the program's list, added as new clusters: ${[...newClusters].sort().join(', ')}.`);
  return out;
}
