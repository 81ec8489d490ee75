/**
 * A small RFC 4180 reader that keeps the line each record starts on, so problems can be located
 * exactly. Quoted cells may hold commas, quotes ("") and line breaks; \r\n, \n and \r all end a
 * line. It scans the text once (several times faster than a general-purpose CSV library here,
 * which matters for imports of half a million ties).
 */
export interface CsvRecord {
  line: number;
  cells: string[];
}

export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

export function readCsvRecords(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (i < n) {
    const startLine = line;
    const cells: string[] = [];
    for (;;) {
      let cell: string;
      if (text.charCodeAt(i) === QUOTE) {
        const quoteLine = line;
        let parts = '';
        let from = ++i;
        for (;;) {
          const q = text.indexOf('"', from);
          if (q < 0) throw new CsvSyntaxError('a quoted cell is never closed (a " is missing)', quoteLine);
          parts += text.slice(from, q);
          if (text.charCodeAt(q + 1) === QUOTE) {
            parts += '"';
            from = q + 2;
          } else {
            i = q + 1;
            break;
          }
        }
        for (let k = parts.indexOf('\n'); k >= 0; k = parts.indexOf('\n', k + 1)) line++;
        cell = parts;
        const c = text.charCodeAt(i);
        if (i < n && c !== COMMA && c !== LF && c !== CR) {
          throw new CsvSyntaxError(`unexpected text after a closing quote: ${JSON.stringify(text.slice(i, i + 10))}`, line);
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
    // End of record: consume one line break (\r\n, \n or \r).
    if (text.charCodeAt(i) === CR) i++;
    if (text.charCodeAt(i) === LF) i++;
    line++;
    if (!(cells.length === 1 && cells[0] === '') && !cells.every((c) => c === '')) records.push({ line: startLine, cells });
  }
  return records;
}
