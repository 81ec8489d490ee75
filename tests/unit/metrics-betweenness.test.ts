import { describe, expect, it } from 'vitest';
import betweennessCentrality from 'graphology-metrics/centrality/betweenness.js';
import { betweenness } from '../../server/domain/metrics/betweenness.ts';
import { csrFromGraph } from '../../server/domain/graph/weighted-csr.ts';
import { plantedPartition } from '../../server/domain/communities/planted-partition.ts';
import { seededRng } from '../../server/domain/graph/seeded-rng.ts';

const { graph } = plantedPartition({ order: 400, size: 1200, clusters: 8, rng: seededRng(21) });
const { csr, nodes } = csrFromGraph(graph, null);

describe('betweenness', () => {
  it('equals graphology-metrics (normalised, hops) when exact', () => {
    const exact = betweenness(csr, { budget: Infinity });
    const reference = betweennessCentrality(graph, { normalized: true, getEdgeWeight: null });
    expect(exact.method).toMatchObject({ exact: true, sources: 400, nodes: 400 });
    nodes.forEach((v, i) => expect(exact.values[i]).toBeCloseTo(reference[v], 10));
  });

  it('estimates from a seeded sample of sources, says so, and repeats exactly for the same seed', () => {
    const a = betweenness(csr, { budget: 400 * 50, minSources: 10, rng: seededRng(5) });
    const b = betweenness(csr, { budget: 400 * 50, minSources: 10, rng: seededRng(5) });
    expect(a.method.exact).toBe(false);
    expect(a.method.sources).toBeLessThan(400);
    expect(a.method.description).toMatch(/Brandes & Pich 2007/);
    expect(Array.from(b.values)).toEqual(Array.from(a.values));
  });

  it('finds most of the same top brokers as the exact computation', () => {
    const exact = betweenness(csr, { budget: Infinity }).values;
    const sampled = betweenness(csr, { budget: 0, minSources: 100, rng: seededRng(9) }).values;
    const top = (values: Float64Array) => new Set([...values.keys()].sort((x, y) => values[y] - values[x]).slice(0, 20));
    const exactTop = top(exact);
    const overlap = [...top(sampled)].filter((v) => exactTop.has(v)).length;
    expect(overlap).toBeGreaterThanOrEqual(12);
    // The estimate is unbiased: its total stays close to the exact total.
    const sum = (values: Float64Array) => values.reduce((s, x) => s + x, 0);
    expect(sum(sampled) / sum(exact)).toBeGreaterThan(0.8);
    expect(sum(sampled) / sum(exact)).toBeLessThan(1.2);
  });
});
