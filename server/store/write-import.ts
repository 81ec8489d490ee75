/**
 * Writes an import plan in one explicit transaction: what a replace removes goes first, then
 * actors, their links to fields, clusters, prefectures and facilities, then ties. Batches
 * keep each statement's parameters small; the single transaction keeps the import atomic.
 */
import { ACTOR_TYPES, TIE_KINDS, type Actor, type Tie } from '../domain/model.ts';
import type { ImportPlan } from '../domain/import/plan-import.ts';
import { FIELDS } from '../domain/reference/fields.ts';
import { CLUSTERS } from '../domain/reference/clusters.ts';
import { findPrefecture } from '../domain/reference/prefectures.ts';
import { actorProps, actorUpdateProps } from './actor-record.ts';
import { neo4jInt, type Neo4jClient, type QueryResult, type Transaction } from './neo4j-client.ts';
import { readActorsWithTies } from './network-store.ts';
import type { NetworkPatch } from '../domain/graph/network-patch.ts';
import { chunks, pipelined } from './batches.ts';
import { bumpNetworkVersionQuery } from './version-queries.ts';
import { actorsByIdQuery } from './actor-queries.ts';
import { actorCountQuery } from './stats-queries.ts';
import {
  changeActorTypeQuery,
  createActorsQuery,
  createTiesQuery,
  deleteActorsQuery,
  deleteOrphansQuery,
  deleteTiesQuery,
  linkQuery,
  updateActorsQuery,
  updateTiesQuery,
  upsertClustersQuery,
  upsertFacilitiesQuery,
  upsertFieldsQuery,
  type Link,
} from './import-queries.ts';
import type { Query } from './query.ts';

const INTEGER_PROPS = ['employees', 'founded'];

const run = (tx: Transaction, q: Query) => tx.run(q.cypher, q.params);

/**
 * Creates `ties`, all of one kind, between the nodes whose handles `refs` gives by actor id: in
 * batches kept in flight (store/batches.ts), `step` told of each batch answered. What an import
 * writes for its new ties (and what `npm run bench:import -- --floor` measures alone).
 */
export async function createTies(tx: Transaction, ties: readonly Tie[], refs: ReadonlyMap<string, string>, step: (n: number) => void = () => undefined): Promise<void> {
  if (!ties.length) return;
  const kind = ties[0].kind;
  const rows = ties.map((t) => ({ s: refs.get(t.source), t: refs.get(t.target), w: t.weight, y: t.since === undefined ? null : neo4jInt(t.since) }));
  await pipelined(chunks(rows), (batch) => run(tx, createTiesQuery(kind, batch)).then(() => step(batch.length)));
}

/**
 * A write that touches at most this many actors, or at most PATCH_MAX_SHARE of the actors stored
 * before it, is read back in its own transaction as a network patch (domain/graph/network-patch.ts),
 * so the server's snapshot follows it without reading the whole network; a larger one (an import
 * of a whole network) leaves the server to read it all. Reading an actor back by id costs a few
 * times what a whole read spends on it, so the patch pays while it touches a fraction of them.
 */
export const PATCH_MAX_ACTORS = 2_000;
export const PATCH_MAX_SHARE = 0.25;

/**
 * Writes `plan`; answers the network patch the write made (null when nothing was written or it
 * touched more actors than a patch may: see PATCH_MAX_ACTORS, or `patchMaxActors` when given).
 */
export async function writePlan(
  client: Neo4jClient,
  plan: ImportPlan,
  options: {
    onProgress: (p: { phase: 'write'; done: number; total: number }) => void;
    /** Statements that land with the plan or not at all (the audit entry of the import). */
    also?: readonly Query[];
    patchMaxActors?: number;
  },
): Promise<NetworkPatch | null> {
  const touched = [...plan.createActors, ...plan.updateActors.map((u) => u.actor)];
  const total =
    plan.deleteTies.length + plan.deleteActors.length + plan.createActors.length + plan.updateActors.length +
    touched.length + plan.createTies.length + plan.updateTies.length;
  if (total === 0) return null;
  let done = 0;
  const step = (n: number) => options.onProgress({ phase: 'write', done: (done += n), total });
  // The actors whose stored state or outgoing ties this write changes.
  let patchMax = options.patchMaxActors ?? PATCH_MAX_ACTORS;
  const changed = new Set<string>([...touched.map((a) => a.id), ...plan.createTies.map((t) => t.source)]);
  const removed = new Set(plan.deleteActors);
  const sourcesOf = (res: QueryResult) => {
    if (changed.size <= patchMax) for (const r of res.records) changed.add(r.get('source'));
  };

  return client.inTransaction(async (tx) => {
    // Each deleted or changed tie adds at most its source: only a write that may pass the fixed
    // limit asks how many actors are stored (an edit of one actor or tie does not).
    const mayPass = changed.size + removed.size + plan.deleteTies.length + plan.updateTies.length > patchMax;
    if (options.patchMaxActors === undefined && mayPass) {
      const stored = (await run(tx, actorCountQuery())).records[0].get('n') as number;
      patchMax = Math.max(PATCH_MAX_ACTORS, Math.floor(stored * PATCH_MAX_SHARE));
    }
    // Node handles (elementId) of every actor the ties and links name: looking nodes up by handle
    // is much cheaper than by indexed id inside a transaction that has changed that index a lot.
    const refs = await storedRefs(tx, plan);
    for (const batch of chunks(plan.deleteTies)) {
      sourcesOf(await run(tx, deleteTiesQuery(batch)));
      step(batch.length);
    }
    for (const ids of chunks(plan.deleteActors)) {
      await run(tx, deleteActorsQuery(ids));
      step(ids.length);
    }
    await upsertSupportingNodes(tx, touched);

    for (const type of ACTOR_TYPES) {
      const rows = plan.createActors.filter((a) => a.type === type).map((a) => withIntegers(actorProps(a)));
      for (const batch of chunks(rows)) {
        const res = await run(tx, createActorsQuery(type, batch));
        for (const r of res.records) refs.set(r.get('id'), r.get('ref'));
        step(batch.length);
      }
    }
    for (const batch of chunks(plan.updateActors)) {
      const rows = batch.map((u) => ({ id: u.actor.id, props: withIntegers(actorUpdateProps(u.actor, plan.actorColumns)) }));
      await run(tx, updateActorsQuery(rows));
      for (const from of ACTOR_TYPES) {
        for (const to of ACTOR_TYPES) {
          const ids = batch.filter((u) => u.previousType === from && u.actor.type === to && from !== to).map((u) => u.actor.id);
          if (ids.length) await run(tx, changeActorTypeQuery(from, to, ids));
        }
      }
      step(batch.length);
    }
    await linkSupportingNodes(tx, touched, refs, step);

    for (const kind of TIE_KINDS) await createTies(tx, plan.createTies.filter((t) => t.kind === kind), refs, step);
    for (const batch of chunks(plan.updateTies)) {
      const rows = batch.map((u) => ({ ref: u.ref, w: u.weight, y: u.since === null ? null : neo4jInt(u.since) }));
      sourcesOf(await run(tx, updateTiesQuery(rows)));
      step(batch.length);
    }
    // Clusters, fields and facilities nobody links to any more go with their last actor.
    await run(tx, deleteOrphansQuery());
    const bumped = await run(tx, bumpNetworkVersionQuery());
    for (const q of options.also ?? []) await run(tx, q);
    for (const id of removed) changed.delete(id);
    if (changed.size + removed.size > patchMax) return null;
    const after = await readActorsWithTies(tx, [...changed]);
    return { version: Number(bumped.records[0].get('v')), removed: [...removed], actors: after.actors, ties: after.ties };
  });
}

