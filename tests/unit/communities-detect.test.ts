import { describe, expect, it } from 'vitest';
import Graph from 'graphology';
import louvain from 'graphology-communities-louvain';
import modularity from 'graphology-metrics/graph/modularity.js';
import { detectCommunities } from '../../server/domain/communities/detect-communities.ts';
import { leiden } from '../../server/domain/communities/leiden.ts';
import { coreGroups, weightAgreement } from '../../server/domain/communities/core-groups.ts';
import { countDisconnected, splitDisconnected } from '../../server/domain/communities/connected-parts.ts';
import { csrFromEdges, csrFromGraph, csrModularity } from '../../server/domain/graph/weighted-csr.ts';
import { plantedPartition } from '../../server/domain/communities/planted-partition.ts';
import { seededRng } from '../../server/domain/graph/seeded-rng.ts';

/** `cliques` cliques of `size` nodes ("c0-0"...), each tied to the next by one weak edge. */
function ringOfCliques(cliques: number, size: number): Graph {
  const g = new Graph({ type: 'undirected' });
  for (let c = 0; c < cliques; c++) {
    for (let i = 0; i < size; i++) g.addNode(`c${c}-${i}`);
    for (let i = 0; i < size; i++) for (let j = i + 1; j < size; j++) g.addEdge(`c${c}-${i}`, `c${c}-${j}`, { weight: 2 });
  }
  for (let c = 0; c < cliques; c++) g.addEdge(`c${c}-0`, `c${(c + 1) % cliques}-1`, { weight: 0.5 });
  return g;
}

/** Independent check: every community's members reach each other inside it (graphology BFS). */
function disconnectedCommunities(graph: Graph, communities: Record<string, number>): number[] {
  const members = new Map<number, string[]>();
  for (const [v, c] of Object.entries(communities)) members.set(c, [...(members.get(c) ?? []), v]);
  const bad: number[] = [];
  for (const [c, list] of members) {
    const seen = new Set([list[0]]);
    const queue = [list[0]];
    while (queue.length) {
      const v = queue.pop()!;
      graph.forEachNeighbor(v, (u) => {
        if (communities[u] === c && !seen.has(u)) {
          seen.add(u);
          queue.push(u);
        }
      });
    }
    if (seen.size !== list.length) bad.push(c);
  }
  return bad;
}

