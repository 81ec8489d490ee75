/**
 * Reads the whole network in one pass over the actor nodes, each with its outgoing ties (a
 * pattern comprehension: cheaper than one row per tie), in a stable order: actors by id, ties by
 * source, target, kind. Exports and the in-memory snapshot both read through it, so an export is
 * the same file every time the network is the same and a seeded analysis sees the same order.
 */
import type { Actor, Tie, TieKind } from '../domain/model.ts';
import { actorsWithTiesQuery } from './tie-queries.ts';
import { networkVersionQuery } from './version-queries.ts';
import { actorFromProps } from './actor-record.ts';
import type { Neo4jClient, Transaction } from './neo4j-client.ts';
import { byText } from '../domain/graph/network-patch.ts';

export interface StoredNetwork {
  /** The network's version (Meta {id:'network'}), read in the same transaction as the data. */
  version: number;
  actors: Actor[];
  ties: Tie[];
}

/** The network's version alone: one tiny query that tells whether a copy of the network is current. */
export async function readNetworkVersion(client: Neo4jClient): Promise<number> {
  const query = networkVersionQuery();
  const res = await client.read((tx) => tx.run(query.cypher, query.params));
  return res.records[0].get('v') as number;
}

type OutTie = [target: string, kind: TieKind, weight: number | null, since: number | null];

/** Work between two turns of the event loop while the rows become actors and ties. */
const ACTORS_PER_TURN = 2_000;
const TIES_PER_TURN = 30_000;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A tie as stored properties give it: a missing weight is 1, a missing since is left out. */
export function storedTie(source: string, target: string, kind: TieKind, weight: number | null, since: number | null): Tie {
  const tie: Tie = { source, target, kind, weight: weight ?? 1 };
  if (since !== null) tie.since = since;
  return tie;
}

/** One actor's outgoing ties, as read (`out`), in network order, appended to `ties`. */
function pushOutTies(ties: Tie[], source: string, out: OutTie[]): void {
  out.sort((x, y) => byText(x[0], y[0]) || byText(x[1], y[1]));
  for (const [target, kind, weight, since] of out) ties.push(storedTie(source, target, kind, weight, since));
}

/** The network as stored; `ties: false` reads the actors only (and returns no ties). */
export async function readNetwork(client: Neo4jClient, options: { ties?: boolean } = {}): Promise<StoredNetwork> {
  const withTies = options.ties ?? true;
  const { version, rows } = await client.read(async (tx) => {
    const versionQuery = networkVersionQuery();
    const v = await tx.run(versionQuery.cypher, versionQuery.params);
    const query = actorsWithTiesQuery(withTies);
    const res = await tx.run(query.cypher, query.params);
    return { version: v.records[0].get('v') as number, rows: res.records };
  });
  // Hundreds of thousands of ties: turned into plain objects a slice at a time, so that a server
  // reading its snapshot keeps answering other requests meanwhile.
  const read: { actor: Actor; out: OutTie[] }[] = [];
  for (let i = 0; i < rows.length; i++) {
    if (i % ACTORS_PER_TURN === 0 && i > 0) await nextTurn();
    read.push({ actor: actorFromProps(rows[i].get('p')), out: (withTies ? rows[i].get('out') : []) as OutTie[] });
  }
  read.sort((a, b) => byText(a.actor.id, b.actor.id));
  const ties: Tie[] = [];
  let sinceTurn = 0;
  for (const { actor, out } of read) {
    if (sinceTurn > TIES_PER_TURN) (sinceTurn = 0), await nextTurn();
    sinceTurn += out.length;
    pushOutTies(ties, actor.id, out);
  }
  return { version, actors: read.map((r) => r.actor), ties };
}

/**
 * The actors `ids` that exist, with all their outgoing ties, read in `tx` (a write's own
 * transaction, after its changes): what a network patch carries (domain/graph/network-patch.ts).
 */
export async function readActorsWithTies(tx: Transaction, ids: readonly string[]): Promise<{ actors: Actor[]; ties: Tie[] }> {
  const query = actorsWithTiesQuery(true, ids);
  const res = await tx.run(query.cypher, query.params);
  const read = res.records.map((r) => ({ actor: actorFromProps(r.get('p')), out: r.get('out') as OutTie[] }));
  read.sort((a, b) => byText(a.actor.id, b.actor.id));
  const ties: Tie[] = [];
  for (const { actor, out } of read) pushOutTies(ties, actor.id, out);
  return { actors: read.map((r) => r.actor), ties };
}
