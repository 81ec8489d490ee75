import { describe, expect, it } from 'vitest';
import { writeCommunitiesQuery } from '../../server/store/community-queries.ts';

const HOSTILE = "x'}) DETACH DELETE a //";

describe('writing communities back (built without a database)', () => {
  it('writes a batch of rows as one UNWIND parameter, ids never in the text', () => {
    const rows = [{ id: HOSTILE, c: 3 }, { id: 'b', c: 0 }];
    const q = writeCommunitiesQuery(rows);
    expect(q.cypher).toMatch(/^UNWIND \$rows AS r\s+MATCH \(a:Actor \{id: r\.id\}\) USING INDEX SEEK a:Actor\(id\)/);
    expect(q.cypher).not.toContain('DETACH');
    expect(q.params).toEqual({ rows });
  });

  it('sets the community only where it is missing or different, and returns how many it wrote', () => {
    const { cypher } = writeCommunitiesQuery([]);
    expect(cypher).toContain('WHERE a.community IS NULL OR a.community <> c');
    expect(cypher).toContain('SET a.community = c');
    expect(cypher).toMatch(/RETURN count\(a\) AS written$/);
  });
});
