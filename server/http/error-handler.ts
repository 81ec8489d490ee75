/**
 * The one error middleware: every error leaves as JSON `{ error: { code, message, details } }`.
 * AppErrors carry their own status; anything else is a bug, logged in full and answered 500.
 * The answer is bounded (MAX_ERROR_BODY_CHARS) and never Express's own HTML page, whatever fails
 * while answering; messages from libraries are shown without the machine's paths.
 * Requests that Node's HTTP parser rejects before Express sees them are answered as JSON too
 * (`clientErrorHandler`, for the server's 'clientError' event).
 */
import type { Socket } from 'node:net';
import type { ErrorRequestHandler, RequestHandler, Router } from 'express';
import { AppError } from '../domain/errors.ts';
import type { Logger } from '../logger.ts';

export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    try {
      const error = toAppError(err);
      if (error.status >= 500 && error.code === 'internal_error') log.error({ err, method: req.method, url: req.originalUrl }, 'request failed');
      else log.info({ code: error.code, status: error.status, url: req.originalUrl }, error.message);
      if (res.headersSent) {
        // Part of an answer is out (a streamed export): the only honest signal left is a cut connection.
        res.destroy();
        return;
      }
      res.status(error.status).type('application/json; charset=utf-8').send(errorJson(error));
    } catch (failure) {
      // Never let Express's own handler answer: it writes HTML with the stack and the machine's paths.
      log.error({ err: failure, method: req.method, url: req.originalUrl }, 'the error answer failed');
      if (res.headersSent) res.destroy();
      else res.status(500).type('application/json; charset=utf-8').send(INTERNAL_ERROR_JSON);
    }
  };
}

/** The largest error answer sent; details beyond it are cut (an import's problems are bounded well below). */
export const MAX_ERROR_BODY_CHARS = 1_000_000;

const INTERNAL_ERROR_JSON = JSON.stringify({ error: { code: 'internal_error', message: 'Something went wrong on our side. It has been logged.' } });

function errorBody(error: AppError) {
  return { error: { code: error.code, message: error.message, ...(error.details === undefined ? {} : { details: error.details }) } };
}

/**
 * The answer's JSON, bounded: when the details would make it larger than MAX_ERROR_BODY_CHARS,
 * a list of problems is shortened, and anything else is left out with a note.
 */
export function errorJson(error: AppError): string {
  const message = error.message.length > 2000 ? `${error.message.slice(0, 2000)}…` : error.message;
  const bounded = new AppError(error.code, message, error.status, error.details);
  const json = JSON.stringify(errorBody(bounded));
  if (json.length <= MAX_ERROR_BODY_CHARS) return json;
  const details = error.details as { problems?: unknown[] } | undefined;
  if (Array.isArray(details?.problems)) {
    for (let keep = Math.floor(details.problems.length / 2); keep > 0; keep = Math.floor(keep / 2)) {
      const shorter = JSON.stringify(errorBody(new AppError(error.code, message, error.status, { ...details, problems: details.problems.slice(0, keep), truncated: true })));
      if (shorter.length <= MAX_ERROR_BODY_CHARS) return shorter;
    }
  }
  return JSON.stringify(errorBody(new AppError(error.code, message, error.status, { truncated: true })));
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

/**
 * A path that exists, asked with a method it does not take: 405 with the `Allow` header listing
 * the methods it takes (RFC 9110 §15.5.6), instead of a 404 that says the path is not there.
 * The methods are read from `router`'s routes (sub-routers mounted with `use` included).
 */
export function wrongMethod(router: Router): RequestHandler {
  return (req, res, next) => {
    const allowed = allowedMethods(router, req.path);
    if (allowed.length === 0 || allowed.includes(req.method)) {
      next();
      return;
    }
    res.setHeader('Allow', allowed.join(', '));
    if (req.method === 'OPTIONS') {
      res.status(204).end();
      return;
    }
    throw new AppError('method_not_allowed', `${req.method} is not allowed on ${cutText(req.path, 200)}: use ${allowed.join(', ')}.`, 405, { allowed });
  };
}

/** What a layer of Express 5's router looks like from here: its matchers, and its route or sub-router. */
type RouterLayer = {
  slash?: boolean;
  matchers?: Array<(path: string) => false | { path: string }>;
  route?: { methods: Record<string, boolean> };
  handle?: { stack?: RouterLayer[] };
};

/** The methods `router`'s routes take at `path` (GET implying HEAD), in a stable order. */
export function allowedMethods(router: Router, path: string): string[] {
  const found = new Set<string>();
  const walk = (stack: RouterLayer[], rest: string) => {
    for (const layer of stack) {
      // A router mounted with use() at '/' matches every path (Express marks it `slash`).
      const match = layer.slash ? { path: '' } : layer.matchers?.map((m) => m(rest)).find((m) => m !== false);
      if (!match) continue;
      if (layer.route) {
        for (const [method, on] of Object.entries(layer.route.methods)) if (on && method !== '_all') found.add(method.toUpperCase());
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack, rest.slice(match.path.length) || '/');
      }
    }
  };
  walk((router as unknown as { stack: RouterLayer[] }).stack, path);
  if (found.has('GET')) found.add('HEAD');
  return ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'].filter((m) => found.has(m));
}

