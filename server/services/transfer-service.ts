/**
 * Import and export of the whole network: an import through the API tells the network source
 * once that the network changed (so every cached result goes), then `onChanged` (the product
 * prepares what users will ask for next); exports read the stored network in its stable order.
 */
import { actorsCsvLines, formatTiesCsv } from '../domain/csv/columns.ts';
import { networkGexf } from '../domain/export/network-gexf.ts';
import type { Neo4jClient } from '../store/neo4j-client.ts';
import { readNetwork } from '../store/network-store.ts';
import { importNetwork, type ImportFile, type ImportReport } from './import-network.ts';
import type { NetworkSource } from './network-source.ts';
import type { PrivacyService } from './privacy-service.ts';
import { PUBLIC_VIEWER, type Viewer } from '../domain/privacy/redaction.ts';
import { redactNetwork } from '../domain/privacy/redact-network.ts';

export function transferService(client: Neo4jClient, network: NetworkSource, privacy: PrivacyService, options: { onChanged?: () => void } = {}) {
  return {
    /** `by`: the user importing, recorded in the audit log with the import. */
    async importFiles(files: { actors?: ImportFile; ties?: ImportFile }, opts: { replace: boolean; by?: { userId: string; username: string } }): Promise<ImportReport> {
      // A rejected or failed import wrote nothing (one transaction): only a report means a change.
      const report = await importNetwork(client, files, opts);
      network.changed();
      options.onChanged?.();
      return report;
    },
    /** The exports as `viewer` may see them: hidden actors anonymous (domain/privacy/redact-network.ts). */
    /** Line by line: a network holding many extra columns may be larger than one string can be. */
    async actorsCsv(viewer: Viewer = PUBLIC_VIEWER): Promise<Iterable<string>> {
      const redaction = await privacy.redaction(viewer);
      return actorsCsvLines(redactNetwork((await readNetwork(client, { ties: false })).actors, [], redaction).actors);
    },
    async tiesCsv(viewer: Viewer = PUBLIC_VIEWER): Promise<string> {
      const redaction = await privacy.redaction(viewer);
      return formatTiesCsv(redactNetwork([], (await readNetwork(client)).ties, redaction).ties);
    },
    async gexf(viewer: Viewer = PUBLIC_VIEWER): Promise<string> {
      const redaction = await privacy.redaction(viewer);
      const { actors, ties } = await readNetwork(client);
      const seen = redactNetwork(actors, ties, redaction);
      return networkGexf(seen.actors, seen.ties);
    },
  };
}

export type TransferService = ReturnType<typeof transferService>;
