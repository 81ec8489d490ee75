/**
 * Logging in and out, the current user, API tokens; and, for admins, users and the audit log.
 */
import { Router, type Response } from 'express';
import type { AuditResponse, SessionResponse, TokenCreatedResponse, TokenListResponse, UserListResponse, User } from '../../contract/api.ts';
import { badRequest, notFound } from '../../domain/errors.ts';
import type { AuthService } from '../../services/auth-service.ts';
import { authOf, requireAction, requireUser, SESSION_COOKIE, userOf } from '../authenticate.ts';
import { loginLimits } from '../rate-limits.ts';
import { noStore } from '../security.ts';
import { intParam, stringParam } from '../query-params.ts';

/** What Cypher's datetime() reads: a date, or a date and time with an optional zone. */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

export function authRoutes(auth: AuthService, options: { cookieSecure: boolean }): Router {
  const router = Router();
  router.use(['/auth', '/users', '/audit'], noStore);

  const session = (res: Response): SessionResponse => {
    const a = authOf(res);
    return { user: a?.user ?? null, csrfToken: a?.via === 'session' ? (a.csrf ?? null) : null };
  };

  router.get('/auth/me', (_req, res) => {
    res.json(session(res) satisfies SessionResponse);
  });

  /** JSON `{ username, password }`; sets the session cookie. */
  router.post('/auth/login', ...loginLimits(), async (req, res) => {
    if (!req.is('application/json')) throw badRequest("Send JSON (Content-Type: application/json) with the fields 'username' and 'password'.");
    const body = (req.body ?? {}) as { username?: unknown; password?: unknown };
    const login = await auth.login(body.username, body.password);
    res.cookie(SESSION_COOKIE, login.sessionSecret, {
      httpOnly: true,
      sameSite: 'lax',
      secure: options.cookieSecure,
      path: '/',
      expires: new Date(login.expiresAt),
    });
    res.json({ user: login.user, csrfToken: login.csrf } satisfies SessionResponse);
  });

  router.post('/auth/logout', async (req, res) => {
    const cookie = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    if (cookie) await auth.logout(cookie);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.json({ user: null, csrfToken: null } satisfies SessionResponse);
  });

  router.get('/auth/tokens', requireUser, async (_req, res) => {
    res.json({ tokens: await auth.listTokens(userOf(res)!) } satisfies TokenListResponse);
  });

  /** JSON `{ name }`: a new API token for the logged-in user, its secret shown this once. */
  router.post('/auth/tokens', requireUser, async (req, res) => {
    const user = userOf(res)!;
    const created = await auth.createToken(user, (req.body as { name?: unknown } | undefined)?.name);
    await auth.audit(user, 'token.create', created.id, null, { name: created.name });
    res.status(201).json(created satisfies TokenCreatedResponse);
  });

  router.delete('/auth/tokens/:id', requireUser, async (req, res) => {
    const user = userOf(res)!;
    const id = String(req.params.id);
    if (!(await auth.revokeToken(user, id))) throw notFound('API token of yours', id);
    await auth.audit(user, 'token.revoke', id, null, null);
    res.status(204).end();
  });

  router.get('/users', requireAction('manage-users'), async (_req, res) => {
    res.json({ users: await auth.listUsers() } satisfies UserListResponse);
  });

  /** JSON `{ username, password, role, actorId?, displayName? }` (admins). */
  router.post('/users', requireAction('manage-users'), async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const user: User = await auth.addUser({ username: body.username, password: body.password, role: body.role, actorId: body.actorId, displayName: body.displayName });
    await auth.audit(userOf(res), 'user.create', user.id, null, user);
    res.status(201).json(user);
  });

  /** `?username=&action=&from=&to=&limit=` (admins): the audit log, newest first. */
  router.get('/audit', requireAction('read-audit'), async (req, res) => {
    const from = stringParam(req, 'from');
    const to = stringParam(req, 'to');
    for (const [name, value] of [['from', from], ['to', to]] as const) {
      if (value !== undefined && (!ISO_DATE.test(value) || Number.isNaN(Date.parse(value)))) throw badRequest(`Parameter '${name}': a date like 2026-11-29 or 2026-11-29T10:00:00Z.`, { parameter: name });
    }
    const entries = await auth.listAudit({
      username: stringParam(req, 'username'),
      action: stringParam(req, 'action'),
      from,
      to,
      limit: intParam(req, 'limit', { min: 1, max: 1000, fallback: 200 }),
    });
    res.json({ entries } satisfies AuditResponse);
  });

  return router;
}
