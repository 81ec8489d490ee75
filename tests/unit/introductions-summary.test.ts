import { describe, expect, it } from 'vitest';
import {
  applyStep,
  INTRODUCTION_STATUSES,
  type IntroductionRecord,
  type IntroductionStatus,
  type StepRecord,
} from '../../server/domain/introductions/introduction-steps.ts';
import { filterIntroductions, INTRODUCTION_CSV_COLUMNS, introductionsCsv, summarizeIntroductions } from '../../server/domain/introductions/introduction-summary.ts';
import { seededRng } from '../../server/domain/graph/seeded-rng.ts';
import type { Actor } from '../../server/domain/model.ts';
import { findPrefecture } from '../../server/domain/reference/prefectures.ts';
import { buildSuggestionIndex } from '../../server/domain/suggestions/suggestion-index.ts';
import { suggestPartners } from '../../server/domain/suggestions/suggest-partners.ts';

const actors: Actor[] = [
  { id: 'e1', type: 'Enterprise', name: 'Gears One', prefecture: 'Aichi', clusters: ['tokai-monozukuri'] },
  { id: 'e2', type: 'Enterprise', name: 'Dies Two', prefecture: 'Osaka', clusters: ['kinki-bio', 'tokai-monozukuri'] },
  { id: 'e3', type: 'Enterprise', name: 'Abroad Three', country: 'DE' },
  { id: 'u1', type: 'University', name: 'Lab One', prefecture: 'Gifu', clusters: ['tokai-monozukuri'] },
  { id: 'u2', type: 'University', name: 'Lab Two', prefecture: 'Kyoto' },
  { id: 'b1', type: 'FinancialInstitution', name: 'Bank One', prefecture: 'Aichi' },
];
const byId = new Map(actors.map((a) => [a.id, a]));
const actorOf = (id: string) => byId.get(id);

/** The steps that lead to each status. */
const PATHS: Record<IntroductionStatus, IntroductionStatus[]> = {
  requested: [],
  approved: ['approved'],
  declined_by_coordinator: ['declined_by_coordinator'],
  accepted: ['approved', 'accepted'],
  declined: ['approved', 'declined'],
  withdrawn: ['approved', 'withdrawn'],
  met: ['approved', 'accepted', 'met'],
  collaborating: ['approved', 'accepted', 'met', 'collaborating'],
  ended: ['approved', 'accepted', 'collaborating', 'ended'],
};

function record(id: string, askerId: string, targetId: string, status: IntroductionStatus): IntroductionRecord {
  let r: IntroductionRecord = {
    id,
    status: 'requested',
    askerId,
    targetId,
    viaIds: ['b1'],
    askerType: byId.get(askerId)?.type ?? 'Enterprise',
    targetType: byId.get(targetId)?.type ?? 'University',
    message: 'm',
    requestedById: 'u',
    requestedByName: 'user',
    createdAt: '2026-01-05T00:00:00.000Z',
    updatedAt: '2026-01-05T00:00:00.000Z',
    history: [{ at: '2026-01-05T00:00:00.000Z', status: 'requested', byId: 'u', byName: 'user', side: 'asker' }],
  };
  PATHS[status].forEach((s, k) => {
    const step: StepRecord = { at: `2026-02-0${k + 1}T00:00:00.000Z`, status: s, byId: 'c', byName: 'coord', side: 'coordinator' };
    if (s === 'declined') step.reason = 'benefit_unclear';
    if (s === 'met' || s === 'collaborating' || s === 'ended') step.date = `2026-03-0${k + 1}`;
    if (s === 'collaborating') step.tieKind = 'COLLABORATES';
    r = applyStep(r, step);
  });
  return r;
}

/** Many requests between random actors in random statuses (seeded). */
function randomRecords(n: number, seed: number): IntroductionRecord[] {
  const rng = seededRng(seed);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rng() * xs.length)];
  return Array.from({ length: n }, (_, k) => {
    const asker = pick(actors);
    const target = pick(actors.filter((a) => a !== asker));
    return record(`r${k}`, asker.id, target.id, pick(INTRODUCTION_STATUSES));
  });
}

