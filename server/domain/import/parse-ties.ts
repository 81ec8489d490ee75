/**
 * Validates the rows of ties.csv. Whether each end names a known actor is checked later
 * (plan-import.ts), when the database has been asked about ids the file does not define.
 */
import { SYMMETRIC_TIE_KINDS, TIE_KINDS, type Tie, type TieKind } from '../model.ts';
import { REQUIRED_TIE_COLUMNS, TIE_COLUMNS } from '../csv/columns.ts';
import type { ProblemList } from './problems.ts';
import { readTable, type Table } from './read-table.ts';
import { integer } from './parse-actors.ts';

export interface ParsedTies {
  ties: Tie[];
  /** Line of each tie, index-aligned with `ties`. */
  lines: number[];
  /** The actors every row names, valid or not, so that unknown ids are reported on bad rows too. */
  ends: { line: number; source: string; target: string }[];
}

const kindByLowerCase = new Map<string, TieKind>(TIE_KINDS.map((k) => [k.toLowerCase(), k]));

/** The identity of a tie: symmetric kinds ignore direction. */
export function tieKey(source: string, target: string, kind: TieKind): string {
  if (SYMMETRIC_TIE_KINDS.has(kind) && target < source) [source, target] = [target, source];
  return `${kind}\u0000${source}\u0000${target}`;
}

export function parseTies(text: string, file: string, problems: ProblemList): ParsedTies | null {
  const table = readTable(text, { file, known: TIE_COLUMNS, required: REQUIRED_TIE_COLUMNS }, problems);
  return table && tiesFromTable(table, file, problems);
}

/** Validates the rows of a table of ties: from ties.csv, or from one edit (domain/edits). */
export function tiesFromTable(table: Table, file: string, problems: ProblemList): ParsedTies {
  const known = new Set<string>(TIE_COLUMNS);
  for (const c of table.columns.filter((c) => !known.has(c))) {
    problems.add({ file, line: 1, column: c, message: `unknown column '${c}' (ties.csv has ${TIE_COLUMNS.join(', ')})` });
  }
  const ties: Tie[] = [];
  const lines: number[] = [];
  const ends: ParsedTies['ends'] = [];
  const firstLine = new Map<string, number>();
  for (const { line, cells } of table.rows) {
    const bad = (column: string, message: string) => problems.add({ file, line, column, value: cells[column], message });
    const before = problems.total;
    const { source, target } = cells;
    ends.push({ line, source, target });
    if (!source) bad('source', 'source is required');
    if (!target) bad('target', 'target is required');
    const kind = kindByLowerCase.get((cells.kind ?? '').toLowerCase());
    if (!cells.kind) bad('kind', 'kind is required');
    else if (!kind) bad('kind', `unknown kind '${cells.kind}' (expected one of ${TIE_KINDS.join(', ')})`);
    if (source && source === target) bad('target', `a tie from '${source}' to itself`);

    let weight = 1;
    if (cells.weight) {
      weight = Number(cells.weight);
      if (!Number.isFinite(weight) || weight <= 0) bad('weight', `'${cells.weight}' is not a positive number`);
    }
    const since = integer(cells.since, 'since', bad, 1900, 2100);

    if (problems.total > before || !kind) continue;
    const key = tieKey(source, target, kind);
    const first = firstLine.get(key);
    if (first !== undefined) {
      bad('target', `duplicate ${kind} tie between '${source}' and '${target}' (first on line ${first})`);
      continue;
    }
    firstLine.set(key, line);
    const tie: Tie = { source, target, kind, weight };
    if (since !== undefined) tie.since = since;
    ties.push(tie);
    lines.push(line);
  }
  return { ties, lines, ends };
}
