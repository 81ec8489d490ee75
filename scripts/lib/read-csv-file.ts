/**
 * Reads a CSV file for the command-line scripts, plain or gzip-compressed: a file is gunzipped
 * when its name ends in `.gz` or its bytes start with the gzip magic number (0x1f 0x8b), so that
 * `actors.csv.gz` imports and evaluates like `actors.csv`. The product's upload route is not
 * concerned: browsers and spreadsheets send plain CSV.
 */
import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

export interface CsvFile {
  /** The file's base name without `.gz`: what import messages name (`actors.csv line 4: ...`). */
  name: string;
  /** The CSV bytes, decompressed. */
  bytes: Uint8Array;
}

/** True when `bytes` start with the gzip magic number (RFC 1952). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** The file's CSV bytes, gunzipped when the name or the bytes say gzip. */
export async function readCsvFile(file: string): Promise<CsvFile> {
  const raw = await readFile(file);
  const base = path.basename(file);
  const gz = /\.gz$/i.test(base);
  return {
    name: gz ? base.slice(0, -3) : base,
    bytes: gz || isGzip(raw) ? gunzipSync(raw) : raw,
  };
}

/** `dir/<base>.csv`, else `dir/<base>.csv.gz`; undefined when neither exists. */
export async function findCsvFile(dir: string, base: string): Promise<string | undefined> {
  for (const name of [`${base}.csv`, `${base}.csv.gz`]) {
    const file = path.join(dir, name);
    try {
      await access(file);
      return file;
    } catch {
      // Try the next form.
    }
  }
  return undefined;
}
