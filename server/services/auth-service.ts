/**
 * Accounts: users with argon2id password hashes, cookie sessions that live in Neo4j (so they
 * survive a restart and end at logout), API tokens for scripts, and the audit log of the writes
 * users make here. A session's or token's secret is given to its holder once and kept only as a
 * SHA-256 hash: a copy of the database lets no one log in. Lookups are remembered for a few seconds,
 * so that a logged-in user's requests do not each ask the database who they are.
 */
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import argon2 from 'argon2';
import { checkPassword, checkRole, checkUsername } from '../domain/auth/credentials.ts';
import type { Role, User } from '../domain/auth/roles.ts';
import { AppError, badRequest, unauthorized } from '../domain/errors.ts';
import type { AuditEntry } from '../contract/api.ts';
import { readActor } from '../store/actor-store.ts';
import { appendAudit, listAudit, type AuditFilter } from '../store/audit-store.ts';
import type { Neo4jClient } from '../store/neo4j-client.ts';
import * as users from '../store/user-store.ts';

/** How long a remembered session or token lookup is trusted (a revoked token stops within this). */
const REMEMBER_MS = 10_000;
const REMEMBER_MAX = 2_000;

export interface Authenticated {
  user: User;
  /** How the request proved who it is: a cookie session (writes need its CSRF token) or an API token. */
  via: 'session' | 'token';
  /** The session's CSRF token. */
  csrf?: string;
}

export interface NewUserInput {
  username: unknown;
  password: unknown;
  role: unknown;
  actorId?: unknown;
  displayName?: unknown;
}

const sha256 = (secret: string) => createHash('sha256').update(secret).digest('hex');
const secret = (bytes = 32) => randomBytes(bytes).toString('base64url');

