/**
 * Reads CSV text into rows keyed by column name, each with the line it starts on, and checks
 * the header against the format's columns.
 */
import { CsvSyntaxError, readCsvRecords, type CsvRecord } from './csv-records.ts';
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
  let records: CsvRecord[];
  try {
    records = readCsvRecords(text);
  } catch (err) {
    if (!(err instanceof CsvSyntaxError)) throw err;
    problems.add({ file: spec.file, line: err.line, message: `not readable as CSV: ${err.message}` });
    return null;
  }
  if (records.length === 0) {
    problems.add({ file: spec.file, line: 1, message: 'the file is empty: it needs a header line' });
    return null;
  }
  const header = records[0].cells.map((h) => h.trim().toLowerCase());
  const headerLine = records[0].line;
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
  for (let r = 1; r < records.length; r++) {
    const { line, cells: record } = records[r];
    if (record.length !== header.length) {
      problems.add({
        file: spec.file,
        line,
        message: `has ${record.length} cells where the header has ${header.length} columns`,
      });
      continue;
    }
    const cells: Record<string, string> = {};
    for (let i = 0; i < header.length; i++) cells[header[i]] = record[i].trim();
    rows.push({ line, cells });
  }
  return { columns: header, rows };
}
