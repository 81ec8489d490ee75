/**
 * The schema, created idempotently at start: uniqueness of ids, the indexes the queries use, and a
 * full-text index over English and Japanese names (the CJK analyzer indexes Japanese as bigrams
 * and Latin text as words). Its statements are built by pure functions, tested without a
 * database (tests/unit/store-schema.test.ts).
 */
import type { Neo4jClient } from './neo4j-client.ts';
import type { Query } from './query.ts';
import { PREFECTURES } from '../domain/reference/prefectures.ts';

export const ACTOR_NAME_INDEX = 'actor_names';

/** How long the start waits for the indexes to come online, in seconds. */
const INDEX_WAIT_S = 300;

/** The constraints and indexes, one statement each, every one a no-op when it exists already. */
export function schemaQueries(): Query[] {
  return [
    'CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (a:Actor) REQUIRE a.id IS UNIQUE',
    'CREATE CONSTRAINT cluster_id IF NOT EXISTS FOR (c:Cluster) REQUIRE c.id IS UNIQUE',
    'CREATE CONSTRAINT prefecture_id IF NOT EXISTS FOR (p:Prefecture) REQUIRE p.id IS UNIQUE',
    'CREATE CONSTRAINT field_id IF NOT EXISTS FOR (f:Field) REQUIRE f.id IS UNIQUE',
    'CREATE CONSTRAINT facility_id IF NOT EXISTS FOR (f:Facility) REQUIRE f.id IS UNIQUE',
    'CREATE CONSTRAINT user_id IF NOT EXISTS FOR (u:User) REQUIRE u.id IS UNIQUE',
    'CREATE CONSTRAINT user_username IF NOT EXISTS FOR (u:User) REQUIRE u.username IS UNIQUE',
    'CREATE CONSTRAINT session_id IF NOT EXISTS FOR (s:Session) REQUIRE s.id IS UNIQUE',
    'CREATE CONSTRAINT token_id IF NOT EXISTS FOR (t:ApiToken) REQUIRE t.id IS UNIQUE',
    'CREATE CONSTRAINT token_hash IF NOT EXISTS FOR (t:ApiToken) REQUIRE t.hash IS UNIQUE',
    'CREATE CONSTRAINT audit_id IF NOT EXISTS FOR (e:AuditEntry) REQUIRE e.id IS UNIQUE',
    'CREATE INDEX audit_at IF NOT EXISTS FOR (e:AuditEntry) ON (e.at)',
    'CREATE CONSTRAINT introduction_id IF NOT EXISTS FOR (i:Introduction) REQUIRE i.id IS UNIQUE',
    'CREATE INDEX introduction_asker IF NOT EXISTS FOR (i:Introduction) ON (i.askerId)',
    'CREATE INDEX introduction_target IF NOT EXISTS FOR (i:Introduction) ON (i.targetId)',
    'CREATE CONSTRAINT notification_id IF NOT EXISTS FOR (n:Notification) REQUIRE n.id IS UNIQUE',
    'CREATE INDEX notification_user IF NOT EXISTS FOR (n:Notification) ON (n.userId)',
    'CREATE CONSTRAINT event_id IF NOT EXISTS FOR (e:MatchingEvent) REQUIRE e.id IS UNIQUE',
    'CREATE CONSTRAINT event_participant_key IF NOT EXISTS FOR (p:EventParticipant) REQUIRE p.key IS UNIQUE',
    'CREATE CONSTRAINT event_meeting_id IF NOT EXISTS FOR (m:EventMeeting) REQUIRE m.id IS UNIQUE',
    'CREATE INDEX event_meeting_event IF NOT EXISTS FOR (m:EventMeeting) ON (m.eventId)',
    'CREATE INDEX event_participant_event IF NOT EXISTS FOR (p:EventParticipant) ON (p.eventId)',
    'CREATE INDEX actor_type IF NOT EXISTS FOR (a:Actor) ON (a.type)',
    'CREATE INDEX actor_prefecture IF NOT EXISTS FOR (a:Actor) ON (a.prefecture)',
    'CREATE INDEX actor_name IF NOT EXISTS FOR (a:Actor) ON (a.name)',
    `CREATE FULLTEXT INDEX ${ACTOR_NAME_INDEX} IF NOT EXISTS FOR (a:Actor) ON EACH [a.name, a.name_ja]
     OPTIONS { indexConfig: { \`fulltext.analyzer\`: 'cjk', \`fulltext.eventually_consistent\`: false } }`,
  ].map((cypher) => ({ cypher, params: {} }));
}

/** The 47 prefectures are reference data: present in every database musubi uses. */
export function prefecturesQuery(): Query {
  return {
    cypher: `UNWIND $prefectures AS p
      MERGE (n:Prefecture {id: p.id})
      SET n.name = p.id, n.name_ja = p.name_ja, n.code = p.code, n.region = p.region, n.lat = p.lat, n.lon = p.lon`,
    params: {
      prefectures: PREFECTURES.map((p) => ({ id: p.id, name_ja: p.name_ja, code: p.code, region: p.region, lat: p.lat, lon: p.lon })),
    },
  };
}

/** Waits until every index is online, so that the first queries find them. */
export function awaitIndexesQuery(): Query {
  return { cypher: `CALL db.awaitIndexes(${INDEX_WAIT_S})`, params: {} };
}

export async function ensureSchema(client: Neo4jClient): Promise<void> {
  for (const q of [...schemaQueries(), prefecturesQuery()]) await client.write((tx) => tx.run(q.cypher, q.params));
  const wait = awaitIndexesQuery();
  await client.read((tx) => tx.run(wait.cypher, wait.params));
}
