/**
 * The CSV import/export format: column names, which are lists, and how values are written.
 * The parser (parse-actors.ts, parse-ties.ts), the exporter and the seed generator all use these,
 * so a file written by one always reads back through the other unchanged.
 */
import type { Actor, Tie } from '../model.ts';

export const ACTOR_COLUMNS = [
  'id', 'type', 'name', 'name_ja', 'prefecture', 'country', 'lat', 'lon',
  'fields', 'seeks', 'clusters', 'employees', 'founded', 'visibility', 'facility',
] as const;
export type ActorColumn = (typeof ACTOR_COLUMNS)[number];

export const REQUIRED_ACTOR_COLUMNS: readonly ActorColumn[] = ['id', 'type', 'name'];
export const LIST_COLUMNS: ReadonlySet<string> = new Set(['fields', 'seeks', 'clusters']);

export const TIE_COLUMNS = ['source', 'target', 'kind', 'weight', 'since'] as const;
export type TieColumn = (typeof TIE_COLUMNS)[number];
export const REQUIRED_TIE_COLUMNS: readonly TieColumn[] = ['source', 'target', 'kind'];

/** Separator inside list values ("robots;fuel-cells"). */
export const LIST_SEPARATOR = ';';

/**
 * Characters that make a spreadsheet read a cell as a formula (OWASP "CSV Injection"): = + - @,
 * tab and carriage return, and the full-width forms Japanese input produces (＝ ＋ － ＠).
 */
const FORMULA_START = '=+\\-@\\t\\r\\uff1d\\uff0b\\uff0d\\uff20';
/** A value the exporter prefixes with `'`: a formula start, after any apostrophes already there. */
const NEEDS_NEUTRALISING = new RegExp(`^'*[${FORMULA_START}]`);
/** What an import reads back as a neutralised value: the exporter's `'` is taken off again. */
const NEUTRALISED = new RegExp(`^'+[${FORMULA_START}]`);
/** A plain number (-0.12, +3, 1e-7) is no formula: numeric cells stay numbers. */
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * Neutralises a cell a spreadsheet would run as a formula by prefixing `'` (OWASP's rule).
 * Values that already start with apostrophes before a formula start get one more, so that
 * `restoreNeutralised` gives every value back exactly: the round trip stays exact for any text.
 */
export function neutraliseFormula(value: string): string {
  return NEEDS_NEUTRALISING.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

/** The inverse of `neutraliseFormula`, applied to every imported cell. */
export function restoreNeutralised(cell: string): string {
  return cell.charCodeAt(0) === 39 /* ' */ && NEUTRALISED.test(cell) ? cell.slice(1) : cell;
}

/**
 * One CSV cell: neutralised against formulas, then quoted when it holds a comma, a quote, a
 * line break or leading/trailing space (RFC 4180).
 */
export function csvField(raw: string): string {
  const value = neutraliseFormula(raw);
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvLine(values: readonly string[]): string {
  return values.map(csvField).join(',') + '\n';
}

/** Writes a number without trailing noise: 1, 0.25, 35.6895. */
export function formatNumber(n: number | undefined): string {
  if (n === undefined || Number.isNaN(n)) return '';
  return String(Math.round(n * 1e6) / 1e6);
}

/** The cells of one actor, in ACTOR_COLUMNS order, followed by its extra columns in `extraColumns` order. */
export function actorRow(a: Actor, extraColumns: readonly string[] = []): string[] {
  const cells: Record<ActorColumn, string> = {
    id: a.id,
    type: a.type,
    name: a.name,
    name_ja: a.name_ja ?? '',
    prefecture: a.prefecture ?? '',
    country: a.country ?? '',
    lat: formatNumber(a.lat),
    lon: formatNumber(a.lon),
    fields: (a.fields ?? []).join(LIST_SEPARATOR),
    seeks: (a.seeks ?? []).join(LIST_SEPARATOR),
    clusters: (a.clusters ?? []).join(LIST_SEPARATOR),
    employees: formatNumber(a.employees),
    founded: formatNumber(a.founded),
    visibility: a.visibility ?? '',
    facility: a.facility ?? '',
  };
  return [...ACTOR_COLUMNS.map((c) => cells[c]), ...extraColumns.map((c) => a.extra?.[c] ?? '')];
}

export function tieRow(t: Tie): string[] {
  return [t.source, t.target, t.kind, formatNumber(t.weight), formatNumber(t.since)];
}

/** A whole actors.csv: header and rows. Extra columns found on any actor are appended, sorted. */
export function formatActorsCsv(actors: Iterable<Actor>): string {
  let out = '';
  for (const line of actorsCsvLines(actors)) out += line;
  return out;
}

/**
 * actors.csv line by line (the header first), for an export too large for one string: every
 * extra column found on any actor is a column of every line, so a network holding many of them
 * grows by actors × extra columns.
 */
export function* actorsCsvLines(actors: Iterable<Actor>): Generator<string> {
  const list = [...actors];
  const names = new Set<string>();
  for (const a of list) for (const key in a.extra ?? {}) names.add(key);
  const extras = [...names].sort();
  yield csvLine([...ACTOR_COLUMNS, ...extras]);
  for (const a of list) yield csvLine(actorRow(a, extras));
}

export function formatTiesCsv(ties: Iterable<Tie>): string {
  let out = csvLine(TIE_COLUMNS);
  for (const t of ties) out += csvLine(tieRow(t));
  return out;
}
