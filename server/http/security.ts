/**
 * What every answer carries and every request must show before routing: the Host header among
 * the configured names (a page on another site that rebinds its DNS name to 127.0.0.1 cannot
 * talk to a musubi on loopback), and security headers (helmet: a content security policy that
 * allows only this origin, no framing, nosniff, no referrer to other sites).
 */
import type { RequestHandler } from 'express';
import helmet from 'helmet';
import { AppError } from '../domain/errors.ts';

export function hostCheck(allowed: readonly string[]): RequestHandler {
  const any = allowed.includes('*');
  const names = new Set(allowed);
  return (req, _res, next) => {
    if (any) return next();
    const host = (req.headers.host ?? '').toLowerCase();
    // Strip the port: `[::1]:3000` → `[::1]`, `localhost:3000` → `localhost`.
    const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d+$/, '');
    if (names.has(name)) return next();
    next(new AppError('host_not_allowed', `This server does not answer to the host name '${name}'. Add it to ALLOWED_HOSTS if it is yours.`, 421, { host: name }));
  };
}

export function securityHeaders(options: { https: boolean }): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        // Sigma and the panels set element styles from code.
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'worker-src': ["'self'", 'blob:'],
        'connect-src': ["'self'"],
        'frame-ancestors': ["'none'"],
        'form-action': ["'self'"],
        // Over plain HTTP on loopback, upgrading would break every request.
        'upgrade-insecure-requests': options.https ? [] : null,
      },
    },
    strictTransportSecurity: options.https,
    referrerPolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
  });
}

/** Answers about a logged-in user are nobody else's: no cache may keep them. */
export const noStore: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'no-store');
  next();
};
