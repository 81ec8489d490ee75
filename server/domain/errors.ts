/**
 * The one error family of the service. Every error a user can cause carries a stable code, a
 * message that says what to do, and an HTTP status; anything else is a bug (500).
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** A request parameter or body field is wrong: names the parameter. */
export function badRequest(message: string, details?: unknown): AppError {
  return new AppError('bad_request', message, 400, details);
}

export function invalidParameter(parameter: string, message: string): AppError {
  return new AppError('invalid_parameter', `Parameter '${parameter}': ${message}`, 400, { parameter });
}

export function notFound(what: string, id: string): AppError {
  return new AppError('not_found', `No ${what} with id '${id}'.`, 404, { id });
}

/** An import was rejected as a whole; details list every problem with file, line and column. */
export function importRejected(message: string, details: unknown): AppError {
  return new AppError('import_rejected', message, 422, details);
}

export function unavailable(message: string, details?: unknown): AppError {
  return new AppError('database_unavailable', message, 503, details);
}

/** Work cut short because the product is stopping (its database connection closed): not a fault. */
export function stopping(): AppError {
  return new AppError('stopping', 'musubi is stopping: its database connection is closed.', 503);
}

export const isStopping = (err: unknown): boolean => err instanceof AppError && err.code === 'stopping';

/** No login, or one that has ended: log in (or send an API token) and try again. */
export function unauthorized(message = 'Log in first: this needs a signed-in user (a session cookie or an API token).'): AppError {
  return new AppError('unauthorized', message, 401);
}

/** Logged in, but the role does not allow it. */
export function forbidden(message: string, details?: unknown): AppError {
  return new AppError('forbidden', message, 403, details);
}

/** Too many attempts in a short time: wait `retryAfterS` seconds. */
export function tooManyRequests(message: string, retryAfterS: number): AppError {
  return new AppError('too_many_requests', message, 429, { retryAfterS });
}

/** An edit that does not hold: every problem by field (the import's checks), nothing written. */
export function invalidFields(message: string, problems: unknown): AppError {
  return new AppError('invalid_fields', message, 422, { problems });
}

/** The request is sound but the state does not allow it (an id already taken, a step out of order). */
export function conflict(message: string, details?: unknown): AppError {
  return new AppError('conflict', message, 409, details);
}
