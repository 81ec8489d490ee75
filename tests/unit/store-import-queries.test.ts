import { describe, expect, it } from 'vitest';
import { ACTOR_TYPES, TIE_KINDS, type ActorType, type TieKind } from '../../server/domain/model.ts';
import {
  createActorsQuery, changeActorTypeQuery, updateActorsQuery, deleteActorsQuery,
  createTiesQuery, updateTiesQuery, deleteTiesQuery,
  LINK_TARGETS, linkQuery, upsertClustersQuery, upsertFacilitiesQuery, upsertFieldsQuery, type Link,
  deleteOrphansQuery,
} from '../../server/store/import-queries.ts';
import type { Query } from '../../server/store/query.ts';

/** A value from a user's file that would change the query if it were spliced into the text. */
const HOSTILE = "x'}) DETACH DELETE n //";

/** Every batch the import writes: the builder with one batch holding the hostile value, and the parameter it must travel in. */
const BATCHES: [name: string, query: Query, param: string][] = [
  ['delete ties', deleteTiesQuery([HOSTILE]), 'refs'],
  ['delete actors', deleteActorsQuery([HOSTILE]), 'ids'],
  ['upsert fields', upsertFieldsQuery([{ id: HOSTILE, name: HOSTILE, name_ja: null }]), 'rows'],
  ['upsert clusters', upsertClustersQuery([{ id: HOSTILE, name: HOSTILE, name_ja: null, region: HOSTILE }]), 'rows'],
  ['upsert facilities', upsertFacilitiesQuery([HOSTILE]), 'ids'],
  ['create actors', createActorsQuery('Enterprise', [{ id: HOSTILE, name: HOSTILE }]), 'rows'],
  ['update actors', updateActorsQuery([{ id: HOSTILE, props: { name: HOSTILE } }]), 'rows'],
  ['change type', changeActorTypeQuery('Enterprise', 'University', [HOSTILE]), 'ids'],
  ['link', linkQuery('OFFERS', [{ a: HOSTILE, to: HOSTILE }]), 'rows'],
  ['create ties', createTiesQuery('SUPPLIES', [{ s: HOSTILE, t: HOSTILE, w: 2, y: null }]), 'rows'],
  ['update ties', updateTiesQuery([{ ref: HOSTILE, w: 2, y: null }]), 'rows'],
];

describe('the writes of an import (built without a database)', () => {
  it.each(BATCHES)('%s: one batch under UNWIND, its values only in the parameter', (_, q, param) => {
    expect(q.cypher).toMatch(new RegExp(`^UNWIND \\$${param} AS \\w+ `));
    expect(q.cypher).not.toContain('DETACH DELETE n');
    expect(Object.keys(q.params)).toEqual([param]);
    expect(JSON.stringify(q.params)).toContain('DETACH DELETE n');
  });

  it('creates actors with the Actor label and their type label, and returns each id with its node handle', () => {
    for (const type of ACTOR_TYPES) {
      expect(createActorsQuery(type, []).cypher).toBe(`UNWIND $rows AS r CREATE (a:Actor:${type}) SET a = r RETURN r.id AS id, elementId(a) AS ref`);
    }
  });

  it('creates ties with their kind as relationship type, from source to target handle, with weight and since', () => {
    for (const kind of TIE_KINDS) {
      expect(createTiesQuery(kind, []).cypher).toMatch(
        new RegExp(`MATCH \\(a\\) WHERE elementId\\(a\\) = r\\.s MATCH \\(b\\) WHERE elementId\\(b\\) = r\\.t\\s+CREATE \\(a\\)-\\[:${kind} \\{weight: r\\.w, since: r\\.y\\}\\]->\\(b\\)$`),
      );
    }
  });

  it('links each kind of supporting node to its own label, by id', () => {
    expect(linkQuery('MEMBER_OF', []).cypher).toContain('MATCH (x:Cluster {id: r.to}) CREATE (a)-[:MEMBER_OF]->(x)');
    expect(linkQuery('LOCATED_IN', []).cypher).toContain('MATCH (x:Prefecture {id: r.to}) CREATE (a)-[:LOCATED_IN]->(x)');
    expect(LINK_TARGETS).toEqual({ OFFERS: 'Field', SEEKS: 'Field', MEMBER_OF: 'Cluster', LOCATED_IN: 'Prefecture', BASED_AT: 'Facility' });
  });

  it('takes labels and relationship types only from the fixed lists: anything else throws', () => {
    expect(() => createActorsQuery('Enterprise) DETACH DELETE n //' as ActorType, [])).toThrow(/not a known actor type/);
    expect(() => changeActorTypeQuery('Enterprise', 'Pirate' as ActorType, [])).toThrow(/not a known actor type/);
    expect(() => createTiesQuery('KNOWS' as TieKind, [])).toThrow(/not a known tie kind/);
    expect(() => linkQuery('FOLLOWS' as Link, [])).toThrow(/not a known link/);
  });

  it('moves a changed actor from its old type label to its new one', () => {
    expect(changeActorTypeQuery('Enterprise', 'University', []).cypher).toMatch(/USING INDEX SEEK a:Actor\(id\) REMOVE a:Enterprise SET a:University$/);
  });

  it('updates actors over their properties and drops their links to supporting nodes, never their ties', () => {
    const { cypher } = updateActorsQuery([]);
    expect(cypher).toContain('MATCH (a:Actor {id: r.id}) USING INDEX SEEK a:Actor(id) SET a += r.props');
    const dropped = /OPTIONAL MATCH \(a\)-\[s:([\w|]+)\]->\(\) DELETE s$/.exec(cypher)![1].split('|');
    expect(dropped).toEqual(Object.keys(LINK_TARGETS));
    for (const kind of TIE_KINDS) expect(dropped).not.toContain(kind);
  });

  it('finds ties to delete or update by their handle', () => {
    expect(deleteTiesQuery([]).cypher).toBe('UNWIND $refs AS ref MATCH (a)-[t]->() WHERE elementId(t) = ref DELETE t RETURN a.id AS source');
    expect(updateTiesQuery([]).cypher).toMatch(/WHERE elementId\(t\) = r\.ref SET t\.weight = r\.w, t\.since = r\.y RETURN a\.id AS source$/);
  });

  it('keeps the names of a stored field or cluster, naming only what it creates', () => {
    expect(upsertFieldsQuery([]).cypher).toContain('MERGE (f:Field {id: r.id}) ON CREATE SET');
    expect(upsertClustersQuery([]).cypher).toContain('MERGE (c:Cluster {id: r.id}) ON CREATE SET');
    expect(upsertFacilitiesQuery([]).cypher).toBe('UNWIND $ids AS id MERGE (:Facility {id: id})');
  });

  it('ends by deleting unlinked clusters, fields and facilities, and counting one more network version', () => {
    expect(deleteOrphansQuery().cypher).toBe('MATCH (n) WHERE (n:Cluster OR n:Field OR n:Facility) AND NOT EXISTS { (n)--() } DELETE n');
    expect(deleteOrphansQuery().cypher).not.toMatch(/Actor|Prefecture/);
  });
});
