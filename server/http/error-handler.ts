/**
 * The one error middleware: every error leaves as JSON `{ error: { code, message, details } }`.
 * AppErrors carry their own status; anything else is a bug, logged in full and answered 500.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError } from '../domain/errors.ts';
import type { Logger } from '../logger.ts';

export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const error = toAppError(err);
    if (error.status >= 500 && error.code === 'internal_error') log.error({ err, method: req.method, url: req.originalUrl }, 'request failed');
    else log.info({ code: error.code, status: error.status, url: req.originalUrl }, error.message);
    res.status(error.status).json({
      error: { code: error.code, message: error.message, ...(error.details === undefined ? {} : { details: error.details }) },
    });
  };
}

export const notFoundRoute: RequestHandler = (req) => {
  throw new AppError('not_found', `No API route ${req.method} ${req.path}.`, 404);
};

function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const e = err as { type?: string; code?: string; status?: number; message?: string; field?: string };
  // Body parsing and upload errors are the caller's: name what was wrong.
  if (e?.type === 'entity.parse.failed') return new AppError('bad_request', `The request body is not valid JSON: ${e.message}`, 400);
  if (e?.type === 'entity.too.large' || e?.code === 'LIMIT_FILE_SIZE') {
    return new AppError('too_large', `The upload${e.field ? ` '${e.field}'` : ''} is larger than the server accepts (IMPORT_MAX_MB).`, 413);
  }
  if (typeof e?.code === 'string' && e.code.startsWith('LIMIT_')) {
    return new AppError('bad_request', `Upload rejected${e.field ? ` for field '${e.field}'` : ''}: ${e.message}`, 400);
  }
  return new AppError('internal_error', 'Something went wrong on our side. It has been logged.', 500);
}
