import { describe, expect, it } from 'vitest';
import { actorDetailQuery, actorsByIdQuery, MAX_LISTED_TIES } from '../../server/store/actor-queries.ts';
import { TIE_TYPES } from '../../server/store/tie-queries.ts';

const HOSTILE = "x'}) DETACH DELETE a //";

describe('the query of one actor (built without a database)', () => {
  it('carries the id as a parameter, never in the text', () => {
    const q = actorDetailQuery(HOSTILE);
    expect(q.cypher).toContain('MATCH (a:Actor {id: $id})');
    expect(q.cypher).not.toContain('DETACH');
    expect(q.params).toEqual({ id: HOSTILE });
  });

  it('reads clusters, offered and sought fields through their own relationship types', () => {
    const { cypher } = actorDetailQuery('ent-1');
    expect(cypher).toContain('(a)-[:MEMBER_OF]->(c:Cluster)');
    expect(cypher).toContain('(a)-[:OFFERS]->(f:Field)');
    expect(cypher).toContain('(a)-[:SEEKS]->(f:Field)');
  });

  it('counts and lists ties of every kind in both directions, the strongest first, at most MAX_LISTED_TIES', () => {
    const { cypher } = actorDetailQuery('ent-1');
    expect(cypher).toContain(`COUNT { (a)-[:${TIE_TYPES}]-(:Actor) } AS tieCount`);
    expect(cypher).toContain(`MATCH (a)-[t:${TIE_TYPES}]-(b:Actor)`);
    expect(cypher).toContain("CASE WHEN startNode(t) = a THEN 'out' ELSE 'in' END");
    expect(cypher).toContain(`ORDER BY t.weight DESC, b.id ASC LIMIT ${MAX_LISTED_TIES}`);
  });

  it('returns the columns the actor panel is made of', () => {
    const columns = [...actorDetailQuery('ent-1').cypher.matchAll(/} AS (\w+)|AS (props|tieCount)\b/g)].map((m) => m[1] ?? m[2]);
    expect(columns).toEqual(['props', 'clusters', 'fields', 'seeks', 'tieCount', 'ties']);
  });
});

describe('looking actors up by id (built without a database)', () => {
  it('unwinds the ids as one parameter through the id index', () => {
    const q = actorsByIdQuery(['a', HOSTILE], 'props');
    expect(q.cypher).toMatch(/^UNWIND \$ids AS id MATCH \(a:Actor \{id: id\}\) USING INDEX SEEK a:Actor\(id\) RETURN /);
    expect(q.cypher).not.toContain('DETACH');
    expect(q.params).toEqual({ ids: ['a', HOSTILE] });
  });

  it('returns the properties, the id, or the id with the node handle', () => {
    expect(actorsByIdQuery(['a'], 'props').cypher).toMatch(/RETURN properties\(a\) AS p$/);
    expect(actorsByIdQuery(['a'], 'id').cypher).toMatch(/RETURN a\.id AS id$/);
    expect(actorsByIdQuery(['a'], 'ref').cypher).toMatch(/RETURN a\.id AS id, elementId\(a\) AS ref$/);
  });
});
