/**
 * Users, sessions and API tokens in Neo4j (the queries: user-queries.ts). What leaves here never
 * carries a password hash except `userForLogin`, which the login alone uses.
 */
import type { User } from '../domain/auth/roles.ts';
import { neo4jInt, type Neo4jClient } from './neo4j-client.ts';
import type { Query } from './query.ts';
import * as q from './user-queries.ts';

export type { NewUser } from './user-queries.ts';

export interface TokenInfo {
  id: string;
  name: string;
  createdAt: string;
}

const read = (client: Neo4jClient, query: Query) => client.read((tx) => tx.run(query.cypher, query.params));
const write = (client: Neo4jClient, query: Query) => client.write((tx) => tx.run(query.cypher, query.params));

/** A user record as stored, without the properties that are null (no actor, no display name). */
function toUser(raw: Record<string, unknown>): User {
  const user: User = { id: raw.id as string, username: raw.username as string, role: raw.role as User['role'] };
  if (raw.actorId != null) user.actorId = raw.actorId as string;
  if (raw.displayName != null) user.displayName = raw.displayName as string;
  return user;
}

export async function createUser(client: Neo4jClient, user: q.NewUser): Promise<User> {
  const res = await write(client, q.createUserQuery(user));
  return toUser(res.records[0].get('user'));
}

export async function userForLogin(client: Neo4jClient, username: string): Promise<{ user: User; passwordHash: string } | undefined> {
  const res = await read(client, q.userForLoginQuery(username));
  const r = res.records[0];
  return r && { user: toUser(r.get('user')), passwordHash: r.get('passwordHash') as string };
}

export async function userById(client: Neo4jClient, id: string): Promise<User | undefined> {
  const r = (await read(client, q.userByIdQuery(id))).records[0];
  return r && toUser(r.get('user'));
}

export async function listUsers(client: Neo4jClient): Promise<User[]> {
  return (await read(client, q.listUsersQuery())).records.map((r) => toUser(r.get('user')));
}

export async function setPassword(client: Neo4jClient, id: string, passwordHash: string): Promise<User | undefined> {
  const r = (await write(client, q.setPasswordQuery(id, passwordHash))).records[0];
  return r && toUser(r.get('user'));
}

export async function countUsers(client: Neo4jClient): Promise<number> {
  return (await read(client, q.countUsersQuery())).records[0].get('n') as number;
}

export async function createSession(client: Neo4jClient, session: { id: string; userId: string; csrf: string; expiresAt: number }): Promise<void> {
  const query = q.createSessionQuery(session);
  // A JavaScript number travels as a float; datetime({epochMillis}) wants an integer.
  await write(client, { ...query, params: { ...query.params, expiresAt: neo4jInt(session.expiresAt) } });
}

export async function sessionUser(client: Neo4jClient, id: string): Promise<{ user: User; csrf: string } | undefined> {
  const r = (await read(client, q.sessionUserQuery(id))).records[0];
  return r && { user: toUser(r.get('user')), csrf: r.get('csrf') as string };
}

export async function deleteSession(client: Neo4jClient, id: string): Promise<void> {
  await write(client, q.deleteSessionQuery(id));
}

export async function deleteExpiredSessions(client: Neo4jClient): Promise<void> {
  await write(client, q.deleteExpiredSessionsQuery());
}

export async function createToken(client: Neo4jClient, token: { id: string; hash: string; userId: string; name: string }): Promise<TokenInfo> {
  const r = (await write(client, q.createTokenQuery(token))).records[0];
  return { id: r.get('id'), name: r.get('name'), createdAt: r.get('createdAt') };
}

export async function tokenUser(client: Neo4jClient, hash: string): Promise<User | undefined> {
  const r = (await read(client, q.tokenUserQuery(hash))).records[0];
  return r && toUser(r.get('user'));
}

export async function listTokens(client: Neo4jClient, userId: string): Promise<TokenInfo[]> {
  return (await read(client, q.listTokensQuery(userId))).records.map((r) => ({ id: r.get('id'), name: r.get('name'), createdAt: r.get('createdAt') }));
}

export async function deleteToken(client: Neo4jClient, userId: string, id: string): Promise<boolean> {
  return ((await write(client, q.deleteTokenQuery(userId, id))).records[0].get('n') as number) > 0;
}
