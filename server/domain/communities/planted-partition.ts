/**
 * A random graph with planted communities, for the tests and the benchmark of community
 * detection: the "clusters" generator of graphology-generators (random/clusters), itself a
 * planted partition model (A. Condon and R. M. Karp, « Algorithms for graph partitioning on the
 * planted partition model », Random Structures & Algorithms 18(2), 2001).
 *
 * Every node is given one of `clusters` clusters at random; each edge starts at a random node and
 * ends, with probability `clusterDensity`, at a random node of the same cluster, otherwise at any
 * node. With few edges per node the planted clusters are hard to recover: that sparse case is
 * where plain Louvain stops short of Leiden.
 */
import Graph from 'graphology';
import type { Rng } from '../graph/seeded-rng.ts';

export interface PlantedPartitionOptions {
  order: number;
  size: number;
  clusters: number;
  clusterDensity: number;
  rng: Rng;
}

export const PLANTED_PARTITION_DEFAULTS: Omit<PlantedPartitionOptions, 'order' | 'size'> = {
  clusters: 40,
  clusterDensity: 0.5,
  rng: Math.random,
};

export interface PlantedGraph {
  graph: Graph<{ cluster: number }, { weight: number }>;
  /** The planted cluster of each node. */
  planted: Map<string, number>;
}

export function plantedPartition(options: Partial<PlantedPartitionOptions> & { order: number; size: number }): PlantedGraph {
  const o: PlantedPartitionOptions = { ...PLANTED_PARTITION_DEFAULTS, ...options };
  const maxEdges = (o.order * (o.order - 1)) / 2;
  if (o.size > maxEdges * 0.5) throw new Error('musubi planted-partition: too many edges for so few nodes.');
  const graph = new Graph<{ cluster: number }, { weight: number }>({ type: 'undirected' });
  const planted = new Map<string, number>();
  const members: number[][] = Array.from({ length: o.clusters }, () => []);
  for (let i = 0; i < o.order; i++) {
    const cluster = Math.floor(o.rng() * o.clusters);
    members[cluster].push(i);
    graph.addNode(String(i), { cluster });
    planted.set(String(i), cluster);
  }
  while (graph.size < o.size) {
    const source = Math.floor(o.rng() * o.order);
    const own = members[graph.getNodeAttribute(String(source), 'cluster')];
    const target = o.rng() < o.clusterDensity ? own[Math.floor(o.rng() * own.length)] : Math.floor(o.rng() * o.order);
    if (source === target || graph.hasEdge(String(source), String(target))) continue;
    graph.addEdge(String(source), String(target), { weight: 1 });
  }
  return { graph, planted };
}
