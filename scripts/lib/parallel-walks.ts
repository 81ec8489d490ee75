/**
 * Runs the evaluation's random walks (personalised PageRank, random-walk-baseline.ts) in worker
 * threads: the sources are split into one chunk per worker, each worker runs walkTopLists on its
 * chunk and sends back only the best candidates of each type. On a machine with two cores this
 * runs the walks beside the other rankers instead of after them.
 */
import { runInWorker } from '../../server/runtime/worker-task.ts';
import type { WalkJob, WalkLists } from '../../server/domain/suggestions/random-walk-baseline.ts';

const MODULE = new URL('../../server/domain/suggestions/random-walk-baseline.ts', import.meta.url);

/** Walks the job's sources in `workers` threads (chunks of whole batches of eight). */
export async function walkInWorkers(job: WalkJob, workers: number): Promise<WalkLists[]> {
  const size = Math.max(8, Math.ceil(job.sources.length / workers / 8) * 8);
  const chunks: number[][] = [];
  for (let i = 0; i < job.sources.length; i += size) chunks.push(job.sources.slice(i, i + size));
  const parts = await Promise.all(chunks.map((sources) => runInWorker<WalkLists[]>(MODULE, 'walkTopLists', [{ ...job, sources }])));
  return parts.flat();
}
