import { describe, expect, it } from 'vitest';
import type { Actor, Tie } from '../../server/domain/model.ts';
import { BASELINES } from '../../server/domain/suggestions/baselines.ts';
import { contrastTies } from '../../graph-seeds/contrast-network.ts';
import { evaluate, holdOut } from '../../server/domain/suggestions/holdout.ts';
import { areTied, buildSuggestionIndex } from '../../server/domain/suggestions/suggestion-index.ts';

const ent = (id: string, extra: Partial<Actor> = {}): Actor => ({ id, type: 'Enterprise', name: id, prefecture: 'Aichi', ...extra });
const tie = (source: string, target: string, since = 2005): Tie => ({ source, target, kind: 'COLLABORATES', weight: 1, since });

// a - b - d, a - c - d, c - e, plus x: d and e are two steps from a, through b (2 ties) and c (3 ties).
const actors = ['a', 'b', 'c', 'd', 'e', 'x'].map((id) => ent(id));
const ties = [tie('a', 'b'), tie('a', 'c'), tie('b', 'd'), tie('c', 'd'), tie('c', 'e'), tie('x', 'e')];

describe('link-prediction baselines', () => {
  const index = buildSuggestionIndex(actors, ties);
  const a = index.position.get('a')!;
  const ids = (positions: number[]) => positions.map((p) => index.actors[p].id);

  it('rank the candidates two steps away by the published formulas', () => {
    // CN: d 2, e 1. AA: d 1/ln2 + 1/ln3, e 1/ln3. RA: d 1/2 + 1/3, e 1/3.
    for (const name of ['common neighbours', 'Adamic-Adar', 'resource allocation']) {
      expect(ids(BASELINES[name](index, a, ['Enterprise'], 10)), name).toEqual(['d', 'e']);
    }
  });

  it('rank by degree for popularity, leaving out the asker and its partners', () => {
    // Degrees: c 3, d 2, e 2, x 1; b and c are a's partners.
    expect(ids(BASELINES.popularity(index, a, ['Enterprise'], 10))).toEqual(['d', 'e', 'x']);
  });

  it('agree with an independent count of common neighbours on a random network', () => {
    const many = Array.from({ length: 60 }, (_, i) => ent(`n${String(i).padStart(2, '0')}`));
    const links: Tie[] = [];
    for (let i = 0; i < 60; i++) for (let j = i + 1; j < 60; j++) if ((i * 7 + j * 13) % 11 === 0) links.push(tie(many[i].id, many[j].id));
    const ix = buildSuggestionIndex(many, links);
    const adj = new Map(many.map((m) => [m.id, new Set<string>()]));
    for (const l of links) adj.get(l.source)!.add(l.target), adj.get(l.target)!.add(l.source);
    for (const u of many.slice(0, 10)) {
      const counts = many
        .filter((v) => v.id !== u.id && !adj.get(u.id)!.has(v.id))
        .map((v) => [v.id, [...adj.get(u.id)!].filter((z) => adj.get(v.id)!.has(z)).length] as const)
        .filter(([, c]) => c > 0)
        .sort((p, q) => q[1] - p[1] || (p[0] < q[0] ? -1 : 1));
      const got = BASELINES['common neighbours'](ix, ix.position.get(u.id)!, ['Enterprise'], 100).map((p) => ix.actors[p].id);
      expect(got).toEqual(counts.map(([id]) => id));
    }
  });
});

describe('temporal hold-out', () => {
  const later = [...ties, tie('a', 'd', 2008), tie('a', 'x', 2009), tie('a', 'b', 2009), tie('b', 'e', 2011)];

  it('takes the pairs first tied after the cut-off as the truth, not the pairs already tied', () => {
    const h = holdOut(actors, later, 2007);
    const truthOf = (id: string) => [...(h.truth.get(h.index.position.get(id)!) ?? [])].map((p) => h.index.actors[p].id).sort();
    expect(truthOf('a')).toEqual(['d', 'x']);
    expect(truthOf('e')).toEqual(['b']);
    expect(areTied(h.index, 'a', 'd')).toBe(false);
    expect(holdOut(actors, later, 2007, 2009).truth.has(h.index.position.get('e')!)).toBe(false);
  });

  it('computes hit@10, recall and MRR from the rankings', () => {
    const h = holdOut(actors, later, 2007, 2009);
    const role = { name: 'e→e', askers: ['Enterprise'] as const, targets: ['Enterprise'] as const };
    // A ranker that puts x first and d third: a finds both (recall 1, MRR 1); d finds a? no: d's truth is a.
    const ranker = (index: typeof h.index, u: number) =>
      ['x', 'e', 'd', 'a'].map((id) => index.position.get(id)!).filter((v) => v !== u);
    const m = evaluate(h, { ...role, askers: ['Enterprise'], targets: ['Enterprise'] }, ranker);
    // Askers with new partners: a {d, x}, d {a}, x {a}. a: both found, first at rank 1. d: a at rank 3 (x, e, a). x: a at rank 3 (e, d, a).
    expect(m.askers).toBe(3);
    expect(m.hitAt10).toBe(1);
    expect(m.recallAt10).toBe(1);
    expect(m.mrr).toBeCloseTo((1 + 1 / 3 + 1 / 3) / 3, 10);
  });
});

describe('contrast network', () => {
  it('keeps the actors, the number of ties, their kinds and years, and repeats with its seed', () => {
    const many = Array.from({ length: 80 }, (_, i) => ent(`c${i}`, { fields: [i % 2 ? 'robots' : 'gears'], lat: 35 + (i % 7) / 10, lon: 137 }));
    const template = Array.from({ length: 150 }, (_, k) => tie(`c${k % 80}`, `c${(k * 7 + 3) % 80}`, 2001 + (k % 10))).filter((t) => t.source !== t.target);
    const a = contrastTies(many, template, { seed: 5 });
    expect(a.length).toBe(template.length);
    expect(a.map((t) => t.since).sort()).toEqual(template.map((t) => t.since).sort());
    expect(contrastTies(many, template, { seed: 5 })).toEqual(a);
    expect(contrastTies(many, template, { seed: 6 })).not.toEqual(a);
    const pairs = new Set(a.map((t) => [t.source, t.target].sort().join('|')));
    expect(pairs.size).toBe(a.length);
  });
});
