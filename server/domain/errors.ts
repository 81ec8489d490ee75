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
