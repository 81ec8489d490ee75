/**
 * Imports a network from actors.csv and ties.csv: validates everything first (the files, then
 * what they name in the database), then writes the difference in one transaction, so an import
 * lands whole or not at all and importing the same files twice writes nothing.
 */
import { importRejected } from '../domain/errors.ts';
import { decodeText, type TextEncodingName } from '../domain/import/decode-text.ts';
import { parseActors } from '../domain/import/parse-actors.ts';
import { parseTies, tieKey } from '../domain/import/parse-ties.ts';
import { planImport, type ExistingState, type StoredTie } from '../domain/import/plan-import.ts';
import { ProblemList } from '../domain/import/problems.ts';
import { FIELDS } from '../domain/reference/fields.ts';
import { CLUSTERS } from '../domain/reference/clusters.ts';
import { TIE_KINDS, type TieKind } from '../domain/model.ts';
import { actorFromProps } from './actor-record.ts';
import type { Neo4jClient } from './neo4j-client.ts';
import { writePlan } from './write-import.ts';
import { chunks } from './batches.ts';

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
  onProgress?: (p: ImportProgress) => void;
}

export interface ImportReport {
  replaced: boolean;
  encoding: { actors?: TextEncodingName; ties?: TextEncodingName };
  actors: { added: number; changed: number; unchanged: number; removed: number };
  ties: { added: number; changed: number; unchanged: number; removed: number };
  notices: string[];
  durationMs: number;
  /** Where the time went: reading the files, reading what is stored, writing the difference. */
  phasesMs: { parse: number; check: number; write: number };
}

const LOOKUP_BATCH = 10_000;

export async function importNetwork(
  client: Neo4jClient,
  files: { actors?: ImportFile; ties?: ImportFile },
  options: ImportOptions = {},
): Promise<ImportReport> {
  const started = Date.now();
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
    const decoded = decodeText(files.actors.bytes);
    encoding.actors = decoded.encoding;
    actors = parseActors(decoded.text, names.actors, problems);
  }
  if (files.ties) {
    const decoded = decodeText(files.ties.bytes);
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
  await writePlan(client, plan, { onProgress: progress });
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

/**
 * For a replace: the whole stored network, so that the write touches only what differs
 * (replacing a network with the same files writes nothing).
 */
async function readWholeNetwork(client: Neo4jClient, progress: (p: ImportProgress) => void): Promise<ExistingState> {
  const state = emptyState();
  progress({ phase: 'check', done: 0, total: 2 });
  const actors = await client.read((tx) => tx.run('MATCH (a:Actor) RETURN properties(a) AS p'));
  for (const r of actors.records) {
    const actor = actorFromProps(r.get('p'));
    state.actors.set(actor.id, actor);
  }
  progress({ phase: 'check', done: 1, total: 2 });
  const ties = await client.read((tx) =>
    tx.run(
      `MATCH (a:Actor)-[t:${TIE_KINDS.join('|')}]->(b:Actor)
       RETURN elementId(t) AS ref, a.id AS source, b.id AS target, type(t) AS kind, t.weight AS weight, t.since AS since`,
    ),
  );
  addStoredTies(state, ties.records);
  progress({ phase: 'check', done: 2, total: 2 });
  return state;
}

function addStoredTies(state: ExistingState, records: { toObject(): unknown }[]): void {
  for (const r of records) {
    const tie = r.toObject() as StoredTie & { since: number | null };
    state.ties.set(tieKey(tie.source, tie.target, tie.kind), { ...tie, since: tie.since ?? undefined });
  }
}

function emptyState(): ExistingState {
  return { actors: new Map(), otherIds: new Set(), ties: new Map() };
}

async function readExisting(
  client: Neo4jClient,
  definedIds: Iterable<string>,
  ties: { source: string; target: string; kind: TieKind }[],
  ends: { source: string; target: string }[],
  progress: (p: ImportProgress) => void,
): Promise<ExistingState> {
  const state = emptyState();
  const defined = [...definedIds];
  const definedSet = new Set(defined);
  const named = [...new Set(ends.flatMap((t) => [t.source, t.target]))].filter((id) => id && !definedSet.has(id));
  const total = defined.length + named.length + ties.length;
  let done = 0;
  for (const ids of chunks(defined, LOOKUP_BATCH)) {
    const res = await client.read((tx) => tx.run('UNWIND $ids AS id MATCH (a:Actor {id: id}) USING INDEX a:Actor(id) RETURN properties(a) AS p', { ids }));
    for (const r of res.records) {
      const actor = actorFromProps(r.get('p'));
      state.actors.set(actor.id, actor);
    }
    progress({ phase: 'check', done: (done += ids.length), total });
  }
  for (const ids of chunks(named, LOOKUP_BATCH)) {
    const res = await client.read((tx) => tx.run('UNWIND $ids AS id MATCH (a:Actor {id: id}) USING INDEX a:Actor(id) RETURN a.id AS id', { ids }));
    for (const r of res.records) state.otherIds.add(r.get('id'));
    progress({ phase: 'check', done: (done += ids.length), total });
  }
  // Ties among stored actors: read each stored actor's outgoing ties once and keep those the
  // import names. Both ends of such a tie are stored and named, so expanding outgoing ties from
  // every named stored actor finds it whichever way it was stored.
  const wanted = new Set(ties.map((t) => tieKey(t.source, t.target, t.kind)));
  const storedNamed = [...new Set(ties.flatMap((t) => [t.source, t.target]))].filter(
    (id) => state.actors.has(id) || state.otherIds.has(id),
  );
  done += ties.length - storedNamed.length;
  for (const ids of chunks(storedNamed, LOOKUP_BATCH)) {
    const res = await client.read((tx) =>
      tx.run(
        `UNWIND $ids AS id MATCH (a:Actor {id: id})-[t:${TIE_KINDS.join('|')}]->(b:Actor) USING INDEX a:Actor(id)
         RETURN elementId(t) AS ref, id AS source, b.id AS target, type(t) AS kind, t.weight AS weight, t.since AS since`,
        { ids },
      ),
    );
    addStoredTies(state, res.records.filter((r) => wanted.has(tieKey(r.get('source'), r.get('target'), r.get('kind')))));
    progress({ phase: 'check', done: (done += ids.length), total });
  }
  return state;
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
