/**
 * The demonstration network (graph-seeds/demo): loaded through the ordinary import, so it is
 * validated like any user's files.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { importNetwork, type ImportOptions, type ImportReport } from './import-network.ts';
import type { Neo4jClient } from '../store/neo4j-client.ts';
import { isNetworkEmpty } from '../store/stats-store.ts';
import { readActor } from '../store/actor-store.ts';
import { authService } from './auth-service.ts';

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

/**
 * The demonstration's documented users (README, "First login"): a coordinator, and a member of
 * the demonstration's first enterprise. Only for the demonstration network: a database holding
 * users already, or other data, gets none.
 */
export const DEMO_USERS = [
  { username: 'coordinator', password: 'musubi-coordinator', role: 'coordinator', displayName: 'Demo coordinator' },
  { username: 'member', password: 'musubi-member', role: 'member', actorId: 'ent-00001', displayName: 'Nishihara Mold (demo member)' },
] as const;

/** Creates the demonstration's users when the database has no user yet and holds the demonstration network. */
export async function ensureDemoUsers(client: Neo4jClient): Promise<string[]> {
  const auth = authService(client, { sessionDays: 1 });
  if ((await auth.countUsers()) > 0 || !(await readActor(client, DEMO_USERS[1].actorId))) return [];
  for (const u of DEMO_USERS) await auth.addUser(u);
  await auth.audit(undefined, 'user.create', null, null, { usernames: DEMO_USERS.map((u) => u.username), via: 'demonstration' });
  return DEMO_USERS.map((u) => u.username);
}
