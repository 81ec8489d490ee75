/**
 * The seed generator's entry point as a library: options in, actors and ties (or the two CSV
 * files as strings) out. Nothing here touches the disk, so tests can regenerate the committed
 * files and compare them byte for byte.
 */
import { TIE_KINDS, type Actor, type Tie } from '../../server/domain/model.ts';
import { formatActorsCsv, formatTiesCsv } from '../../server/domain/csv/columns.ts';
import { toActor, type Facility } from './agents.ts';
import { buildPopulation } from './build-actors.ts';
import { computeStats, type SeedStats } from './network-stats.ts';
import { resolveOptions, type ResolvedOptions, type SeedOptions } from './options.ts';
import { createRng } from './rng.ts';
import { formTies } from './tie-process.ts';

export interface SeedNetwork {
  options: ResolvedOptions;
  /** Sorted by id. */
  actors: Actor[];
  /** Sorted by (source, target, kind). */
  ties: Tie[];
  facilities: Facility[];
  stats: SeedStats;
}

export interface SeedCsv {
  actorsCsv: string;
  tiesCsv: string;
  stats: SeedStats;
}

/** Kind order by name, for sorting ties by (source, target, kind). */
const KIND_RANK = TIE_KINDS.map((k) => [...TIE_KINDS].sort().indexOf(k));

/** Generates the network for `options` (defaults: seed 20060401 and the program's counts). */
export function generateNetwork(options: Partial<SeedOptions> = {}): SeedNetwork {
  const resolved = resolveOptions(options);
  const rng = createRng(resolved.seed);
  const pop = buildPopulation(rng.fork('actors'), resolved.counts, resolved.facilities);
  const net = formTies(rng.fork('ties'), pop, resolved.ties);

  // Agents are laid out in id order, so index order is id order; sorting by id keeps that promise explicit.
  const actors = pop.agents.map((a, i) => toActor(a, pop.ids[i], pop.facilities));
  actors.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const rank = new Map(actors.map((a, i) => [a.id, i]));
  const pos = pop.ids.map((id) => rank.get(id)!);

  const n = pop.agents.length;
  const K = TIE_KINDS.length;
  const keys = new Float64Array(net.count);
  for (let k = 0; k < net.count; k++) keys[k] = (pos[net.source[k]] * n + pos[net.target[k]]) * K + KIND_RANK[net.kind[k]];
  const order = Array.from({ length: net.count }, (_, k) => k).sort((a, b) => keys[a] - keys[b]);
  const ties: Tie[] = order.map((k) => ({
    source: pop.ids[net.source[k]],
    target: pop.ids[net.target[k]],
    kind: TIE_KINDS[net.kind[k]],
    weight: net.weight[k],
    since: net.since[k],
  }));
  return { options: resolved, actors, ties, facilities: pop.facilities, stats: computeStats(actors, ties) };
}

/** The two CSV files, exactly as the generator writes them, without writing anything. */
export function generateSeedCsv(options: Partial<SeedOptions> = {}): SeedCsv {
  const network = generateNetwork(options);
  return { actorsCsv: formatActorsCsv(network.actors), tiesCsv: formatTiesCsv(network.ties), stats: network.stats };
}
