/**
 * Rate limits (express-rate-limit, in memory: one process serves the product): on logging in,
 * per address and per user name, counting failures only — the tenth wrong password within a
 * minute is refused; and on writes, per user or address. An answer over the limit is the usual
 * JSON error (429) with the seconds to wait, and a Retry-After header.
 */
import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit, type Options } from 'express-rate-limit';
import { tooManyRequests } from '../domain/errors.ts';
import { userOf } from './authenticate.ts';

const MINUTE = 60_000;

function limiter(options: Partial<Options> & { what: string }): RequestHandler {
  const { what, ...rest } = options;
  return rateLimit({
    windowMs: MINUTE,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    ...rest,
    handler: (req, res, next) => {
      const reset = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const wait = Math.max(1, Math.ceil(((reset?.getTime() ?? Date.now() + MINUTE) - Date.now()) / 1000));
      res.set('Retry-After', String(wait));
      next(tooManyRequests(`Too many ${what}: wait ${wait} s and try again.`, wait));
    },
  });
}

const address = (req: Request) => ipKeyGenerator(req.ip ?? 'unknown');

/** Failed logins: 9 per user name and 30 per address in a minute; successes do not count. */
export function loginLimits(): RequestHandler[] {
  return [
    limiter({ what: 'failed logins for this user name', limit: 9, skipSuccessfulRequests: true, keyGenerator: (req) => `u:${String((req.body as { username?: unknown } | undefined)?.username ?? '').toLowerCase()}` }),
    limiter({ what: 'failed logins from this address', limit: 30, skipSuccessfulRequests: true, keyGenerator: address }),
  ];
}

/** Writes: 120 a minute per user (or address, for requests refused before a user is known). */
export function writeLimit(): RequestHandler {
  const limit = limiter({ what: 'writes', limit: 120, keyGenerator: (req, res) => userOf(res)?.id ?? address(req) });
  return (req, res, next) => (req.method === 'GET' || req.method === 'HEAD' ? next() : limit(req, res, next));
}

/**
 * Requests that would start seconds of new computation (an `asOf` suggestion index takes 3-12 s,
 * a new community parameter set 1-2 s): 60 a minute per user or address. Requests answered from
 * what is computed already (`isNew` false) are not counted.
 */
export function expensiveLimit(isNew: (req: Request) => boolean): RequestHandler {
  const limit = limiter({
    what: 'requests for new computations (asOf, other community parameters)',
    limit: 60,
    keyGenerator: (req, res) => userOf(res)?.id ?? address(req),
  });
  return (req, res, next) => (isNew(req) ? limit(req, res, next) : next());
}
