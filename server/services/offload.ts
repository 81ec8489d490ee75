/**
 * Seconds of computation on a large network (community detection, the force layout, the
 * suggestions' calibration) run in a worker thread, so that the server keeps answering — its
 * health check within 2 s among them. The network crosses as actors and packed ties, packed once
 * per network version. Small networks are computed in process: starting a worker costs more.
 */
import { packTiesSteps, type PackedTies } from '../domain/graph/packed-ties.ts';
import { runStepsAsync } from '../domain/steps.ts';
import { prepareWorker, runInWorker } from '../runtime/worker-task.ts';
import type { Logger } from '../logger.ts';
import type { NetworkSnapshot, NetworkSource } from './network-source.ts';

/** From this many ties on, a network's heavy computations run in a worker thread. */
export const WORKER_MIN_TIES = 20_000;

export function isLarge(snapshot: NetworkSnapshot): boolean {
  return snapshot.ties.length >= WORKER_MIN_TIES;
}

/** The snapshot's ties as typed arrays (graph/packed-ties.ts), packed once per version, in steps. */
export async function packedTiesOf(network: NetworkSource, snapshot: NetworkSnapshot): Promise<PackedTies> {
  return (await network.cache.get(snapshot.version, 'packed', () => runStepsAsync(packTiesSteps(snapshot.actors, snapshot.ties)))).value;
}

/**
 * Starts a worker with `module` imported while the caller reads the network, when the network may
 * be large (it was at the last read, or nothing has been read yet): the task then finds it ready.
 */
export function prepareOffload(network: NetworkSource, module: URL): void {
  const held = network.held();
  if (!held || isLarge(held)) prepareWorker(module);
}

/** `module`'s export `name` in a worker thread; in process (`inProcess`) if the worker cannot run. */
export async function inWorker<T>(module: URL, name: string, args: readonly unknown[], inProcess: () => T | Promise<T>, log?: Logger): Promise<T> {
  try {
    return await runInWorker<T>(module, name, args);
  } catch (err) {
    log?.warn({ err }, `${name} failed in a worker thread; computing in process`);
    return inProcess();
  }
}
