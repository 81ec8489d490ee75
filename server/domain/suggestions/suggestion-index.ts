/**
 * The read-only index the suggestions are computed over, built once per network snapshot and
 * per `asOf` year: the pairs of actors with a known tie (the pair rules of network-graph.ts,
 * without graphology's per-edge objects, which at 500,000 ties cost seconds), and beside them
 * what a request needs in constant time — each actor's partners by type, strongest first; its
 * tie strength and recent activity; the fields its partners work in; and pools of actors by
 * type and field, prefecture, region and cluster, most active first, so that actors without
 * ties still get candidates from fit and place.
 */
import { ACTOR_TYPES, type Actor, type ActorType, type Tie, type TieKind } from '../model.ts';
import { actorNode, actorPositions, networkPairSteps, type ActorNode } from '../graph/network-graph.ts';
import { runSteps, runStepsAsync, type Steps } from '../steps.ts';
import type { FeatureVector } from './feature-names.ts';
import type { RoleWeights } from './roles.ts';
import type { MethodChoice } from './suggestion-types.ts';
import { STRUCTURE } from './weights.ts';

/** One tie of an actor, seen from that actor. */
export interface Link {
  to: number;
  /** (Tie weight over the network's median weight)^strengthExponent (see STRUCTURE). */
  strength: number;
  kinds: readonly TieKind[];
}

export interface IndexedActor extends ActorNode {
  id: string;
  /** Position of its type in ACTOR_TYPES: per-type tables are arrays indexed by it. */
  typeCode: number;
  facility?: string;
  degree: number;
  /** Sum of the strengths of all its ties. */
  strength: number;
  /** Age-discounted count of its ties: how active it has been lately. */
  activity: number;
  /** log(1 + activity), the activity feature, computed once. */
  activityFeature: number;
  /**
   * Its fields, sought fields and clusters as codes (see SuggestionIndex.codes), in the same
   * order and with the same repeats as the names: scoring compares small integers, not strings.
   */
  fieldCodes: Int32Array;
  seekCodes: Int32Array;
  clusterCodes: Int32Array;
  /** The fields its partners offer (codes, ascending) and how many partners offer each. */
  partnerFieldCodes: Int32Array;
  partnerFieldCounts: Int32Array;
}

/** How many of `actor`'s partners offer the field of code `field` (a binary search). */
export function partnersInField(actor: IndexedActor, field: number): number {
  const codes = actor.partnerFieldCodes;
  let lo = 0;
  let hi = codes.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = codes[mid];
    if (c === field) return actor.partnerFieldCounts[mid];
    if (c < field) lo = mid + 1;
    else hi = mid - 1;
  }
  return 0;
}

export interface SuggestionIndex {
  actors: readonly IndexedActor[];
  /** The kinds of the ties of each pair of actors that has any (see pairKey). */
  pairs: ReadonlyMap<number, readonly TieKind[]>;
  /** Number of pairs of actors with at least one tie. */
  pairCount: number;
  position: ReadonlyMap<string, number>;
  /** All partners of each actor, strongest first. */
  links: readonly (readonly Link[])[];
  /** Partners of each actor by their type, strongest first. */
  linksByType: readonly ReadonlyMap<ActorType, readonly Link[]>[];
  /**
   * Partners of each actor by the share of resource each passes on per path (tie strength over
   * the partner's total strength), largest first, at most INTRODUCERS_KEPT: the intermediaries
   * candidate generation expands first, because they say most about each candidate they reach.
   */
  introducers: readonly (readonly Link[])[];
  /** Actors by type and one attribute (see poolKey), most active first. */
  pools: ReadonlyMap<string, readonly number[]>;
  /** A code for every field and cluster name the actors use (the codes of IndexedActor). */
  codes: ReadonlyMap<string, number>;
  /** The year recency is measured from: asOf, or the latest tie year known. */
  referenceYear?: number;
  asOf?: number;
  /** Weights calibrated on this network's own recent years (calibrate.ts); priors where absent. */
  weights: RoleWeights<FeatureVector>;
  /** Which method serves each role, checked on the network's most recent year (choose-method.ts); the engine where absent. */
  methods?: MethodChoice;
}

const NO_CODES = new Int32Array(0);

/** Intermediaries kept per actor, chosen among its 4 × this many strongest ties: bounds memory and work. */
export const INTRODUCERS_KEPT = 256;

export type PoolAttribute = 'all' | 'field' | 'seeks' | 'prefecture' | 'region' | 'country' | 'cluster';

export function poolKey(type: ActorType, attribute: PoolAttribute, value = ''): string {
  return `${type}\u0000${attribute}\u0000${value}`;
}

