/**
 * Edits of the network, one actor or one tie at a time, by coordinators and admins (any actor)
 * and by members (their own actor's profile). An edit is a one-row import: the same checks and
 * messages (domain/edits/edit-input.ts → domain/import), the same plan and the same one-transaction
 * write with its audit entry (store/write-import.ts); then the network source hears once that the
 * network changed, so the suggestion index, communities, layout and metrics follow at once.
 */
import { randomUUID } from 'node:crypto';
import type { EditReport } from '../contract/api.ts';
import { allows, type User } from '../domain/auth/roles.ts';
import { actorEditTable, EDIT_SOURCE, fieldProblems, fieldsBeyondProfile, MEMBER_PROFILE_FIELDS, tieEditTable } from '../domain/edits/edit-input.ts';
import { conflict, forbidden, invalidFields, notFound } from '../domain/errors.ts';
import { actorsFromTable } from '../domain/import/parse-actors.ts';
import { tieKey, tiesFromTable } from '../domain/import/parse-ties.ts';
import { planImport, type ImportPlan } from '../domain/import/plan-import.ts';
import { ProblemList } from '../domain/import/problems.ts';
import type { Actor, Tie, TieKind } from '../domain/model.ts';
import { appendAuditQuery } from '../store/audit-queries.ts';
import { readActor } from '../store/actor-store.ts';
import { readExisting } from '../store/import-reads.ts';
import type { Neo4jClient } from '../store/neo4j-client.ts';
import { writePlan } from '../store/write-import.ts';
import type { NetworkSource } from './network-source.ts';
import type { PrivacyService } from './privacy-service.ts';

export interface TieRef {
  source: string;
  target: string;
  kind: string;
}

const FILES = { actors: EDIT_SOURCE, ties: EDIT_SOURCE };
const NO_PROGRESS = () => undefined;

