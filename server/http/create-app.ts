/**
 * Builds the Express application from its dependencies without listening, so that the product
 * and the tests start it the same way (tests on port 0).
 */
import path from 'node:path';
import express, { type Express } from 'express';
import { PROJECT_ROOT } from '../config.ts';
import type { Logger } from '../logger.ts';
import type { Neo4jClient } from '../store/neo4j-client.ts';
import { errorHandler, notFoundRoute } from './error-handler.ts';
import { networkRoutes } from './routes/network-routes.ts';
import { transferRoutes } from './routes/transfer-routes.ts';
import { analysisRoutes } from './routes/analysis-routes.ts';
import { snapshotCache } from '../store/network-snapshot.ts';
import { graphRoutes } from './routes/graph-routes.ts';
import { suggestionRoutes } from './routes/suggestion-routes.ts';
import { CLIENT_DIST, staticClient } from './static-client.ts';

export interface AppDeps {
  client: Neo4jClient;
  log: Logger;
  importMaxBytes: number;
  /**
   * Compute the reference communities, the suggestion index and the drawing ahead of requests,
   * now and after every import (the product sets it; tests leave it off so that no background
   * work overlaps their data).
   */
  warm?: boolean;
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
  // One in-memory copy of the network, shared by every analysis, reloaded when an import changes it.
  const snapshots = snapshotCache(deps.client);
  const analysis = analysisRoutes(deps.client, snapshots);
  const graph = graphRoutes({ client: deps.client, snapshots, log: deps.log });
  const suggestions = suggestionRoutes(snapshots, { log: deps.log });
  const prepared: [string, { prepare(): Promise<void> }][] = [
    ['the communities', analysis],
    ['the suggestion index', suggestions],
    ['the network drawing', graph],
  ];
  const warm = () => {
    if (!deps.warm) return;
    for (const [what, routes] of prepared) {
      routes.prepare().catch((err) => deps.log.warn({ err }, `could not prepare ${what} ahead of requests`));
    }
  };
  const api = express.Router();
  api.use(networkRoutes(deps.client));
  api.use(transferRoutes(deps.client, { importMaxBytes: deps.importMaxBytes, onImported: warm }));
  api.use(analysis);
  api.use(suggestions);
  api.use(graph);
  api.use(notFoundRoute);
  app.use('/api', api);
  app.use(staticClient(path.join(PROJECT_ROOT, CLIENT_DIST)));
  app.use(errorHandler(deps.log));
  warm();
  return app;
}
