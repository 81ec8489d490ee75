/**
 * Structured logging: one JSON line per event, or a readable form for development.
 */
import { pino, type LoggerOptions, type Logger } from 'pino';
import type { Config } from './config.ts';
import { isStopping } from './domain/errors.ts';

export type { Logger };

const WARN = 40;

/**
 * Background work that the stop itself cut short (a preparation, a write-back, storing a layout)
 * is not a warning: its line goes down to debug, without the stack.
 */
export const quietWhenStopping: NonNullable<LoggerOptions['hooks']>['logMethod'] = function (args, method, level) {
  const first = args[0] as { err?: unknown } | undefined;
  if (level >= WARN && typeof first === 'object' && first !== null && isStopping(first.err)) {
    const { err: _cut, ...rest } = first;
    return this.debug({ ...rest, stopping: true }, ...(args.slice(1) as [string]));
  }
  return method.apply(this, args);
};

export function createLogger(config: Pick<Config, 'logLevel' | 'logFormat'>): Logger {
  const hooks = { logMethod: quietWhenStopping };
  if (config.logFormat === 'pretty') {
    return pino({
      level: config.logLevel,
      hooks,
      transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'HH:MM:ss', ignore: 'pid,hostname' } },
    });
  }
  return pino({ level: config.logLevel, hooks, base: undefined, timestamp: pino.stdTimeFunctions.isoTime });
}