/** Age discount of a tie first seen in `since`, measured at `referenceYear`: what counts as recent activity. */
export function recencyFactor(since: number | undefined, referenceYear: number | undefined): number {
  if (since === undefined || referenceYear === undefined) return 1;
  return Math.pow(2, -Math.max(0, referenceYear - since) / STRUCTURE.activityHalfLifeYears);
}

function median(values: Float64Array): number {
  if (values.length === 0) return 1;
  const sorted = values.slice().sort(); // a typed array sorts by value, natively
  const m = sorted[Math.floor(sorted.length / 2)];
  return m > 0 ? m : 1;
}

/** The key of the pair of actors at positions `a` and `b` (either order) in `pairs`. */
export function pairKey(index: Pick<SuggestionIndex, 'actors'>, a: number, b: number): number {
  return a < b ? a * index.actors.length + b : b * index.actors.length + a;
}

/** True when the actors `a` and `b` (ids) have a known tie. */
export function areTied(index: SuggestionIndex, a: string, b: string): boolean {
  const i = index.position.get(a);
  const j = index.position.get(b);
  return i !== undefined && j !== undefined && index.pairs.has(pairKey(index, i, j));
}

/** The kinds of the ties between the actors `a` and `b` (ids); empty when they have none. */
export function tieKinds(index: SuggestionIndex, a: string, b: string): readonly TieKind[] {
  const i = index.position.get(a);
  const j = index.position.get(b);
  return (i !== undefined && j !== undefined && index.pairs.get(pairKey(index, i, j))) || [];
}

/** Work between two turns of the event loop when the index is built step by step: pairs, and actors choosing their introducers (a sort of up to 1,024 ties each). */
const PAIRS_PER_STEP = 25_000;
const ACTORS_PER_STEP = 5_000;
const INTRODUCER_ACTORS_PER_STEP = 512;
/** Ties sorted and read per step when each actor's partners are ordered. */
export const LINKS_PER_STEP = 20_000;

export function buildSuggestionIndex(actors: readonly Actor[], ties: readonly Tie[], options: { asOf?: number } = {}): SuggestionIndex {
  return runSteps(indexSteps(actors, ties, options));
}

/** buildSuggestionIndex for a server: the same index, built in steps between other requests. */
export function buildSuggestionIndexAsync(actors: readonly Actor[], ties: readonly Tie[], options: { asOf?: number } = {}): Promise<SuggestionIndex> {
  return runStepsAsync(indexSteps(actors, ties, options));
}

