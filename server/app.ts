/**
 * The whole product as one Express application, built from its dependencies without listening,
 * so that the product, the benchmarks and the tests start it the same way (tests on port 0):
 * the services wired once (services/create-services.ts), the routes over them, the client.
 */
import path from 'node:path';
import express, { type Express } from 'express';
import { allowedHosts, CLIENT_DIST, PROJECT_ROOT } from './config.ts';
import type { Logger } from './logger.ts';
import type { Neo4jClient } from './store/neo4j-client.ts';
import { errorHandler, notFoundPage, notFoundRoute, wrongMethod } from './http/error-handler.ts';
import { STALE_HEADER, withStaleMarker } from './services/network-source.ts';
import { networkRoutes } from './http/routes/network-routes.ts';
import { transferRoutes } from './http/routes/transfer-routes.ts';
import { analysisRoutes } from './http/routes/analysis-routes.ts';
import { createServices, type ServiceDeps } from './services/create-services.ts';
import { graphRoutes } from './http/routes/graph-routes.ts';
import { suggestionRoutes } from './http/routes/suggestion-routes.ts';
import { staticClient } from './http/static-client.ts';
import cookieParser from 'cookie-parser';
import { hostCheck, securityHeaders } from './http/security.ts';
import { authenticate, writeGuard } from './http/authenticate.ts';
import { writeLimit } from './http/rate-limits.ts';
import { authRoutes } from './http/routes/auth-routes.ts';
import { introductionRoutes } from './http/routes/introduction-routes.ts';
import { editRoutes } from './http/routes/edit-routes.ts';
import { eventRoutes } from './http/routes/event-routes.ts';
import { importStatusRoutes } from './http/routes/import-status-routes.ts';

export interface AppDeps extends ServiceDeps {
  client: Neo4jClient;
  log: Logger;
  importMaxBytes: number;
  /** Accounts and request checks (config.auth); loopback names and plain HTTP when left out. */
  security?: { allowedHosts: readonly string[]; cookieSecure: boolean };
}

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  const security = deps.security ?? { allowedHosts: allowedHosts('', '127.0.0.1'), cookieSecure: false };
  app.use(hostCheck(security.allowedHosts));
  app.use(securityHeaders({ https: security.cookieSecure }));
  app.use(express.json({ limit: '1mb' }));
  app.use(cookieParser());
  // One debug line per request, timed: only when debug lines are written (LOG_LEVEL=debug).
  if (deps.log.isLevelEnabled('debug')) {
    app.use((req, res, next) => {
      const started = process.hrtime.bigint();
      res.on('finish', () => {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        deps.log.debug({ method: req.method, url: req.originalUrl, status: res.statusCode, ms: Math.round(ms * 10) / 10 }, 'request');
      });
      next();
    });
  }
  // An answer made from a snapshot the database could not confirm says so (services/network-source.ts).
  app.use((_req, res, next) => withStaleMarker(() => void (res.headersSent || res.setHeader(STALE_HEADER, 'true')), next));
  const services = createServices(deps);
  const api = express.Router();
  api.use(authenticate(services.auth), writeGuard, writeLimit());
  api.use(authRoutes(services.auth, { cookieSecure: security.cookieSecure }));
  api.use(networkRoutes(deps.client, services.privacy));
  api.use(transferRoutes(services.transfer, { importMaxBytes: deps.importMaxBytes }));
  api.use(importStatusRoutes(services.transfer));
  api.use(editRoutes(services.edits));
  api.use(analysisRoutes(services.analysis));
  api.use(suggestionRoutes(services.suggestions));
  api.use(graphRoutes(services.graph));
  api.use(introductionRoutes(services.introductions));
  api.use(eventRoutes(services.events));
  api.use(wrongMethod(api));
  api.use(notFoundRoute);
  app.use('/api', api);
  app.use(staticClient(path.join(PROJECT_ROOT, CLIENT_DIST)));
  app.use(notFoundPage);
  app.use(errorHandler(deps.log));
  services.warm();
  return app;
}
