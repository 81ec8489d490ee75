import { describe, expect, it } from 'vitest';
import { generateNetwork } from '../../graph-seeds/generator/generate-network.ts';
import { buildNetworkGraph } from '../../server/domain/graph/network-graph.ts';
import { pairGraphOf, type PairView } from '../../server/domain/graph/pair-graph.ts';

/** Everything the drawing reads of a graph, in the order it reads it. */
function readAll(g: PairView) {
  const nodes: string[] = [];
  g.forEachNode((id) => nodes.push(id));
  const edges: unknown[] = [];
  g.forEachEdge((_e, attributes, source, target) => edges.push([source, target, attributes]));
  const neighbours = nodes.map((id) => {
    const list: string[] = [];
    g.forEachNeighbor(id, (n) => list.push(n));
    return [g.degree(id), list];
  });
  let seen = 0;
  const stopped = g.someEdge(() => ++seen === 10);
  return { order: g.order, nodes, edges, neighbours, stopped, seen, has: [g.hasNode(nodes[0]), g.hasNode('nobody')] };
}

describe('the pair graph the drawing reads', () => {
  it('reads as the graphology graph of the same actors and ties, in the same order', () => {
    const net = generateNetwork({ seed: 5, actors: 600, ties: 3000 });
    // Ties repeated and reversed, a tie to nobody and a self-tie: one pair each, as graphology has it.
    const ties = [...net.ties, ...net.ties.slice(0, 50).map((t) => ({ ...t, source: t.target, target: t.source, since: 1999 })), { ...net.ties[0], target: 'nobody' }, { ...net.ties[0], target: net.ties[0].source }];
    const pairs = pairGraphOf(net.actors, ties);
    const graph = buildNetworkGraph(net.actors, ties);
    expect(readAll(pairs)).toEqual(readAll(graph));
    expect(() => pairs.degree('nobody')).toThrow(/no actor 'nobody'/);
  });
});
