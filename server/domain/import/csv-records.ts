/**
 * A small RFC 4180 reader that keeps the line each record starts on, so problems can be located
 * exactly. Quoted cells may hold commas, quotes ("") and line breaks; \r\n, \n and \r all end a
 * line. It scans the text once (several times faster than a general-purpose CSV library here,
 * which matters for imports of half a million ties).
 *
 * A malformed record (a quote never closed, text after a closing quote) throws, unless the caller
 * passes `onSyntaxError`: then it is reported there, dropped, and reading goes on at the line after
 * the one its quoted cell opened on, so that one stray quote does not hide the rest of the file.
 *
 * With `limits`, a record that is too long, has too many cells or a cell that is too large is
 * reported the same way and skipped whole; the reader never copies more than the limits out of
 * the text, so a 200 MB line costs one scan, not a 200 MB string per problem.
 */
export interface CsvRecord {
  line: number;
  cells: string[];
}

export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    /** The line the faulty record (or its faulty quoted cell) opens on. */
    readonly line: number,
  ) {
    super(message);
  }
}

/** Bounds on one record; any left out is unbounded. */
export interface CsvLimits {
  /** Characters in one record, its line breaks included. */
  maxRecordChars?: number;
  /** Cells in one record. */
  maxCells?: number;
  /** Characters in one cell. */
  maxCellChars?: number;
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/** Where reading goes on after a dropped record: the line break ending line `line` at `at`. */
interface Broken {
  error: CsvSyntaxError;
  at: number;
  line: number;
}

export function readCsvRecords(text: string, onSyntaxError?: (err: CsvSyntaxError) => void, limits: CsvLimits = {}): CsvRecord[] {
  const maxRecord = limits.maxRecordChars ?? Infinity;
  const maxCells = limits.maxCells ?? Infinity;
  const maxCell = limits.maxCellChars ?? Infinity;
  const records: CsvRecord[] = [];
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (i < n) {
    const startLine = line;
    const start = i;
    const cells: string[] = [];
    let broken: Broken | undefined;
    for (;;) {
      let cell: string;
      if (text.charCodeAt(i) === QUOTE) {
        const quoteAt = i;
        const quoteLine = line;
        let parts = '';
        let over = false;
        let from = ++i;
        for (;;) {
          const q = text.indexOf('"', from);
          if (q < 0) {
            broken = { error: new CsvSyntaxError('a quoted cell is never closed (a " is missing)', quoteLine), at: lineEnd(text, quoteAt), line: quoteLine };
            break;
          }
          // Past the limit, the quotes are still followed (to tell a stray quote) but nothing is copied.
          if (q - start > maxRecord) over = true;
          if (!over) parts += text.slice(from, q);
          if (text.charCodeAt(q + 1) === QUOTE) {
            if (!over) parts += '"';
            from = q + 2;
          } else {
            i = q + 1;
            break;
          }
        }
        if (broken) break;
        const c = text.charCodeAt(i);
        if (i < n && c !== COMMA && c !== LF && c !== CR) {
          const closeLine = quoteLine + countLf(text, quoteAt, i);
          const after = `unexpected text after a closing quote: ${JSON.stringify(text.slice(i, i + 10))}`;
          // A quoted cell that runs over several lines and then fails most likely began with a stray quote.
          const where = closeLine > quoteLine ? ` on line ${closeLine}; the quoted cell opened on line ${quoteLine} (is a " missing or extra there?)` : '';
          broken = { error: new CsvSyntaxError(after + where, quoteLine), at: lineEnd(text, quoteAt), line: quoteLine };
          break;
        }
        line = quoteLine + (over ? countLf(text, quoteAt, i) : countLf(parts, 0, parts.length));
        if (over) {
          broken = tooLong(text, maxRecord, startLine, i, line);
          break;
        }
        cell = parts;
      } else {
        let j = i;
        const stop = Math.min(n, start + maxRecord + 1);
        while (j < stop) {
          const c = text.charCodeAt(j);
          if (c === COMMA || c === LF || c === CR) break;
          j++;
        }
        if (j - start > maxRecord) {
          broken = tooLong(text, maxRecord, startLine, j, line);
          break;
        }
        cell = text.slice(i, j);
        i = j;
      }
      if (cell.length > maxCell) {
        broken = {
          error: new CsvSyntaxError(`cell ${cells.length + 1} holds ${cell.length.toLocaleString('en')} characters, more than the ${maxCell.toLocaleString('en')} allowed; the line was skipped`, startLine),
          at: lineEnd(text, i),
          line,
        };
        break;
      }
      cells.push(cell);
      if (i < n && text.charCodeAt(i) === COMMA) {
        if (cells.length >= maxCells) {
          broken = {
            error: new CsvSyntaxError(`the line has more than ${maxCells.toLocaleString('en')} cells (the limit); it was skipped`, startLine),
            at: lineEnd(text, i),
            line,
          };
          break;
        }
        i++;
        continue;
      }
      break;
    }
    if (broken) {
      if (!onSyntaxError) throw broken.error;
      onSyntaxError(broken.error);
      // Go on at the line after the one where the record was given up.
      i = broken.at;
      line = broken.line;
    }
    // End of record: consume one line break (\r\n, \n or \r).
    if (text.charCodeAt(i) === CR) i++;
    if (text.charCodeAt(i) === LF) i++;
    line++;
    if (broken) continue;
    if (!(cells.length === 1 && cells[0] === '') && !cells.every((c) => c === '')) records.push({ line: startLine, cells });
  }
  return records;
}

/** A record longer than `max` characters, given up at `at` on line `atLine`. */
function tooLong(text: string, max: number, startLine: number, at: number, atLine: number): Broken {
  return {
    error: new CsvSyntaxError(`the line is longer than ${max.toLocaleString('en')} characters (the limit); it was skipped`, startLine),
    at: lineEnd(text, at),
    line: atLine,
  };
}

/** The index of the line break that ends the line holding `from` (or the end of the text). */
function lineEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length && text.charCodeAt(i) !== LF && text.charCodeAt(i) !== CR) i++;
  return i;
}

/** Line feeds in text[from, to): the lines a quoted cell spans. */
function countLf(text: string, from: number, to: number): number {
  let count = 0;
  for (let k = text.indexOf('\n', from); k >= 0 && k < to; k = text.indexOf('\n', k + 1)) count++;
  return count;
}
