/**
 * Users, their sessions and their API tokens, as Cypher with parameters. A session or a token is
 * stored only as the SHA-256 of its secret (the secret itself is shown once and never kept), with
 * the user's id; an expired session is never returned. Pure: tested without a database
 * (tests/unit/store-user-queries.test.ts).
 */
import type { Query } from './query.ts';

/** The columns of one user, never its password hash. */
const USER = 'u { .id, .username, .role, .actorId, .displayName } AS user';

export interface NewUser {
  id: string;
  username: string;
  role: string;
  passwordHash: string;
  actorId?: string;
  displayName?: string;
}

/** Creates a user; fails on the username's uniqueness constraint if it is taken. */
export function createUserQuery(user: NewUser): Query {
  return {
    cypher: `CREATE (u:User {id: $id, username: $username, role: $role, passwordHash: $passwordHash, actorId: $actorId, displayName: $displayName, createdAt: datetime()}) RETURN ${USER}`,
    params: { ...user, actorId: user.actorId ?? null, displayName: user.displayName ?? null },
  };
}

/** A user with its password hash, by user name: for logging in. */
export function userForLoginQuery(username: string): Query {
  return { cypher: `MATCH (u:User {username: $username}) RETURN ${USER}, u.passwordHash AS passwordHash`, params: { username } };
}

export function userByIdQuery(id: string): Query {
  return { cypher: `MATCH (u:User {id: $id}) RETURN ${USER}`, params: { id } };
}

export function listUsersQuery(): Query {
  return { cypher: `MATCH (u:User) RETURN ${USER} ORDER BY u.username`, params: {} };
}

export function setPasswordQuery(id: string, passwordHash: string): Query {
  return { cypher: `MATCH (u:User {id: $id}) SET u.passwordHash = $passwordHash RETURN ${USER}`, params: { id, passwordHash } };
}

export function countUsersQuery(): Query {
  return { cypher: 'MATCH (u:User) RETURN count(u) AS n', params: {} };
}

/** A new session: `id` is the SHA-256 of the cookie's secret; `expiresAt` in ms since the epoch. */
export function createSessionQuery(session: { id: string; userId: string; csrf: string; expiresAt: number }): Query {
  return {
    cypher: 'CREATE (s:Session {id: $id, userId: $userId, csrf: $csrf, createdAt: datetime(), expiresAt: datetime({epochMillis: $expiresAt})})',
    params: session,
  };
}

/** The user of a live session (none for an expired one, or one whose user is gone), with its CSRF token. */
export function sessionUserQuery(id: string): Query {
  return {
    cypher: `MATCH (s:Session {id: $id}) WHERE s.expiresAt > datetime() MATCH (u:User {id: s.userId}) RETURN ${USER}, s.csrf AS csrf`,
    params: { id },
  };
}

export function deleteSessionQuery(id: string): Query {
  return { cypher: 'MATCH (s:Session {id: $id}) DELETE s', params: { id } };
}

/** Removes sessions past their end (run at start and now and then). */
export function deleteExpiredSessionsQuery(): Query {
  return { cypher: 'MATCH (s:Session) WHERE s.expiresAt <= datetime() DELETE s', params: {} };
}

/** A new API token: `hash` is the SHA-256 of its secret; `id` is public (for listing and revoking). */
export function createTokenQuery(token: { id: string; hash: string; userId: string; name: string }): Query {
  return {
    cypher: 'CREATE (t:ApiToken {id: $id, hash: $hash, userId: $userId, name: $name, createdAt: datetime()}) RETURN t.id AS id, t.name AS name, toString(t.createdAt) AS createdAt',
    params: token,
  };
}

/** The user of a token, by the token's hash. */
export function tokenUserQuery(hash: string): Query {
  return { cypher: `MATCH (t:ApiToken {hash: $hash}) MATCH (u:User {id: t.userId}) RETURN ${USER}, t.id AS tokenId`, params: { hash } };
}

/** A user's tokens, newest first, without their hashes. */
export function listTokensQuery(userId: string): Query {
  return {
    cypher: 'MATCH (t:ApiToken {userId: $userId}) RETURN t.id AS id, t.name AS name, toString(t.createdAt) AS createdAt ORDER BY t.createdAt DESC',
    params: { userId },
  };
}

/** Revokes one of the user's own tokens; returns how many went (0 or 1). */
export function deleteTokenQuery(userId: string, id: string): Query {
  return { cypher: 'MATCH (t:ApiToken {id: $id, userId: $userId}) DELETE t RETURN count(*) AS n', params: { userId, id } };
}
