/**
 * The kinds of tie the process forms, each as a plan: who starts it, whom it is with, which way it
 * points, its share of the ties, where candidate partners are looked for, how they are scored,
 * and how strong the tie is. Shares and factors are the model's parameters;
 * graph-seeds/README.md gives the reasoning for each.
 */
import type { ActorType, TieKind } from '../../server/domain/model.ts';
import type { ActorIndex } from './actor-index.ts';
import type { Rng } from './rng.ts';

/** Where a candidate partner is proposed from. */
export type ProposalSource =
  /** Degree-proportional among the partner type in the initiator's region (preferential attachment). */
  | 'attachRegion'
  /** Degree-proportional among the partner type nationally. */
  | 'attachNation'
  /** Uniform among the partner type in the initiator's prefecture. */
  | 'local'
  /** Uniform among partners offering a field the initiator seeks. */
  | 'offers'
  /** Uniform among partners seeking a field the initiator offers. */
  | 'wants'
  /** Uniform among members of one of the initiator's clusters. */
  | 'cluster'
  /** A partner of one of the initiator's partners (triadic closure through a broker). */
  | 'introduced'
  /** Enterprises incubated at the initiator's facility. */
  | 'facility';

export interface ScoreFactors {
  /** Exponent on (degree + 1): 0 ignores degree, 1 is linear preferential attachment. */
  degree: number;
  samePrefecture: number;
  sameRegion: number;
  /** e-folding distance of the gravity term between prefectures, in km. */
  distanceKm: number;
  /** The partner offers a field the initiator seeks (complementarity). */
  seekMatch: number;
  /** The partner seeks a field the initiator offers. */
  offerMatch: number;
  /** Both offer a common field (homophily). */
  sharedField: number;
  /** No field relation at all. */
  fieldMiss: number;
  sharedCluster: number;
  /** Proposed through a common partner. */
  introduced: number;
  /** Special rules: how lenders choose borrowers, how IMs choose incubatees. */
  rule?: 'lender' | 'incubator';
}

export interface TiePlan {
  id: string;
  kind: TieKind;
  /** Share of the ties left after spin-offs. */
  share: number;
  initiator: ActorType;
  partner: ActorType;
  /** Which end is the tie's source: the initiator, the partner, or the lower id (symmetric kinds). */
  sourceEnd: 'initiator' | 'partner' | 'lower';
  proposals: Partial<Record<ProposalSource, number>>;
  score: ScoreFactors;
  /** Most ties of this kind an initiator takes on (a firm banks with a handful of lenders). */
  initiatorCap?: number;
  /** Most ties of this kind a partner takes on (a firm is coached by one to three IMs). */
  partnerCap?: number;
}

const BASE: ScoreFactors = {
  degree: 0.3, samePrefecture: 3, sameRegion: 1.5, distanceKm: 300,
  seekMatch: 1, offerMatch: 1, sharedField: 1, fieldMiss: 1, sharedCluster: 2.5, introduced: 3,
};

