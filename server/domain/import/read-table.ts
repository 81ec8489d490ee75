/**
 * Reads CSV text into rows keyed by column name, each with the line it starts on, and checks
 * the header against the format's columns.
 */
import { parse } from 'csv-parse/sync';
import type { ProblemList } from './problems.ts';

export interface TableRow {
  line: number;
  cells: Record<string, string>;
}

export interface Table {
  columns: string[];
  rows: TableRow[];
}

export interface TableSpec {
  file: string;
  known: readonly string[];
  required: readonly string[];
}

/** Parses `text`; problems go to `problems`. Returns null when the file cannot be read at all. */
export function readTable(text: string, spec: TableSpec, problems: ProblemList): Table | null {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (err) {
    const e = err as { message: string; lines?: number };
    problems.add({ file: spec.file, line: e.lines ?? 0, message: `not readable as CSV: ${e.message}` });
    return null;
  }
  if (records.length === 0) {
    problems.add({ file: spec.file, line: 1, message: 'the file is empty: it needs a header line' });
    return null;
  }
  const header = records[0].record.map((h) => h.trim().toLowerCase());
  const headerLine = records[0].info.lines;
  let ok = true;
  const seen = new Set<string>();
  header.forEach((h, i) => {
    if (h === '') {
      problems.add({ file: spec.file, line: headerLine, message: `column ${i + 1} of the header has no name` });
      ok = false;
    } else if (seen.has(h)) {
      problems.add({ file: spec.file, line: headerLine, column: h, message: `column '${h}' appears twice in the header` });
      ok = false;
    }
    seen.add(h);
  });
  for (const r of spec.required) {
    if (!seen.has(r)) {
      problems.add({
        file: spec.file,
        line: headerLine,
        column: r,
        message: `required column '${r}' is missing (the header has: ${header.join(', ')})`,
      });
      ok = false;
    }
  }
  if (!ok) return null;

  const rows: TableRow[] = [];
  for (const { record, info } of records.slice(1)) {
    // csv-parse reports the line a record ends on; a record with quoted line breaks starts earlier.
    const line = info.lines - countLineBreaks(record);
    if (record.length !== header.length) {
      problems.add({
        file: spec.file,
        line,
        message: `has ${record.length} cells where the header has ${header.length} columns`,
      });
      continue;
    }
    const cells: Record<string, string> = {};
    header.forEach((h, i) => (cells[h] = record[i].trim()));
    rows.push({ line, cells });
  }
  return { columns: header, rows };
}

function countLineBreaks(record: string[]): number {
  let n = 0;
  for (const cell of record) for (let i = 0; i < cell.length; i++) if (cell.charCodeAt(i) === 10) n++;
  return n;
}
