/**
 * Reads CSV text into rows keyed by column name, each with the line it starts on, and checks
 * the header against the format's columns. The import's size limits live here (IMPORT_LIMITS):
 * a file beyond them is rejected with a problem that names the limit, before anything large is
 * built from it.
 */
import { restoreNeutralised } from '../csv/columns.ts';
import { readCsvRecords } from './csv-records.ts';
import { someOf, type ProblemList } from './problems.ts';

/**
 * What one import file may hold. Generous for any real network (an actors.csv row is well under
 * 1 KB), small enough that a hostile or broken file is refused quickly and its report stays small.
 */
export const IMPORT_LIMITS = {
  /** Characters in one line (one record: a quoted cell's line breaks included). */
  maxLineChars: 100_000,
  /** Columns in the header, and cells in any line. */
  maxColumns: 200,
  /** Columns beyond the format's own (actors.csv keeps them as `x_<column>` properties). */
  maxExtraColumns: 100,
  /** Characters in one cell. */
  maxCellChars: 10_000,
} as const;

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
 * Cells are trimmed, and an exported cell neutralised against formulas (`'=…`) reads back as it
 * was stored (see csv/columns.ts).
 */
export function readTable(text: string, spec: TableSpec, problems: ProblemList): Table | null {
  const unreadable = (line: number, message: string, column?: string) => {
    problems.add({ file: spec.file, line, ...(column ? { column } : {}), message });
    problems.unreadFiles.add(spec.file);
  };
  const syntaxErrorLines: number[] = [];
  const records = readCsvRecords(
    text,
    (err) => {
      syntaxErrorLines.push(err.line);
      unreadable(err.line, `not readable as CSV: ${err.message}`);
    },
    { maxRecordChars: IMPORT_LIMITS.maxLineChars, maxCells: IMPORT_LIMITS.maxColumns, maxCellChars: IMPORT_LIMITS.maxCellChars },
  );
  if (records.length === 0 || syntaxErrorLines.some((line) => line < records[0].line)) {
    // The header itself is malformed (reported above) or missing: no row can be read.
    if (syntaxErrorLines.length === 0) unreadable(1, 'the file is empty: it needs a header line');
    return null;
  }
  const header = records[0].cells.map((h) => h.trim().toLowerCase());
  const headerLine = records[0].line;
  const known = new Set(spec.known);
  const extra = header.filter((h) => h !== '' && !known.has(h));
  if (extra.length > IMPORT_LIMITS.maxExtraColumns) {
    unreadable(
      headerLine,
      `the header has ${extra.length} columns besides ${spec.known.join(', ')}; at most ${IMPORT_LIMITS.maxExtraColumns} are accepted (${someOf(extra, 5)})`,
    );
    return null;
  }
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
      unreadable(headerLine, `required column '${r}' is missing (the header has: ${someOf(header.filter(Boolean))})`, r);
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
    for (let i = 0; i < header.length; i++) cells[header[i]] = restoreNeutralised(record[i].trim());
    rows.push({ line, cells });
  }
  return { columns: header, rows };
}