export const TIE_PLANS: readonly TiePlan[] = [
  {
    id: 'collaborates-university', kind: 'COLLABORATES', share: 0.2,
    initiator: 'Enterprise', partner: 'University', sourceEnd: 'initiator',
    proposals: { offers: 0.4, attachRegion: 0.15, attachNation: 0.05, local: 0.1, cluster: 0.12, introduced: 0.18 },
    score: { ...BASE, degree: 0.4, seekMatch: 6, sharedField: 1.5, fieldMiss: 0.3 },
  },
  {
    id: 'collaborates-institute', kind: 'COLLABORATES', share: 0.07,
    initiator: 'Enterprise', partner: 'ResearchInstitute', sourceEnd: 'initiator',
    proposals: { offers: 0.35, local: 0.25, attachRegion: 0.1, cluster: 0.12, introduced: 0.18 },
    // Public research institutes serve the firms of their own prefecture first.
    score: { ...BASE, degree: 0.3, samePrefecture: 6, seekMatch: 6, sharedField: 1.5, fieldMiss: 0.3 },
  },
  {
    id: 'collaborates-enterprise', kind: 'COLLABORATES', share: 0.09,
    initiator: 'Enterprise', partner: 'Enterprise', sourceEnd: 'lower',
    proposals: { offers: 0.2, local: 0.2, attachRegion: 0.15, cluster: 0.15, introduced: 0.3 },
    score: { ...BASE, degree: 0.3, seekMatch: 3, offerMatch: 2, sharedField: 1.8, fieldMiss: 0.4, introduced: 4 },
  },
  {
    id: 'supplies', kind: 'SUPPLIES', share: 0.25,
    initiator: 'Enterprise', partner: 'Enterprise', sourceEnd: 'partner',
    proposals: { offers: 0.25, local: 0.2, attachRegion: 0.25, attachNation: 0.05, introduced: 0.25 },
    score: { ...BASE, degree: 0.4, samePrefecture: 4, sameRegion: 1.8, distanceKm: 250, seekMatch: 4, sharedField: 1.5, fieldMiss: 0.5, sharedCluster: 1.5, introduced: 2.5 },
  },
  {
    id: 'finances', kind: 'FINANCES', share: 0.15,
    initiator: 'Enterprise', partner: 'FinancialInstitution', sourceEnd: 'partner',
    proposals: { local: 0.4, attachRegion: 0.2, attachNation: 0.05, wants: 0.1, cluster: 0.1, introduced: 0.15 },
    score: { ...BASE, degree: 0.2, offerMatch: 2, sharedCluster: 1.8, introduced: 2, rule: 'lender' },
    initiatorCap: 6,
  },
  {
    id: 'supports-incubation', kind: 'SUPPORTS', share: 0.09,
    initiator: 'IncubationManager', partner: 'Enterprise', sourceEnd: 'initiator',
    proposals: { facility: 0.2, local: 0.4, offers: 0.15, attachRegion: 0.1, introduced: 0.15 },
    score: { ...BASE, degree: 0.1, samePrefecture: 4, sameRegion: 1, distanceKm: 150, seekMatch: 2, rule: 'incubator' },
    partnerCap: 3,
  },
  {
    id: 'supports-enterprise', kind: 'SUPPORTS', share: 0.13,
    initiator: 'SupportOrganization', partner: 'Enterprise', sourceEnd: 'initiator',
    proposals: { cluster: 0.35, local: 0.25, attachRegion: 0.15, offers: 0.1, introduced: 0.15 },
    score: { ...BASE, degree: 0.2, sharedCluster: 3, seekMatch: 1.5, samePrefecture: 2.5 },
    partnerCap: 12,
  },
  {
    id: 'supports-university', kind: 'SUPPORTS', share: 0.02,
    initiator: 'SupportOrganization', partner: 'University', sourceEnd: 'initiator',
    proposals: { cluster: 0.35, local: 0.3, attachRegion: 0.2, attachNation: 0.15 },
    score: { ...BASE, degree: 0.3, sharedCluster: 3, samePrefecture: 2.5 },
  },
];

/*
 * Tie strength (`weight`, 1..5): how much two actors do together. Joint R&D and support are
 * scored on one decimal, trade and finance on whole classes (volume or loan size), spin-offs are
 * strong by nature. Most ties are weak, a few strong, as in observed collaboration networks.
 */

function oneDecimal(x: number): number {
  return Math.round(Math.min(5, Math.max(1, x)) * 10) / 10;
}

/** Weight of a tie of `kind` formed by initiator `i` with partner `j`. */
export function tieWeight(rng: Rng, kind: TieKind, ix: ActorIndex, i: number, j: number, introduced: boolean): number {
  const u = rng.next();
  switch (kind) {
    case 'COLLABORATES': {
      const bonus = (ix.clusters[i] & ix.clusters[j] ? 0.5 : 0) + (ix.seeks[i] & ix.fields[j] ? 0.3 : 0) + (introduced ? 0.2 : 0);
      return oneDecimal(1 + 3.2 * u ** 1.6 + bonus);
    }
    case 'SUPPLIES':
      return Math.min(5, 1 + Math.floor(5 * u ** 1.5));
    case 'FINANCES': {
      // Loan class grows with the borrower's size.
      const employees = Math.max(2, ix.employees[i] || ix.employees[j]);
      return Math.min(5, 1 + Math.floor(Math.log10(employees) * 1.2 + u * 1.5));
    }
    case 'SUPPORTS':
      return oneDecimal(1 + 3 * u ** 1.3 + (introduced ? 0.2 : 0));
    case 'SPUN_OFF_FROM':
      return u < 0.5 ? 4 : 5;
  }
}

/** Weight of the SUPPORTS tie between an IM and a firm incubated in its facility: close by design. */
export function incubationWeight(rng: Rng): number {
  return oneDecimal(3 + 2 * rng.next());
}
