/**
 * Imports with an id and a status (issue 13, defect 8). `trackImport` gives `POST /api/import`
 * its id before the upload is read (or takes the caller's, `X-Import-Id`), sends it as soon as
 * the upload is in and before the import runs, in a 103 Early Hints answer (`X-Import-Id`, and
 * `Link: </api/imports/ID>; rel="monitor"`), then in the final answer's header, and records an
 * import that ends before it ran (a cut upload); `GET /api/imports/:id` says where it is.
 * Coordinators and admins only, as imports are.
 *
 * Why not a 103 before the upload: a caller whose upload is cut gets its error answer, or none,
 * and an upload that did not arrive whole never commits; a caller that must know the id even
 * then chooses it.
 */
import { Router, type ErrorRequestHandler, type RequestHandler } from 'express';
import type { ImportStatusResponse } from '../../contract/api.ts';
import type { TransferService } from '../../services/transfer-service.ts';
import { requireAction, userOf } from '../authenticate.ts';

/** The request header a caller may set to choose the import's id (a UUID), and the answer's header carrying it. */
export const IMPORT_ID_HEADER = 'X-Import-Id';

export function importStatusRoutes(transfer: TransferService): Router {
  const router = Router();
  router.get('/imports/:id', requireAction('import'), async (req, res) => {
    res.json((await transfer.importStatus(req.params.id as string)) satisfies ImportStatusResponse);
  });
  return router;
}

/**
 * The steps of an import request: `begin` before the upload is read, `announce` once it is in,
 * `failed` for an error before or outside the import.
 */
export function trackImport(transfer: TransferService): { begin: RequestHandler; announce: RequestHandler; failed: ErrorRequestHandler } {
  return {
    begin: async (req, res, next) => {
      const id = await transfer.beginImport(userOf(res)!.username, req.get(IMPORT_ID_HEADER));
      res.locals.importId = id;
      res.setHeader(IMPORT_ID_HEADER, id);
      next();
    },
    announce: (_req, res, next) => {
      const id = importIdOf(res);
      // A caller whose connection drops during the import still knows which import to ask about.
      if (!res.headersSent && !res.destroyed) res.writeEarlyHints({ link: `</api/imports/${id}>; rel="monitor"`, [IMPORT_ID_HEADER.toLowerCase()]: id });
      next();
    },
    failed: (err, _req, res, next) => {
      if (typeof res.locals.importId === 'string') transfer.importFailed(res.locals.importId, err);
      next(err);
    },
  };
}

/** The id `trackImport` gave this request's import. */
export function importIdOf(res: { locals: Record<string, unknown> }): string {
  return res.locals.importId as string;
}