export const notFoundRoute: RequestHandler = (req) => {
  throw new AppError('no_route', `No API route ${req.method} ${req.path}.`, 404);
};

/** After the web client: what nothing served is a JSON 404 too, not Express's HTML page. */
export const notFoundPage: RequestHandler = (req) => {
  throw new AppError('no_route', `Nothing is served at ${req.method} ${cutText(req.path, 200)}.`, 404);
};

/** A message from a library, safe to show: no absolute path of this machine, bounded. */
function callerMessage(message: string | undefined, fallback: string): string {
  const text = (message ?? fallback).replace(/(?:[A-Za-z]:)?(?:[\\/][\w.@+-]+){2,}[\\/]?/g, '…');
  return cutText(text, 300);
}

function cutText(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** The errors body-parser (express.json) raises for the caller's body, by their `type`. */
function bodyError(e: { type?: string; status?: number; message?: string; charset?: string; encoding?: string; code?: string }): AppError | undefined {
  switch (e.type) {
    case 'entity.parse.failed':
      return new AppError('bad_request', `The request body is not valid JSON: ${callerMessage(e.message, 'parse error')}`, 400);
    case 'charset.unsupported':
      return new AppError('unsupported_media_type', `The body's charset '${cutText(e.charset ?? '?', 40)}' is not supported: send JSON in UTF-8 (Content-Type: application/json; charset=utf-8).`, 415, { header: 'content-type' });
    case 'encoding.unsupported':
      return new AppError('unsupported_media_type', `Content-Encoding '${cutText(e.encoding ?? '?', 40)}' is not supported: send the body uncompressed, or as gzip, deflate or br.`, 415, { header: 'content-encoding' });
    case 'request.aborted':
      return new AppError('bad_request', 'The request body ended before the length it announced (Content-Length): it was cut short.', 400);
    case 'request.size.invalid':
      return new AppError('bad_request', 'The request body is not as long as its Content-Length says.', 400, { header: 'content-length' });
    case 'stream.encoding.set':
    case 'stream.not.readable':
      return undefined;
  }
  // A body that does not decompress (Content-Encoding: gzip over bytes that are not gzip).
  if (e.status === 400 && typeof e.code === 'string' && e.code.startsWith('Z_')) {
    return new AppError('bad_request', `The request body cannot be decompressed as its Content-Encoding says: ${callerMessage(e.message, 'invalid data')}.`, 400, { header: 'content-encoding' });
  }
  return undefined;
}

function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const e = err as { type?: string; code?: string; status?: number; message?: string; field?: string };
  // Body parsing and upload errors are the caller's: name what was wrong.
  const body = e && typeof e === 'object' ? bodyError(e) : undefined;
  if (body) return body;
  if (e?.type === 'entity.too.large') {
    // express.json's limit: the JSON API takes small bodies; files go to POST /api/import.
    const limit = (e as { limit?: number }).limit;
    const size = typeof limit !== 'number' ? '1 MB' : limit % 1_048_576 === 0 ? `${limit / 1_048_576} MB` : `${Math.round(limit / 1024)} KB`;
    return new AppError('too_large', `The JSON body is larger than the ${size} a JSON request may carry; send files to POST /api/import as multipart/form-data.`, 413, { limit: limit ?? null });
  }
  if (e?.code === 'LIMIT_FILE_SIZE') {
    return new AppError('too_large', `The upload${e.field ? ` '${e.field}'` : ''} is larger than the server accepts (IMPORT_MAX_MB).`, 413);
  }
  if (typeof e?.code === 'string' && e.code.startsWith('LIMIT_')) {
    return new AppError('bad_request', `Upload rejected${e.field ? ` for field '${e.field}'` : ''}: ${e.message}`, 400);
  }
  // Errors Express raises for the caller's request (e.g. a path with malformed percent-encoding).
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
    const param = /^Failed to decode param '(.*)'$/s.exec(e.message ?? '');
    if (param) {
      return new AppError('bad_request', `The URL path holds malformed percent-encoding: '${cutText(param[1], 200)}' is not valid %XX UTF-8; encode the id with encodeURIComponent.`, 400);
    }
    return new AppError('bad_request', `The request could not be read: ${callerMessage(e.message, 'bad request')}.`, e.status);
  }
  return new AppError('internal_error', 'Something went wrong on our side. It has been logged.', 500);
}
