/**
 * The pairs of a network read the way the drawing reads a graphology graph (network-graph.ts),
 * without building one. The drawing needs the actors, their degrees, their partners and the pairs
 * in order; a graphology graph of the demonstration network costs 250-350 ms to build (an object
 * per edge, two adjacency entries), these arrays a few tens. The force layout still takes a
 * graphology graph (its library works on one); placing a few new actors and serving stored
 * positions do not.
 *
 * Same order as the graphology graph of buildNetworkGraph: actors as kept, pairs in the order of
 * their first tie, each actor's partners in the order of their pairs (graphology lists partners
 * whose ids look like array indices, "17", first and by number; the drawing only averages their
 * positions, so this can move a placed actor by a rounding error at most). Pure.
 */
import type { Actor, Tie } from '../model.ts';
import { actorPositions, networkPairs, type NetworkGraphOptions, type NetworkPair, type PairEdge } from './network-graph.ts';

/** What the drawing reads of a network graph: graphology's NetworkGraph has it, and so has a PairGraph. */
export interface PairView {
  readonly order: number;
  hasNode(id: string): boolean;
  degree(id: string): number;
  forEachNode(callback: (id: string) => void): void;
  forEachNeighbor(id: string, callback: (neighbour: string) => void): void;
  forEachEdge(callback: (edge: string, attributes: PairEdge, source: string, target: string) => void): void;
  someEdge(callback: (edge: string, attributes: PairEdge, source: string, target: string) => boolean): boolean;
}

export class PairGraph implements PairView {
  readonly order: number;
  private readonly ids: string[];
  private readonly edges: PairEdge[];
  private readonly offsets: Int32Array;
  private readonly partners: Int32Array;

  constructor(kept: readonly Actor[], private readonly at: ReadonlyMap<string, number>, private readonly pairs: readonly NetworkPair[]) {
    this.order = kept.length;
    this.ids = kept.map((a) => a.id);
    this.edges = pairs.map(({ weight, kinds, since }) => ({ weight, kinds, ...(since !== undefined ? { since } : {}) }));
    const offsets = new Int32Array(this.order + 1);
    for (const { a, b } of pairs) offsets[a + 1]++, offsets[b + 1]++;
    for (let v = 0; v < this.order; v++) offsets[v + 1] += offsets[v];
    const cursor = offsets.slice(0, this.order);
    const partners = new Int32Array(2 * pairs.length);
    for (const { a, b } of pairs) (partners[cursor[a]++] = b), (partners[cursor[b]++] = a);
    this.offsets = offsets;
    this.partners = partners;
  }

  hasNode(id: string): boolean {
    return this.at.has(id);
  }

  degree(id: string): number {
    const v = this.indexOf(id);
    return this.offsets[v + 1] - this.offsets[v];
  }

  forEachNode(callback: (id: string) => void): void {
    for (const id of this.ids) callback(id);
  }

  forEachNeighbor(id: string, callback: (neighbour: string) => void): void {
    const v = this.indexOf(id);
    for (let k = this.offsets[v]; k < this.offsets[v + 1]; k++) callback(this.ids[this.partners[k]]);
  }

  forEachEdge(callback: (edge: string, attributes: PairEdge, source: string, target: string) => void): void {
    this.someEdge((edge, attributes, source, target) => (callback(edge, attributes, source, target), false));
  }

  someEdge(callback: (edge: string, attributes: PairEdge, source: string, target: string) => boolean): boolean {
    for (let k = 0; k < this.pairs.length; k++) {
      const { a, b } = this.pairs[k];
      if (callback(String(k), this.edges[k], this.ids[a], this.ids[b])) return true;
    }
    return false;
  }

  private indexOf(id: string): number {
    const v = this.at.get(id);
    if (v === undefined) throw new Error(`musubi pair-graph: no actor '${id}' in this network.`);
    return v;
  }
}

/** The PairGraph of buildNetworkGraph(actors, ties, options). */
export function pairGraphOf(actors: Iterable<Actor>, ties: Iterable<Tie>, options: NetworkGraphOptions = {}): PairGraph {
  const { kept, position } = actorPositions(actors, options);
  return new PairGraph(kept, position, networkPairs(position, ties, options));
}
