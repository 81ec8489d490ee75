import { describe, expect, it } from 'vitest';
import { PREFECTURES } from '../../server/domain/reference/prefectures.ts';
import { actorSearchQuery } from '../../server/store/actor-search-query.ts';
import { ACTOR_NAME_INDEX, awaitIndexesQuery, prefecturesQuery, schemaQueries } from '../../server/store/schema.ts';

describe('the schema (built without a database)', () => {
  const statements = schemaQueries().map((q) => q.cypher);

  it('creates nothing twice: every statement is a no-op when its constraint or index exists', () => {
    for (const q of schemaQueries()) {
      expect(q.cypher).toMatch(/^CREATE (CONSTRAINT|INDEX|FULLTEXT INDEX) \w+ IF NOT EXISTS /);
      expect(q.params).toEqual({});
    }
  });

  it('makes the id unique for every label the store merges or looks up by id', () => {
    const unique = statements.flatMap((s) => /FOR \(\w:(\w+)\) REQUIRE \w\.id IS UNIQUE$/.exec(s)?.[1] ?? []);
    expect(unique.sort()).toEqual(['Actor', 'ApiToken', 'AuditEntry', 'Cluster', 'EventMeeting', 'Facility', 'Field', 'Introduction', 'MatchingEvent', 'Notification', 'Prefecture', 'Session', 'User']);
    // Logging in finds a user by name, a token by its hash: both unique too.
    expect(statements).toContain('CREATE CONSTRAINT user_username IF NOT EXISTS FOR (u:User) REQUIRE u.username IS UNIQUE');
    expect(statements).toContain('CREATE CONSTRAINT token_hash IF NOT EXISTS FOR (t:ApiToken) REQUIRE t.hash IS UNIQUE');
    // An actor registers once per event: its participant node is keyed by event and actor.
    expect(statements).toContain('CREATE CONSTRAINT event_participant_key IF NOT EXISTS FOR (p:EventParticipant) REQUIRE p.key IS UNIQUE');
  });

  it('indexes actor names for the full-text search with the CJK analyzer, under the name the search queries', () => {
    const fulltext = statements.find((s) => s.startsWith('CREATE FULLTEXT INDEX'))!;
    expect(fulltext).toContain(`${ACTOR_NAME_INDEX} IF NOT EXISTS FOR (a:Actor) ON EACH [a.name, a.name_ja]`);
    expect(fulltext).toContain("`fulltext.analyzer`: 'cjk'");
    expect(actorSearchQuery({ q: '精密', limit: 10 }).cypher).toContain(`queryNodes('${ACTOR_NAME_INDEX}', $lucene)`);
  });

  it('merges the 47 prefectures by id from one parameter', () => {
    const q = prefecturesQuery();
    expect(q.cypher).toMatch(/^UNWIND \$prefectures AS p\s+MERGE \(n:Prefecture \{id: p\.id\}\)/);
    const rows = q.params.prefectures as { id: string }[];
    expect(rows).toHaveLength(47);
    expect(rows.map((p) => p.id)).toEqual(PREFECTURES.map((p) => p.id));
    for (const p of PREFECTURES) expect(q.cypher).not.toContain(p.name_ja);
  });

  it('waits for the indexes to come online before the first query', () => {
    expect(awaitIndexesQuery().cypher).toMatch(/^CALL db\.awaitIndexes\(\d+\)$/);
  });
});
