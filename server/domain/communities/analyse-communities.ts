/**
 * Communities of the network as the API answers them: the network (as of a year, of some actor
 * types, built by network-graph.ts and made compact) has its communities detected with the product's method (detect-communities.ts,
 * weighted by tie strength, seeded) and summarised; and, over the years, tracked.
 */
import type { ActorType } from '../model.ts';
import type { CompactNetwork } from '../graph/compact-network.ts';
import { detectInCsr, type CommunityMethod, type DetectedMembership } from './detect-communities.ts';
import type { WeightedCsr } from '../graph/weighted-csr.ts';
import { seededRng } from '../graph/seeded-rng.ts';
import { summarizeCommunities, type CommunitySummary } from './summarize-communities.ts';
import { trackCommunities, TRACK_DEFAULTS, type CommunityEvent } from './track-communities.ts';

export interface CommunityParameters {
  resolution: number;
  seed: number;
  /** Only actors of these types (all when empty). */
  types: readonly ActorType[];
  /** The network at the end of this year (ties up to it); the whole network when absent. */
  asOf?: number;
  /** Communities smaller than this are counted, not summarised. */
  minSize: number;
}

export const COMMUNITY_PARAMETER_DEFAULTS: CommunityParameters = { resolution: 1, seed: 42, types: [], minSize: 2 };

export interface CommunityAnalysis {
  parameters: CommunityParameters;
  modularity: number;
  /** Every community, the small ones included. */
  count: number;
  actors: number;
  /** Pairs of actors tied. */
  ties: number;
  method: CommunityMethod & { description: string };
  communities: CommunitySummary[];
  small: { communities: number; actors: number };
  /** Community of every actor. */
  assignment: Record<string, number>;
  timings: { detectMs: number; summarizeMs: number };
}

const METHOD_DESCRIPTION =
  'Leiden (Traag, Waltman & van Eck 2019) on the tie-weighted pair graph: several seeded runs, ' +
  'recombined through their core groups (Ovelgönne & Geyer-Schulz 2013) and iterated until stable; ' +
  'every community is connected.';

/** Communities of a network built with the parameters' `asOf` and `types`. */
export function analyseCommunities(network: CompactNetwork, parameters: CommunityParameters): CommunityAnalysis {
  return summariseDetected(network, parameters, detectFor(network.csr, parameters));
}

/** The communities' detection alone, on the compact network's CSR (what a worker thread runs). */
export interface Detection {
  detected: DetectedMembership;
  detectMs: number;
}

export function detectFor(csr: WeightedCsr, parameters: CommunityParameters): Detection {
  const started = performance.now();
  const detected = detectInCsr(csr, { resolution: parameters.resolution, rng: seededRng(parameters.seed) });
  return { detected, detectMs: ms(performance.now() - started) };
}

/** The analysis of `network` from its detected communities: summaries and every actor's community. */
export function summariseDetected(network: CompactNetwork, parameters: CommunityParameters, { detected, detectMs }: Detection): CommunityAnalysis {
  const started = performance.now();
  const summaries = summarizeCommunities(network, detected.membership, { minSize: parameters.minSize });
  const assignment: Record<string, number> = {};
  network.nodes.forEach((v, i) => (assignment[v] = detected.membership[i]));
  return {
    parameters,
    modularity: round(detected.modularity),
    count: detected.count,
    actors: network.csr.order,
    ties: network.csr.neighbours.length / 2,
    method: { ...detected.method, description: METHOD_DESCRIPTION },
    communities: summaries.communities,
    small: summaries.small,
    assignment,
    timings: { detectMs, summarizeMs: ms(performance.now() - started) },
  };
}

export interface CommunityTimeline {
  method: { matching: string; threshold: number };
  years: {
    year: number;
    modularity: number;
    count: number;
    communities: { id: number; lineage: string; size: number; label: CommunitySummary['label'] }[];
    /** From the previous year to this one, communities named by their lineage. */
    events: TimelineEvent[];
  }[];
}

type Named = { id: number; lineage: string };
export type TimelineEvent = CommunityEvent<Named>;

/** Communities of successive years matched to each other (see track-communities.ts). */
export function communityTimeline(years: readonly { year: number; analysis: CommunityAnalysis }[], threshold = TRACK_DEFAULTS.threshold): CommunityTimeline {
  const steps = years.map(({ year, analysis }) => ({ key: year, communities: membersOf(analysis) }));
  const tracked = trackCommunities(steps, { threshold });
  return {
    method: {
      matching: 'Greene, Doyle & Cunningham 2010: communities of successive years linked when their Jaccard similarity reaches the threshold; identity passed along the strongest links.',
      threshold,
    },
    years: years.map(({ year, analysis }, i) => {
      const lineage = tracked[i].lineage;
      const before = i > 0 ? tracked[i - 1].lineage : new Map<number, string>();
      const now = (id: number): Named => ({ id, lineage: lineage.get(id)! });
      const then = (id: number): Named => ({ id, lineage: before.get(id)! });
      return {
        year,
        modularity: analysis.modularity,
        count: analysis.count,
        communities: analysis.communities.map((c) => ({ id: c.id, lineage: lineage.get(c.id)!, size: c.size, label: c.label })),
        events: tracked[i].events.map((e: CommunityEvent): TimelineEvent => {
          switch (e.type) {
            case 'continued':
              return { type: e.type, from: then(e.from), to: now(e.to), jaccard: e.jaccard };
            case 'split':
              return { type: e.type, from: then(e.from), to: e.to.map(now) };
            case 'merged':
              return { type: e.type, from: e.from.map(then), to: now(e.to) };
            case 'new':
              return { type: e.type, to: now(e.to) };
            case 'ended':
              return { type: e.type, from: then(e.from) };
          }
        }),
      };
    }),
  };
}

/** Members of the summarised communities (the small ones take no part in tracking). */
function membersOf(analysis: CommunityAnalysis): { id: number; members: string[] }[] {
  const kept = new Map(analysis.communities.map((c) => [c.id, [] as string[]]));
  for (const [actor, c] of Object.entries(analysis.assignment)) kept.get(c)?.push(actor);
  return [...kept].map(([id, members]) => ({ id, members }));
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

function ms(x: number): number {
  return Math.round(x);
}