/** Fields, clusters and facilities named by the actors: reference names where musubi knows them. */
async function upsertSupportingNodes(tx: Transaction, actors: Actor[]): Promise<void> {
  const fieldIds = new Set(actors.flatMap((a) => [...(a.fields ?? []), ...(a.seeks ?? [])]));
  const clusterIds = new Set(actors.flatMap((a) => a.clusters ?? []));
  const facilityIds = new Set(actors.flatMap((a) => (a.facility ? [a.facility] : [])));
  const fieldRef = new Map(FIELDS.map((f) => [f.id, f]));
  const clusterRef = new Map(CLUSTERS.map((c) => [c.id, c]));
  const fields = [...fieldIds].map((id) => ({ id, name: fieldRef.get(id)?.name ?? id, name_ja: fieldRef.get(id)?.name_ja ?? null }));
  const clusters = [...clusterIds].map((id) => {
    const c = clusterRef.get(id);
    return { id, name: c?.name ?? id, name_ja: c?.name_ja ?? null, region: c?.region ?? null };
  });
  await run(tx, upsertFieldsQuery(fields));
  await run(tx, upsertClustersQuery(clusters));
  await run(tx, upsertFacilitiesQuery([...facilityIds]));
}

/** Handles of the stored actors that new ties or updated actors name, read before any write. */
async function storedRefs(tx: Transaction, plan: ImportPlan): Promise<Map<string, string>> {
  const created = new Set(plan.createActors.map((a) => a.id));
  const ids = new Set<string>(plan.updateActors.map((u) => u.actor.id));
  for (const t of plan.createTies) {
    if (!created.has(t.source)) ids.add(t.source);
    if (!created.has(t.target)) ids.add(t.target);
  }
  const refs = new Map<string, string>();
  for (const batch of chunks([...ids])) {
    const res = await run(tx, actorsByIdQuery(batch, 'ref'));
    for (const r of res.records) refs.set(r.get('id'), r.get('ref'));
  }
  return refs;
}

async function linkSupportingNodes(tx: Transaction, actors: Actor[], refs: Map<string, string>, step: (n: number) => void): Promise<void> {
  const links: Record<Link, { a: string; to: string }[]> = { OFFERS: [], SEEKS: [], MEMBER_OF: [], LOCATED_IN: [], BASED_AT: [] };
  for (const a of actors) {
    const ref = refs.get(a.id)!;
    for (const f of a.fields ?? []) links.OFFERS.push({ a: ref, to: f });
    for (const f of a.seeks ?? []) links.SEEKS.push({ a: ref, to: f });
    for (const c of a.clusters ?? []) links.MEMBER_OF.push({ a: ref, to: c });
    const pref = a.prefecture && (!a.country || a.country === 'JP') ? findPrefecture(a.prefecture) : undefined;
    if (pref) links.LOCATED_IN.push({ a: ref, to: pref.id });
    if (a.facility) links.BASED_AT.push({ a: ref, to: a.facility });
  }
  for (const [link, rows] of Object.entries(links) as [Link, { a: string; to: string }[]][]) {
    await pipelined(chunks(rows), (batch) => run(tx, linkQuery(link, batch)));
  }
  step(actors.length);
}

function withIntegers(props: Record<string, unknown>): Record<string, unknown> {
  for (const k of INTEGER_PROPS) if (typeof props[k] === 'number') props[k] = neo4jInt(props[k] as number);
  return props;
}
