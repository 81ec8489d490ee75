/**
 * Compares a parsed import with what the database holds and decides what to write: actors and
 * ties to create, to update, and those already identical (so importing twice writes nothing).
 * Ties whose ends are neither in the import nor in the database are reported here.
 */
import type { Actor, Tie, TieKind } from '../model.ts';
import { ACTOR_COLUMNS } from '../csv/columns.ts';
import type { ParsedActors } from './parse-actors.ts';
import { tieKey, type ParsedTies } from './parse-ties.ts';
import type { ImportProblem, ProblemList } from './problems.ts';

/** A tie the database holds, with the handle the store needs to update it. */
export interface StoredTie {
  ref: string;
  source: string;
  target: string;
  kind: TieKind;
  weight: number;
  since?: number;
}

export interface ExistingState {
  /** Stored actors among the ids the import defines (with replace: every stored actor). */
  actors: Map<string, Actor>;
  /** Ids, among those the ties name but the import does not define, that the database holds. */
  otherIds: Set<string>;
  /** Stored ties among those the import names (with replace: every stored tie), by tieKey. */
  ties: Map<string, StoredTie>;
}

export interface ActorUpdate {
  actor: Actor;
  previousType: Actor['type'];
}

export interface TieUpdate {
  ref: string;
  weight: number;
  since: number | null;
}

export interface ImportPlan {
  /** With replace: stored actors the files do not name (removed with their ties). */
  deleteActors: string[];
  /** With replace: stored ties the files do not name. */
  deleteTies: string[];
  createActors: Actor[];
  updateActors: ActorUpdate[];
  /** Columns present in actors.csv: on update, these and only these are rewritten. */
  actorColumns: string[];
  createTies: Tie[];
  updateTies: TieUpdate[];
  counts: {
    actors: { added: number; changed: number; unchanged: number; removed: number };
    ties: { added: number; changed: number; unchanged: number; removed: number };
  };
}

export function planImport(
  actors: ParsedActors | null,
  ties: ParsedTies | null,
  existing: ExistingState,
  files: { actors: string; ties: string },
  problems: ProblemList,
  options: { replace?: boolean } = {},
): ImportPlan {
  // Replacing makes the database equal to the files: every column counts, absent ones included.
  const columns = options.replace ? replaceColumns(actors, existing) : (actors?.columns ?? []);
  const plan: ImportPlan = {
    deleteActors: [],
    deleteTies: [],
    createActors: [],
    updateActors: [],
    actorColumns: columns,
    createTies: [],
    updateTies: [],
    counts: { actors: { added: 0, changed: 0, unchanged: 0, removed: 0 }, ties: { added: 0, changed: 0, unchanged: 0, removed: 0 } },
  };
  const defined = new Set<string>();
  for (const actor of actors?.actors ?? []) {
    defined.add(actor.id);
    const stored = existing.actors.get(actor.id);
    if (!stored) {
      plan.createActors.push(actor);
      plan.counts.actors.added++;
    } else if (sameActor(actor, stored, columns)) {
      plan.counts.actors.unchanged++;
    } else {
      plan.updateActors.push({ actor, previousType: stored.type });
      plan.counts.actors.changed++;
    }
  }
  // Ids that failed validation still count as defined: their own errors are already reported.
  for (const id of actors?.lines.keys() ?? []) defined.add(id);

  const matchedTies = new Set<string>();
  const known = (id: string) => defined.has(id) || existing.otherIds.has(id);
  // An actor on a line of actors.csv that could not be read is not missing: it is unknown.
  const actorsUnread = problems.unreadFiles.has(files.actors);
  const uncheckedLines: number[] = [];
  const checkEnd = (line: number, column: 'source' | 'target', id: string) => {
    if (!id || known(id)) return;
    if (actorsUnread) {
      if (uncheckedLines.at(-1) !== line) uncheckedLines.push(line);
      return;
    }
    problems.add({
      file: files.ties,
      line,
      column,
      value: id,
      message: `unknown actor '${id}': it is neither in ${files.actors} nor in the database`,
    });
  };
  for (const { line, source, target } of ties?.ends ?? []) {
    checkEnd(line, 'source', source);
    checkEnd(line, 'target', target);
  }
  if (uncheckedLines.length) problems.add(uncheckedActors(files, uncheckedLines));
  // With no stored tie to compare with and none to remove, every tie is new: no key is needed.
  const keyed = existing.ties.size > 0 || options.replace;
  ties?.ties.forEach((tie) => {
    if (!known(tie.source) || !known(tie.target)) return;
    let stored: StoredTie | undefined;
    if (keyed) {
      const key = tieKey(tie.source, tie.target, tie.kind);
      stored = existing.ties.get(key);
      matchedTies.add(key);
    }
    if (!stored) {
      plan.createTies.push(tie);
      plan.counts.ties.added++;
    } else if (stored.weight === tie.weight && stored.since === tie.since) {
      plan.counts.ties.unchanged++;
    } else {
      plan.updateTies.push({ ref: stored.ref, weight: tie.weight, since: tie.since ?? null });
      plan.counts.ties.changed++;
    }
  });
  if (options.replace) {
    for (const id of existing.actors.keys()) if (!defined.has(id)) plan.deleteActors.push(id);
    for (const [key, tie] of existing.ties) if (!matchedTies.has(key)) plan.deleteTies.push(tie.ref);
    plan.counts.actors.removed = plan.deleteActors.length;
    plan.counts.ties.removed = plan.deleteTies.length;
  }
  return plan;
}

/** One problem for every tie whose actors could not be checked, naming the first of their lines. */
function uncheckedActors(files: { actors: string; ties: string }, lines: number[]): ImportProblem {
  const shown = lines.slice(0, 10).join(', ') + (lines.length > 10 ? `, … (${lines.length} rows)` : '');
  return {
    file: files.ties,
    line: 0,
    message:
      `the actors named on line${lines.length === 1 ? '' : 's'} ${shown} could not be checked: they are not in the database, ` +
      `and ${files.actors} could not be read whole (see its problems); fix it and import again`,
  };
}

/** Every standard column and every extra column on either side. */
function replaceColumns(actors: ParsedActors | null, existing: ExistingState): string[] {
  const extras = new Set(actors?.extraColumns ?? []);
  for (const a of existing.actors.values()) for (const k of Object.keys(a.extra ?? {})) extras.add(k);
  return [...ACTOR_COLUMNS, ...[...extras].sort()];
}

/** Equal on every column the file carries (columns it leaves out are not touched by the import). */
export function sameActor(a: Actor, b: Actor, columns: readonly string[]): boolean {
  return columns.every((c) => cell(a, c) === cell(b, c));
}

function cell(a: Actor, column: string): string {
  const v = (a as unknown as Record<string, unknown>)[column];
  if (v === undefined) return a.extra?.[column] ?? '';
  return Array.isArray(v) ? v.join(';') : String(v);
}
