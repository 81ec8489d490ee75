import { describe, expect, it } from 'vitest';
import type { Actor, Tie } from '../../server/domain/model.ts';
import { MIN_ASKERS, pickMethod, servedMethod, type HeldOutFigures } from '../../server/domain/suggestions/choose-method.ts';
import type { MethodChoice } from '../../server/domain/suggestions/suggestion-types.ts';
import { buildCalibratedIndex } from '../../server/domain/suggestions/calibrate.ts';
import { structuralReasons } from '../../server/domain/suggestions/scoring.ts';
import { structuralRanking, WALK_RESTART } from '../../server/domain/suggestions/structural-methods.ts';
import { buildSuggestionIndex } from '../../server/domain/suggestions/suggestion-index.ts';
import { rankCandidates, suggestPartners } from '../../server/domain/suggestions/suggest-partners.ts';
import { STRUCTURE } from '../../server/domain/suggestions/weights.ts';
import { seededRng } from '../../server/domain/graph/seeded-rng.ts';
import { generateNetwork } from '../../graph-seeds/generator/generate-network.ts';

const ANY = ['Enterprise', 'University'] as const;
const actor = (id: string, type: Actor['type'] = 'Enterprise'): Actor => ({ id, type, name: id, country: 'DE' });
// a – b – c, a – d – c, b – f; u1 a lab two steps away through b and d; lonely has no tie.
const actors: Actor[] = ['a', 'b', 'd', 'f', 'lonely'].map((id) => actor(id)).concat([actor('c', 'University'), actor('g', 'University')]);
const tie = (source: string, target: string, weight = 1): Tie => ({ source, target, kind: 'COLLABORATES', weight, since: 2015 });
const ties: Tie[] = [tie('a', 'b'), tie('a', 'd'), tie('b', 'c'), tie('d', 'c'), tie('b', 'f'), tie('f', 'g')];

describe('structural methods', () => {
  const index = buildSuggestionIndex(actors, ties);
  const at = (id: string) => index.position.get(id)!;
  const all = () => true;
  const notPartnerOfA = (v: number) => v !== at('a') && v !== at('b') && v !== at('d');

  it('counts shared partners exactly (common neighbours, Adamic-Adar, resource allocation)', () => {
    const cn = structuralRanking(index, at('a'), 'common-neighbours', ANY, notPartnerOfA, 10);
    expect(cn.map((s) => [index.actors[s.index].id, s.score])).toEqual([['c', 2], ['f', 1]]);
    const ra = structuralRanking(index, at('a'), 'resource-allocation', ANY, notPartnerOfA, 10);
    // c through b (3 ties) and d (2 ties); f through b.
    expect(ra[0].score).toBeCloseTo(1 / 3 + 1 / 2, 12);
    expect(ra[1].score).toBeCloseTo(1 / 3, 12);
  });

  it('walks with restart, cut after the given steps, in per mille of the walker\'s time', () => {
    const r = WALK_RESTART;
    const two = structuralRanking(index, at('a'), 'walk-2', ANY, notPartnerOfA, 10);
    // Two steps: a → b (1/2) → c (1/3), a → d (1/2) → c (1/2); f only through b.
    expect(two.map((s) => index.actors[s.index].id)).toEqual(['c', 'f']);
    expect(two[0].score).toBeCloseTo(1000 * r * (1 - r) ** 2 * (0.5 / 3 + 0.5 * 0.5), 9);
    expect(two[1].score).toBeCloseTo(1000 * r * (1 - r) ** 2 * (0.5 / 3), 9);
    // g is three steps away: only a longer walk reaches it.
    const three = structuralRanking(index, at('a'), 'walk-3', ANY, notPartnerOfA, 10);
    expect(three.map((s) => index.actors[s.index].id)).toContain('g');
    // The work arrays are clean after a call: the same walk gives the same figures.
    expect(structuralRanking(index, at('a'), 'walk-2', ANY, notPartnerOfA, 10)).toEqual(two);
    expect(structuralRanking(index, at('lonely'), 'walk-4', ANY, all, 10)).toEqual([]);
  });

  it('gives every actor of the wanted types its exact walk score, on sparse and on dense frontiers', () => {
    // Σ_{t ≤ steps} r(1 − r)^t (P^t e_asker)_v, P moving along ties in proportion to strength^(1/exponent).
    const exact = (ix: ReturnType<typeof buildSuggestionIndex>, asker: number, steps: number) => {
      const n = ix.actors.length;
      let cur = new Float64Array(n);
      cur[asker] = 1;
      const total = new Float64Array(n);
      for (let t = 1; t <= steps; t++) {
        const next = new Float64Array(n);
        ix.links.forEach((links, u) => {
          const sum = links.reduce((s, l) => s + Math.pow(l.strength, 1 / STRUCTURE.strengthExponent), 0);
          for (const l of links) next[l.to] += (cur[u] * Math.pow(l.strength, 1 / STRUCTURE.strengthExponent)) / sum;
        });
        cur = next;
        for (let v = 0; v < n; v++) total[v] += WALK_RESTART * (1 - WALK_RESTART) ** t * cur[v];
      }
      return total;
    };
    const rng = seededRng(11);
    const check = (ids: string[], pairs: [number, number][]) => {
      const acts = ids.map((id, i) => actor(id, i % 3 === 0 ? 'University' : 'Enterprise'));
      const ix = buildSuggestionIndex(acts, pairs.map(([a, b]) => tie(ids[a], ids[b], 1 + Math.floor(rng() * 4))));
      for (const steps of [2, 3, 4]) {
        const want = exact(ix, 0, steps);
        const got = structuralRanking(ix, 0, `walk-${steps}` as 'walk-2', ['University'], (v) => v !== 0, ids.length);
        const expected = [...want.keys()].filter((v) => v !== 0 && want[v] > 0 && ix.actors[v].type === 'University');
        expect(got.map((g) => g.index).sort((a, b) => a - b)).toEqual(expected);
        for (const g of got) expect(g.score).toBeCloseTo(1000 * want[g.index], 9);
      }
    };
    // A ring: the walk stays narrow (sparse frontiers).
    const ring = Array.from({ length: 200 }, (_, i) => `r${String(i).padStart(3, '0')}`);
    check(ring, ring.map((_, i) => [i, (i + 1) % ring.length] as [number, number]));
    // A small dense network: after a step the walker is nearly everywhere (dense frontiers).
    const dense = Array.from({ length: 40 }, (_, i) => `d${String(i).padStart(2, '0')}`);
    const pairs = new Map<string, [number, number]>();
    while (pairs.size < 200) {
      const a = Math.floor(rng() * 40);
      const b = Math.floor(rng() * 40);
      if (a !== b) pairs.set(`${Math.min(a, b)}-${Math.max(a, b)}`, [a, b]);
    }
    check(dense, [...pairs.values()]);
  });

  it('follows strong ties more', () => {
    const heavier = buildSuggestionIndex(actors, ties.map((t) => (t.source === 'b' && t.target === 'f' ? { ...t, weight: 9 } : t)));
    const p = (ix: typeof index) => structuralRanking(ix, ix.position.get('a')!, 'walk-2', ANY, (v) => ix.actors[v].id === 'f', 1)[0].score;
    expect(p(heavier)).toBeGreaterThan(p(index));
  });
});

