/**
 * Turns the bytes of an uploaded CSV into text: UTF-8 with or without a byte-order mark, or
 * Shift_JIS (Windows code page 932), which is what Excel in Japan writes by default.
 *
 * A file is read in one encoding as a whole or not at all: a file that is UTF-8 in some lines and
 * Shift_JIS in others (one line pasted from another file), or valid in neither, is rejected with
 * the first line at fault, instead of being stored as mojibake.
 */
import { isAscii, isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';

import type { TextEncodingName } from '../../contract/api.ts';
import { importRejected } from '../errors.ts';

export type { TextEncodingName };

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
}

const utf8 = new TextDecoder('utf-8');
const LF = 0x0a;
const CR = 0x0d;

/**
 * Decodes `bytes`; throws an import rejection (422) naming `file` and the first line at fault when
 * the bytes are in neither encoding as a whole.
 */
export function decodeText(bytes: Uint8Array, file = ''): DecodedText {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    const body = buf.subarray(3);
    if (isUtf8(body)) return { text: utf8.decode(body), encoding: 'utf-8-bom' };
    const bad = firstLine(body, (l) => !isUtf8(l));
    throw unreadableText(file, bad, `line ${bad} is not valid UTF-8, although the file starts with a UTF-8 byte-order mark; save the whole file as UTF-8`);
  }
  if (buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff))) {
    throw unreadableText(file, 1, 'the file is UTF-16 (Excel\'s "Unicode text"); save it as CSV UTF-8 or as CSV (Shift_JIS)');
  }
  if (isUtf8(buf)) return { text: utf8.decode(buf), encoding: 'utf-8' };

  // Not UTF-8 as a whole. A line of UTF-8 text (non-ASCII, valid UTF-8) beside lines that are not
  // UTF-8 means mixed encodings: decoding it all as Shift_JIS would turn that line into mojibake.
  const lines = classifyLines(buf);
  if (lines.utf8.count > 0) {
    const mostlyUtf8 = lines.utf8.count >= lines.other.count;
    const bad = mostlyUtf8 ? lines.other.first : lines.utf8.first;
    throw unreadableText(
      file,
      bad,
      mostlyUtf8
        ? `line ${bad} is not UTF-8 (it looks like Shift_JIS) while the rest of the file is UTF-8 (e.g. line ${lines.utf8.first}); save the whole file in one encoding, UTF-8 preferably`
        : `line ${bad} is UTF-8 while the rest of the file is not (e.g. line ${lines.other.first}, Shift_JIS?); save the whole file in one encoding, UTF-8 preferably`,
    );
  }
  // Not valid UTF-8: the only other encoding Japanese spreadsheets commonly produce is CP932.
  const text = iconv.decode(buf, 'cp932');
  // A lone 0x80 decodes to the C1 control U+0080, which no Shift_JIS text holds: bytes in neither encoding.
  const invalid = text.search(/[\ufffd\u0080-\u009f]/);
  if (invalid >= 0) {
    const bad = lineOf(text, invalid);
    throw unreadableText(file, bad, `line ${bad} is neither UTF-8 nor Shift_JIS (CP932); save the file as CSV UTF-8`);
  }
  return { text, encoding: 'shift_jis' };
}

function unreadableText(file: string, line: number, message: string) {
  return importRejected(`The import was rejected: ${file || 'the file'} cannot be read as text (${message}). Nothing was written.`, {
    total: 1,
    problems: [{ file, line, message }],
  });
}

/** Calls `test` on each line's bytes (without its line break) and returns the first line number it holds for. */
function firstLine(buf: Buffer, test: (line: Buffer) => boolean): number {
  let found = 0;
  eachLine(buf, (line, number) => {
    if (test(line)) found = number;
    return found === 0;
  });
  return found || 1;
}

/** Counts lines of UTF-8 text (valid, not plain ASCII) and lines that are not UTF-8, with the first of each. */
function classifyLines(buf: Buffer) {
  const utf8Lines = { count: 0, first: 0 };
  const other = { count: 0, first: 0 };
  eachLine(buf, (line, number) => {
    if (isAscii(line)) return true;
    const kind = isUtf8(line) ? utf8Lines : other;
    if (kind.count++ === 0) kind.first = number;
    return true;
  });
  return { utf8: utf8Lines, other };
}

/**
 * Walks the lines of `buf` (ended by \r\n, \n or \r, as the CSV reader counts them; neither byte
 * occurs inside a UTF-8 or Shift_JIS character) until `visit` returns false.
 */
function eachLine(buf: Buffer, visit: (line: Buffer, number: number) => boolean): void {
  let number = 1;
  for (let start = 0; start <= buf.length; ) {
    const lf = buf.indexOf(LF, start);
    const end = lf < 0 ? buf.length : lf;
    // A lone \r inside the segment also ends a line (old Mac files); \r\n is one break.
    let from = start;
    const segment = buf.subarray(start, end);
    for (let cr = segment.indexOf(CR); cr >= 0; cr = segment.indexOf(CR, cr + 1)) {
      const at = start + cr;
      if (at === end - 1 && lf >= 0) break;
      if (!visit(buf.subarray(from, at), number++)) return;
      from = at + 1;
    }
    const last = lf >= 0 && end > from && buf[end - 1] === CR ? end - 1 : end;
    if (!visit(buf.subarray(from, last), number++)) return;
    if (lf < 0) return;
    start = lf + 1;
  }
}

/** The 1-based line holding character `index` of `text`, counting \r\n, \n and \r as one break each. */
function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) line++;
  }
  return line;
}