describe('the follow-up figures', () => {
  it('computes the acceptance rate over the requests the other side answered', () => {
    const records = [
      record('a', 'e1', 'u1', 'accepted'),
      record('b', 'e1', 'u2', 'declined'),
      record('c', 'e1', 'u2', 'collaborating'),
      record('d', 'e1', 'u1', 'withdrawn'),
      record('e', 'e1', 'u1', 'declined_by_coordinator'),
      record('f', 'u2', 'e1', 'requested'),
    ];
    const summary = summarizeIntroductions(records, 'type', 'asker', actorOf);
    const enterprises = summary.rows.find((r) => r.key === 'Enterprise')!;
    expect(enterprises).toMatchObject({ name: 'Enterprises', name_ja: '企業', requests: 5, accepted: 2, collaborating: 1 });
    expect(enterprises.acceptanceRate).toBeCloseTo(2 / 3, 4);
    // Nobody answered the university's request yet: no rate, not 0.
    expect(summary.rows.find((r) => r.key === 'University')).toMatchObject({ requests: 1, accepted: 0, acceptanceRate: null });
    expect(summary.total).toMatchObject({ requests: 6, accepted: 2, collaborating: 1 });
  });

  it('counts every request once by region and type, and in each of the asker’s clusters', () => {
    const records = randomRecords(300, 11);
    for (const by of ['region', 'type', 'cluster'] as const) {
      for (const side of ['asker', 'target'] as const) {
        const s = summarizeIntroductions(records, by, side, actorOf);
        const sum = (k: 'requests' | 'accepted' | 'collaborating') => s.rows.reduce((t, r) => t + r[k], 0);
        if (by === 'cluster') expect(sum('requests')).toBeGreaterThan(records.length);
        else expect(sum('requests')).toBe(records.length);
        // Independently: the requests whose side is in the group, counted one group at a time.
        for (const row of s.rows) {
          const inGroup = records.filter((r) => {
            const a = byId.get(side === 'asker' ? r.askerId : r.targetId)!;
            const region = a.prefecture && !a.country ? findPrefecture(a.prefecture)?.region : undefined;
            const groups = by === 'type' ? [a.type] : by === 'region' ? [region ?? 'none'] : a.clusters?.length ? a.clusters : ['none'];
            return groups.includes(row.key);
          });
          expect(row.requests, `${by} ${side} ${row.key}`).toBe(inGroup.length);
          expect(row.collaborating).toBe(inGroup.filter((r) => ['collaborating', 'ended'].includes(r.status)).length);
        }
        expect(s.rows.map((r) => r.requests)).toEqual([...s.rows.map((r) => r.requests)].sort((a, b) => b - a));
      }
    }
  });

  it('groups a deleted actor by the type it had, and under no region', () => {
    const s = summarizeIntroductions([record('x', 'gone', 'u1', 'requested')], 'type', 'asker', actorOf);
    expect(s.rows.map((r) => r.key)).toEqual(['Enterprise']);
    expect(summarizeIntroductions([record('x', 'gone', 'u1', 'requested')], 'region', 'asker', actorOf).rows[0]).toMatchObject({ key: 'none', name: 'Abroad or unknown' });
  });
});

