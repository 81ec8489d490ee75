import { describe, expect, it } from 'vitest';
import { openMeetingBetweenQuery, putParticipantQuery, updateMeetingQuery, writeScheduleQuery } from '../../server/store/event-queries.ts';

describe('event queries (built without a database)', () => {
  it('keys a participant by event and actor, so an actor registers once per event', () => {
    const q = putParticipantQuery({ key: 'e1|a1', eventId: 'e1', actorId: 'a1', availability: '[]', offers: [], seeks: [], registeredAt: 't', registeredBy: 'u' });
    expect(q.cypher).toMatch(/^MERGE \(p:EventParticipant \{key: \$key\}\)/);
    expect(q.params.key).toBe('e1|a1');
  });

  it('looks up one pair’s open meeting either way round, not every meeting of the event', () => {
    const q = openMeetingBetweenQuery('e1', 'a', 'b');
    expect(q.params).toEqual({ eventId: 'e1', a: 'a', b: 'b' });
    expect(q.cypher).toContain("m.status IN ['requested', 'accepted']");
    expect(q.cypher).toContain('(m.requesterId = $a AND m.targetId = $b) OR (m.requesterId = $b AND m.targetId = $a)');
    expect(q.cypher).toMatch(/LIMIT 1$/);
  });

  it('changes a meeting only from the status it was read in', () => {
    const q = updateMeetingQuery(
      { id: 'm1', eventId: 'e1', status: 'accepted', requesterId: 'a', targetId: 'b', proposedBy: 'participant', score: 0, message: null, slot: 2, table: 1, pinned: true, outcome: null, createdAt: 't', updatedAt: 't' },
      'requested',
    );
    expect(q.cypher).toContain('WHERE m.status = $expected');
    expect(q.params).toMatchObject({ expected: 'requested', status: 'accepted', slot: 2, table: 1, pinned: true });
  });

  it('writes a whole schedule in one statement, accepted meetings of the event only', () => {
    const q = writeScheduleQuery('e1', [{ id: 'm1', slot: 0, table: 1 }, { id: 'm2', slot: null, table: null }], '{}', 't');
    expect(q.cypher).toContain('UNWIND $places AS place');
    expect(q.cypher).toContain("m.status = 'accepted'");
    expect(q.cypher).toContain('eventId: e.id');
    expect(q.params.places).toHaveLength(2);
  });
});
