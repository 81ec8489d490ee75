/**
 * The per-actor measures every grouping reads: local clustering and betweenness, with the
 * network in compact form. Computed once per network state (year, types)
 * and shared by the groupings, since betweenness is by far the costliest part.
 */
import type { CompactNetwork } from '../graph/compact-network.ts';
import type { WeightedCsr } from '../graph/weighted-csr.ts';
import { seededRng } from '../graph/seeded-rng.ts';
import { betweenness, BETWEENNESS_DEFAULTS, type BetweennessMethod } from './betweenness.ts';
import { localClustering } from './local-clustering.ts';

export interface NetworkMeasuresOptions {
  /** Seed of the sources drawn when betweenness is estimated. */
  seed: number;
  /** Work allowed for betweenness before it is estimated (see betweenness.ts). */
  betweennessBudget: number;
}

export const NETWORK_MEASURES_DEFAULTS: NetworkMeasuresOptions = { seed: 42, betweennessBudget: BETWEENNESS_DEFAULTS.budget };

export interface NetworkMeasures extends CompactNetwork {
  clustering: Float64Array;
  betweenness: Float64Array;
  betweennessMethod: BetweennessMethod & { seed: number };
}

export function measureNetwork(network: CompactNetwork, options: Partial<NetworkMeasuresOptions> = {}): NetworkMeasures {
  return { ...network, ...measureCsr(network.csr, options) };
}

/**
 * The measures alone, from the network's CSR: typed arrays in and out, so that a worker thread can
 * compute them (betweenness holds a thread for a second on the demonstration network) cheaply.
 */
export function measureCsr(csr: WeightedCsr, options: Partial<NetworkMeasuresOptions> = {}): Omit<NetworkMeasures, keyof CompactNetwork> {
  const o = { ...NETWORK_MEASURES_DEFAULTS, ...options };
  const centrality = betweenness(csr, { budget: o.betweennessBudget, rng: seededRng(o.seed) });
  return {
    clustering: localClustering(csr),
    betweenness: centrality.values,
    betweennessMethod: { ...centrality.method, seed: o.seed },
  };
}