export function editService(client: Neo4jClient, network: NetworkSource, privacy: PrivacyService, options: { onChanged?: () => void } = {}) {
  /** Writes the plan with its audit entry in one transaction, then tells what depends on the network. */
  async function write(by: User, plan: ImportPlan, action: string, target: string, before: unknown, after: unknown): Promise<void> {
    const audit = appendAuditQuery({
      id: randomUUID(),
      userId: by.id,
      username: by.username,
      action,
      target,
      before: before === null ? null : JSON.stringify(before),
      after: after === null ? null : JSON.stringify(after),
    });
    network.changed(await writePlan(client, plan, { onProgress: NO_PROGRESS, also: [audit] }));
    options.onChanged?.();
  }

  /** The actor as `by` sees it now (its ties to hidden actors anonymous). */
  async function detail(by: User, id: string): Promise<EditReport['actor']> {
    const found = await readActor(client, id);
    if (!found) return undefined;
    const redaction = await privacy.redaction({ user: by });
    return { ...found, ties: found.ties.map((t) => redaction.ref(t)) };
  }

  function rejected(problems: ProblemList): never {
    throw invalidFields(
      `The edit was rejected: ${problems.items.map((p) => (p.column ? `${p.column}: ${p.message}` : p.message)).join('; ')}. Nothing was written.`,
      fieldProblems(problems),
    );
  }

  async function storedActor(id: string): Promise<Actor | undefined> {
    return (await readExisting(client, [id], [], [], NO_PROGRESS)).actors.get(id);
  }

  function mayEditActor(by: User, id: string, body: unknown): void {
    if (allows(by, 'edit-network')) return;
    if (!allows(by, 'edit-own-profile') || by.actorId !== id) {
      throw forbidden(`Your role (${by.role}) may edit only the profile of your own actor; changing '${id}' needs the role coordinator or admin.`, { role: by.role });
    }
    const beyond = fieldsBeyondProfile(body);
    if (beyond.length) {
      throw forbidden(
        `A member may change only ${MEMBER_PROFILE_FIELDS.join(', ')} of its actor's profile; not: ${beyond.join(', ')}.`,
        { fields: beyond, allowed: MEMBER_PROFILE_FIELDS },
      );
    }
  }

  function mayEditNetwork(by: User): void {
    if (!allows(by, 'edit-network')) throw forbidden(`Your role (${by.role}) does not allow this; it needs the role coordinator or admin.`, { role: by.role, needs: ['coordinator', 'admin'] });
  }

  async function tieChange(key: TieRef, body: unknown, problems: ProblemList) {
    const table = tieEditTable(key, body, problems);
    const parsed = table && tiesFromTable(table, EDIT_SOURCE, problems);
    const existing = await readExisting(client, [], parsed?.ties ?? [], parsed?.ends ?? [], NO_PROGRESS);
    return { parsed, existing };
  }

  async function writeTie(by: User, key: TieRef, body: unknown, origin: string): Promise<EditReport> {
    const problems = new ProblemList();
    const { parsed, existing } = await tieChange(key, body, problems);
    const plan = planImport(null, parsed, existing, FILES, problems);
    if (!parsed || !problems.empty) rejected(problems);
    const tie = parsed.ties[0];
    const before = existing.ties.get(tieKey(tie.source, tie.target, tie.kind));
    if (plan.createTies.length || plan.updateTies.length) {
      await write(by, plan, before ? 'tie.update' : 'tie.create', tieLabel(tie) + origin, before ? plainTie(before) : null, tie);
    }
    return { actors: plan.counts.actors, ties: plan.counts.ties };
  }

  return {
    /** A new actor (`body`: the columns of actors.csv as JSON fields). */
    async createActor(by: User, body: unknown): Promise<EditReport> {
      mayEditNetwork(by);
      const problems = new ProblemList();
      const edit = actorEditTable(body, undefined, problems);
      const parsed = edit && actorsFromTable(edit.table, EDIT_SOURCE, problems);
      if (!parsed || !problems.empty) rejected(problems);
      const actor = parsed.actors[0];
      const existing = await readExisting(client, [actor.id], [], [], NO_PROGRESS);
      if (existing.actors.has(actor.id)) throw conflict(`An actor with id '${actor.id}' already exists: change it with PATCH /api/actors/${actor.id}.`, { field: 'id' });
      const plan = planImport(parsed, null, existing, FILES, problems);
      await write(by, plan, 'actor.create', actor.id, null, actor);
      return { actors: plan.counts.actors, ties: plan.counts.ties, actor: await detail(by, actor.id) };
    },

    /** Changes the fields `body` sends (null or "" removes one); the others keep their values. */
    async updateActor(by: User, id: string, body: unknown): Promise<EditReport> {
      mayEditActor(by, id, body);
      const stored = await storedActor(id);
      if (!stored) throw notFound('actor', id);
      const problems = new ProblemList();
      const edit = actorEditTable(body, stored, problems);
      const parsed = edit && actorsFromTable(edit.table, EDIT_SOURCE, problems);
      if (!parsed || !problems.empty) rejected(problems);
      parsed.columns = edit.columns;
      const plan = planImport(parsed, null, { actors: new Map([[id, stored]]), otherIds: new Set(), ties: new Map() }, FILES, problems);
      if (plan.updateActors.length) await write(by, plan, 'actor.update', id, stored, parsed.actors[0]);
      return { actors: plan.counts.actors, ties: plan.counts.ties, actor: await detail(by, id) };
    },

    /** Removes an actor with all its ties. */
    async deleteActor(by: User, id: string): Promise<EditReport> {
      mayEditNetwork(by);
      const stored = await storedActor(id);
      const found = stored && (await readActor(client, id));
      if (!stored || !found) throw notFound('actor', id);
      const plan = emptyPlan();
      plan.deleteActors.push(id);
      plan.counts.actors.removed = 1;
      plan.counts.ties.removed = found.tieCount;
      await write(by, plan, 'actor.delete', id, stored, null);
      return { actors: plan.counts.actors, ties: plan.counts.ties };
    },

    /** Creates the tie, or sets its weight (1 when not sent) and since. */
    async putTie(by: User, key: TieRef, body: unknown): Promise<EditReport> {
      mayEditNetwork(by);
      return writeTie(by, key, body, '');
    },

    /**
     * The tie a workflow's outcome makes (an introduction or an event meeting that became a
     * collaboration), `since` that year — a tie there already keeps its weight and an earlier
     * year. The workflow has checked who may record the outcome, so no role to edit the network is
     * needed; the audit entry names the user and `origin` (e.g. "introduction 8f…").
     */
    async tieFromOutcome(by: User, key: TieRef, year: number, origin: string): Promise<EditReport> {
      const { parsed, existing } = await tieChange(key, undefined, new ProblemList());
      const tie = parsed?.ties[0];
      const stored = tie && existing.ties.get(tieKey(tie.source, tie.target, tie.kind));
      const since = stored?.since !== undefined ? Math.min(stored.since, year) : year;
      return writeTie(by, key, { since, weight: stored?.weight ?? 1 }, ` (from ${origin})`);
    },

    async deleteTie(by: User, key: TieRef): Promise<EditReport> {
      mayEditNetwork(by);
      const problems = new ProblemList();
      const { parsed, existing } = await tieChange(key, undefined, problems);
      if (!parsed || !problems.empty || !parsed.ties[0]) rejected(problems);
      const tie = parsed.ties[0];
      const stored = existing.ties.get(tieKey(tie.source, tie.target, tie.kind));
      if (!stored) throw notFound('tie', tieLabel(tie));
      const plan = emptyPlan();
      plan.deleteTies.push(stored.ref);
      plan.counts.ties.removed = 1;
      await write(by, plan, 'tie.delete', tieLabel(tie), plainTie(stored), null);
      return { actors: plan.counts.actors, ties: plan.counts.ties };
    },
  };
}

export type EditService = ReturnType<typeof editService>;

/** What a workflow needs of the edit service: the one way its outcomes become ties. */
export type TieEditor = Pick<EditService, 'tieFromOutcome'>;

function tieLabel(t: { source: string; target: string; kind: TieKind | string }): string {
  return `${t.kind} ${t.source} → ${t.target}`;
}

function plainTie(t: Tie): Tie {
  return { source: t.source, target: t.target, kind: t.kind, weight: t.weight, ...(t.since !== undefined ? { since: t.since } : {}) };
}

function emptyPlan(): ImportPlan {
  return {
    deleteActors: [],
    deleteTies: [],
    createActors: [],
    updateActors: [],
    actorColumns: [],
    createTies: [],
    updateTies: [],
    counts: { actors: { added: 0, changed: 0, unchanged: 0, removed: 0 }, ties: { added: 0, changed: 0, unchanged: 0, removed: 0 } },
  };
}
