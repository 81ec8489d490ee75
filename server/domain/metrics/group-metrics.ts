/**
 * Network metrics per group of actors (region, prefecture, cluster project, field, actor type):
 * where the network is thick or thin, how much of it links industry and academia, how a group
 * ties to the others, and who brokers in it.
 *
 * A "tie" here is a pair of actors linked by at least one tie of any kind (the pair graph of
 * network-graph.ts); several ties between the same two actors count once, their weights add up.
 * For a group g of n_g actors:
 */
import type { ActorNode } from '../graph/network-graph.ts';
import type { BetweennessMethod } from './betweenness.ts';
import { groupName, groupsOf, type Grouping } from './groupings.ts';
import type { NetworkMeasures } from './network-measures.ts';

export interface GroupMetrics {
  /** Group id (region id, prefecture, cluster id, field id, actor type; "none", "all"). */
  id: string;
  name: string;
  name_ja: string;
  /** n_g: actors in the group. */
  actors: number;
  /** m_g: ties with both ends in the group. */
  tiesInside: number;
  /** Σ of the weights of the ties inside. */
  weightInside: number;
  /** 2·m_g / (n_g·(n_g − 1)): the share of possible pairs inside the group that are tied (0 when n_g < 2). */
  density: number;
  /** (1/n_g)·Σ_{v∈g} k_v, k_v the partners of v anywhere in the network. */
  averageDegree: number;
  /** 2·m_g / n_g: partners inside the group per actor. */
  internalAverageDegree: number;
  /** (1/n_g)·Σ_{v∈g} C_v, C_v the local clustering coefficient of v in the whole network (0 when k_v < 2). */
  clustering: number;
  /** a_g / (m_g + x_g): the share of ties touching the group that link an enterprise with a university or public research institute. */
  industryAcademiaShare: number;
  /** x_g: ties from a member to an actor outside the group (cross-region, cross-cluster, ...). */
  tiesOutside: number;
  /** x_g / (m_g + x_g): the share of the group's ties that leave it. */
  externalShare: number;
  /** The groups most tied to this one: ties from members to their members. */
  partners: { id: string; ties: number }[];
  /** Connected components of the subgraph of the group's members and the ties among them (an actor with no tie inside is one). */
  components: number;
  /** Actors in the largest of those components. */
  largestComponent: number;
  /** Members of highest betweenness in the whole network. */
  brokers: { id: string; name: string; type: string; betweenness: number }[];
}

/** Each metric's definition, as the API and the CSV export state it (docs/analysis.md explains them). */
export const METRIC_DEFINITIONS: Readonly<Record<string, string>> = {
  tie: 'a pair of actors linked by at least one tie of any kind; several ties between the same pair count once and their weights add up',
  actors: 'n_g = number of actors in the group',
  tiesInside: 'm_g = number of ties with both ends in the group',
  weightInside: 'sum of the weights of the ties inside the group',
  density: '2·m_g / (n_g·(n_g − 1)); 0 when n_g < 2',
  averageDegree: '(1/n_g)·Σ_{v∈g} k_v, k_v = number of partners of v in the whole network',
  internalAverageDegree: '2·m_g / n_g',
  clustering: '(1/n_g)·Σ_{v∈g} C_v, C_v = 2·T_v / (k_v·(k_v − 1)), T_v = triangles through v in the whole network; C_v = 0 when k_v < 2 (Watts & Strogatz 1998)',
  industryAcademiaShare: 'a_g / (m_g + x_g), a_g = ties touching the group between an Enterprise and a University or ResearchInstitute',
  tiesOutside: 'x_g = number of ties from a member to an actor outside the group',
  externalShare: 'x_g / (m_g + x_g)',
  partners: 'the groups with most ties from this group: count of ties x_g ending in each (an actor in several groups counts for each)',
  components: 'connected components of the subgraph of the group\'s members and the ties among them (an actor without a tie inside is one)',
  largestComponent: 'number of actors in the largest of those components',
  brokers: 'members of highest betweenness in the whole network: b(v) = Σ_{s≠v≠t} σ_st(v)/σ_st / ((n−1)(n−2)/2), shortest paths counted in hops (Brandes 2001; estimated from seeded sampled sources when the network is large, Brandes & Pich 2007)',
};

export interface GroupMetricsOptions {
  /** Brokers listed per group. */
  brokers: number;
  /** Partner groups listed per group. */
  partners: number;
}

export const GROUP_METRICS_DEFAULTS: GroupMetricsOptions = { brokers: 5, partners: 3 };

export interface GroupMetricsResult {
  by: Grouping;
  /** The whole network as one group (id "all"). */
  network: GroupMetrics;
  groups: GroupMetrics[];
  betweenness: BetweennessMethod & { seed: number };
}

const ACADEMIA = new Set(['University', 'ResearchInstitute']);

/** An enterprise tied to a university or public research institute. */
export function isIndustryAcademia(a: ActorNode, b: ActorNode): boolean {
  return (a.type === 'Enterprise' && ACADEMIA.has(b.type)) || (b.type === 'Enterprise' && ACADEMIA.has(a.type));
}

