/**
 * The floor under an import on this machine (`npm run bench:import -- --floor`): the same ties
 * written by the product's own step (store/write-import.ts `createTies`), into actors that carry nothing but an id
 * and a name, with no fields, clusters, places or other links: what Neo4j alone costs for the ties.
 * Measured two ways, each into an empty database of its own:
 *
 * - one transaction, as an import must land (whole or not at all): the statements and the commit
 *   timed apart, the commit being work Neo4j does on one thread whatever this process sends;
 * - the ties in transactions of TIES_PER_COMMIT committed one after another, to show whether
 *   splitting the commit would buy speed (it would also give up an import landing whole).
 */
import { decodeText } from '../../server/domain/import/decode-text.ts';
import { parseActors } from '../../server/domain/import/parse-actors.ts';
import { parseTies } from '../../server/domain/import/parse-ties.ts';
import { ProblemList } from '../../server/domain/import/problems.ts';
import type { ImportFile } from '../../server/services/import-network.ts';
import { createActorsQuery } from '../../server/store/import-queries.ts';
import { createTies } from '../../server/store/write-import.ts';
import { chunks } from '../../server/store/batches.ts';
import type { Neo4jClient, Transaction } from '../../server/store/neo4j-client.ts';
import type { Tie } from '../../server/domain/model.ts';

/** Ties per transaction in the split measurement. */
const TIES_PER_COMMIT = 50_000;

export interface FloorFigures {
  ties: number;
  /** One transaction: creating the bare actors, running the tie statements, the commit (ms). */
  oneTransaction: { actorsMs: number; tiesMs: number; commitMs: number; tiesPerSecond: number };
  /** The same ties committed TIES_PER_COMMIT at a time, after the actors (ms). */
  splitCommits: { tiesPerCommit: number; tiesMs: number; tiesPerSecond: number };
}

/** The actors' ids and names and the ties of an import's files, as the product parses them. */
export function floorNetwork(files: { actors: ImportFile; ties: ImportFile }): { actors: { id: string; name: string }[]; ties: Tie[] } {
  const problems = new ProblemList();
  const actors = parseActors(decodeText(files.actors.bytes).text, files.actors.name, problems);
  const ties = parseTies(decodeText(files.ties.bytes).text, files.ties.name, problems);
  if (!actors || !ties || !problems.empty) throw new Error(`the generated files do not parse: ${JSON.stringify(problems.items.slice(0, 3))}`);
  return { actors: actors.actors.map((a) => ({ id: a.id, name: a.name })), ties: ties.ties };
}

/** Creates the bare actors (all under one label: their type changes nothing here) and answers their handles by id. */
async function createBareActors(tx: Transaction, actors: readonly { id: string; name: string }[]): Promise<Map<string, string>> {
  const refs = new Map<string, string>();
  for (const batch of chunks(actors)) {
    const q = createActorsQuery('Enterprise', batch);
    for (const r of (await tx.run(q.cypher, q.params)).records) refs.set(r.get('id'), r.get('ref'));
  }
  return refs;
}

/** The ties by kind: the product writes each kind by its own statement. */
function byKind(ties: readonly Tie[]): Tie[][] {
  const lists = new Map<Tie['kind'], Tie[]>();
  for (const t of ties) {
    let list = lists.get(t.kind);
    if (!list) lists.set(t.kind, (list = []));
    list.push(t);
  }
  return [...lists.values()];
}

/** One transaction: actors, ties, commit, each timed. `client` must hold an empty database. */
export async function oneTransactionFloor(client: Neo4jClient, network: ReturnType<typeof floorNetwork>): Promise<FloorFigures['oneTransaction']> {
  const started = performance.now();
  let actorsDone = 0;
  let statementsDone = 0;
  await client.patient().inTransaction(async (tx) => {
    const refs = await createBareActors(tx, network.actors);
    actorsDone = performance.now();
    for (const ties of byKind(network.ties)) await createTies(tx, ties, refs);
    statementsDone = performance.now();
  });
  const committed = performance.now();
  const tiesMs = statementsDone - actorsDone;
  const commitMs = committed - statementsDone;
  return { actorsMs: actorsDone - started, tiesMs, commitMs, tiesPerSecond: network.ties.length / ((tiesMs + commitMs) / 1000) };
}

/** The actors in one transaction, then the ties TIES_PER_COMMIT per transaction. `client` must hold an empty database. */
export async function splitCommitsFloor(client: Neo4jClient, network: ReturnType<typeof floorNetwork>): Promise<FloorFigures['splitCommits']> {
  const patient = client.patient();
  const refs = await patient.inTransaction((tx) => createBareActors(tx, network.actors));
  const started = performance.now();
  for (const ties of byKind(network.ties)) {
    for (const part of chunks(ties, TIES_PER_COMMIT)) await patient.inTransaction((tx) => createTies(tx, part, refs));
  }
  const tiesMs = performance.now() - started;
  return { tiesPerCommit: TIES_PER_COMMIT, tiesMs, tiesPerSecond: network.ties.length / (tiesMs / 1000) };
}