describe('choosing the served method', () => {
  const f = (method: HeldOutFigures['method'], recallAt10: number, mrrAt20: number, coverage = 0.1, personalisation = 0.8): HeldOutFigures => ({ method, recallAt10, mrrAt20, coverage, personalisation });

  it('serves the method with the best recall and MRR over common neighbours', () => {
    expect(pickMethod([f('engine', 0.1, 0.3), f('common-neighbours', 0.1, 0.3), f('walk-3', 0.12, 0.33)]).served).toBe('walk-3');
    expect(pickMethod([f('engine', 0.2, 0.4), f('common-neighbours', 0.1, 0.3), f('walk-3', 0.12, 0.33)]).served).toBe('engine');
  });

  it('never serves lists less personal than common neighbours\', whatever their recall', () => {
    const choice = pickMethod([f('engine', 0.3, 0.5, 0.01, 0.4), f('common-neighbours', 0.1, 0.3), f('walk-2', 0.11, 0.3, 0.2, 0.9)]);
    expect(choice.served).toBe('walk-2');
    expect(choice.why).toContain('engine scored higher but gave less personal lists');
    expect(pickMethod([f('engine', 0.3, 0.5, 0.2, 0.74), f('common-neighbours', 0.1, 0.3)]).served).toBe('common-neighbours');
    expect(pickMethod([f('engine', 0.3, 0.5, 0.2, 0.76), f('common-neighbours', 0.1, 0.3)]).served).toBe('engine'); // under half a shared suggestion more
    expect(pickMethod([f('engine', 0.3, 0.5, 0.06, 0.9), f('common-neighbours', 0.1, 0.3)]).served).toBe('engine'); // coverage above half of theirs
    expect(pickMethod([f('engine', 0.3, 0.5, 0.04, 0.9), f('common-neighbours', 0.1, 0.3)]).served).toBe('common-neighbours'); // below half
  });

  it('keeps the engine on a tie and when nothing was checked', () => {
    expect(pickMethod([f('common-neighbours', 0.1, 0.3), f('engine', 0.1, 0.3)]).served).toBe('engine');
    expect(servedMethod(undefined, 'enterprise>academic').method).toBe('engine');
  });
});

