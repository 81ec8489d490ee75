import { describe, expect, it } from 'vitest';
import type { Actor, Tie } from '../../server/domain/model.ts';
import { AppError } from '../../server/domain/errors.ts';
import { distanceKm } from '../../server/domain/reference/geo.ts';
import { findPrefecture } from '../../server/domain/reference/prefectures.ts';
import { CANDIDATE_DEFAULTS, gatherCandidates } from '../../server/domain/suggestions/candidates.ts';
import { candidateFilter } from '../../server/domain/suggestions/filters.ts';
import { buildSuggestionIndex, partnersInField } from '../../server/domain/suggestions/suggestion-index.ts';
import { rankCandidates, suggestPartners } from '../../server/domain/suggestions/suggest-partners.ts';
import { writeFeatures } from '../../server/domain/suggestions/features.ts';
import { FEATURES, type FeatureVector } from '../../server/domain/suggestions/feature-names.ts';
import { DEFAULT_TARGETS } from '../../server/domain/suggestions/roles.ts';
import { weightArray, weightedSumOf, weightsFor } from '../../server/domain/suggestions/scoring.ts';
import type { ActorType } from '../../server/domain/model.ts';

const PREFS = ['Aichi', 'Gifu', 'Mie', 'Tokyo', 'Osaka', 'Hokkaido'];
const FIELDS = ['robots', 'fuel-cells', 'gears', 'biotechnology'];

/** 600 enterprises, 40 universities and a hub university tied to every enterprise. */
function hubNetwork(): { actors: Actor[]; ties: Tie[] } {
  const actors: Actor[] = [];
  const ties: Tie[] = [];
  for (let i = 0; i < 600; i++) {
    actors.push({ id: `e${i}`, type: 'Enterprise', name: `E${i}`, prefecture: PREFS[i % 6], fields: [FIELDS[i % 4]], seeks: [FIELDS[(i + 1) % 4]], clusters: i % 3 ? [] : ['tama'] });
  }
  for (let j = 0; j < 40; j++) actors.push({ id: `u${j}`, type: 'University', name: `U${j}`, prefecture: PREFS[j % 6], fields: [FIELDS[j % 4]] });
  actors.push({ id: 'hub', type: 'University', name: 'Hub', prefecture: 'Tokyo', fields: FIELDS });
  actors.push({ id: 'u-fc', type: 'University', name: 'Fuel Cell Lab', prefecture: 'Aichi', fields: ['fuel-cells'] });
  actors.push({ id: 'lonely', type: 'Enterprise', name: 'Lonely', prefecture: 'Aichi', fields: ['gears'], seeks: ['fuel-cells'], clusters: ['greater-nagoya'] });
  for (let i = 0; i < 600; i++) {
    ties.push({ source: `e${i}`, target: 'hub', kind: 'COLLABORATES', weight: 1 + (i % 5), since: 2001 + (i % 10) });
    ties.push({ source: `e${i}`, target: `e${(i * 7 + 1) % 600}`, kind: 'SUPPLIES', weight: 2, since: 2003 });
    ties.push({ source: `e${i}`, target: `u${i % 40}`, kind: 'COLLABORATES', weight: 1, since: 2005 });
  }
  return { actors, ties: ties.filter((t) => t.source !== t.target) };
}

const { actors, ties } = hubNetwork();
const index = buildSuggestionIndex(actors, ties);

