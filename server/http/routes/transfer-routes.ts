/**
 * Import and export of the network in the CSV format (and GEXF for Gephi).
 */
import { once } from 'node:events';
import { Router, type Request, type RequestHandler, type Response } from 'express';
import multer from 'multer';
import { AppError, badRequest } from '../../domain/errors.ts';
import type { ImportFile } from '../../services/import-network.ts';
import type { TransferService } from '../../services/transfer-service.ts';
import type { ImportResponse } from '../../contract/api.ts';
import { booleanParam } from '../query-params.ts';
import { requireAction, userOf, viewerOf } from '../authenticate.ts';
import { importIdOf, trackImport } from './import-status-routes.ts';

export function transferRoutes(transfer: TransferService, options: { importMaxBytes: number }): Router {
  const router = Router();
  const upload = checkedUpload(
    multer({ storage: multer.memoryStorage(), limits: { fileSize: options.importMaxBytes, files: 2, fields: 10, parts: 12 } }).fields([
      { name: 'actors', maxCount: 1 },
      { name: 'ties', maxCount: 1 },
    ]),
  );

  const tracked = trackImport(transfer);

  /**
   * multipart/form-data with files `actors` and/or `ties`; `?replace=true` swaps the whole network. Coordinators and admins.
   * The import's id comes once the upload is in, before the import runs (103, X-Import-Id; the caller may choose it with that request header); GET /api/imports/:id tells its status.
   */
  const importFiles: RequestHandler = async (req, res) => {
    const files = uploadedFiles(req);
    if (!files.actors && !files.ties) {
      throw badRequest("Send multipart/form-data with a file field 'actors' (actors.csv), 'ties' (ties.csv) or both.");
    }
    const user = userOf(res)!;
    const importId = importIdOf(res);
    const report = await transfer.importFiles(files, { replace: booleanParam(req, 'replace'), by: { userId: user.id, username: user.username }, importId });
    res.json({ ...report, importId } satisfies ImportResponse);
  };
  router.post('/import', requireAction('import'), tracked.begin, upload, tracked.announce, importFiles, tracked.failed);

  router.get('/export/actors.csv', async (_req, res) => {
    await sendText(res.type('text/csv; charset=utf-8').attachment('actors.csv'), await transfer.actorsCsv(viewerOf(res)));
  });

  router.get('/export/ties.csv', async (_req, res) => {
    await sendText(res.type('text/csv; charset=utf-8').attachment('ties.csv'), await transfer.tiesCsv(viewerOf(res)));
  });

  router.get('/export/network.gexf', async (_req, res) => {
    // attachment() first: it sets the type from the file's extension, which Express does not know for .gexf (octet-stream).
    res.attachment('network.gexf').type('application/gexf+xml; charset=utf-8').send(await transfer.gexf(viewerOf(res)));
  });

  return router;
}

/**
 * Sends a text answer, whole or (an iterable of chunks, for exports too large for one string)
 * streamed with back-pressure.
 */
async function sendText(res: Response, body: string | Iterable<string>): Promise<void> {
  if (typeof body === 'string') {
    res.send(body);
    return;
  }
  // Lines gathered into chunks of about 64 KB: one write per line would cost more than the text.
  let chunk = '';
  for (const line of body) {
    chunk += line;
    if (chunk.length < 65_536) continue;
    if (!res.write(chunk)) await once(res, 'drain');
    chunk = '';
  }
  res.end(chunk);
}

/**
 * The upload middleware, with the request's form checked first and the parser's failures (busboy's
 * plain errors) turned into 4xx answers that say what is wrong with the upload.
 */
function checkedUpload(upload: RequestHandler): RequestHandler {
  return (req, res, next) => {
    const type = req.headers['content-type'];
    if (type !== undefined && !req.is('multipart/form-data')) {
      next(new AppError('unsupported_media_type', `Send the files as multipart/form-data (file fields 'actors' and/or 'ties'), not '${cut(type, 80)}'.`, 415, { header: 'content-type' }));
      return;
    }
    if (type !== undefined && !/;\s*boundary=/i.test(type)) {
      next(new AppError('bad_request', 'The Content-Type multipart/form-data has no boundary parameter: let the HTTP client build the form (curl -F, FormData).', 400, { header: 'content-type' }));
      return;
    }
    const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
    if (encoding !== 'identity') {
      next(new AppError('unsupported_media_type', `Content-Encoding '${cut(encoding, 40)}' is not accepted for an upload: send the form uncompressed.`, 415, { header: 'content-encoding' }));
      return;
    }
    upload(req, res, (err?: unknown) => next(err === undefined ? undefined : uploadError(err)));
  };
}

/** multer's own errors (limits) go on as they are; busboy's are about the form the caller sent. */
function uploadError(err: unknown): unknown {
  if (err instanceof multer.MulterError || err instanceof AppError || !(err instanceof Error)) return err;
  const known: Record<string, string> = {
    'Unexpected end of form': 'the form ends before its closing boundary (was the upload cut short?)',
    'Unexpected end of file': 'a file in the form ends before its boundary (was the upload cut short?)',
    'Request aborted': 'the connection closed before the whole upload arrived (it was cut short); nothing was imported',
    'Request closed': 'the connection closed before the whole upload arrived (it was cut short); nothing was imported',
    'Malformed part header': 'a part of the form has a malformed header, or one larger than 16 KB',
    'Multipart: Boundary not found': 'the Content-Type has no boundary parameter',
    'Malformed content type': 'the Content-Type header is malformed',
  };
  return new AppError('bad_request', `The upload is not a readable multipart/form-data form: ${known[err.message] ?? cut(err.message, 200)}.`, 400);
}

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function uploadedFiles(req: Request): { actors?: ImportFile; ties?: ImportFile } {
  const files = (req.files ?? {}) as Record<string, Express.Multer.File[] | undefined>;
  const pick = (field: string): ImportFile | undefined => {
    const f = files[field]?.[0];
    return f ? { name: f.originalname || `${field}.csv`, bytes: f.buffer } : undefined;
  };
  return { actors: pick('actors'), ties: pick('ties') };
}
