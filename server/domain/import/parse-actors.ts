/**
 * Validates the rows of actors.csv into Actor records. Every problem is reported with its line
 * and column; valid rows are returned even when others fail, so that one pass finds everything.
 */
import { ACTOR_TYPES, VISIBILITIES, type Actor, type ActorType, type Visibility } from '../model.ts';
import { ACTOR_COLUMNS, LIST_SEPARATOR, REQUIRED_ACTOR_COLUMNS } from '../csv/columns.ts';
import { findPrefecture } from '../reference/prefectures.ts';
import type { ProblemList } from './problems.ts';
import { readTable, type Table } from './read-table.ts';

export interface ParsedActors {
  actors: Actor[];
  /** Line of each actor, for reporting later problems (ties that name it, etc.). */
  lines: Map<string, number>;
  /** Columns present in the file: only these are written on update. */
  columns: string[];
  extraColumns: string[];
}

const typeByLowerCase = new Map<string, ActorType>(ACTOR_TYPES.map((t) => [t.toLowerCase(), t]));
const MAX_ID_LENGTH = 200;
export const EXTRA_COLUMN_NAME = /^[a-z][a-z0-9_]{0,62}$/;

export function parseActors(text: string, file: string, problems: ProblemList): ParsedActors | null {
  const table = readTable(text, { file, known: ACTOR_COLUMNS, required: REQUIRED_ACTOR_COLUMNS }, problems);
  return table && actorsFromTable(table, file, problems);
}

/**
 * Validates the rows of a table of actors, however it was read: from actors.csv, or from one
 * edit's JSON fields (domain/edits), so that both meet the same checks and the same messages.
 */
export function actorsFromTable(table: Table, file: string, problems: ProblemList): ParsedActors {
  const known = new Set<string>(ACTOR_COLUMNS);
  const extraColumns = table.columns.filter((c) => !known.has(c));
  for (const c of extraColumns) {
    if (!EXTRA_COLUMN_NAME.test(c)) {
      problems.add({
        file,
        line: 1,
        column: c,
        message: `extra column '${c}' cannot be kept: use letters, digits and _ (starting with a letter)`,
      });
    }
  }

  const actors: Actor[] = [];
  const lines = new Map<string, number>();
  for (const { line, cells } of table.rows) {
    const bad = (column: string, message: string) => problems.add({ file, line, column, value: cells[column], message });
    const before = problems.total;

    const id = cells.id;
    if (!id) bad('id', 'id is required');
    else if (id.length > MAX_ID_LENGTH) bad('id', `id is longer than ${MAX_ID_LENGTH} characters`);
    else if (lines.has(id)) bad('id', `duplicate id '${id}' (first on line ${lines.get(id)})`);

    const type = typeByLowerCase.get((cells.type ?? '').toLowerCase());
    if (!cells.type) bad('type', 'type is required');
    else if (!type) bad('type', `unknown type '${cells.type}' (expected one of ${ACTOR_TYPES.join(', ')})`);

    if (!cells.name) bad('name', 'name is required');

    const country = (cells.country ?? '').toUpperCase();
    if (country && !/^[A-Z]{2}$/.test(country)) bad('country', `'${cells.country}' is not a two-letter country code (e.g. JP)`);

    let prefecture: string | undefined;
    if (cells.prefecture) {
      if (!country || country === 'JP') {
        prefecture = findPrefecture(cells.prefecture)?.id;
        if (!prefecture) bad('prefecture', `unknown prefecture '${cells.prefecture}' (use e.g. Aichi, 愛知県 or JP-23)`);
      } else {
        prefecture = cells.prefecture; // a region abroad, kept as written
      }
    }

    const lat = number(cells.lat, 'lat', bad, -90, 90);
    const lon = number(cells.lon, 'lon', bad, -180, 180);
    if (!cells.lat !== !cells.lon) bad(cells.lat ? 'lon' : 'lat', 'lat and lon go together: give both or neither');
    const employees = integer(cells.employees, 'employees', bad, 0, 10_000_000);
    const founded = integer(cells.founded, 'founded', bad, 1000, new Date().getFullYear() + 1);

    let visibility: Visibility | undefined;
    if (cells.visibility) {
      visibility = VISIBILITIES.find((v) => v === cells.visibility.toLowerCase());
      if (!visibility) bad('visibility', `unknown visibility '${cells.visibility}' (expected ${VISIBILITIES.join(', ')})`);
    }

    if (problems.total > before || !id || !type) {
      if (id && !lines.has(id)) lines.set(id, line);
      continue;
    }
    lines.set(id, line);
    const actor: Actor = { id, type, name: cells.name };
    if (cells.name_ja) actor.name_ja = cells.name_ja;
    if (prefecture) actor.prefecture = prefecture;
    if (country) actor.country = country;
    if (lat !== undefined && lon !== undefined) Object.assign(actor, { lat, lon });
    for (const key of ['fields', 'seeks', 'clusters'] as const) {
      const list = splitList(cells[key]);
      if (list.length) actor[key] = list;
    }
    if (employees !== undefined) actor.employees = employees;
    if (founded !== undefined) actor.founded = founded;
    if (visibility) actor.visibility = visibility;
    if (cells.facility) actor.facility = cells.facility;
    const extra = Object.fromEntries(extraColumns.filter((c) => cells[c]).map((c) => [c, cells[c]]));
    if (Object.keys(extra).length) actor.extra = extra;
    actors.push(actor);
  }
  return { actors, lines, columns: table.columns, extraColumns };
}

/** "a; b;;c" → ["a", "b", "c"], duplicates dropped, order kept. */
export function splitList(value: string | undefined): string[] {
  if (!value) return [];
  return [...new Set(value.split(LIST_SEPARATOR).map((s) => s.trim()).filter(Boolean))];
}

type Bad = (column: string, message: string) => void;

function number(value: string | undefined, column: string, bad: Bad, min: number, max: number): number | undefined {
  if (!value) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) bad(column, `'${value}' is not a number`);
  else if (n < min || n > max) bad(column, `${value} is outside ${min}..${max}`);
  else return n;
  return undefined;
}

export function integer(value: string | undefined, column: string, bad: Bad, min: number, max: number): number | undefined {
  if (!value) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n)) bad(column, `'${value}' is not a whole number`);
  else if (n < min || n > max) bad(column, `${value} is outside ${min}..${max}`);
  else return n;
  return undefined;
}
