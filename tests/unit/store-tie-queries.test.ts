import { describe, expect, it } from 'vitest';
import { TIE_KINDS } from '../../server/domain/model.ts';
import { actorsWithTiesQuery, storedTiesQuery, TIE_TYPES } from '../../server/store/tie-queries.ts';

describe('tie queries (built once, without a database)', () => {
  it('read every tie kind, from source to target, one row per actor with its ties as lists', () => {
    expect(TIE_TYPES.split('|')).toEqual([...TIE_KINDS]);
    const all = storedTiesQuery();
    const from = storedTiesQuery(['a', 'b']);
    for (const q of [all, from]) {
      expect(q.cypher).toMatch(
        new RegExp(`RETURN a\\.id AS source, \\[\\(a\\)-\\[t:${TIE_TYPES}\\]->\\(b:Actor\\) \\| \\[elementId\\(t\\), b\\.id, type\\(t\\), t\\.weight, t\\.since\\]\\] AS out$`),
      );
    }
    expect(all.cypher).toMatch(/^MATCH \(a:Actor\) RETURN/);
    expect(all.params).toEqual({});
  });

  it('looks the named actors up by their index, ids as a parameter (never in the text)', () => {
    const q = storedTiesQuery(["x' OR 1=1", 'b']);
    expect(q.cypher).toContain('UNWIND $ids AS id MATCH (a:Actor {id: id})');
    expect(q.cypher).toContain('USING INDEX SEEK a:Actor(id)');
    expect(q.cypher).not.toContain('OR 1=1');
    expect(q.params).toEqual({ ids: ["x' OR 1=1", 'b'] });
  });

  it('reads the network in one pass over the actors, with or without their ties', () => {
    expect(actorsWithTiesQuery(false).cypher).toBe('MATCH (a:Actor) RETURN properties(a) AS p');
    expect(actorsWithTiesQuery(true).cypher).toBe(`MATCH (a:Actor) RETURN properties(a) AS p, [(a)-[t:${TIE_TYPES}]->(b:Actor) | [b.id, type(t), t.weight, t.since]] AS out`);
  });
});
