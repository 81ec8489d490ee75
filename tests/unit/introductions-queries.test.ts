import { describe, expect, it } from 'vitest';
import * as q from '../../server/store/introduction-queries.ts';
import { loadConfig } from '../../server/config.ts';

const HOSTILE = "x'}) DETACH DELETE n //";

const stored = (v: string): q.StoredIntroduction => ({
  id: v,
  status: 'requested',
  askerId: v,
  targetId: v,
  viaIds: [v],
  askerType: v,
  targetType: v,
  message: v,
  requestedById: v,
  requestedByName: v,
  createdAt: v,
  updatedAt: v,
  tieKind: v,
  history: v,
  approvedAt: v,
  answeredAt: v,
});

describe('introduction and notification queries', () => {
  it('carry every value as a parameter, never in the text', () => {
    const queries = [
      q.createIntroductionQuery(stored(HOSTILE)),
      q.updateIntroductionQuery(stored(HOSTILE), 'requested'),
      q.introductionByIdQuery(HOSTILE),
      q.introductionsByIdsQuery([HOSTILE]),
      q.listIntroductionsQuery({ party: HOSTILE }),
      q.pairIntroductionsQuery(HOSTILE, HOSTILE),
      q.declinedSinceQuery(HOSTILE),
      q.notifyQuery({ introductionId: HOSTILE, status: 'approved', at: HOSTILE, roles: [HOSTILE], actorIds: [HOSTILE], exceptUserId: HOSTILE }),
      q.notificationsQuery(HOSTILE, 10),
      q.markReadQuery(HOSTILE, [HOSTILE]),
    ];
    for (const query of queries) {
      expect(query.cypher).not.toContain(HOSTILE);
      expect(JSON.stringify(Object.values(query.params))).toContain(JSON.stringify(HOSTILE).slice(1, -1));
    }
  });

  it('write a step only from the status the request was read in', () => {
    const update = q.updateIntroductionQuery(stored('a'), 'approved');
    expect(update.cypher).toMatch(/^MATCH \(i:Introduction \{id: \$id\}\) WHERE i\.status = \$expected\s+SET/);
    expect(update.params.expected).toBe('approved');
    // The asked-for fields never change after the request: a step sets status, history and times only.
    expect(update.cypher).not.toMatch(/i\.(askerId|targetId|message|requestedById) =/);
  });

  it('show a member the requests of its actor: as asker always, as target once approved', () => {
    expect(q.listIntroductionsQuery({}).cypher).not.toContain('WHERE');
    const member = q.listIntroductionsQuery({ party: 'ent', statuses: ['approved'] });
    expect(member.cypher).toContain('(i.askerId = $party OR (i.targetId = $party AND i.approvedAt IS NOT NULL)) AND i.status IN $statuses');
    expect(member.cypher).toContain('ORDER BY i.createdAt DESC');
    expect(member.params).toEqual({ party: 'ent', statuses: ['approved'] });
  });

  it('notify every user involved except the one who took the step, and mark read only the user’s own', () => {
    const notify = q.notifyQuery({ introductionId: 'i', status: 'approved', at: 't', roles: ['admin', 'coordinator'], actorIds: ['a', 'b'], exceptUserId: 'me' });
    expect(notify.cypher).toContain("(u.role IN $roles OR (u.role = 'member' AND u.actorId IN $actorIds)) AND u.id <> $exceptUserId");
    expect(notify.cypher).toContain('CREATE (n:Notification {id: randomUUID(), userId: u.id');
    const all = q.markReadQuery('me', null);
    expect(all.cypher).toMatch(/^MATCH \(n:Notification \{userId: \$userId\}\) WHERE NOT n\.read AND \(\$ids IS NULL OR n\.id IN \$ids\)/);
    expect(all.params).toEqual({ userId: 'me', ids: null });
    expect(q.notificationsQuery('me', 20).cypher).toContain('MATCH (n:Notification {userId: $userId})');
  });

  it('find the recent refusals by when the target answered', () => {
    const declined = q.declinedSinceQuery('2026-01-01T00:00:00.000Z');
    expect(declined.cypher).toContain("MATCH (i:Introduction {status: 'declined'}) WHERE i.answeredAt >= datetime($since)");
  });
});

describe('the decline period setting', () => {
  it('is 180 days unless INTRODUCTION_DECLINE_DAYS says otherwise, and a bad value names the setting', () => {
    expect(loadConfig({}, false).introductions.declineDays).toBe(180);
    expect(loadConfig({ INTRODUCTION_DECLINE_DAYS: '30' }, false).introductions.declineDays).toBe(30);
    expect(loadConfig({ INTRODUCTION_DECLINE_DAYS: '0' }, false).introductions.declineDays).toBe(0);
    expect(() => loadConfig({ INTRODUCTION_DECLINE_DAYS: 'half a year' }, false)).toThrow(/INTRODUCTION_DECLINE_DAYS/);
    expect(() => loadConfig({ INTRODUCTION_DECLINE_DAYS: '-1' }, false)).toThrow(/INTRODUCTION_DECLINE_DAYS/);
  });
});
