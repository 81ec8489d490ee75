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
import {
  readCommunityRunQuery,
  writeCommunitiesQuery,
  writeCommunityRunQuery,
  type CommunityRun,
  type StoredCommunityRun,
} from './community-queries.ts';
import type { Neo4jClient, QueryResult } from './neo4j-client.ts';

export type { CommunityRun, CommunityWriteReport, StoredCommunityRun };

/** Rows per UNWIND statement (about 1.5 MB of parameters). */
const WRITE_BATCH = 50_000;

/** The run whose communities the actor nodes hold, or null when none was stored. */
export async function readCommunityRun(client: Neo4jClient): Promise<StoredCommunityRun | null> {
  const q = readCommunityRunQuery();
  return runOf(await client.read((tx) => tx.run(q.cypher, q.params)));
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
export async function writeCommunities(client: Neo4jClient, assignment: Record<string, number>, run: CommunityRun): Promise<CommunityWriteReport & { state: 'written' }> {
  const started = performance.now();
  const rows = Object.entries(assignment).map(([id, c]) => ({ id, c }));
  const checksum = partitionChecksum(rows);
  const written = await client.write(async (tx) => {
    const read = readCommunityRunQuery();
    const previous = runOf(await tx.run(read.cypher, read.params));
    if (previous && previous.checksum === checksum && previous.networkVersion === run.networkVersion) return 0;
    let n = 0;
    for (const batch of chunks(rows, WRITE_BATCH)) {
      const q = writeCommunitiesQuery(batch);
      const res = await tx.run(q.cypher, q.params);
      n += res.records[0].get('written') as number;
    }
    const record = writeCommunityRunQuery({ ...run, checksum });
    await tx.run(record.cypher, record.params);
    return n;
  });
  return { property: 'community', state: 'written', written, ms: Math.round(performance.now() - started) };
}

/** A fingerprint of a partition, independent of the order of its rows. */
export function partitionChecksum(rows: readonly { id: string; c: number }[]): string {
  const hash = createHash('sha1');
  for (const r of [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) hash.update(`${r.id}\u0000${r.c}\n`);
  return hash.digest('hex');
}
