/**
 * Sending an import to a running server as a browser's form would, over node:http so that the
 * 103 answer (the upload is in, the import runs) can be seen: what `npm run faults` kills a
 * server during.
 */
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import type { Caller } from './load.ts';

/** A multipart upload of the two files, as a browser's FormData would send it. */
function multipart(files: { actors: Buffer; ties: Buffer }): { body: Buffer; type: string } {
  const boundary = `----musubi-faults-${randomUUID()}`;
  const part = (field: string, bytes: Buffer) => [Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${field}.csv"\r\nContent-Type: text/csv\r\n\r\n`), bytes, Buffer.from('\r\n')];
  return { body: Buffer.concat([...part('actors', files.actors), ...part('ties', files.ties), Buffer.from(`--${boundary}--\r\n`)]), type: `multipart/form-data; boundary=${boundary}` };
}

export type ImportOutcome = { status: number; body: any; hintsAt?: number; answeredAt?: number; error?: string };

/**
 * POST /api/import under the import id `id`; `onHints` runs when the 103 answer says the upload
 * is in and the import runs.
 */
export function postImport(base: string, who: Caller, files: { actors: Buffer; ties: Buffer }, id: string, onHints?: () => void): Promise<ImportOutcome> {
  const upload = multipart(files);
  return new Promise((resolve) => {
    let hintsAt: number | undefined;
    const req = http.request(`${base}/api/import`, {
      method: 'POST',
      headers: { ...who.headers, 'x-import-id': id, 'content-type': upload.type, 'content-length': String(upload.body.length) },
    });
    req.on('information', (info) => {
      if (info.statusCode !== 103 || hintsAt !== undefined) return;
      hintsAt = performance.now();
      onHints?.();
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown;
        try {
          body = JSON.parse(text);
        } catch {
          body = text;
        }
        resolve({ status: res.statusCode ?? 0, body, hintsAt, answeredAt: performance.now() });
      });
      res.on('error', (err) => resolve({ status: 0, body: undefined, hintsAt, error: err.message }));
    });
    req.on('error', (err) => resolve({ status: 0, body: undefined, hintsAt, error: err.message }));
    req.end(upload.body);
  });
}

/** The generated network's ids under `prefix`, so that two copies and the demonstration network do not meet. */
export function withPrefix(files: { actors: { bytes: Uint8Array }; ties: { bytes: Uint8Array } }, prefix: string): { actors: Buffer; ties: Buffer } {
  const lines = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8').split('\n');
  const actors = lines(files.actors.bytes);
  const ties = lines(files.ties.bytes);
  if (!actors[0].startsWith('id,') || !ties[0].startsWith('source,target,')) throw new Error('The generated files do not start with the columns id / source,target.');
  return {
    actors: Buffer.from(actors.map((l, i) => (i === 0 || !l ? l : prefix + l)).join('\n')),
    ties: Buffer.from(
      ties
        .map((l, i) => {
          if (i === 0 || !l) return l;
          const comma = l.indexOf(',');
          return `${prefix}${l.slice(0, comma + 1)}${prefix}${l.slice(comma + 1)}`;
        })
        .join('\n'),
    ),
  };
}