describe('filtering the list', () => {
  const records = randomRecords(200, 5);

  it('counts by status over the other filters, whatever status is asked for', () => {
    const all = filterIntroductions(records, {}, actorOf);
    const total = Object.values(all.counts).reduce((a, b) => a + b!, 0);
    expect(total).toBe(records.length);
    const declined = filterIntroductions(records, { statuses: ['declined'] }, actorOf);
    expect(declined.counts).toEqual(all.counts);
    expect(declined.matching.length).toBe(all.counts.declined ?? 0);
    expect(declined.matching.every((r) => r.status === 'declined')).toBe(true);
  });

  it('matches either side, or the side asked for', () => {
    const either = filterIntroductions(records, { type: 'FinancialInstitution' }, actorOf).matching;
    expect(either.length).toBe(records.filter((r) => r.askerType === 'FinancialInstitution' || r.targetType === 'FinancialInstitution').length);
    const asker = filterIntroductions(records, { type: 'FinancialInstitution', side: 'asker' }, actorOf).matching;
    expect(asker.every((r) => r.askerType === 'FinancialInstitution')).toBe(true);
    const kinki = filterIntroductions(records, { region: 'kinki', side: 'target' }, actorOf).matching;
    expect(kinki.length).toBe(records.filter((r) => ['e2', 'u2'].includes(r.targetId)).length);
    const oneActor = filterIntroductions(records, { actor: 'u1' }, actorOf).matching;
    expect(oneActor.length).toBe(records.filter((r) => r.askerId === 'u1' || r.targetId === 'u1').length);
  });

  it('does not filter on the clusters of an actor the viewer sees only anonymously', () => {
    const r = [record('h', 'e2', 'u2', 'approved')];
    expect(filterIntroductions(r, { cluster: 'kinki-bio' }, actorOf).matching).toHaveLength(1);
    expect(filterIntroductions(r, { cluster: 'kinki-bio' }, actorOf, (id) => id === 'e2').matching).toHaveLength(0);
  });
});

describe('the follow-up CSV', () => {
  it('has one row per request with its days and both sides’ type, region and clusters, and no names', () => {
    const records = [record('a', 'e2', 'u1', 'ended'), record('b', 'e1', 'u2', 'declined')];
    const lines = introductionsCsv(records, actorOf).trimEnd().split('\n');
    expect(lines[0]).toBe(INTRODUCTION_CSV_COLUMNS.join(','));
    expect(lines).toHaveLength(3);
    const row = (k: number) => Object.fromEntries(lines[0].split(',').map((c, i) => [c, lines[k].split(',')[i]]));
    expect(row(1)).toMatchObject({ id: 'a', status: 'ended', requested: '2026-01-05', approved: '2026-02-01', answered: '2026-02-02', answer: 'accepted', collaborating: '2026-03-03', ended: '2026-03-04', tie_kind: 'COLLABORATES' });
    expect(row(1)).toMatchObject({ asker_type: 'Enterprise', asker_region: 'kinki', asker_prefecture: 'Osaka', asker_clusters: 'kinki-bio;tokai-monozukuri', target_region: 'chubu', via: '1' });
    expect(row(2)).toMatchObject({ answer: 'declined', reason: 'benefit_unclear', closed: '2026-02-02', met: '' });
    for (const a of actors) expect(lines.join('\n')).not.toContain(a.name);
  });
});

describe('a target that declined, left out of the asker’s suggestions', () => {
  it('is never suggested while excluded, and the list fills up with the next candidates', () => {
    const labs: Actor[] = Array.from({ length: 8 }, (_, k) => ({ id: `lab${k}`, type: 'University', name: `Lab ${k}`, prefecture: 'Aichi', fields: ['fuel-cells'] }));
    const net: Actor[] = [{ id: 'ent', type: 'Enterprise', name: 'Ent', prefecture: 'Aichi', seeks: ['fuel-cells'] }, { id: 'hub', type: 'SupportOrganization', name: 'Hub', prefecture: 'Aichi' }, ...labs];
    const index = buildSuggestionIndex(net, [{ source: 'hub', target: 'ent', kind: 'SUPPORTS', weight: 1 }, ...labs.map((l) => ({ source: 'hub', target: l.id, kind: 'SUPPORTS' as const, weight: 1 }))]);
    const plain = suggestPartners(index, 'ent', { types: ['University'], limit: 5 }).suggestions.map((s) => s.id);
    expect(plain).toHaveLength(5);
    const exclude = new Set(plain.slice(0, 2));
    const without = suggestPartners(index, 'ent', { types: ['University'], limit: 5, exclude }).suggestions.map((s) => s.id);
    expect(without).toHaveLength(5);
    expect(without.filter((id) => exclude.has(id))).toEqual([]);
    expect(without.slice(0, 3)).toEqual(plain.slice(2));
  });
});
