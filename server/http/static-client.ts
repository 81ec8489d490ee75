/**
 * Serves the built web client (dist/client, made by `npm run build`) on the API's port. Hashed
 * assets are cached for good; index.html is revalidated. Any other GET that asks for HTML and is
 * not under /api gets index.html (the client restores its view from the URL). When the client has
 * not been built, nothing is mounted and `/` says how to build it.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { Router, type RequestHandler } from 'express';


/** A router serving the client from `dir`, or one answering `/` with a hint when it is not built. */
export function staticClient(dir: string): Router {
  const router = Router();
  const index = path.join(dir, 'index.html');
  if (!existsSync(index)) {
    router.get('/', notBuilt(dir));
    return router;
  }
  router.use('/assets', express.static(path.join(dir, 'assets'), { immutable: true, maxAge: '1y', index: false }));
  router.use(express.static(dir, { index: 'index.html', maxAge: 0 }));
  router.get(/^(?!\/api(\/|$))(?!.*\/[^/]*\.[^/]*$).*/, (req, res, next) => {
    // Pages only: paths with a file extension (a missing asset) stay a 404.
    if (!req.accepts('html')) return next();
    res.set('Cache-Control', 'no-cache').sendFile(index);
  });
  return router;
}

function notBuilt(dir: string): RequestHandler {
  return (_req, res) => {
    res
      .status(404)
      .type('text/plain')
      .send(`The web client is not built (no ${dir}/index.html). Run \`npm run build\`, or \`npm run dev\` for development.\n`);
  };
}
