/**
 * Candidate generation, bounded whatever the degrees: the asker's partners are expanded in the
 * order of the share of resource they pass on per path (suggestion-index.ts `introducers`: a
 * partner with few ties first, a hub last), and from each only its strongest partners of the
 * wanted types are visited (at most `maxPerIntermediary`), until `maxVisits` paths have been
 * followed. Cutting a hub's list costs little accuracy because resource allocation divides what
 * a hub passes on by its strength: the partners left out would each receive a tiny share.
 * Pools by field, prefecture, region and cluster (most active first, at most `poolSize` each) add
 * candidates that no path reaches, so that an actor without ties still gets suggestions from fit
 * and place.
 */
import type { ActorType } from '../model.ts';
import type { StructuralEvidence } from './features.ts';
import type { FeatureVector } from './feature-names.ts';
import type { MethodName } from './suggestion-types.ts';
import { perObject } from '../per-object.ts';
import { BROKER_TYPES } from './roles.ts';
import { poolKey, type IndexedActor, type SuggestionIndex } from './suggestion-index.ts';

export interface CandidateLimits {
  /** Paths of length two followed in all: the work per request. */
  maxVisits: number;
  /** Partners of one intermediary visited per wanted type, strongest first. */
  maxPerIntermediary: number;
  /** Actors taken from each pool. */
  poolSize: number;
  /** Peers and brokers kept per candidate for its explanation. */
  keepPaths: number;
}

export const CANDIDATE_DEFAULTS: Readonly<CandidateLimits> = {
  maxVisits: 4608,
  maxPerIntermediary: 96,
  poolSize: 32,
  keepPaths: 4,
};

/** One intermediary between the asker and a candidate, and the share it passes on. */
export interface Path {
  via: number;
  amount: number;
}

export interface Candidate extends StructuralEvidence {
  index: number;
  /** How many peers and brokers link the asker to the candidate (within the bounded expansion). */
  peerCount: number;
  brokerCount: number;
  /** The peers and the brokers that pass the most, best first (at most `keepPaths` each). */
  peerPaths: Path[];
  brokerPaths: Path[];
}

/** Keeps `paths` the `keep` largest, largest first; allocates only a path that is kept. */
function keepBest(paths: Path[], via: number, amount: number, keep: number): void {
  if (paths.length === keep && paths[keep - 1].amount >= amount) return;
  let i = paths.length;
  if (paths.length === keep) paths.pop(), (i = keep - 1);
  while (i > 0 && paths[i - 1].amount < amount) i--;
  paths.splice(i, 0, { via, amount });
}

/**
 * Per index, the slot of each actor in the request being served (valid while its stamp is the
 * request's): candidate generation looks actors up thousands of times per request, and typed
 * arrays do it without a Map's hashing. Requests are synchronous, so one scratch per index serves.
 */
interface Scratch {
  stamp: Uint32Array;
  slot: Int32Array;
  request: number;
}
const scratchOf = perObject((index: SuggestionIndex): Scratch => ({ stamp: new Uint32Array(index.actors.length), slot: new Int32Array(index.actors.length), request: 0 }));

/** The scratch of `index`, stamped for a new request. */
function newRequest(index: SuggestionIndex): Scratch {
  const s = scratchOf(index);
  if (++s.request === 0xffffffff) s.stamp.fill(0), (s.request = 1);
  return s;
}

/** Slot of an actor `accept` rejected. */
const REJECTED = -1;

/**
 * Candidates of the wanted types for the actor at `asker`, with the structural evidence gathered
 * on the way, in the order they were first reached. `accept` rejects candidates (the asker, its
 * partners, the filters' misses).
 */
