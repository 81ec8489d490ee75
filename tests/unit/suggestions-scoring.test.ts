import { describe, expect, it } from 'vitest';
import { seededRng } from '../../server/domain/graph/seeded-rng.ts';
import type { Actor, ActorType, Tie, TieKind } from '../../server/domain/model.ts';
import { buildSuggestionIndex } from '../../server/domain/suggestions/suggestion-index.ts';
import { suggestPartners } from '../../server/domain/suggestions/suggest-partners.ts';
import { computeFeatures } from '../../server/domain/suggestions/features.ts';
import { FEATURES } from '../../server/domain/suggestions/feature-names.ts';
import { contributions, priorWeights, weightedSum } from '../../server/domain/suggestions/scoring.ts';


const TYPES: ActorType[] = ['Enterprise', 'Enterprise', 'Enterprise', 'University', 'ResearchInstitute', 'FinancialInstitution', 'IncubationManager', 'SupportOrganization'];
const FIELDS = ['robots', 'fuel-cells', 'precision-machining', 'biotechnology'];
const PREFS = ['Aichi', 'Gifu', 'Tokyo', 'Osaka'];
const KINDS: TieKind[] = ['COLLABORATES', 'SUPPLIES', 'FINANCES', 'SUPPORTS'];

/** A random network of n actors and m ties with years 2001-2010. */
function randomNetwork(seed: number, n = 40, m = 90): { actors: Actor[]; ties: Tie[] } {
  const r = seededRng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const actors: Actor[] = Array.from({ length: n }, (_, i) => ({
    id: `a${String(i).padStart(3, '0')}`,
    type: pick(TYPES),
    name: `Actor ${i}`,
    prefecture: pick(PREFS),
    fields: [pick(FIELDS)],
    seeks: r() < 0.7 ? [pick(FIELDS)] : [],
    clusters: r() < 0.5 ? ['greater-nagoya'] : [],
  }));
  const ties: Tie[] = [];
  const seen = new Set<string>();
  while (ties.length < m) {
    const s = pick(actors).id;
    const t = pick(actors).id;
    const key = s < t ? `${s}|${t}` : `${t}|${s}`;
    if (s === t || seen.has(key)) continue;
    seen.add(key);
    ties.push({ source: s, target: t, kind: pick(KINDS), weight: 1 + Math.floor(r() * 5), since: 2001 + Math.floor(r() * 10) });
  }
  return { actors, ties };
}

const ALL_TYPES: ActorType[] = ['Enterprise', 'University', 'ResearchInstitute', 'FinancialInstitution', 'IncubationManager', 'SupportOrganization'];

describe('suggestion scoring', () => {
  it('never lowers a candidate when a shared partner is added', () => {
    for (let seed = 1; seed <= 25; seed++) {
      const { actors, ties } = randomNetwork(seed);
      const index = buildSuggestionIndex(actors, ties);
      const asker = actors[seed % actors.length];
      const before = suggestPartners(index, asker.id, { types: ALL_TYPES, limit: 100 }).suggestions;
      expect(before.length).toBeGreaterThan(0);
      for (const candidate of before.slice(0, 5)) {
        // A new intermediary tied to both, in a year inside the known network.
        const z: Actor = { id: 'zz-new', type: 'SupportOrganization', name: 'New broker', prefecture: 'Mie', fields: [] };
        const added: Tie[] = [
          { source: asker.id, target: z.id, kind: 'COLLABORATES', weight: 2, since: 2005 },
          { source: z.id, target: candidate.id, kind: 'COLLABORATES', weight: 2, since: 2005 },
        ];
        const after = suggestPartners(buildSuggestionIndex([...actors, z], [...ties, ...added]), asker.id, { types: ALL_TYPES, limit: 100 });
        const again = after.suggestions.find((s) => s.id === candidate.id);
        expect(again, `seed ${seed}: ${candidate.id} dropped out`).toBeDefined();
        expect(again!.score).toBeGreaterThanOrEqual(candidate.score);
        if (priorWeights(asker.type, candidate.type).sharedBrokers > 0) {
          expect(again!.score).toBeGreaterThan(candidate.score);
          // A broker's part is shown when it carries a tenth of the score; smaller, it is in `other`.
          const broker = again!.reasons.find((x) => x.kind === 'broker');
          if (broker) expect(broker.via).toContain('zz-new');
          else expect(again!.reasons.some((x) => x.kind === 'other')).toBe(true);
        }
      }
    }
  });

  it('never suggests the actor itself or an actor it already has a tie with', () => {
    for (let seed = 1; seed <= 25; seed++) {
      const { actors, ties } = randomNetwork(seed);
      const index = buildSuggestionIndex(actors, ties);
      for (const asker of actors.slice(0, 10)) {
        const partners = new Set(ties.flatMap((t) => (t.source === asker.id ? [t.target] : t.target === asker.id ? [t.source] : [])));
        for (const s of suggestPartners(index, asker.id, { types: ALL_TYPES, limit: 100 }).suggestions) {
          expect(s.id).not.toBe(asker.id);
          expect(partners.has(s.id)).toBe(false);
        }
      }
    }
  });

  it('gives the same ranking for the same input, whatever the order of the rows', () => {
    const { actors, ties } = randomNetwork(7, 60, 150);
    const first = suggestPartners(buildSuggestionIndex(actors, ties), 'a003', { types: ALL_TYPES, limit: 50 });
    const shuffled = suggestPartners(buildSuggestionIndex([...actors].reverse(), [...ties].reverse()), 'a003', { types: ALL_TYPES, limit: 50 });
    expect(shuffled).toEqual(first);
    expect(first.suggestions.length).toBeGreaterThan(10);
  });

  it('ranks best first, and the reasons of each suggestion add up to its score', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const { actors, ties } = randomNetwork(seed);
      const index = buildSuggestionIndex(actors, ties);
      const { suggestions } = suggestPartners(index, actors[0].id, { types: ALL_TYPES, limit: 100 });
      for (let i = 1; i < suggestions.length; i++) expect(suggestions[i].score).toBeLessThanOrEqual(suggestions[i - 1].score);
      for (const s of suggestions) {
        const sum = s.reasons.reduce((acc, r) => acc + r.contribution, 0);
        expect(sum).toBeCloseTo(s.score, 9);
        for (const r of s.reasons) expect(r.contribution).toBeGreaterThan(0);
      }
    }
  });

  it('splits a score by reason exactly, from any features and weights', () => {
    const r = seededRng(3);
    for (let k = 0; k < 200; k++) {
      const features = Object.fromEntries(FEATURES.map((f) => [f, r() < 0.3 ? 0 : r() * 3])) as Record<(typeof FEATURES)[number], number>;
      const weights = priorWeights('Enterprise', r() < 0.5 ? 'University' : 'Enterprise');
      const parts = contributions(features, weights);
      expect(parts.reduce((s, p) => s + p.contribution, 0)).toBeCloseTo(weightedSum(features, weights), 9);
    }
  });

  it('has features that do not decrease with more shared partners', () => {
    const { actors, ties } = randomNetwork(11);
    const index = buildSuggestionIndex(actors, ties);
    const [a, b] = index.actors;
    const low = computeFeatures(a, b, { peers: 0.1, brokers: 0 });
    const high = computeFeatures(a, b, { peers: 0.4, brokers: 0.2 });
    for (const f of FEATURES) expect(high[f]).toBeGreaterThanOrEqual(low[f]);
  });
});
