/**
 * What a policymaker reads of each community: its size, its composition by actor type, the fields,
 * prefectures, regions and cluster projects most of its members share, its brokers, how much of
 * its tie weight stays inside, the communities it is most tied to, and a readable label.
 */
import { ACTOR_TYPES, type ActorType } from '../model.ts';
import { groupName, type Grouping } from '../metrics/groupings.ts';
import type { CompactNetwork } from '../graph/compact-network.ts';
import { communityBrokers, type Broker } from './community-brokers.ts';
import { labelCommunities, type CommunityLabel } from './community-labels.ts';

export interface RankedGroup {
  id: string;
  name: string;
  name_ja: string;
  /** Members with this value. */
  count: number;
  /** count / size. */
  share: number;
}

export interface CommunitySummary {
  id: number;
  size: number;
  label: CommunityLabel;
  composition: Record<ActorType, number>;
  /** Fields most members offer. */
  fields: RankedGroup[];
  /**
   * Fields over-represented in the community (lift = share in the community / share in the
   * network > 1, offered by at least `minFieldShare` of the members), ranked by share · ln(lift):
   * the field's term in the Kullback-Leibler divergence of the community's fields from the
   * network's, so that a field must be both common in the community and rarer elsewhere.
   */
  characteristicFields: (RankedGroup & { lift: number })[];
  prefectures: RankedGroup[];
  regions: RankedGroup[];
  clusters: RankedGroup[];
  brokers: Broker[];
  /** Actor pairs tied inside the community, and from it to other communities. */
  ties: { inside: number; outside: number };
  /** Tie weight inside, and to other communities. */
  weight: { inside: number; outside: number };
  /** The communities it has most tie weight with. */
  neighbours: { id: number; weight: number }[];
}

export interface SummarizeOptions {
  /** Entries kept in each ranked list. */
  top: number;
  /** Least share of members offering a field for it to characterise the community. */
  minFieldShare: number;
  /** Communities smaller than this are only counted, not summarised. */
  minSize: number;
}

export const SUMMARIZE_DEFAULTS: SummarizeOptions = { top: 5, minFieldShare: 0.1, minSize: 2 };

export interface CommunitySummaries {
  communities: CommunitySummary[];
  /** Communities below `minSize` (mostly actors without any tie), and their actors. */
  small: { communities: number; actors: number };
}

interface Tally {
  size: number;
  composition: Record<ActorType, number>;
  values: Record<'fields' | 'prefectures' | 'regions' | 'clusters', Map<string, number>>;
  ties: { inside: number; outside: number };
  weight: { inside: number; outside: number };
  neighbours: Map<number, number>;
}

const LISTS = [
  ['fields', 'field'],
  ['prefectures', 'prefecture'],
  ['regions', 'region'],
  ['clusters', 'cluster'],
] as const satisfies readonly (readonly [keyof Tally['values'], Grouping])[];

/** Summaries of every community of at least `minSize` actors, largest first (by id). */
export function summarizeCommunities(
  network: CompactNetwork,
  membership: Int32Array,
  options: Partial<SummarizeOptions> = {},
): CommunitySummaries {
  const o = { ...SUMMARIZE_DEFAULTS, ...options };
  const { csr, attributes } = network;
  const tallies = new Map<number, Tally>();
  const networkFields = new Map<string, number>();
  const tallyOf = (c: number): Tally => {
    let t = tallies.get(c);
    if (!t) {
      t = {
        size: 0,
        composition: Object.fromEntries(ACTOR_TYPES.map((type) => [type, 0])) as Record<ActorType, number>,
        values: { fields: new Map(), prefectures: new Map(), regions: new Map(), clusters: new Map() },
        ties: { inside: 0, outside: 0 },
        weight: { inside: 0, outside: 0 },
        neighbours: new Map(),
      };
      tallies.set(c, t);
    }
    return t;
  };
  for (let v = 0; v < csr.order; v++) {
    const a = attributes[v];
    const t = tallyOf(membership[v]);
    t.size++;
    t.composition[a.type]++;
    count(t.values.fields, a.fields);
    count(networkFields, a.fields);
    count(t.values.clusters, a.clusters);
    if (a.prefecture) count(t.values.prefectures, [a.prefecture]);
    if (a.region) count(t.values.regions, [a.region]);
    // Each tie is met from both ends: inside ties count half each time, outside ties once per end.
    for (let e = csr.offsets[v]; e < csr.offsets[v + 1]; e++) {
      const d = membership[csr.neighbours[e]];
      const w = csr.weights[e];
      if (d === membership[v]) {
        t.ties.inside += 0.5;
        t.weight.inside += w / 2;
      } else {
        t.ties.outside++;
        t.weight.outside += w;
        t.neighbours.set(d, (t.neighbours.get(d) ?? 0) + w);
      }
    }
  }
  const order = csr.order;
  const brokers = communityBrokers(network, membership, { limit: o.top });
  const summaries: CommunitySummary[] = [];
  let smallCommunities = 0;
  let smallActors = 0;
  for (const [id, t] of [...tallies].sort((a, b) => a[0] - b[0])) {
    if (t.size < o.minSize) {
      smallCommunities++;
      smallActors += t.size;
      continue;
    }
    const lists = Object.fromEntries(LISTS.map(([key, by]) => [key, ranked(t.values[key], by, t.size, o.top)])) as Record<
      keyof Tally['values'],
      RankedGroup[]
    >;
    summaries.push({
      id,
      size: t.size,
      label: { en: '', ja: '' },
      composition: t.composition,
      ...lists,
      characteristicFields: characteristic(t.values.fields, networkFields, t.size, order, o),
      brokers: brokers.get(id) ?? [],
      ties: t.ties,
      weight: { inside: round(t.weight.inside), outside: round(t.weight.outside) },
      neighbours: [...t.neighbours]
        .sort((a, b) => b[1] - a[1] || a[0] - b[0])
        .slice(0, o.top)
        .map(([n, w]) => ({ id: n, weight: round(w) })),
    });
  }
  const labels = labelCommunities(summaries);
  summaries.forEach((s, i) => (s.label = labels[i]));
  return { communities: summaries, small: { communities: smallCommunities, actors: smallActors } };
}

function count(map: Map<string, number>, values: readonly string[]): void {
  for (const v of values) map.set(v, (map.get(v) ?? 0) + 1);
}

function ranked(map: Map<string, number>, by: Grouping, size: number, top: number): RankedGroup[] {
  return [...map]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, top)
    .map(([id, n]) => ({ id, ...groupName(by, id), count: n, share: round(n / size) }));
}

function characteristic(
  fields: Map<string, number>,
  network: Map<string, number>,
  size: number,
  order: number,
  o: SummarizeOptions,
): (RankedGroup & { lift: number })[] {
  return [...fields]
    .filter(([, n]) => n / size >= o.minFieldShare)
    .map(([id, n]) => ({ id, n, lift: n / size / (network.get(id)! / order) }))
    .filter((f) => f.lift > 1)
    .map((f) => ({ ...f, score: (f.n / size) * Math.log(f.lift) }))
    .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))
    .slice(0, o.top)
    .map(({ id, n, lift }) => ({ id, ...groupName('field', id), count: n, share: round(n / size), lift: round(lift) }));
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
