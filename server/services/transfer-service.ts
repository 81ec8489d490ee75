/**
 * Import and export of the whole network: an import through the API tells the network source
 * once that the network changed (so every cached result goes), then `onChanged` (the product
 * prepares what users will ask for next); exports are made from the network snapshot, in the
 * stable order of a whole read.
 */
import { actorsCsvLines, formatTiesCsv } from '../domain/csv/columns.ts';
import { networkGexf } from '../domain/export/network-gexf.ts';
import type { Neo4jClient } from '../store/neo4j-client.ts';
import type { NetworkPatch } from '../domain/graph/network-patch.ts';
import { importNetwork, type ImportFile, type ImportReport } from './import-network.ts';
import type { NetworkSource } from './network-source.ts';
import { importStatusBook } from './import-status.ts';
import type { PrivacyService } from './privacy-service.ts';
import { PUBLIC_VIEWER, viewerClass, type Viewer } from '../domain/privacy/redaction.ts';
import { inWorker, isLarge } from './offload.ts';
import { redactNetwork } from '../domain/privacy/redact-network.ts';

const GEXF_MODULE = new URL('../domain/export/network-gexf.ts', import.meta.url);

export function transferService(client: Neo4jClient, network: NetworkSource, privacy: PrivacyService, options: { onChanged?: () => void } = {}) {
  // The status of the imports made through the API (import-status.ts).
  const imports = importStatusBook(client);
  return {
    /**
     * `by`: the user importing, recorded in the audit log with the import; `importId` (from
     * `beginImport`): the import's id, recorded in the same transaction, its status kept.
     */
    async importFiles(files: { actors?: ImportFile; ties?: ImportFile }, opts: { replace: boolean; by?: { userId: string; username: string }; importId?: string }): Promise<ImportReport> {
      // A rejected or failed import wrote nothing (one transaction): only a report means a change.
      let report: ImportReport;
      let patch: NetworkPatch | null = null;
      try {
        report = await importNetwork(client, files, { ...opts, onPatch: (p) => (patch = p) });
      } catch (err) {
        if (opts.importId) imports.failed(opts.importId, err);
        throw err;
      }
      if (opts.importId) imports.committed(opts.importId, report);
      network.changed(patch);
      options.onChanged?.();
      return report;
    },
    /** An import accepted from `username`, running from now: its id (`requested`: the caller's choice, a UUID). */
    beginImport: (username: string, requested?: string) => imports.begin(username, requested),
    /** The import ended before `importFiles` could run (its upload failed, say). */
    importFailed: (importId: string, err: unknown) => imports.failed(importId, err),
    /** Where import `importId` is: running, committed, rejected or failed. */
    importStatus: (importId: string) => imports.status(importId),
    /**
     * The exports as `viewer` may see them: hidden actors anonymous (domain/privacy/redact-network.ts).
     * Made from the network snapshot (the same read, in the same stable order, as a whole read of
     * the database), so an export costs the database nothing (the soak's exports were its
     * heaviest queries) and answers from memory, marked stale, while the database is slow.
     * actors.csv comes line by line: a network holding many extra columns may be larger than one
     * string can be.
     */
    async actorsCsv(viewer: Viewer = PUBLIC_VIEWER): Promise<Iterable<string>> {
      const redaction = await privacy.redaction(viewer);
      return actorsCsvLines(redactNetwork((await network.snapshot()).actors, [], redaction).actors);
    },
    async tiesCsv(viewer: Viewer = PUBLIC_VIEWER): Promise<string> {
      const redaction = await privacy.redaction(viewer);
      return formatTiesCsv(redactNetwork([], (await network.snapshot()).ties, redaction).ties);
    },
    /**
     * GEXF is 13 MB on the demonstration network (0.2-0.4 s to write): written once per network
     * version and viewer class, in a worker thread on a large network.
     */
    async gexf(viewer: Viewer = PUBLIC_VIEWER): Promise<string> {
      const redaction = await privacy.redaction(viewer);
      const snapshot = await network.snapshot();
      const variant = `${viewerClass(viewer)}-${viewer.user?.actorId ?? ''}`;
      const { value } = await network.cache.get(snapshot.version, `gexf|${variant}`, () => {
        const seen = redactNetwork(snapshot.actors, snapshot.ties, redaction);
        const inProcess = () => networkGexf(seen.actors, seen.ties);
        return isLarge(snapshot) ? inWorker(GEXF_MODULE, 'networkGexf', [seen.actors, seen.ties], inProcess) : inProcess();
      });
      return value;
    },
  };
}

export type TransferService = ReturnType<typeof transferService>;