describe('detectCommunities (Leiden, an ensemble recombined)', () => {
  it('recovers planted cliques: members of a clique share a community, different cliques do not', () => {
    const graph = ringOfCliques(8, 10);
    const { communities, count } = detectCommunities(graph, { rng: seededRng(1) });
    expect(count).toBe(8);
    for (let c = 0; c < 8; c++) {
      const ids = new Set(Array.from({ length: 10 }, (_, i) => communities[`c${c}-${i}`]));
      expect(ids.size).toBe(1);
    }
    expect(new Set(Array.from({ length: 8 }, (_, c) => communities[`c${c}-0`])).size).toBe(8);
  });

  it('recovers a planted partition: each planted cluster lies mostly in one community', () => {
    const { graph, planted } = plantedPartition({ order: 600, size: 6000, clusters: 6, clusterDensity: 0.9, rng: seededRng(3) });
    const { communities } = detectCommunities(graph, { rng: seededRng(4) });
    for (let cluster = 0; cluster < 6; cluster++) {
      const found = new Map<number, number>();
      let size = 0;
      for (const [v, c] of planted) {
        if (c !== cluster) continue;
        size++;
        found.set(communities[v], (found.get(communities[v]) ?? 0) + 1);
      }
      expect(Math.max(...found.values()) / size).toBeGreaterThan(0.95);
    }
  });

  it('reports the modularity graphology-metrics computes for the same partition, weighted and at other resolutions', () => {
    const { graph } = plantedPartition({ order: 1500, size: 6000, clusters: 12, rng: seededRng(5) });
    graph.forEachEdge((e) => graph.setEdgeAttribute(e, 'weight', 1 + (Number(graph.source(e)) % 5) / 2));
    for (const resolution of [1, 0.5, 2]) {
      const result = detectCommunities(graph, { rng: seededRng(6), resolution });
      const independent = modularity(graph, { getNodeCommunity: (v: string) => result.communities[v], getEdgeWeight: 'weight', resolution });
      expect(result.modularity).toBeCloseTo(independent, 10);
      expect(result.resolution).toBe(resolution);
    }
  });

  it('repeats exactly for the same seed', () => {
    const { graph } = plantedPartition({ order: 2000, size: 8000, clusters: 20, rng: seededRng(7) });
    const a = detectCommunities(graph, { rng: seededRng(42) });
    const b = detectCommunities(graph, { rng: seededRng(42) });
    expect(b.communities).toEqual(a.communities);
    expect(b.modularity).toBe(a.modularity);
    expect(b.method.runs).toEqual(a.method.runs);
  });

  it('returns only connected communities, on sparse graphs where Louvain is prone to break them', () => {
    for (const seed of [1, 2, 3]) {
      const { graph } = plantedPartition({ order: 3000, size: 7000, clusters: 30, rng: seededRng(seed) });
      const result = detectCommunities(graph, { rng: seededRng(seed) });
      expect(disconnectedCommunities(graph, result.communities)).toEqual([]);
      expect(result.method.disconnectedSplit).toBe(0);
    }
  });

  it('reaches a higher modularity than plain Louvain on a sparse planted partition', () => {
    const { graph } = plantedPartition({ order: 4000, size: 16000, clusters: 30, rng: seededRng(11) });
    const plain = louvain.detailed(graph, { rng: seededRng(42), getEdgeWeight: 'weight' });
    const product = detectCommunities(graph, { rng: seededRng(42) });
    expect(product.modularity).toBeGreaterThan(plain.modularity + 0.03);
  });

  it('numbers communities by decreasing size, and keeps the best of its runs and their recombination', () => {
    const { graph } = plantedPartition({ order: 1000, size: 3000, clusters: 10, rng: seededRng(8) });
    const result = detectCommunities(graph, { rng: seededRng(9), ensemble: 3 });
    const sizes = new Array<number>(result.count).fill(0);
    for (const c of Object.values(result.communities)) sizes[c]++;
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    expect(result.method.runs).toHaveLength(3);
    const candidates = [result.method.recombined.modularity, ...result.method.runs.map((r) => r.modularity)];
    expect(result.modularity).toBeCloseTo(Math.max(...candidates), 10);
    expect(result.method.kept === 'recombined' ? result.method.recombined.modularity : result.method.runs[result.method.kept].modularity).toBeCloseTo(result.modularity, 10);
  });

  it('recombines its runs into a partition better than the best of as many independent runs to convergence', () => {
    // A sparse planted partition: where single runs stop at different local optima.
    const { graph } = plantedPartition({ order: 3000, size: 9000, clusters: 30, clusterDensity: 0.5, rng: seededRng(21) });
    const { csr } = csrFromGraph(graph);
    for (const seed of [1, 2, 3]) {
      const rng = seededRng(seed);
      const independent = Math.max(...[0, 1, 2].map(() => leiden(csr, { rng: seededRng(Math.floor(rng() * 4294967296)) }).modularity));
      const product = detectCommunities(graph, { rng: seededRng(seed) });
      expect(product.method.kept).toBe('recombined');
      expect(product.modularity).toBeGreaterThan(independent);
      expect(product.method.coreGroups).toBeGreaterThan(product.count);
    }
  });

  it('makes no more than two runs when they treat almost all the tie weight alike, all of them otherwise', () => {
    // Cliques tied by weak edges: every run finds the same partition.
    const clear = detectCommunities(ringOfCliques(12, 8), { rng: seededRng(3) }).method;
    expect(clear.agreement).toBe(1);
    expect(clear.runs).toHaveLength(2);
    expect(detectCommunities(ringOfCliques(12, 8), { rng: seededRng(3), ensembleAgreement: 1.01 }).method.runs).toHaveLength(4);
    // A sparse planted partition: runs disagree, and the whole ensemble runs.
    const { graph } = plantedPartition({ order: 2000, size: 5000, clusters: 20, clusterDensity: 0.5, rng: seededRng(22) });
    const unclear = detectCommunities(graph, { rng: seededRng(3) }).method;
    expect(unclear.agreement).toBeLessThan(0.999);
    expect(unclear.runs).toHaveLength(4);
  });

  it('gives each run of the ensemble fewer iterations on graphs beyond its work budget', () => {
    const { graph } = plantedPartition({ order: 1000, size: 3000, clusters: 10, rng: seededRng(8) });
    expect(detectCommunities(graph, { rng: seededRng(1), ensembleBudget: 10_000 }).method.iterationsPerRun).toBe(1);
    const roomy = detectCommunities(graph, { rng: seededRng(1) }).method;
    expect(roomy.iterationsPerRun).toBe(4);
    expect(Math.max(...roomy.runs.map((r) => r.iterations))).toBeGreaterThan(1);
    expect(detectCommunities(graph, { rng: seededRng(1), ensembleIterations: 2 }).method.runs.every((r) => r.iterations <= 2)).toBe(true);
  });

  it('puts isolated nodes in communities of their own', () => {
    const graph = ringOfCliques(2, 4);
    graph.addNode('alone');
    const { communities } = detectCommunities(graph, { rng: seededRng(1) });
    expect(Object.values(communities).filter((c) => c === communities.alone)).toHaveLength(1);
  });

  it('rejects a directed graph and a resolution that is not positive, naming itself', () => {
    expect(() => detectCommunities(new Graph({ type: 'directed' }))).toThrow(/musubi detect-communities: .*undirected/);
    expect(() => detectCommunities(ringOfCliques(2, 3), { resolution: 0 })).toThrow(/musubi detect-communities: the resolution/);
    expect(() => detectCommunities(ringOfCliques(2, 3), { ensemble: 0 })).toThrow(/musubi detect-communities: the ensemble/);
  });
});

