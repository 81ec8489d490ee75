/**
 * Who is asking, and may they. `authenticate` reads the session cookie or an API token
 * (`Authorization: Bearer musubi_…`) into `res.locals.auth`; `requireUser` and `requireAction`
 * answer 401 (no login) or 403 (a role that does not allow it). `writeGuard` protects every write
 * from other sites: a request whose Origin (or Sec-Fetch-Site) says it comes from another site is
 * refused, and a write on a cookie session must carry the session's CSRF token in `X-CSRF-Token`
 * (a form on another site can send the cookie but cannot read or send that token).
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { allows, rolesFor, type Action, type User } from '../domain/auth/roles.ts';
import { AppError, forbidden, unauthorized } from '../domain/errors.ts';
import { PUBLIC_VIEWER, type Viewer } from '../domain/privacy/redaction.ts';
import { sameSecret, type Authenticated, type AuthService } from '../services/auth-service.ts';

export const SESSION_COOKIE = 'musubi_session';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function authOf(res: Response): Authenticated | undefined {
  return res.locals.auth as Authenticated | undefined;
}

export function userOf(res: Response): User | undefined {
  return authOf(res)?.user;
}

/** The viewer of a request, for the privacy rules (domain/privacy). */
export function viewerOf(res: Response): Viewer {
  const user = userOf(res);
  return user ? { user } : PUBLIC_VIEWER;
}

export function authenticate(auth: AuthService): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const header = req.get('authorization');
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      const found = match ? await auth.token(match[1]) : undefined;
      // A credential that was sent but does not hold is an error, not the public view.
      if (!found) return next(unauthorized('The API token is not valid (revoked, mistyped, or not in the form "Authorization: Bearer musubi_…").'));
      res.locals.auth = found;
      return next();
    }
    const cookie = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    if (cookie) {
      const found = await auth.session(cookie);
      if (found) res.locals.auth = found;
      // An ended session reads as the public view; the stale cookie goes.
      else res.clearCookie(SESSION_COOKIE, { path: '/' });
    }
    next();
  };
}

export const requireUser: RequestHandler = (_req, res, next) => {
  next(userOf(res) ? undefined : unauthorized());
};

export function requireAction(action: Action): RequestHandler {
  return (_req, res, next) => {
    const user = userOf(res);
    if (!user) return next(unauthorized());
    if (!allows(user, action)) {
      const roles = rolesFor(action);
      return next(forbidden(`Your role (${user.role}) does not allow this; it needs the role ${roles.join(' or ')}.`, { role: user.role, needs: roles }));
    }
    next();
  };
}

/**
 * Whether a browser's `Origin` names this server. The host is compared, not the scheme: behind a
 * TLS proxy the request arrives over HTTP while the page's origin is https.
 */
function isOwnOrigin(origin: string, req: Request): boolean {
  try {
    return new URL(origin).host.toLowerCase() === (req.get('host') ?? '').toLowerCase();
  } catch {
    return false;
  }
}

export const writeGuard: RequestHandler = (req, res, next) => {
  if (SAFE_METHODS.has(req.method)) return next();
  const origin = req.get('origin');
  const site = req.get('sec-fetch-site');
  if ((origin !== undefined && !isOwnOrigin(origin, req)) || site === 'cross-site' || site === 'same-site') {
    return next(new AppError('csrf_failed', `A write from another site (${origin ?? site}) is refused.`, 403, { origin: origin ?? null }));
  }
  const auth = authOf(res);
  if (auth?.via === 'session') {
    const sent = req.get(CSRF_HEADER);
    if (!sent || !auth.csrf || !sameSecret(sent, auth.csrf)) {
      return next(new AppError('csrf_failed', `A write on a login session must send the session's CSRF token in the ${CSRF_HEADER} header (from GET /api/auth/me).`, 403, { header: CSRF_HEADER }));
    }
  }
  next();
};
