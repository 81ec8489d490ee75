/**
 * Opens the database the configuration names: the user's Neo4j when NEO4J_URI is set (nothing is
 * started), otherwise the project's own Neo4j 5.26, started on loopback or joined when the
 * product already runs it. The schema is ensured either way.
 */
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import { createNeo4jClient, type Neo4jClient } from '../store/neo4j-client.ts';
import { ensureSchema } from '../store/schema.ts';
import { ensureNeo4jJars } from './neo4j-jars.ts';
import { startEmbeddedNeo4j } from './embedded-neo4j.ts';

export interface OpenDatabase {
  client: Neo4jClient;
  /** Where the data lives, for messages. */
  uri: string;
  /** Closes the driver and stops the Neo4j this process started (if any). */
  close(): Promise<void>;
}

export async function openDatabase(config: Config, log: Logger): Promise<OpenDatabase> {
  if (config.neo4j.uri) {
    const client = createNeo4jClient({ ...config.neo4j, uri: config.neo4j.uri });
    await ensureSchemaOrExplain(client, config.neo4j.uri);
    log.info({ uri: config.neo4j.uri, database: config.neo4j.database ?? '(default)' }, 'using the Neo4j named by NEO4J_URI');
    return { client, uri: config.neo4j.uri, close: () => client.close() };
  }

  const uri = `bolt://127.0.0.1:${config.embedded.boltPort}`;
  const limits = { queryTimeoutMs: config.neo4j.queryTimeoutMs, longQueryTimeoutMs: config.neo4j.longQueryTimeoutMs };
  const probe = createNeo4jClient({ uri, user: 'neo4j', password: '', ...limits });
  const running = await probe.serverInfo(2_000).then(() => true, () => false);
  if (running) {
    // Another musubi process (the product, or a CLI) already runs this Neo4j: share it.
    await ensureSchema(probe);
    log.info({ uri }, 'joined the running embedded Neo4j');
    return { client: probe, uri, close: () => probe.close() };
  }
  await probe.close();

  // The supervisor's news of an exit or a failed restart is a warning; the rest is information.
  const event = (message: string, fields?: object) =>
    /exited|did not come back|could not be started/.test(message) ? log.warn(fields ?? {}, message) : log.info(fields ?? {}, message);
  const libDir = await ensureNeo4jJars({ libDir: config.embedded.libDir, log: event });
  log.info({ dir: config.embedded.dataDir, port: config.embedded.boltPort }, 'starting the embedded Neo4j 5.26');
  // Supervised: restarted with backoff when it exits unasked (runtime/embedded-neo4j.ts); the driver reconnects.
  const neo4j = await startEmbeddedNeo4j({ ...config.embedded, libDir, log: event, restart: {} });
  const client = createNeo4jClient({ uri: neo4j.uri, user: 'neo4j', password: '', ...limits });
  try {
    await ensureSchema(client);
  } catch (err) {
    await client.close();
    await neo4j.stop();
    throw err;
  }
  log.info({ uri: neo4j.uri, pid: neo4j.pid }, 'embedded Neo4j is ready');
  return {
    client,
    uri: neo4j.uri,
    async close() {
      await client.close();
      await neo4j.stop();
    },
  };
}

async function ensureSchemaOrExplain(client: Neo4jClient, uri: string): Promise<void> {
  try {
    await ensureSchema(client);
  } catch (err) {
    await client.close();
    throw new Error(`Cannot use the Neo4j at ${uri} (NEO4J_URI): ${(err as Error).message}. Check NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD.`);
  }
}
