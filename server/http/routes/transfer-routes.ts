/**
 * Import and export of the network in the CSV format (and GEXF for Gephi).
 */
import { Router, type Request } from 'express';
import multer from 'multer';
import { badRequest } from '../../domain/errors.ts';
import type { ImportFile } from '../../services/import-network.ts';
import type { TransferService } from '../../services/transfer-service.ts';
import type { ImportResponse } from '../../contract/api.ts';
import { booleanParam } from '../query-params.ts';
import { requireAction, userOf, viewerOf } from '../authenticate.ts';

export function transferRoutes(transfer: TransferService, options: { importMaxBytes: number }): Router {
  const router = Router();
  const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: options.importMaxBytes, files: 2 } }).fields([
    { name: 'actors', maxCount: 1 },
    { name: 'ties', maxCount: 1 },
  ]);

  /** multipart/form-data with files `actors` and/or `ties`; `?replace=true` swaps the whole network. Coordinators and admins. */
  router.post('/import', requireAction('import'), upload, async (req, res) => {
    const files = uploadedFiles(req);
    if (!files.actors && !files.ties) {
      throw badRequest("Send multipart/form-data with a file field 'actors' (actors.csv), 'ties' (ties.csv) or both.");
    }
    const user = userOf(res)!;
    const report = await transfer.importFiles(files, { replace: booleanParam(req, 'replace'), by: { userId: user.id, username: user.username } });
    res.json(report satisfies ImportResponse);
  });

  router.get('/export/actors.csv', async (_req, res) => {
    res.type('text/csv; charset=utf-8').attachment('actors.csv').send(await transfer.actorsCsv(viewerOf(res)));
  });

  router.get('/export/ties.csv', async (_req, res) => {
    res.type('text/csv; charset=utf-8').attachment('ties.csv').send(await transfer.tiesCsv(viewerOf(res)));
  });

  router.get('/export/network.gexf', async (_req, res) => {
    res.type('application/gexf+xml; charset=utf-8').attachment('network.gexf').send(await transfer.gexf(viewerOf(res)));
  });

  return router;
}

function uploadedFiles(req: Request): { actors?: ImportFile; ties?: ImportFile } {
  const files = (req.files ?? {}) as Record<string, Express.Multer.File[] | undefined>;
  const pick = (field: string): ImportFile | undefined => {
    const f = files[field]?.[0];
    return f ? { name: f.originalname || `${field}.csv`, bytes: f.buffer } : undefined;
  };
  return { actors: pick('actors'), ties: pick('ties') };
}
