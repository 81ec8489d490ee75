/**
 * Writes the detected communities back onto the actor nodes (property `community`), so that
 * Cypher queries and the suggestions can use them, and records which run they come from on
 * (:Meta {id: 'communities'}). Only the nodes whose community changed are written (after a
 * small import, a few dozen instead of every actor), in one statement per batch that compares
 * inside the database; a partition already stored for the same network version writes nothing.
 * The network version is not bumped: communities are derived data, not a change of the network.
 */
import type { CommunityWriteReport } from '../contract/api.ts';
import { createHash } from 'node:crypto';
import { chunks } from './batches.ts';
import type { QueryResult } from './neo4j-client.ts';
import type { Neo4jClient } from './neo4j-client.ts';

/** What a stored partition was computed from. */
export interface CommunityRun {
  networkVersion: number;
  resolution: number;
  seed: number;
  count: number;
  modularity: number;
}

export interface StoredCommunityRun extends CommunityRun {
  /** SHA-1 of the partition, to tell whether the stored one is the same. */
  checksum: string;
}

export type { CommunityWriteReport };

const WRITE_COMMUNITIES = `
  UNWIND $rows AS r
  MATCH (a:Actor {id: r.id}) USING INDEX a:Actor(id)
  WITH a, toInteger(r.c) AS c
  WHERE a.community IS NULL OR a.community <> c
  SET a.community = c
  RETURN count(a) AS written`;

const WRITE_RUN = `
  MERGE (m:Meta {id: 'communities'})
  SET m.networkVersion = toInteger($run.networkVersion), m.resolution = toFloat($run.resolution),
      m.seed = toInteger($run.seed), m.count = toInteger($run.count), m.modularity = toFloat($run.modularity),
      m.checksum = $run.checksum, m.computedAt = datetime()`;

/** Rows per UNWIND statement (about 1.5 MB of parameters). */
const WRITE_BATCH = 50_000;

const READ_RUN = `
  MATCH (m:Meta {id: 'communities'})
  RETURN m.networkVersion AS networkVersion, m.resolution AS resolution, m.seed AS seed, m.count AS count,
         m.modularity AS modularity, m.checksum AS checksum`;

/** The run whose communities the actor nodes hold, or null when none was stored. */
export async function readCommunityRun(client: Neo4jClient): Promise<StoredCommunityRun | null> {
  return runOf(await client.read((tx) => tx.run(READ_RUN)));
}

function runOf(res: QueryResult): StoredCommunityRun | null {
  const r = res.records[0];
  if (!r) return null;
  return {
    networkVersion: r.get('networkVersion'),
    resolution: r.get('resolution'),
    seed: r.get('seed'),
    count: r.get('count'),
    modularity: r.get('modularity'),
    checksum: r.get('checksum'),
  };
}

/**
 * Writes each actor's community where it changed, in one transaction: the stored run is read
 * first (the same partition for the same network version writes nothing), then the rows go in
 * batches of UNWIND large enough that the demonstration network takes one statement.
 */
export async function writeCommunities(client: Neo4jClient, assignment: Record<string, number>, run: CommunityRun): Promise<CommunityWriteReport> {
  const started = performance.now();
  const rows = Object.entries(assignment).map(([id, c]) => ({ id, c }));
  const checksum = partitionChecksum(rows);
  const written = await client.write(async (tx) => {
    const previous = runOf(await tx.run(READ_RUN));
    if (previous && previous.checksum === checksum && previous.networkVersion === run.networkVersion) return 0;
    let n = 0;
    for (const batch of chunks(rows, WRITE_BATCH)) {
      const res = await tx.run(WRITE_COMMUNITIES, { rows: batch });
      n += res.records[0].get('written') as number;
    }
    await tx.run(WRITE_RUN, { run: { ...run, checksum } });
    return n;
  });
  return { property: 'community', written, ms: Math.round(performance.now() - started) };
}

/** A fingerprint of a partition, independent of the order of its rows. */
export function partitionChecksum(rows: readonly { id: string; c: number }[]): string {
  const hash = createHash('sha1');
  for (const r of [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) hash.update(`${r.id}\u0000${r.c}\n`);
  return hash.digest('hex');
}
