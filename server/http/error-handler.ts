/**
 * The one error middleware: every error leaves as JSON `{ error: { code, message, details } }`.
 * AppErrors carry their own status; anything else is a bug, logged in full and answered 500.
 * Requests that Node's HTTP parser rejects before Express sees them are answered as JSON too
 * (`clientErrorHandler`, for the server's 'clientError' event).
 */
import type { Socket } from 'node:net';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError } from '../domain/errors.ts';
import type { Logger } from '../logger.ts';

export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const error = toAppError(err);
    if (error.status >= 500 && error.code === 'internal_error') log.error({ err, method: req.method, url: req.originalUrl }, 'request failed');
    else log.info({ code: error.code, status: error.status, url: req.originalUrl }, error.message);
    res.status(error.status).json(errorBody(error));
  };
}

function errorBody(error: AppError) {
  return { error: { code: error.code, message: error.message, ...(error.details === undefined ? {} : { details: error.details }) } };
}

/** What Node's HTTP parser hands to 'clientError': the error, with the bytes it choked on. */
type ClientError = Error & { code?: string; reason?: string; rawPacket?: Buffer };

/**
 * Answers, as JSON, a request Node's HTTP parser rejected before routing (Node's own answer is
 * an empty 400). The usual cause is a URL with raw, not percent-encoded, UTF-8 (`curl
 * '…?q=精密'`): Node accepts only ASCII in the request line, so the answer names the parameter
 * and gives the URL percent-encoded.
 */
export function clientErrorHandler(log: Logger): (err: ClientError, socket: Socket) => void {
  return (err, socket) => {
    // A connection reset or a socket already answering cannot take a response.
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const error = clientErrorToAppError(err);
    log.info({ code: error.code, status: error.status, parser: err.code }, error.message);
    const body = JSON.stringify(errorBody(error));
    socket.end(
      `HTTP/1.1 ${error.status} ${STATUS_TEXT[error.status] ?? 'Bad Request'}\r\n` +
        'Content-Type: application/json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Connection: close\r\n\r\n' +
        body,
    );
  };
}

const STATUS_TEXT: Record<number, string> = { 400: 'Bad Request', 408: 'Request Timeout', 431: 'Request Header Fields Too Large' };

export function clientErrorToAppError(err: ClientError): AppError {
  if (err.code === 'HPE_HEADER_OVERFLOW') return new AppError('headers_too_large', 'The request headers are larger than the server accepts.', 431);
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') return new AppError('request_timeout', 'The request did not arrive in time.', 408);
  const target = requestTarget(err.rawPacket);
  if (target && RAW.test(target.toString('latin1'))) return rawCharactersError(target);
  return new AppError('bad_request', `The request is not valid HTTP: ${err.reason ?? err.message}.`, 400);
}

/** The request target (path and query) of the request line in `packet`, as bytes. */
function requestTarget(packet: Buffer | undefined): Buffer | undefined {
  if (!packet) return undefined;
  const lineEnd = packet.indexOf(0x0a);
  const line = packet.subarray(0, lineEnd < 0 ? packet.length : lineEnd);
  const first = line.indexOf(0x20);
  const last = line.lastIndexOf(0x20);
  return first >= 0 && last > first ? line.subarray(first + 1, last) : undefined;
}

/** A 400 that names the parameter holding raw characters and gives the URL to use instead. */
function rawCharactersError(target: Buffer): AppError {
  // One character per byte, so that the bytes sent are the bytes percent-encoded.
  const bytes = target.toString('latin1');
  const url = percentEncodeRaw(bytes);
  const query = bytes.indexOf('?');
  const pair = query < 0 ? undefined : bytes.slice(query + 1).split('&').find((p) => RAW.test(p));
  if (pair === undefined) {
    return new AppError('bad_request', `The URL path holds characters that are not percent-encoded; use ${url}`, 400, { url });
  }
  const encoded = percentEncodeRaw(pair);
  const parameter = decodeOrKeep(encoded.split('=')[0]);
  const sent = Buffer.from(pair, 'latin1').toString('utf8');
  return new AppError(
    'invalid_parameter',
    `Parameter '${parameter}': '${sent}' holds characters that are not percent-encoded (a URL carries ASCII only): ` +
      `send ${encoded} (with curl: -G --data-urlencode '${sent}')`,
    400,
    { parameter, url },
  );
}

/** A byte outside printable ASCII: not allowed unencoded in a request line. */
const RAW = /[^\x21-\x7e]/;

/** Percent-encodes the bytes (one per character) outside printable ASCII, leaving the rest as sent. */
function percentEncodeRaw(bytes: string): string {
  return bytes.replace(/[^\x21-\x7e]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

function decodeOrKeep(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export const notFoundRoute: RequestHandler = (req) => {
  throw new AppError('no_route', `No API route ${req.method} ${req.path}.`, 404);
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
  // Errors Express raises for the caller's request (e.g. a path with malformed percent-encoding).
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
    return new AppError('bad_request', `The request could not be read: ${e.message ?? 'bad request'}.`, e.status);
  }
  return new AppError('internal_error', 'Something went wrong on our side. It has been logged.', 500);
}
