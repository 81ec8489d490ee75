/**
 * Builds the Express application from its dependencies without listening, so that the product
 * and the tests start it the same way (tests on port 0).
 */
import express, { type Express } from 'express';
import type { Logger } from '../logger.ts';
import type { Neo4jClient } from '../store/neo4j-client.ts';
import { errorHandler, notFoundRoute } from './error-handler.ts';
import { networkRoutes } from './routes/network-routes.ts';
import { transferRoutes } from './routes/transfer-routes.ts';

export interface AppDeps {
  client: Neo4jClient;
  log: Logger;
  importMaxBytes: number;
}

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(express.json({ limit: '1mb' }));
  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      deps.log.debug({ method: req.method, url: req.originalUrl, status: res.statusCode, ms: Math.round(ms * 10) / 10 }, 'request');
    });
    next();
  });
  const api = express.Router();
  api.use(networkRoutes(deps.client));
  api.use(transferRoutes(deps.client, { importMaxBytes: deps.importMaxBytes }));
  api.use(notFoundRoute);
  app.use('/api', api);
  app.use(errorHandler(deps.log));
  return app;
}
