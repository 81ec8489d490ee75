/**
 * The demonstration network (graph-seeds/demo): loaded through the ordinary import, so it is
 * validated like any user's files.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { importNetwork, type ImportOptions, type ImportReport } from './import-network.ts';
import type { Neo4jClient } from '../store/neo4j-client.ts';
import { isNetworkEmpty } from '../store/stats-store.ts';

export async function loadDemoNetwork(client: Neo4jClient, seedDir: string, options: ImportOptions = {}): Promise<ImportReport> {
  const [actors, ties] = await Promise.all([
    readFile(path.join(seedDir, 'actors.csv')),
    readFile(path.join(seedDir, 'ties.csv')),
  ]);
  return importNetwork(client, { actors: { name: 'actors.csv', bytes: actors }, ties: { name: 'ties.csv', bytes: ties } }, options);
}

/** Loads the demonstration network only into an empty database; returns null when data exists. */
export async function seedDemoIfEmpty(client: Neo4jClient, seedDir: string, options: ImportOptions = {}): Promise<ImportReport | null> {
  if (!(await isNetworkEmpty(client))) return null;
  return loadDemoNetwork(client, seedDir, options);
}