describe('candidate generation', () => {
  it('gives the same candidates, once each, however many requests came before (its lookup arrays are reused)', () => {
    const e0 = index.position.get('e0')!;
    const run = () => gatherCandidates(index, e0, ['Enterprise', 'University'], candidateFilter(index, e0, ['Enterprise', 'University'], {}).accept);
    const first = run();
    const ids = first.map((c) => c.index);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).not.toContain(e0);
    for (const l of index.links[e0]) expect(ids).not.toContain(l.to);
    for (let k = 0; k < 5; k++) gatherCandidates(index, k + 1, ['University'], candidateFilter(index, k + 1, ['University'], {}).accept);
    expect(run()).toEqual(first);
  });

  it('counts the partners of an actor in each field by the field codes', () => {
    const hub = index.actors[index.position.get('hub')!];
    for (const f of FIELDS) {
      // The hub's partners are the 600 enterprises, 150 in each field.
      expect(partnersInField(hub, index.codes.get(f)!)).toBe(150);
    }
    expect(partnersInField(hub, index.codes.size + 5)).toBe(0);
  });

  it('follows a bounded number of paths, whatever the degrees', () => {
    // The asker has 200 partners with 50 partners each: 10,000 paths of length two.
    const many: Actor[] = [{ id: 'asker', type: 'Enterprise', name: 'Asker' }];
    const links: Tie[] = [];
    for (let z = 0; z < 200; z++) {
      many.push({ id: `z${z}`, type: 'SupportOrganization', name: `Z${z}` });
      links.push({ source: `z${z}`, target: 'asker', kind: 'SUPPORTS', weight: 1 });
      for (let v = 0; v < 50; v++) {
        many.push({ id: `v${z}-${v}`, type: 'Enterprise', name: `V${z}-${v}` });
        links.push({ source: `z${z}`, target: `v${z}-${v}`, kind: 'SUPPORTS', weight: 1 });
      }
    }
    const big = buildSuggestionIndex(many, links);
    const asker = big.position.get('asker')!;
    const filter = candidateFilter(big, asker, ['Enterprise'], {});
    const found = gatherCandidates(big, asker, ['Enterprise'], filter.accept, filter.pools);
    const visits = found.reduce((s, c) => s + c.peerCount + c.brokerCount, 0);
    expect(visits).toBeLessThanOrEqual(CANDIDATE_DEFAULTS.maxVisits);
    expect(visits).toBeGreaterThan(0.9 * CANDIDATE_DEFAULTS.maxVisits);
    // And a hub passes on only its strongest partners of the wanted type.
    const hub = index.position.get('hub')!;
    const e0 = index.position.get('e0')!;
    const viaHub = gatherCandidates(index, e0, ['Enterprise'], candidateFilter(index, e0, ['Enterprise'], {}).accept).filter((c) =>
      c.peerPaths.some((p) => p.via === hub),
    );
    expect(index.actors[hub].degree).toBe(600);
    expect(viaHub.length).toBeLessThanOrEqual(CANDIDATE_DEFAULTS.maxPerIntermediary);
  });

  it('gives an actor without ties suggestions from fit and place', () => {
    const { suggestions } = suggestPartners(index, 'lonely', { types: ['University'], limit: 5 });
    expect(suggestions.length).toBe(5);
    for (const s of suggestions) {
      for (const r of s.reasons) expect(['offers', 'seeks', 'similar-fields', 'audience', 'place', 'cluster', 'activity', 'other']).toContain(r.kind);
    }
    // The lab next door that offers what it seeks is among them, with both reasons.
    const lab = suggestions.find((x) => x.id === 'u-fc');
    expect(lab?.reasons.map((r) => r.kind)).toEqual(expect.arrayContaining(['offers', 'place']));
  });

  it('lists the best 20 of all gathered candidates by score, ties by id, with weights of either sign', () => {
    // The priors, and weights of both signs (a fit may give negative weights).
    const mixed = Object.fromEntries(FEATURES.map((f, i) => [f, ((i * 7) % 5) - 1.5])) as FeatureVector;
    const settings: ((a: ActorType, c: ActorType) => FeatureVector)[] = [(a, c) => weightsFor(index.weights, a, c), () => mixed];
    let compared = 0;
    for (const weights of settings) {
      for (const asker of index.actors.keys()) {
        if (asker % 7) continue;
        const me = index.actors[asker];
        const types = [...DEFAULT_TARGETS[me.type]];
        const all = gatherCandidates(index, asker, types, candidateFilter(index, asker, types, {}).accept);
        const values = new Float64Array(FEATURES.length);
        const scored = all.map((c) => {
          const other = index.actors[c.index];
          return { id: other.id, score: weightedSumOf(writeFeatures(me, other, c, values), weightArray(weights(me.type, other.type))) };
        });
        scored.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
        const ranked = rankCandidates(index, asker, types, { weights, method: 'engine' });
        expect(ranked.map((r) => [index.actors[r.candidate.index].id, r.score])).toEqual(scored.slice(0, 20).map((r) => [r.id, r.score]));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(150);
  });

  it('uses the asker type defaults when no types are given', () => {
    expect(suggestPartners(index, 'e1').types).toEqual(['University', 'ResearchInstitute', 'Enterprise']);
    expect(suggestPartners(index, 'u1').types).toEqual(['Enterprise']);
  });

  it('keeps only candidates inside every filter', () => {
    const aichi = findPrefecture('Aichi')!;
    const cases = [
      { prefecture: 'Gifu', ok: (a: Actor) => a.prefecture === 'Gifu' },
      { region: 'chubu', ok: (a: Actor) => findPrefecture(a.prefecture!)!.region === 'chubu' },
      { cluster: 'tama', ok: (a: Actor) => (a.clusters ?? []).includes('tama') },
      { field: 'robots', ok: (a: Actor) => (a.fields ?? []).includes('robots') },
      { maxKm: 150, ok: (a: Actor) => { const p = findPrefecture(a.prefecture!)!; return distanceKm(aichi.lat, aichi.lon, p.lat, p.lon) <= 150; } },
    ];
    const byId = new Map(actors.map((a) => [a.id, a]));
    for (const { ok, ...filter } of cases) {
      const { suggestions } = suggestPartners(index, 'lonely', { types: ['Enterprise'], limit: 30, ...filter });
      expect(suggestions.length, JSON.stringify(filter)).toBeGreaterThan(0);
      for (const s of suggestions) expect(ok(byId.get(s.id)!), `${s.id} with ${JSON.stringify(filter)}`).toBe(true);
    }
  });

  it('reports an unknown actor as not found', () => {
    expect(() => suggestPartners(index, 'nobody')).toThrow(AppError);
    try {
      suggestPartners(index, 'nobody');
    } catch (err) {
      expect((err as AppError).status).toBe(404);
    }
  });
});
