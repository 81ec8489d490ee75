/**
 * `npm run neo4j:install`: fetches the pinned Neo4j Community jars into NEO4J_LIB_DIR
 * (default .neo4j/lib) and checks that a Java 17 or 21 is there to run them, so a fresh
 * machine or CI learns about a missing piece before the first start, not during it.
 */
import { loadConfig } from '../server/config.ts';
import { findJava } from '../server/runtime/find-java.ts';
import { ensureNeo4jJars, printLog } from '../server/runtime/neo4j-jars.ts';

async function main(): Promise<void> {
  const config = loadConfig();
  if (config.neo4j.uri) {
    printLog(`NEO4J_URI is set (${config.neo4j.uri}); the jars are fetched anyway for a later start without it.`);
  }
  const libDir = await ensureNeo4jJars({ libDir: config.embedded.libDir, log: printLog });
  printLog(`Neo4j jars are in ${libDir}`);
  const java = await findJava(config.embedded.javaHome);
  printLog(`Neo4j will run on Java ${java.versionText} (${java.home})`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
