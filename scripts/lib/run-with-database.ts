/**
 * Shared frame of the command-line scripts: configuration, logging, the database (the user's, the
 * running product's, or the project's own), cleanup on every exit path, and readable errors.
 */
import { ConfigError, loadConfig, type Config } from '../../server/config.ts';
import { createLogger, type Logger } from '../../server/logger.ts';
import { AppError } from '../../server/domain/errors.ts';
import { ProblemList, type ImportProblem } from '../../server/domain/import/problems.ts';
import { openDatabase, type OpenDatabase } from '../../server/runtime/open-database.ts';
import { onShutdown } from '../../server/runtime/shutdown.ts';

export async function runWithDatabase(work: (db: OpenDatabase, config: Config, log: Logger) => Promise<void>): Promise<void> {
  let db: OpenDatabase | undefined;
  let log: Logger | undefined;
  try {
    const config = loadConfig();
    log = createLogger({ ...config, logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel });
    onShutdown(log, async () => db?.close());
    db = await openDatabase(config, log);
    await work(db, config, log);
  } catch (err) {
    process.exitCode = 1;
    process.stderr.write(describeError(err) + '\n');
  } finally {
    await db?.close().catch(() => undefined);
  }
}

export function describeError(err: unknown): string {
  if (err instanceof ConfigError) return err.message;
  if (err instanceof AppError) {
    const details = err.details as { problems?: ImportProblem[]; total?: number } | undefined;
    const lines = (details?.problems ?? []).map((p) => '  ' + ProblemList.format(p));
    return [err.message, ...lines].join('\n');
  }
  return `Error: ${(err as Error)?.stack ?? err}`;
}
