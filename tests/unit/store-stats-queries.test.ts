import { describe, expect, it } from 'vitest';
import { ACTOR_TYPES, TIE_KINDS } from '../../server/domain/model.ts';
import { actorCountQuery, networkCountsQuery } from '../../server/store/stats-queries.ts';

describe('the counts of the network (built without a database)', () => {
  const branches = networkCountsQuery().cypher.split('\nUNION ALL\n');

  it('counts each actor type, each tie kind, the clusters and the prefectures in use, one branch each', () => {
    const keys = branches.map((b) => /RETURN '(\w+)' AS group, '(\w*)' AS key/.exec(b)!.slice(1).join(':'));
    expect(keys).toEqual([...ACTOR_TYPES.map((t) => `actors:${t}`), ...TIE_KINDS.map((k) => `ties:${k}`), 'clusters:', 'prefectures:']);
  });

  it('matches one label or one relationship type alone per count, so the count store answers', () => {
    for (const [i, t] of ACTOR_TYPES.entries()) expect(branches[i]).toMatch(new RegExp(`^MATCH \\(x:${t}\\) RETURN`));
    for (const [i, k] of TIE_KINDS.entries()) expect(branches[ACTOR_TYPES.length + i]).toMatch(new RegExp(`^MATCH \\(\\)-\\[x:${k}\\]->\\(\\) RETURN`));
    expect(branches.at(-2)).toMatch(/^MATCH \(x:Cluster\) RETURN/);
  });

  it('counts only the prefectures an actor is located in', () => {
    expect(branches.at(-1)).toContain('MATCH (x:Prefecture) WHERE EXISTS { (x)<-[:LOCATED_IN]-(:Actor) }');
  });

  it('returns the same three columns from every branch, with no parameter', () => {
    for (const b of branches) expect(b).toMatch(/ AS group, .* AS key, count\(x\) AS n$/);
    expect(networkCountsQuery().params).toEqual({});
  });

  it('counts the actors for the empty check', () => {
    expect(actorCountQuery()).toEqual({ cypher: 'MATCH (a:Actor) RETURN count(a) AS n', params: {} });
  });
});