function* indexSteps(actors: readonly Actor[], ties: readonly Tie[], options: { asOf?: number }): Steps<SuggestionIndex> {
  const { kept, position } = actorPositions(actors);
  const records: IndexedActor[] = [];
  const codes = new Map<string, number>();
  const encode = (names: readonly string[]) =>
    Int32Array.from(names, (name) => {
      let code = codes.get(name);
      if (code === undefined) codes.set(name, (code = codes.size));
      return code;
    });
  for (const actor of kept) {
    // 100,000 records in one step held the loop 1.3 s (actorNode reads each prefecture's name).
    if (records.length % ACTORS_PER_STEP === ACTORS_PER_STEP - 1) yield;
    const attrs: ActorNode = actorNode(actor);
    // Every record has the same properties in the same order (one hidden class): scoring reads
    // them for hundreds of candidates per request.
    records.push({
      id: actor.id,
      typeCode: ACTOR_TYPES.indexOf(attrs.type),
      type: attrs.type,
      name: attrs.name,
      name_ja: attrs.name_ja,
      prefecture: attrs.prefecture,
      region: attrs.region,
      country: attrs.country,
      lat: attrs.lat,
      lon: attrs.lon,
      fields: attrs.fields,
      seeks: attrs.seeks,
      clusters: attrs.clusters,
      facility: actor.facility,
      degree: 0,
      strength: 0,
      activity: 0,
      activityFeature: 0,
      fieldCodes: encode(attrs.fields),
      seekCodes: encode(attrs.seeks),
      clusterCodes: encode(attrs.clusters),
      partnerFieldCodes: NO_CODES,
      partnerFieldCounts: NO_CODES,
    });
  }
  yield;
  const pairList = yield* networkPairSteps(position, ties, { asOf: options.asOf });
  yield;

  let latest: number | undefined;
  const weights = new Float64Array(pairList.length);
  for (let k = 0; k < pairList.length; k++) {
    const pair = pairList[k];
    weights[k] = pair.weight;
    if (pair.since !== undefined && (latest === undefined || pair.since > latest)) latest = pair.since;
  }
  const referenceYear = options.asOf ?? latest;
  const unit = median(weights);
  yield;

  const links: Link[][] = records.map(() => []);
  const pairs = new Map<number, readonly TieKind[]>();
  let done = 0;
  for (const { a: s, b: t, weight, kinds, since } of pairList) {
    if (++done % PAIRS_PER_STEP === 0) yield;
    pairs.set(s < t ? s * records.length + t : t * records.length + s, kinds);
    const recency = recencyFactor(since, referenceYear);
    const strength = Math.pow(weight / unit, STRUCTURE.strengthExponent);
    links[s].push({ to: t, strength, kinds });
    links[t].push({ to: s, strength, kinds });
    records[s].activity += recency;
    records[t].activity += recency;
  }
  yield;

  // Strongest first; equal strengths by id, so that the order of the input files never matters.
  const byStrength = (a: Link, b: Link) => b.strength - a.strength || (records[a.to].id < records[b.to].id ? -1 : 1);
  const linksByType: Map<ActorType, Link[]>[] = [];
  let linksSinceYield = 0;
  for (let i = 0; i < links.length; i++) {
    // By ties, not actors: a hub's partners (thousands, each with its fields) weigh more than many small actors.
    if (linksSinceYield > LINKS_PER_STEP) (linksSinceYield = 0), yield;
    const own = links[i];
    linksSinceYield += own.length;
    own.sort(byStrength);
    const record = records[i];
    record.degree = own.length;
    const byType = new Map<ActorType, Link[]>();
    const fieldCount = new Map<number, number>();
    for (const link of own) {
      record.strength += link.strength;
      const other = records[link.to];
      let list = byType.get(other.type);
      if (!list) byType.set(other.type, (list = []));
      list.push(link);
      for (const f of new Set(other.fieldCodes)) fieldCount.set(f, (fieldCount.get(f) ?? 0) + 1);
    }
    record.partnerFieldCodes = Int32Array.from(fieldCount.keys()).sort();
    record.partnerFieldCounts = Int32Array.from(record.partnerFieldCodes, (f) => fieldCount.get(f)!);
    record.activityFeature = Math.log1p(record.activity);
    linksByType.push(byType);
  }

  const introducers: Link[][] = [];
  for (let i = 0; i < links.length; i++) {
    if (i % INTRODUCER_ACTORS_PER_STEP === 0) yield;
    introducers.push(
      links[i]
        .slice(0, INTRODUCERS_KEPT * 4)
        .map((link) => ({ link, share: link.strength / records[link.to].strength }))
        .sort((a, b) => b.share - a.share || (records[a.link.to].id < records[b.link.to].id ? -1 : 1))
        .slice(0, INTRODUCERS_KEPT)
        .map(({ link }) => link),
    );
  }
  const pools = yield* poolSteps(records);
  return { actors: records, pairs, pairCount: pairList.length, position, links, linksByType, introducers, pools, codes, referenceYear, asOf: options.asOf, weights: {} };
}

/** Actors filed into pools, and pool entries sorted, between two turns of the event loop. */
const POOL_ACTORS_PER_STEP = 2_000;
const POOL_ENTRIES_PER_STEP = 20_000;

function* poolSteps(records: readonly IndexedActor[]): Steps<Map<string, number[]>> {
  const pools = new Map<string, number[]>();
  const add = (key: string, i: number) => {
    let pool = pools.get(key);
    if (!pool) pools.set(key, (pool = []));
    pool.push(i);
  };
  for (let i = 0; i < records.length; i++) {
    if (i % POOL_ACTORS_PER_STEP === 0) yield;
    const r = records[i];
    add(poolKey(r.type, 'all'), i);
    for (const f of new Set(r.fields)) add(poolKey(r.type, 'field', f), i);
    for (const f of new Set(r.seeks)) add(poolKey(r.type, 'seeks', f), i);
    for (const c of new Set(r.clusters)) add(poolKey(r.type, 'cluster', c), i);
    if (r.prefecture) add(poolKey(r.type, 'prefecture', r.prefecture), i);
    if (r.region) add(poolKey(r.type, 'region', r.region), i);
    add(poolKey(r.type, 'country', r.country), i);
  }
  const mostActive = (a: number, b: number) => records[b].activity - records[a].activity || (records[a].id < records[b].id ? -1 : 1);
  let sorted = 0;
  for (const pool of pools.values()) {
    if (sorted > POOL_ENTRIES_PER_STEP) (sorted = 0), yield;
    sorted += pool.length;
    pool.sort(mostActive);
  }
  return pools;
}
