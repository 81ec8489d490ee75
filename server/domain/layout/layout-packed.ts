/**
 * The force layout of a network handed as actors and packed ties (graph/packed-ties.ts): the form
 * a worker thread receives, so that the layout (seconds to minutes on a large network) never holds
 * a server's event loop. The same result as forceLayoutSteps over the same network. Pure.
 */
import type { Actor } from '../model.ts';
import { buildNetworkGraph } from '../graph/network-graph.ts';
import { unpackTies, type PackedTies } from '../graph/packed-ties.ts';
import { forceLayoutSteps, type ForceLayoutOptions, type ForceLayoutResult } from './force-layout.ts';

export function layoutPacked(actors: readonly Actor[], packed: PackedTies, options: Partial<ForceLayoutOptions>): ForceLayoutResult {
  const graph = buildNetworkGraph(actors, unpackTies(actors, packed));
  const steps = forceLayoutSteps(graph, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
