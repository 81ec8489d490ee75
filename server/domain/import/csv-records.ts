/**
 * A small RFC 4180 reader that keeps the line each record starts on, so problems can be located
 * exactly. Quoted cells may hold commas, quotes ("") and line breaks; \r\n, \n and \r all end a
 * line. It scans the text once (several times faster than a general-purpose CSV library here,
 * which matters for imports of half a million ties).
 *
 * A malformed record (a quote never closed, text after a closing quote) throws, unless the caller
 * passes `onSyntaxError`: then it is reported there, dropped, and reading goes on at the line after
 * the one its quoted cell opened on, so that one stray quote does not hide the rest of the file.
 */
export interface CsvRecord {
  line: number;
  cells: string[];
}

export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    /** The line the faulty quoted cell opens on. */
    readonly line: number,
  ) {
    super(message);
  }
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

export function readCsvRecords(text: string, onSyntaxError?: (err: CsvSyntaxError) => void): CsvRecord[] {
  const records: CsvRecord[] = [];
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (i < n) {
    const startLine = line;
    const cells: string[] = [];
    let broken: { error: CsvSyntaxError; quoteAt: number } | undefined;
    for (;;) {
      let cell: string;
      if (text.charCodeAt(i) === QUOTE) {
        const quoteAt = i;
        const quoteLine = line;
        let parts = '';
        let from = ++i;
        for (;;) {
          const q = text.indexOf('"', from);
          if (q < 0) {
            broken = { error: new CsvSyntaxError('a quoted cell is never closed (a " is missing)', quoteLine), quoteAt };
            break;
          }
          parts += text.slice(from, q);
          if (text.charCodeAt(q + 1) === QUOTE) {
            parts += '"';
            from = q + 2;
          } else {
            i = q + 1;
            break;
          }
        }
        if (broken) break;
        for (let k = parts.indexOf('\n'); k >= 0; k = parts.indexOf('\n', k + 1)) line++;
        cell = parts;
        const c = text.charCodeAt(i);
        if (i < n && c !== COMMA && c !== LF && c !== CR) {
          const after = `unexpected text after a closing quote: ${JSON.stringify(text.slice(i, i + 10))}`;
          // A quoted cell that runs over several lines and then fails most likely began with a stray quote.
          const where = line > quoteLine ? ` on line ${line}; the quoted cell opened on line ${quoteLine} (is a " missing or extra there?)` : '';
          broken = { error: new CsvSyntaxError(after + where, quoteLine), quoteAt };
          break;
        }
      } else {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === COMMA || c === LF || c === CR) break;
          j++;
        }
        cell = text.slice(i, j);
        i = j;
      }
      cells.push(cell);
      if (i < n && text.charCodeAt(i) === COMMA) {
        i++;
        continue;
      }
      break;
    }
    if (broken) {
      if (!onSyntaxError) throw broken.error;
      onSyntaxError(broken.error);
      // Go on at the line after the one the faulty quoted cell opened on.
      i = lineEnd(text, broken.quoteAt);
      line = broken.error.line;
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

/** The index of the line break that ends the line holding `from` (or the end of the text). */
function lineEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length && text.charCodeAt(i) !== LF && text.charCodeAt(i) !== CR) i++;
  return i;
}
