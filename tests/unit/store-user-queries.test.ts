import { describe, expect, it } from 'vitest';
import * as q from '../../server/store/user-queries.ts';
import { appendAuditQuery, listAuditQuery } from '../../server/store/audit-queries.ts';
import { allows, rolesFor } from '../../server/domain/auth/roles.ts';
import { checkPassword, checkRole, checkUsername } from '../../server/domain/auth/credentials.ts';
import { allowedHosts } from '../../server/config.ts';

const HOSTILE = "x'}) DETACH DELETE n //";

describe('user, session and token queries', () => {
  it('carry every value as a parameter, never in the text', () => {
    const queries = [
      q.createUserQuery({ id: HOSTILE, username: HOSTILE, role: HOSTILE, passwordHash: HOSTILE, actorId: HOSTILE, displayName: HOSTILE }),
      q.userForLoginQuery(HOSTILE),
      q.userByIdQuery(HOSTILE),
      q.setPasswordQuery(HOSTILE, HOSTILE),
      q.createSessionQuery({ id: HOSTILE, userId: HOSTILE, csrf: HOSTILE, expiresAt: 1 }),
      q.sessionUserQuery(HOSTILE),
      q.deleteSessionQuery(HOSTILE),
      q.createTokenQuery({ id: HOSTILE, hash: HOSTILE, userId: HOSTILE, name: HOSTILE }),
      q.tokenUserQuery(HOSTILE),
      q.listTokensQuery(HOSTILE),
      q.deleteTokenQuery(HOSTILE, HOSTILE),
      appendAuditQuery({ id: HOSTILE, userId: HOSTILE, username: HOSTILE, action: HOSTILE, target: HOSTILE, before: HOSTILE, after: HOSTILE }),
      listAuditQuery({ username: HOSTILE, action: HOSTILE, from: HOSTILE, to: HOSTILE, limit: 5 }),
    ];
    for (const query of queries) {
      expect(query.cypher).not.toContain(HOSTILE);
      expect(Object.values(query.params)).toContain(HOSTILE);
    }
  });

  it('never return a password hash except to the login, and no expired session', () => {
    for (const query of [q.userByIdQuery('a'), q.listUsersQuery(), q.sessionUserQuery('a'), q.tokenUserQuery('a'), q.createUserQuery({ id: 'a', username: 'b', role: 'admin', passwordHash: 'h' })]) {
      expect(query.cypher).not.toMatch(/RETURN[^]*passwordHash/);
    }
    expect(q.userForLoginQuery('a').cypher).toContain('u.passwordHash AS passwordHash');
    expect(q.sessionUserQuery('a').cypher).toContain('s.expiresAt > datetime()');
  });

  it('filter the audit log only by what is given, newest first; no query changes an entry', () => {
    expect(listAuditQuery({ limit: 10 }).cypher).not.toContain('WHERE');
    const filtered = listAuditQuery({ action: 'import', from: '2026-01-01', limit: 10 }).cypher;
    expect(filtered).toContain('WHERE e.action = $action AND e.at >= datetime($from)');
    expect(filtered).toContain('ORDER BY e.at DESC LIMIT $limit');
    expect(appendAuditQuery({ id: 'a', userId: null, username: null, action: 'x', target: null, before: null, after: null }).cypher).toMatch(/^CREATE \(e:AuditEntry/);
  });
});

describe('roles and credentials', () => {
  it('let coordinators and admins import, admins alone manage users, the public viewer nothing', () => {
    const user = (role: 'admin' | 'coordinator' | 'member') => ({ id: '1', username: 'u', role });
    expect(allows(undefined, 'import')).toBe(false);
    expect(allows(user('member'), 'import')).toBe(false);
    expect(allows(user('coordinator'), 'import')).toBe(true);
    expect(allows(user('coordinator'), 'manage-users')).toBe(false);
    expect(allows(user('admin'), 'manage-users')).toBe(true);
    expect(rolesFor('import')).toEqual(['admin', 'coordinator']);
  });

  it('name the field that is wrong', () => {
    expect(checkUsername('Alice@Example.jp')).toBe('alice@example.jp');
    expect(() => checkUsername('a b')).toThrow(/Field 'username'/);
    expect(() => checkPassword('short')).toThrow(/Field 'password': a password of 10/);
    expect(() => checkPassword('x'.repeat(257))).toThrow(/Field 'password'/);
    expect(() => checkRole('root')).toThrow(/Field 'role': one of admin, coordinator, member/);
  });

  it('answer to loopback names and HOST, plus ALLOWED_HOSTS', () => {
    expect(allowedHosts('', '0.0.0.0')).toEqual(['localhost', '127.0.0.1', '[::1]', '::1']);
    expect(allowedHosts('musubi.example.jp, Other.Example', 'musubi.lan')).toEqual(['localhost', '127.0.0.1', '[::1]', '::1', 'musubi.lan', 'musubi.example.jp', 'other.example']);
  });
});
