import { describe, expect, it } from 'vitest';
import { readPositionsQuery, writePositionsQuery } from '../../server/store/layout-queries.ts';

const HOSTILE = "x'}) DETACH DELETE a //";

describe('the stored drawing positions (built without a database)', () => {
  it('reads every actor that has both coordinates, as id, x, y', () => {
    const { cypher, params } = readPositionsQuery();
    expect(cypher).toMatch(/^MATCH \(a:Actor\) WHERE a\.layout_x IS NOT NULL AND a\.layout_y IS NOT NULL/);
    expect(cypher).toMatch(/RETURN a\.id AS id, a\.layout_x AS x, a\.layout_y AS y$/);
    expect(params).toEqual({});
  });

  it('writes a batch of rows and the tolerance as parameters, ids never in the text', () => {
    const rows = [{ id: HOSTILE, x: 1.25, y: -3 }];
    const q = writePositionsQuery(rows, 0.05);
    expect(q.cypher).toMatch(/^UNWIND \$rows AS r\s+MATCH \(a:Actor \{id: r\.id\}\)/);
    expect(q.cypher).not.toContain('DETACH');
    expect(q.cypher).not.toContain('0.05');
    expect(q.params).toEqual({ rows, tolerance: 0.05 });
  });

  it('moves only positions that are missing or further than the tolerance, and returns how many', () => {
    const { cypher } = writePositionsQuery([], 0.05);
    expect(cypher).toContain('a.layout_x IS NULL OR a.layout_y IS NULL OR abs(a.layout_x - r.x) > $tolerance OR abs(a.layout_y - r.y) > $tolerance');
    expect(cypher).toContain('SET a.layout_x = toFloat(r.x), a.layout_y = toFloat(r.y)');
    expect(cypher).toMatch(/RETURN count\(a\) AS written$/);
  });
});
