/**
 * Import and export of the network in the CSV format (and GEXF for Gephi).
 */
import { Router, type Request } from 'express';
import multer from 'multer';
import { formatActorsCsv, formatTiesCsv } from '../../domain/csv/columns.ts';
import { networkGexf } from '../../domain/export/network-gexf.ts';
import { badRequest } from '../../domain/errors.ts';
import type { Neo4jClient } from '../../store/neo4j-client.ts';
import { importNetwork, type ImportFile } from '../../store/import-network.ts';
import { readNetwork } from '../../store/network-store.ts';
import { booleanParam } from '../query-params.ts';

export function transferRoutes(client: Neo4jClient, options: { importMaxBytes: number; onImported?: () => void }): Router {
  const router = Router();
  const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: options.importMaxBytes, files: 2 } }).fields([
    { name: 'actors', maxCount: 1 },
    { name: 'ties', maxCount: 1 },
  ]);

  /** multipart/form-data with files `actors` and/or `ties`; `?replace=true` swaps the whole network. */
  router.post('/import', upload, async (req, res) => {
    const files = uploadedFiles(req);
    if (!files.actors && !files.ties) {
      throw badRequest("Send multipart/form-data with a file field 'actors' (actors.csv), 'ties' (ties.csv) or both.");
    }
    const report = await importNetwork(client, files, { replace: booleanParam(req, 'replace') });
    options.onImported?.();
    res.json(report);
  });

  router.get('/export/actors.csv', async (_req, res) => {
    res.type('text/csv; charset=utf-8').attachment('actors.csv').send(formatActorsCsv((await readNetwork(client, { ties: false })).actors));
  });

  router.get('/export/ties.csv', async (_req, res) => {
    res.type('text/csv; charset=utf-8').attachment('ties.csv').send(formatTiesCsv((await readNetwork(client)).ties));
  });

  router.get('/export/network.gexf', async (_req, res) => {
    const { actors, ties } = await readNetwork(client);
    res.type('application/gexf+xml; charset=utf-8').attachment('network.gexf').send(networkGexf(actors, ties));
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