describe('leiden', () => {
  it('never lowers the modularity of the partition it starts from', () => {
    const { graph } = plantedPartition({ order: 1500, size: 4000, clusters: 15, rng: seededRng(12) });
    const { csr, nodes } = csrFromGraph(graph);
    const fromLouvain = louvain(graph, { rng: seededRng(1) });
    const initial = Int32Array.from(nodes, (v) => fromLouvain[v]);
    const start = csrModularity(csr, initial);
    const result = leiden(csr, { initial, rng: seededRng(2) });
    expect(result.modularity).toBeGreaterThanOrEqual(start - 1e-12);
  });

  it('handles a graph without edges', () => {
    const g = new Graph({ type: 'undirected' });
    g.addNode('a');
    g.addNode('b');
    const result = leiden(csrFromGraph(g).csr, { rng: seededRng(1) });
    expect(result.count).toBe(2);
    expect(result.modularity).toBe(0);
  });
});

describe('weightAgreement', () => {
  it('is the share of tie weight whose ends two partitions treat alike', () => {
    // A path 0-1-2-3 with weights 1, 2, 3 (each stored at both ends).
    const csr = csrFromEdges(4, [{ a: 0, b: 1, weight: 1 }, { a: 1, b: 2, weight: 2 }, { a: 2, b: 3, weight: 3 }]);
    const same = Int32Array.of(0, 0, 1, 1);
    expect(weightAgreement(csr, same, Int32Array.of(5, 5, 7, 7))).toBe(1);
    // Only the tie 1-2 (weight 2 of 6) is treated differently: apart in one, together in the other.
    expect(weightAgreement(csr, same, Int32Array.of(0, 0, 0, 0))).toBeCloseTo(4 / 6, 12);
    // Here 1-2 and 2-3 (weights 2 and 3) are treated differently.
    expect(weightAgreement(csr, same, Int32Array.of(0, 0, 0, 1))).toBeCloseTo(1 / 6, 12);
  });
});

describe('coreGroups', () => {
  it('groups the nodes that every partition puts together, and only those', () => {
    const { membership, count } = coreGroups([Int32Array.of(0, 0, 1, 1, 1, 2), Int32Array.of(5, 5, 5, 7, 7, 7)]);
    expect(count).toBe(4);
    expect([...membership]).toEqual([0, 0, 1, 2, 2, 3]);
  });

  it('is the partition itself for an ensemble of one, and refuses partitions of different lengths', () => {
    expect(coreGroups([Int32Array.of(3, 3, 9)])).toEqual({ membership: Int32Array.of(0, 0, 1), count: 2 });
    expect(() => coreGroups([Int32Array.of(0, 1), Int32Array.of(0)])).toThrow(/musubi core-groups/);
  });
});

describe('splitDisconnected', () => {
  it('splits a community whose members cannot reach each other, which raises modularity', () => {
    const graph = ringOfCliques(3, 4);
    // Without the edge between cliques 2 and 0, those two cliques reach each other only through clique 1.
    graph.dropEdge('c2-0', 'c0-1');
    const { csr: cut, nodes } = csrFromGraph(graph);
    const membership = Int32Array.from(nodes, (v) => (v.startsWith('c1-') ? 1 : 0));
    expect(countDisconnected(cut, membership)).toBe(1);
    const split = splitDisconnected(cut, membership);
    expect(split.count).toBe(3);
    expect(split.disconnected).toBe(1);
    expect(countDisconnected(cut, split.membership)).toBe(0);
    expect(csrModularity(cut, split.membership)).toBeGreaterThan(csrModularity(cut, membership));
  });
});
