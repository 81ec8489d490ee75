/**
 * Key brokers of each community: the actors that tie it to other communities.
 *
 * For an actor v of community c with weighted degree k_v and k_vs its weight of ties into
 * community s:
 * - external weight  x_v = Σ_{s≠c} k_vs (how much of its tie weight leaves its community),
 * - communities reached: the number of other communities s with k_vs > 0,
 * - participation coefficient P_v = 1 − Σ_s (k_vs / k_v)² (R. Guimerà and L. A. N. Amaral,
 *   « Functional cartography of complex metabolic networks », Nature 433, 895-900, 2005):
 *   0 when every tie stays inside, close to 1 when ties spread evenly over many communities.
 * Brokers are ranked by external weight, then communities reached, then id.
 */
import type { CompactNetwork } from '../graph/compact-network.ts';

export interface Broker {
  id: string;
  name: string;
  type: string;
  prefecture?: string;
  externalWeight: number;
  communitiesReached: number;
  participation: number;
}

export interface CommunityBrokersOptions {
  /** Brokers kept per community. */
  limit: number;
}

export const COMMUNITY_BROKERS_DEFAULTS: CommunityBrokersOptions = { limit: 5 };

/** The top brokers of every community, by community id. */
export function communityBrokers(
  network: CompactNetwork,
  membership: Int32Array,
  options: Partial<CommunityBrokersOptions> = {},
): Map<number, Broker[]> {
  const o = { ...COMMUNITY_BROKERS_DEFAULTS, ...options };
  const { csr, nodes, attributes } = network;
  const byCommunity = new Map<number, Broker[]>();
  // Weight from the current node into each community, kept zero between nodes.
  const into = new Float64Array(csr.order);
  const touched = new Int32Array(csr.order);
  for (let v = 0; v < csr.order; v++) {
    const own = membership[v];
    let nTouched = 0;
    let degree = 0;
    for (let a = csr.offsets[v]; a < csr.offsets[v + 1]; a++) {
      const c = membership[csr.neighbours[a]];
      if (into[c] === 0) touched[nTouched++] = c;
      into[c] += csr.weights[a];
      degree += csr.weights[a];
    }
    const external = degree - into[own];
    let concentration = 0;
    for (let t = 0; t < nTouched; t++) {
      concentration += (into[touched[t]] / degree) ** 2;
      into[touched[t]] = 0;
    }
    if (external <= 1e-12) continue;
    const reached = nTouched - (touchedOwn(touched, nTouched, own) ? 1 : 0);
    const a = attributes[v];
    const broker: Broker = {
      id: nodes[v],
      name: a.name,
      type: a.type,
      ...(a.prefecture ? { prefecture: a.prefecture } : {}),
      externalWeight: round(external),
      communitiesReached: reached,
      participation: round(1 - concentration),
    };
    const list = byCommunity.get(own);
    if (list) list.push(broker);
    else byCommunity.set(own, [broker]);
  }
  for (const [c, list] of byCommunity) {
    list.sort((a, b) => b.externalWeight - a.externalWeight || b.communitiesReached - a.communitiesReached || (a.id < b.id ? -1 : 1));
    byCommunity.set(c, list.slice(0, o.limit));
  }
  return byCommunity;
}

function touchedOwn(touched: Int32Array, n: number, own: number): boolean {
  for (let t = 0; t < n; t++) if (touched[t] === own) return true;
  return false;
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
