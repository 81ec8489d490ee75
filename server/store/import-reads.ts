/**
 * What an import needs to know of the stored network before it plans its writes
 * (services/import-network.ts): the actors and ties its files name, or for a replace the whole
 * network.
 */
import { tieKey } from '../domain/import/parse-ties.ts';
import type { ExistingState, StoredTie } from '../domain/import/plan-import.ts';
import type { TieKind } from '../domain/model.ts';
import { actorsWithTiesQuery, storedTiesQuery } from './tie-queries.ts';
import { actorsByIdQuery } from './actor-queries.ts';
import { actorFromProps } from './actor-record.ts';
import type { Neo4jClient } from './neo4j-client.ts';
import { chunks } from './batches.ts';
import { storedTie } from './network-store.ts';

/** Progress of the reads, as the import reports it. */
type Progress = (p: { phase: 'check'; done: number; total: number }) => void;

const LOOKUP_BATCH = 10_000;

/**
 * For a replace: the whole stored network, so that the write touches only what differs
 * (replacing a network with the same files writes nothing).
 */
export async function readWholeNetwork(client: Neo4jClient, progress: Progress): Promise<ExistingState> {
  const state = emptyState();
  progress({ phase: 'check', done: 0, total: 2 });
  const every = actorsWithTiesQuery(false);
  const actors = await client.read((tx) => tx.run(every.cypher, every.params));
  for (const r of actors.records) {
    const actor = actorFromProps(r.get('p'));
    state.actors.set(actor.id, actor);
  }
  progress({ phase: 'check', done: 1, total: 2 });
  const all = storedTiesQuery();
  const ties = await client.read((tx) => tx.run(all.cypher, all.params));
  addStoredTies(state, ties.records);
  progress({ phase: 'check', done: 2, total: 2 });
  return state;
}

type StoredOutTie = [ref: string, target: string, kind: TieKind, weight: number | null, since: number | null];

/** The ties of storedTiesQuery's rows, by tieKey; with `wanted`, only those keys. */
function addStoredTies(state: ExistingState, records: { get(key: string): unknown }[], wanted?: ReadonlySet<string>): void {
  for (const r of records) {
    const source = r.get('source') as string;
    for (const [ref, target, kind, weight, since] of r.get('out') as StoredOutTie[]) {
      const key = tieKey(source, target, kind);
      if (wanted && !wanted.has(key)) continue;
      state.ties.set(key, { ref, ...storedTie(source, target, kind, weight, since) } satisfies StoredTie);
    }
  }
}

function emptyState(): ExistingState {
  return { actors: new Map(), otherIds: new Set(), ties: new Map() };
}

export async function readExisting(
  client: Neo4jClient,
  definedIds: Iterable<string>,
  ties: { source: string; target: string; kind: TieKind }[],
  ends: { source: string; target: string }[],
  progress: Progress,
): Promise<ExistingState> {
  const state = emptyState();
  const defined = [...definedIds];
  const definedSet = new Set(defined);
  const namedSet = new Set<string>();
  for (const { source, target } of ends) {
    if (source && !definedSet.has(source)) namedSet.add(source);
    if (target && !definedSet.has(target)) namedSet.add(target);
  }
  const named = [...namedSet];
  const total = defined.length + named.length + ties.length;
  let done = 0;
  for (const ids of chunks(defined, LOOKUP_BATCH)) {
    const lookup = actorsByIdQuery(ids, 'props');
    const res = await client.read((tx) => tx.run(lookup.cypher, lookup.params));
    for (const r of res.records) {
      const actor = actorFromProps(r.get('p'));
      state.actors.set(actor.id, actor);
    }
    progress({ phase: 'check', done: (done += ids.length), total });
  }
  for (const ids of chunks(named, LOOKUP_BATCH)) {
    const lookup = actorsByIdQuery(ids, 'id');
    const res = await client.read((tx) => tx.run(lookup.cypher, lookup.params));
    for (const r of res.records) state.otherIds.add(r.get('id'));
    progress({ phase: 'check', done: (done += ids.length), total });
  }
  // Ties among stored actors: read each stored actor's outgoing ties once and keep those the
  // import names. Both ends of such a tie are stored and named, so expanding outgoing ties from
  // every named stored actor finds it whichever way it was stored.
  const stored = (id: string) => state.actors.has(id) || state.otherIds.has(id);
  const storedNamedSet = new Set<string>();
  for (const { source, target } of ties) {
    if (stored(source)) storedNamedSet.add(source);
    if (stored(target)) storedNamedSet.add(target);
  }
  const storedNamed = [...storedNamedSet];
  done += ties.length - storedNamed.length;
  // Into an empty database (or among new actors only) there is no stored tie to look for.
  const wanted = storedNamed.length ? new Set(ties.map((t) => tieKey(t.source, t.target, t.kind))) : new Set<string>();
  for (const ids of chunks(storedNamed, LOOKUP_BATCH)) {
    const from = storedTiesQuery(ids);
    const res = await client.read((tx) => tx.run(from.cypher, from.params));
    addStoredTies(state, res.records, wanted);
    progress({ phase: 'check', done: (done += ids.length), total });
  }
  return state;
}

