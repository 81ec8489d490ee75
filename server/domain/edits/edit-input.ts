/**
 * One edit of an actor or a tie, sent as JSON fields, turned into the one-row table the import
 * validates (domain/import: actorsFromTable, tiesFromTable), so that an edit meets exactly the
 * import's checks and messages; its problems name the field where the import names file, line
 * and column. Pure.
 */
import { actorRow, ACTOR_COLUMNS, LIST_SEPARATOR, TIE_COLUMNS } from '../csv/columns.ts';
import type { Actor, TieKind } from '../model.ts';
import { IMPORT_LIMITS, type Table } from '../import/read-table.ts';
import { ProblemList } from '../import/problems.ts';

/** The name problems of an edit carry in place of a file name. */
export const EDIT_SOURCE = 'edit';

/** The fields a member may change on its own actor's profile. */
export const MEMBER_PROFILE_FIELDS = ['fields', 'seeks', 'visibility', 'contact_name', 'contact_email'] as const;
export type MemberProfileField = (typeof MEMBER_PROFILE_FIELDS)[number];

/** One problem of an edit: the import's message, located by field. */
export interface FieldProblem {
  field: string;
  value?: string;
  message: string;
}

/** Most fields one edit may send (the standard columns and a few extra properties). */
const MAX_FIELDS = 100;

/**
 * The table an actor edit stands for. `stored`: the actor as stored (a change of some fields:
 * the others keep their stored values; without it, a new actor). `columns` are the fields the
 * edit writes: only these change on a stored actor.
 */
export function actorEditTable(
  body: unknown,
  stored: Actor | undefined,
  problems: ProblemList,
): { table: Table; columns: string[] } | null {
  const fields = jsonObject(body, problems);
  if (!fields) return null;
  const cells: Record<string, string> = {};
  if (stored) {
    const extras = Object.keys(stored.extra ?? {});
    const row = actorRow(stored, extras);
    [...ACTOR_COLUMNS, ...extras].forEach((c, i) => (cells[c] = row[i]));
  }
  const columns: string[] = [];
  for (const [field, value] of Object.entries(fields)) {
    const text = cellText(field, value, problems);
    if (text === undefined) continue;
    if (stored && field === 'id' && text !== stored.id) {
      problems.add({ file: EDIT_SOURCE, line: 0, column: 'id', value: text, message: `the id of '${stored.id}' cannot be changed (create a new actor instead)` });
      continue;
    }
    cells[field] = text;
    if (field !== 'id') columns.push(field);
  }
  if (!stored) for (const c of ACTOR_COLUMNS) cells[c] ??= '';
  // An actor keeps at most as many extra properties as a file may carry extra columns.
  const standard = new Set<string>(ACTOR_COLUMNS);
  const extras = Object.keys(cells).filter((c) => !standard.has(c) && cells[c] !== '');
  if (extras.length > IMPORT_LIMITS.maxExtraColumns) {
    problems.add({ file: EDIT_SOURCE, line: 0, message: `the actor would have ${extras.length} extra properties: at most ${IMPORT_LIMITS.maxExtraColumns} are kept` });
  }
  return { table: { columns: Object.keys(cells), rows: [{ line: 0, cells }] }, columns: ['id', ...columns] };
}

/** The table a tie edit stands for: its kind and ends from the path, weight and since from the body. */
export function tieEditTable(key: { source: string; target: string; kind: string }, body: unknown, problems: ProblemList): Table | null {
  const fields = body === undefined || body === null ? {} : jsonObject(body, problems);
  if (!fields) return null;
  const cells: Record<string, string> = { source: key.source, target: key.target, kind: key.kind, weight: '', since: '' };
  for (const [field, value] of Object.entries(fields)) {
    if (field !== 'weight' && field !== 'since') {
      problems.add({ file: EDIT_SOURCE, line: 0, column: field, message: `unknown field '${field}' (a tie's body has weight and since; its kind and ends are in the path)` });
      continue;
    }
    const text = cellText(field, value, problems);
    if (text !== undefined) cells[field] = text;
  }
  return { columns: [...TIE_COLUMNS], rows: [{ line: 0, cells }] };
}

/** The problems of an edit, by field. */
export function fieldProblems(problems: ProblemList): FieldProblem[] {
  return problems.items.map((p) => ({ field: p.column ?? 'body', ...(p.value !== undefined ? { value: p.value } : {}), message: p.message }));
}

/** Fields a member sent that only coordinators may change. */
export function fieldsBeyondProfile(body: unknown): string[] {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return [];
  const allowed = new Set<string>(MEMBER_PROFILE_FIELDS);
  return Object.keys(body).filter((k) => !allowed.has(k));
}

export function isTieKind(kind: string, kinds: readonly TieKind[]): boolean {
  return kinds.some((k) => k.toLowerCase() === kind.toLowerCase());
}

function jsonObject(body: unknown, problems: ProblemList): Record<string, unknown> | null {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    problems.add({ file: EDIT_SOURCE, line: 0, message: 'send a JSON object of fields (Content-Type: application/json)' });
    return null;
  }
  const entries = Object.keys(body);
  if (entries.length > MAX_FIELDS) {
    problems.add({ file: EDIT_SOURCE, line: 0, message: `${entries.length} fields sent: an edit takes at most ${MAX_FIELDS}` });
    return null;
  }
  return body as Record<string, unknown>;
}

/** A JSON value as the text of a cell: null removes, lists join with ';', numbers as written. */
function cellText(field: string, value: unknown, problems: ProblemList): string | undefined {
  const bad = (message: string) => {
    problems.add({ file: EDIT_SOURCE, line: 0, column: field, message });
    return undefined;
  };
  let text: string;
  if (value === null) text = '';
  else if (typeof value === 'string') text = value.trim();
  else if (typeof value === 'number') {
    if (!Number.isFinite(value)) return bad(`${field} must be a finite number`);
    text = String(value);
  } else if (Array.isArray(value)) {
    if (!value.every((v) => typeof v === 'string')) return bad(`${field} must be a list of text`);
    const items = (value as string[]).map((v) => v.trim());
    const withSeparator = items.find((v) => v.includes(LIST_SEPARATOR));
    if (withSeparator !== undefined) return bad(`'${withSeparator}' holds '${LIST_SEPARATOR}', which separates the items of a list`);
    text = items.filter(Boolean).join(LIST_SEPARATOR);
  } else return bad(`${field} must be text, a number, a list of text or null`);
  if (text.length > IMPORT_LIMITS.maxCellChars) return bad(`${field} is longer than ${IMPORT_LIMITS.maxCellChars} characters`);
  return text;
}
