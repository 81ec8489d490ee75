/**
 * Runs cleanup once on SIGINT/SIGTERM (and after a fatal start-up error), then exits, so that
 * stopping the product leaves no Neo4j behind.
 */
import type { Logger } from '../logger.ts';

export function onShutdown(log: Pick<Logger, 'info' | 'error'>, cleanup: () => Promise<void>): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping');
    try {
      await cleanup();
    } catch (err) {
      log.error({ err }, 'error while stopping');
      process.exitCode = 1;
    }
    process.exit();
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}