/** Compares two secrets in constant time. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function authService(client: Neo4jClient, options: { sessionDays: number }) {
  const remembered = new Map<string, { at: number; value: Authenticated | undefined }>();
  // A hash to verify against when the user name is unknown, so that the answer takes as long
  // as for a wrong password and does not tell which user names exist.
  const dummyHash = argon2.hash(secret());

  function remember(key: string, value: Authenticated | undefined): void {
    if (remembered.size >= REMEMBER_MAX) remembered.delete(remembered.keys().next().value as string);
    remembered.set(key, { at: Date.now(), value });
  }

  async function lookup(key: string, find: () => Promise<Authenticated | undefined>): Promise<Authenticated | undefined> {
    const hit = remembered.get(key);
    if (hit && Date.now() - hit.at < REMEMBER_MS) return hit.value;
    const value = await find();
    remember(key, value);
    return value;
  }

  async function addUser(input: NewUserInput): Promise<User> {
    const username = checkUsername(input.username);
    const password = checkPassword(input.password);
    const role: Role = checkRole(input.role);
    const displayName = input.displayName === undefined || input.displayName === '' ? undefined : String(input.displayName).slice(0, 200);
    let actorId: string | undefined;
    if (role === 'member') {
      if (typeof input.actorId !== 'string' || input.actorId === '') {
        throw badRequest("Field 'actorId': a member belongs to one actor; give its id.", { field: 'actorId' });
      }
      if (!(await readActor(client, input.actorId))) throw badRequest(`Field 'actorId': no actor with id '${input.actorId}'.`, { field: 'actorId' });
      actorId = input.actorId;
    } else if (input.actorId !== undefined && input.actorId !== '') {
      throw badRequest(`Field 'actorId': only members belong to an actor, not a ${role}.`, { field: 'actorId' });
    }
    try {
      return await users.createUser(client, { id: randomUUID(), username, role, actorId, displayName, passwordHash: await argon2.hash(password) });
    } catch (err) {
      if (err instanceof AppError && err.code === 'conflict') throw new AppError('conflict', `Field 'username': '${username}' is taken.`, 409, { field: 'username' });
      throw err;
    }
  }

  return {
    addUser,

    /** Users exist already with this name (the demonstration's users are created once). */
    async hasUser(username: string): Promise<boolean> {
      return (await users.userForLogin(client, username.toLowerCase())) !== undefined;
    },

    async countUsers(): Promise<number> {
      return users.countUsers(client);
    },

    listUsers: () => users.listUsers(client),

    async setPassword(username: string, password: unknown): Promise<User> {
      const found = await users.userForLogin(client, checkUsername(username));
      if (!found) throw badRequest(`No user '${username}'.`, { field: 'username' });
      const updated = await users.setPassword(client, found.user.id, await argon2.hash(checkPassword(password)));
      return updated ?? found.user;
    },

    /** Checks a user name and password; a new session (its secret for the cookie) or a 401. */
    async login(usernameInput: unknown, password: unknown): Promise<{ user: User; sessionSecret: string; csrf: string; expiresAt: number }> {
      if (typeof usernameInput !== 'string' || typeof password !== 'string' || password.length > 1024) {
        throw badRequest("Send JSON with the fields 'username' and 'password'.", { fields: ['username', 'password'] });
      }
      const found = await users.userForLogin(client, usernameInput.toLowerCase());
      const ok = found ? await argon2.verify(found.passwordHash, password) : (await argon2.verify(await dummyHash, password), false);
      if (!found || !ok) throw unauthorized('Wrong user name or password.');
      const sessionSecret = secret();
      const csrf = secret(24);
      const expiresAt = Date.now() + options.sessionDays * 86_400_000;
      await users.createSession(client, { id: sha256(sessionSecret), userId: found.user.id, csrf, expiresAt });
      return { user: found.user, sessionSecret, csrf, expiresAt };
    },

    async logout(sessionSecret: string): Promise<void> {
      const id = sha256(sessionSecret);
      remembered.delete(`s:${id}`);
      await users.deleteSession(client, id);
    },

    /** The session of a cookie's secret, if it is live. */
    session(sessionSecret: string): Promise<Authenticated | undefined> {
      const id = sha256(sessionSecret);
      return lookup(`s:${id}`, async () => {
        const found = await users.sessionUser(client, id);
        return found && { user: found.user, via: 'session', csrf: found.csrf };
      });
    },

    /** The user of an API token's secret, if the token exists. */
    token(tokenSecret: string): Promise<Authenticated | undefined> {
      const hash = sha256(tokenSecret);
      return lookup(`t:${hash}`, async () => {
        const user = await users.tokenUser(client, hash);
        return user && { user, via: 'token' };
      });
    },

    async createToken(user: User, name: unknown): Promise<{ id: string; name: string; createdAt: string; token: string }> {
      // Control characters (NUL) and lone surrogates are refused: the name is shown in lists and the audit log.
      if (typeof name !== 'string' || name.trim() === '' || name.length > 100 || /[\u0000-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(name)) {
        throw badRequest("Field 'name': what the token is for, 1 to 100 characters, without control characters.", { field: 'name' });
      }
      // A recognisable prefix lets secret scanners find a token pasted where it should not be.
      const token = `musubi_${secret()}`;
      const info = await users.createToken(client, { id: randomUUID(), hash: sha256(token), userId: user.id, name: name.trim() });
      return { ...info, token };
    },

    listTokens: (user: User) => users.listTokens(client, user.id),

    async revokeToken(user: User, id: string): Promise<boolean> {
      const gone = await users.deleteToken(client, user.id, id);
      // The token's hash is not known here: forget every remembered token lookup.
      for (const key of remembered.keys()) if (key.startsWith('t:')) remembered.delete(key);
      return gone;
    },

    /** Appends an entry to the audit log (for writes that do not land in a transaction of their own). */
    async audit(by: User | undefined, action: string, target: string | null, before: unknown, after: unknown): Promise<void> {
      await appendAudit(client, {
        id: randomUUID(),
        userId: by?.id ?? null,
        username: by?.username ?? null,
        action,
        target,
        before: before === undefined || before === null ? null : JSON.stringify(before),
        after: after === undefined || after === null ? null : JSON.stringify(after),
      });
    },

    listAudit: (filter: AuditFilter): Promise<AuditEntry[]> => listAudit(client, filter),

    /** Removes sessions past their end. */
    purgeExpired: () => users.deleteExpiredSessions(client),
  };
}

export type AuthService = ReturnType<typeof authService>;
