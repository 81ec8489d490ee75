import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../server/config.ts';
import type { Actor, Tie } from '../../server/domain/model.ts';
import { ProblemList } from '../../server/domain/import/problems.ts';
import { parseActors } from '../../server/domain/import/parse-actors.ts';
import { parseTies } from '../../server/domain/import/parse-ties.ts';
import { buildNetworkGraph } from '../../server/domain/graph/network-graph.ts';
import { compactNetwork, compactNetworkOf } from '../../server/domain/graph/compact-network.ts';

const demo = path.join(PROJECT_ROOT, 'graph-seeds/demo');
const problems = new ProblemList();
const actors = parseActors(readFileSync(path.join(demo, 'actors.csv'), 'utf8'), 'actors.csv', problems)!.actors;
const ties = parseTies(readFileSync(path.join(demo, 'ties.csv'), 'utf8'), 'ties.csv', problems)!.ties;

describe('compactNetworkOf', () => {
  it('gives exactly the compact form of buildNetworkGraph, on the demonstration network, as of a year and for some types', () => {
    for (const options of [{}, { asOf: 2004 }, { types: ['Enterprise', 'University'] as Actor['type'][] }, { asOf: 2008, types: ['Enterprise'] as Actor['type'][] }]) {
      const direct = compactNetworkOf(actors, ties, options);
      const viaGraph = compactNetwork(buildNetworkGraph(actors, ties, options));
      expect(direct.nodes).toEqual(viaGraph.nodes);
      expect(direct.attributes).toEqual(viaGraph.attributes);
      expect(direct.csr).toEqual(viaGraph.csr);
    }
  });

  it('merges the ties of a pair, in either direction, and skips ties to unknown actors and to oneself', () => {
    const few: Actor[] = [
      { id: 'a', type: 'Enterprise', name: 'A' },
      { id: 'b', type: 'University', name: 'B' },
    ];
    const some: Tie[] = [
      { source: 'a', target: 'b', kind: 'SUPPLIES', weight: 2, since: 2003 },
      { source: 'b', target: 'a', kind: 'COLLABORATES', weight: 1.5 },
      { source: 'a', target: 'a', kind: 'SUPPLIES', weight: 1 },
      { source: 'a', target: 'zz', kind: 'SUPPLIES', weight: 1 },
      { source: 'a', target: 'b', kind: 'FINANCES', weight: 1, since: 2009 },
    ];
    const { csr } = compactNetworkOf(few, some, { asOf: 2005 });
    expect(Array.from(csr.neighbours)).toEqual([1, 0]);
    expect(Array.from(csr.weights)).toEqual([3.5, 3.5]);
    expect(csr.totalWeight).toBe(3.5);
    expect(() => compactNetworkOf([...few, few[0]], some)).toThrow(/given twice/);
  });
});