/** Metrics of every group of a grouping, and of the whole network, from the network's measures. */
export function groupMetrics(measures: NetworkMeasures, by: Grouping, options: Partial<GroupMetricsOptions> = {}): GroupMetricsResult {
  const o = { ...GROUP_METRICS_DEFAULTS, ...options };
  const { csr, attributes } = measures;
  const groupsOfNode = attributes.map((a) => groupsOf(a, by));
  const members = new Map<string, number[]>();
  groupsOfNode.forEach((ids, v) => {
    for (const id of ids) {
      const list = members.get(id);
      if (list) list.push(v);
      else members.set(id, [v]);
    }
  });
  const context: Context = {
    ...measures,
    groupsOfNode,
    inGroup: new Uint8Array(csr.order),
    parent: new Int32Array(csr.order),
    options: o,
  };
  const groups = [...members]
    .map(([id, list]) => measure(context, id, groupName(by, id), list))
    .sort((a, b) => b.actors - a.actors || (a.id < b.id ? -1 : 1));
  const everyone = Array.from({ length: csr.order }, (_, v) => v);
  const network = measure(context, 'all', { name: 'Whole network', name_ja: 'ネットワーク全体' }, everyone);
  return { by, network, groups, betweenness: measures.betweennessMethod };
}

interface Context extends NetworkMeasures {
  groupsOfNode: (readonly string[])[];
  /** Scratch of the group being measured: membership flags and union-find parents. */
  inGroup: Uint8Array;
  parent: Int32Array;
  options: GroupMetricsOptions;
}

function measure(ctx: Context, id: string, names: { name: string; name_ja: string }, members: number[]): GroupMetrics {
  const { csr, attributes, inGroup } = ctx;
  for (const v of members) inGroup[v] = 1;
  let insideArcs = 0;
  let weightInsideArcs = 0;
  let outside = 0;
  let industryAcademiaArcsInside = 0;
  let industryAcademiaOutside = 0;
  let degreeSum = 0;
  let clusteringSum = 0;
  const partners = new Map<string, number>();
  const parent = ctx.parent;
  for (const v of members) parent[v] = v;
  const find = (v: number): number => {
    let r = v;
    while (parent[r] !== r) r = parent[r];
    while (parent[v] !== r) {
      const next = parent[v];
      parent[v] = r;
      v = next;
    }
    return r;
  };
  for (const v of members) {
    degreeSum += csr.offsets[v + 1] - csr.offsets[v];
    clusteringSum += ctx.clustering[v];
    for (let a = csr.offsets[v]; a < csr.offsets[v + 1]; a++) {
      const u = csr.neighbours[a];
      const ia = isIndustryAcademia(attributes[v], attributes[u]);
      if (inGroup[u]) {
        insideArcs++;
        weightInsideArcs += csr.weights[a];
        if (ia) industryAcademiaArcsInside++;
        const ru = find(u);
        const rv = find(v);
        if (ru !== rv) parent[ru] = rv;
      } else {
        outside++;
        if (ia) industryAcademiaOutside++;
        for (const g of ctx.groupsOfNode[u]) partners.set(g, (partners.get(g) ?? 0) + 1);
      }
    }
  }
  const componentSizes = new Map<number, number>();
  let largestComponent = 0;
  for (const v of members) {
    const r = find(v);
    const size = (componentSizes.get(r) ?? 0) + 1;
    componentSizes.set(r, size);
    if (size > largestComponent) largestComponent = size;
  }
  for (const v of members) inGroup[v] = 0;
  const n = members.length;
  // Each tie inside is met from both ends.
  const inside = insideArcs / 2;
  const touching = inside + outside;
  const brokers = [...members]
    .filter((v) => ctx.betweenness[v] > 0)
    .sort((a, b) => ctx.betweenness[b] - ctx.betweenness[a] || (ctx.nodes[a] < ctx.nodes[b] ? -1 : 1))
    .slice(0, ctx.options.brokers)
    .map((v) => ({ id: ctx.nodes[v], name: attributes[v].name, type: attributes[v].type, betweenness: round(ctx.betweenness[v], 6) }));
  return {
    id,
    ...names,
    actors: n,
    tiesInside: inside,
    weightInside: round(weightInsideArcs / 2),
    density: n < 2 ? 0 : round((2 * inside) / (n * (n - 1)), 6),
    averageDegree: n ? round(degreeSum / n) : 0,
    internalAverageDegree: n ? round((2 * inside) / n) : 0,
    clustering: n ? round(clusteringSum / n) : 0,
    industryAcademiaShare: touching ? round((industryAcademiaArcsInside / 2 + industryAcademiaOutside) / touching) : 0,
    tiesOutside: outside,
    externalShare: touching ? round(outside / touching) : 0,
    partners: [...partners]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, ctx.options.partners)
      .map(([g, ties]) => ({ id: g, ties })),
    components: componentSizes.size,
    largestComponent,
    brokers,
  };
}

function round(x: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
