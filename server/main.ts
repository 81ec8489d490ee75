/**
 * `npm start`: the product. Opens the database (starting the project's own Neo4j unless NEO4J_URI
 * is set), loads the demonstration network into an empty database, and serves the API. Ctrl-C or
 * SIGTERM stops the server and the Neo4j it started.
 */
import path from 'node:path';
import type { Server } from 'node:http';
import { ConfigError, loadConfig, PROJECT_ROOT } from './config.ts';
import { createLogger } from './logger.ts';
import { createApp } from './app.ts';
import { clientErrorHandler } from './http/error-handler.ts';
import { openDatabase, type OpenDatabase } from './runtime/open-database.ts';
import { importProgress, progressBar } from './runtime/progress-bar.ts';
import { ensureDemoUsers, seedDemoIfEmpty } from './services/seed-demo.ts';
import { onShutdown } from './runtime/shutdown.ts';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(err.message + '\n');
      process.exit(1);
    }
    throw err;
  }
  const log = createLogger(config);
  let db: OpenDatabase | undefined;
  let server: Server | undefined;
  onShutdown(log, async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await db?.close();
  });

  db = await openDatabase(config, log);
  if (config.seedOnEmpty) {
    const report = await seedDemoIfEmpty(db.client, path.join(PROJECT_ROOT, 'graph-seeds/demo'), {
      onProgress: importProgress(progressBar()),
    });
    if (report) log.info({ actors: report.actors.added, ties: report.ties.added, ms: report.durationMs }, 'the database was empty: demonstration network loaded');
    else log.info('the database holds a network: nothing seeded');
  }
  if (config.auth.demoUsers) {
    const created = await ensureDemoUsers(db.client);
    if (created.length) log.info({ users: created }, 'demonstration users created (README: first login)');
  }
  const app = createApp({
    client: db.client,
    log,
    importMaxBytes: config.importMaxBytes,
    networkCheckMs: config.networkCheckMs,
    suggestionRankingsKept: config.suggestionRankingsKept,
    warm: true,
    sessionDays: config.auth.sessionDays,
    introductionDeclineDays: config.introductions.declineDays,
    security: { allowedHosts: config.auth.allowedHosts, cookieSecure: config.auth.cookieSecure },
  });
  server = app.listen(config.port, config.host, () => {
    log.info({ url: `http://${config.host}:${config.port}/`, neo4j: db!.uri }, 'musubi is serving');
  });
  // Requests Node's HTTP parser rejects (raw UTF-8 in a URL, say) are answered as JSON too.
  server.on('clientError', clientErrorHandler(log));
  server.on('error', (err) => {
    log.fatal({ err }, `cannot listen on ${config.host}:${config.port} (set PORT to another port)`);
    process.kill(process.pid, 'SIGTERM');
  });
}

main().catch((err) => {
  process.stderr.write(`musubi could not start: ${(err as Error).message}\n`);
  process.kill(process.pid, 'SIGTERM');
  process.exitCode = 1;
});
