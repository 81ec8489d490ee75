import { describe, expect, it } from 'vitest';
import { bumpNetworkVersionQuery, networkVersionQuery } from '../../server/store/version-queries.ts';

describe('the network version queries', () => {
  it('read and count the one Meta counter, with no parameters', () => {
    expect(networkVersionQuery()).toEqual({ cypher: "OPTIONAL MATCH (m:Meta {id: 'network'}) RETURN coalesce(m.version, 0) AS v", params: {} });
    const bump = bumpNetworkVersionQuery();
    expect(bump.cypher).toContain("MERGE (m:Meta {id: 'network'}) SET m.version = coalesce(m.version, 0) + 1");
    expect(bump.params).toEqual({});
  });
});
