/**
 * `GET /api/graph`: the whole network as the web client draws it (services/graph-service.ts),
 * sent as it is kept (JSON or its gzip), with an ETag so a browser that has it gets a 304.
 * `X-Layout-Refining: true` while the drawing served is the quick placement of a larger write:
 * the client asks again (HEAD) until the refined drawing is there.
 */
import { Router } from 'express';
import type { GraphService } from '../../services/graph-service.ts';
import { viewerOf } from '../authenticate.ts';

export function graphRoutes(graph: GraphService): Router {
  const router = Router();
  router.get('/graph', async (req, res) => {
    const payload = await graph.payload(viewerOf(res));
    res.set({
      'Cache-Control': 'no-cache',
      ETag: payload.etag,
      // What a viewer sees depends on the login (hidden actors are anonymous).
      Vary: 'Accept-Encoding, Cookie, Authorization',
      // The size after decompression, so that the client can show its download progress.
      'X-Payload-Bytes': String(payload.json.length),
      // The positions are a quick placement after a larger write; the refined drawing follows (a HEAD request tells when).
      'X-Layout-Refining': String(payload.refining),
    });
    if (req.fresh) {
      res.status(304).end();
      return;
    }
    res.type('application/json');
    if (req.acceptsEncodings('gzip') === 'gzip') res.set('Content-Encoding', 'gzip').send(payload.gzipped);
    else res.send(payload.json);
  });
  return router;
}