export function gatherCandidates(
  index: SuggestionIndex,
  asker: number,
  types: readonly ActorType[],
  accept: (candidate: number) => boolean,
  extraPools: readonly string[] = [],
  limits: CandidateLimits = CANDIDATE_DEFAULTS,
): Candidate[] {
  const { stamp, slot, request } = newRequest(index);
  const found: Candidate[] = [];
  const visit = (v: number): Candidate | null => {
    if (stamp[v] === request) {
      const k = slot[v];
      return k === REJECTED ? null : found[k];
    }
    stamp[v] = request;
    if (!accept(v)) {
      slot[v] = REJECTED;
      return null;
    }
    const c: Candidate = { index: v, peers: 0, brokers: 0, peerCount: 0, brokerCount: 0, peerPaths: [], brokerPaths: [] };
    slot[v] = found.length;
    found.push(c);
    return c;
  };

  const own = index.introducers[asker];
  let budget = limits.maxVisits;
  for (let h = 0; h < own.length && budget > 0; h++) {
    const first = own[h];
    const middle = index.actors[first.to];
    if (middle.strength <= 0) continue;
    const broker = BROKER_TYPES.has(middle.type);
    const byType = index.linksByType[first.to];
    for (const type of types) {
      const list = byType.get(type);
      if (!list) continue;
      const n = Math.min(list.length, limits.maxPerIntermediary, budget);
      budget -= n;
      for (let k = 0; k < n; k++) {
        const second = list[k];
        if (second.to === asker) continue;
        const c = visit(second.to);
        if (!c) continue;
        const amount = (first.strength * second.strength) / middle.strength;
        if (broker) {
          c.brokers += amount;
          c.brokerCount++;
          keepBest(c.brokerPaths, first.to, amount, limits.keepPaths);
        } else {
          c.peers += amount;
          c.peerCount++;
          keepBest(c.peerPaths, first.to, amount, limits.keepPaths);
        }
      }
    }
  }

  for (const key of [...poolKeys(index.actors[asker], types), ...extraPools]) {
    const pool = index.pools.get(key);
    if (!pool) continue;
    // A bounded scan: pools are sorted most active first and many entries may be rejected.
    let taken = 0;
    for (let k = 0; k < pool.length && k < limits.poolSize * 4 && taken < limits.poolSize; k++) {
      if (visit(pool[k])) taken++;
    }
  }
  return found;
}

/** The pools that fit and place draw from: what the asker seeks and offers, where it is, its clusters. */
function poolKeys(asker: IndexedActor, types: readonly ActorType[]): string[] {
  const keys: string[] = [];
  for (const t of types) {
    for (const f of asker.seeks) keys.push(poolKey(t, 'field', f));
    for (const f of asker.fields) keys.push(poolKey(t, 'seeks', f), poolKey(t, 'field', f));
    for (const c of asker.clusters) keys.push(poolKey(t, 'cluster', c));
    if (asker.prefecture) keys.push(poolKey(t, 'prefecture', asker.prefecture));
    if (asker.region) keys.push(poolKey(t, 'region', asker.region));
    keys.push(poolKey(t, 'all'));
  }
  return keys;
}

/**
 * The structural evidence between the asker and each of `candidates`, over every shared partner
 * (no bound): what a structural method's suggestion is explained by (its `via`). The asker's
 * partners are marked once per request (a hub has thousands), then each candidate costs its own ties.
 */
export function evidenceFor(index: SuggestionIndex, asker: number, candidates: readonly number[], keepPaths = CANDIDATE_DEFAULTS.keepPaths): Candidate[] {
  const mine = strengthMarks(index);
  const own = index.links[asker];
  for (const l of own) mine[l.to] = l.strength;
  const found = candidates.map((candidate) => {
    const c: Candidate = { index: candidate, peers: 0, brokers: 0, peerCount: 0, brokerCount: 0, peerPaths: [], brokerPaths: [] };
    for (const l of index.links[candidate]) {
      const first = mine[l.to];
      if (first === 0) continue;
      const middle = index.actors[l.to];
      if (middle.strength <= 0) continue;
      const amount = (first * l.strength) / middle.strength;
      if (BROKER_TYPES.has(middle.type)) {
        c.brokers += amount;
        c.brokerCount++;
        keepBest(c.brokerPaths, l.to, amount, keepPaths);
      } else {
        c.peers += amount;
        c.peerCount++;
        keepBest(c.peerPaths, l.to, amount, keepPaths);
      }
    }
    return c;
  });
  for (const l of own) mine[l.to] = 0;
  return found;
}

/** A strength per actor, all zero between calls (a pair's strength is always positive). */
const strengthMarks = perObject((index: SuggestionIndex) => new Float64Array(index.actors.length));

/** A candidate as a method ranked it (suggest-partners.ts), with what explains it (explain.ts). */
export interface RankedCandidate {
  candidate: Candidate;
  features: FeatureVector;
  weights: FeatureVector;
  score: number;
  /** The method that ranked it: the engine's weighted features, or a structural score (structural-methods.ts). */
  method: MethodName;
}