describe('a suggestion served by a structural method', () => {
  const index = buildSuggestionIndex(actors, ties);
  const methods: MethodChoice = {
    year: 2015,
    engineCalibrated: true,
    roles: [{ name: 'enterprise → academic', role: 'enterprise>academic', served: 'common-neighbours', year: 2015, askers: 40, figures: [], why: 'test' }],
  };
  const served = { ...index, methods };

  it('ranks by that method, says so, and explains the score by the shared partners', () => {
    const result = suggestPartners(served, 'a', { types: ['University'] });
    expect(result.method).toEqual([expect.objectContaining({ role: 'enterprise>academic', method: 'common-neighbours' })]);
    const top = result.suggestions[0];
    expect(top.id).toBe('c');
    expect(top.score).toBe(2);
    expect(top.reasons).toEqual([expect.objectContaining({ kind: 'shared-partners', contribution: 2, via: expect.arrayContaining(['b', 'd']) })]);
  });

  it('fills the list of an asker without ties from the engine', () => {
    const ranked = rankCandidates(served, served.position.get('lonely')!, ['University'], { limit: 2 });
    expect(ranked.length).toBe(2);
    expect(ranked.every((r) => r.method === 'engine')).toBe(true);
  });

  it('splits a structural score between peers and brokers so that the parts add up', () => {
    const parts = structuralReasons({ score: 3.3333, candidate: { peers: 2, brokers: 1 } });
    expect(parts.reduce((s, p) => s + p.contribution, 0)).toBeCloseTo(3.3333, 4);
    expect(parts[0]).toEqual({ kind: 'shared-partners', contribution: 2.2222 });
    expect(structuralReasons({ score: 1, candidate: { peers: 0, brokers: 0 } })).toEqual([{ kind: 'network', contribution: 1 }]);
  });
});

describe('the check on a network\'s own most recent year', () => {
  it('judges every method on the last year and serves one per role, deterministically', () => {
    const net = generateNetwork({ seed: 5, actors: 700, ties: 4000 });
    const first = buildCalibratedIndex(net.actors, net.ties);
    const again = buildCalibratedIndex(net.actors, net.ties);
    const roles = first.methods?.roles ?? [];
    expect(roles.length).toBeGreaterThan(0);
    const judged = roles.filter((r) => r.askers >= MIN_ASKERS && !r.why.includes('too few hits'));
    expect(judged.length).toBeGreaterThan(0);
    for (const r of judged) {
      expect(r.year).toBe(first.referenceYear);
      expect(r.figures[0].method).toBe(r.served);
      expect(r.figures.map((x) => x.method).sort()).toEqual(['adamic-adar', 'common-neighbours', 'engine', 'resource-allocation', 'walk-2', 'walk-3', 'walk-4']);
    }
    expect(again.methods).toEqual(first.methods);
  });

  it('serves common neighbours when the network a year earlier is too thin to judge on', () => {
    const net = generateNetwork({ seed: 3, actors: 500, ties: 2500 });
    // A tenth of the ties in the first year, the rest in the last: like the EU network of 2014-2015.
    const ties = net.ties.map((t, i) => ({ ...t, since: i % 10 === 0 ? 2014 : 2015 }));
    const index = buildCalibratedIndex(net.actors, ties);
    const roles = index.methods?.roles ?? [];
    expect(roles.length).toBeGreaterThan(0);
    for (const r of roles) {
      expect(r.why).toContain('too thin');
      expect(r.served).toBe('common-neighbours');
    }
    expect(index.calibration?.roles ?? []).toEqual([]); // the fit a year earlier could not be checked: priors
  });

  it('does not judge on a year whose new ties no method finds: too few hits, the engine or common neighbours as unjudged', () => {
    const net = generateNetwork({ seed: 6, actors: 700, ties: 4000 });
    const latest = Math.max(...net.ties.map((t) => t.since ?? 0));
    // The last year's ties replaced by as many between actors drawn at random: nothing predicts them.
    const rng = seededRng(11);
    const pick = () => net.actors[Math.floor(rng() * net.actors.length)].id;
    const ties = net.ties.map((t) => (t.since === latest ? { ...t, source: pick(), target: pick() } : t)).filter((t) => t.source !== t.target);
    const index = buildCalibratedIndex(net.actors, ties);
    const roles = index.methods?.roles ?? [];
    const unjudged = roles.filter((r) => r.why.includes('too few hits'));
    expect(unjudged.length).toBeGreaterThan(0);
    for (const r of unjudged) {
      expect(r.askers).toBeGreaterThanOrEqual(MIN_ASKERS);
      expect(r.figures.map((f) => f.method).sort()).toEqual(['common-neighbours', 'engine']);
      expect(['engine', 'common-neighbours']).toContain(r.served);
    }
  });

  it('on a small network whose roles have too few askers to judge, serves the engine only when its lists are personal', () => {
    const net = generateNetwork({ seed: 4, actors: 300, ties: 900 });
    const index = buildCalibratedIndex(net.actors, net.ties);
    const few = (index.methods?.roles ?? []).filter((r) => r.why.startsWith('too few askers'));
    expect(few.length).toBeGreaterThan(0);
    for (const r of few) {
      const [engine, cn] = ['engine', 'common-neighbours'].map((m) => r.figures.find((f) => f.method === m)!);
      const personal = engine.coverage >= 0.5 * cn.coverage && engine.personalisation >= cn.personalisation - 0.05;
      expect(r.served).toBe(personal ? 'engine' : 'common-neighbours');
    }
  });
});
