import { describe, expect, it } from 'vitest';
import { actorSearchQuery, luceneQuery } from '../../server/store/actor-search-query.ts';

describe('the full-text query built from what a user types', () => {
  it('matches Latin words as prefixes and requires every word', () => {
    expect(luceneQuery('Tanaka mach')).toBe('(tanaka OR tanaka*) AND (mach OR mach*)');
  });

  it('leaves out the English stop words the index does not hold, unless nothing else was typed', () => {
    // The CJK analyzer indexes no "of": a required "of" would find no "Institute of Devices".
    expect(luceneQuery('Institute of Devices')).toBe('(institute OR institute*) AND (devices OR devices*)');
    expect(luceneQuery('The')).toBe('(the*)');
  });

  it('matches Japanese runs as phrases so that a part of a name finds it', () => {
    expect(luceneQuery('精密')).toBe('"精密"');
    expect(luceneQuery('田中 精密工業')).toBe('"田中" AND "精密工業"');
  });

  it('splits mixed scripts and lets a lone kanji match at either side of a bigram', () => {
    expect(luceneQuery('ABC精')).toBe('(abc OR abc*) AND (精* OR *精)');
  });

  it('neutralises Lucene syntax so that user text cannot break the query', () => {
    expect(luceneQuery('e+b (c) "d"')).toBe('(e OR e*) AND (b OR b*) AND (c OR c*) AND (d OR d*)');
    expect(luceneQuery('*** ::')).toBeNull();
  });

  it('pages by id after the cursor when there is no text', () => {
    const { cypher, params } = actorSearchQuery({ limit: 20, after: { id: 'ent-00020' }, type: 'Enterprise' });
    expect(cypher).toContain('a.id > $afterId');
    expect(params).toMatchObject({ afterId: 'ent-00020', limit: 21, type: 'Enterprise' });
  });

  it("finds only the actors the asker may see by name, and a member's own actor", () => {
    for (const q of [undefined, 'gears']) {
      const { cypher, params } = actorSearchQuery({ q, limit: 5, visible: ['public'], own: 'ent-1' });
      expect(cypher).toContain("($visible IS NULL OR coalesce(a.visibility, 'public') IN $visible OR a.id = $own)");
      expect(params).toMatchObject({ visible: ['public'], own: 'ent-1' });
    }
    expect(actorSearchQuery({ limit: 5 }).params).toMatchObject({ visible: null, own: null });
  });
});
