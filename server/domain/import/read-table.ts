/**
 * Reads CSV text into rows keyed by column name, each with the line it starts on, and checks
 * the header against the format's columns.
 */
import { readCsvRecords } from './csv-records.ts';
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

/**
 * Parses `text`; problems go to `problems`, and a file with records that cannot be read is marked
 * in `problems.unreadFiles`. Malformed records are reported and skipped, so the rows around them
 * are still checked. Returns null when the file cannot be read at all (no usable header).
 */
export function readTable(text: string, spec: TableSpec, problems: ProblemList): Table | null {
  const unreadable = (line: number, message: string, column?: string) => {
    problems.add({ file: spec.file, line, ...(column ? { column } : {}), message });
    problems.unreadFiles.add(spec.file);
  };
  const syntaxErrorLines: number[] = [];
  const records = readCsvRecords(text, (err) => {
    syntaxErrorLines.push(err.line);
    unreadable(err.line, `not readable as CSV: ${err.message}`);
  });
  if (records.length === 0 || syntaxErrorLines.some((line) => line < records[0].line)) {
    // The header itself is malformed (reported above) or missing: no row can be read.
    if (syntaxErrorLines.length === 0) unreadable(1, 'the file is empty: it needs a header line');
    return null;
  }
  const header = records[0].cells.map((h) => h.trim().toLowerCase());
  const headerLine = records[0].line;
  let ok = true;
  const seen = new Set<string>();
  header.forEach((h, i) => {
    if (h === '') {
      unreadable(headerLine, `column ${i + 1} of the header has no name`);
      ok = false;
    } else if (seen.has(h)) {
      unreadable(headerLine, `column '${h}' appears twice in the header`, h);
      ok = false;
    }
    seen.add(h);
  });
  for (const r of spec.required) {
    if (!seen.has(r)) {
      unreadable(headerLine, `required column '${r}' is missing (the header has: ${header.join(', ')})`, r);
      ok = false;
    }
  }
  if (!ok) return null;

  const rows: TableRow[] = [];
  for (let r = 1; r < records.length; r++) {
    const { line, cells: record } = records[r];
    if (record.length !== header.length) {
      unreadable(line, `has ${record.length} cells where the header has ${header.length} columns`);
      continue;
    }
    const cells: Record<string, string> = {};
    for (let i = 0; i < header.length; i++) cells[header[i]] = record[i].trim();
    rows.push({ line, cells });
  }
  return { columns: header, rows };
}
