/**
 * Every use case of the product, wired once over one network source and its one version cache:
 * what the HTTP routes, the scripts and the benchmarks call (never the routers themselves).
 */
import { setTimeout } from 'node:timers/promises';
import type { Logger } from '../logger.ts';
import type { ForceLayoutOptions } from '../domain/layout/force-layout.ts';
import type { Calibrate } from '../domain/suggestions/calibrate.ts';
import type { Neo4jClient } from '../store/neo4j-client.ts';
import { networkSource } from './network-source.ts';
import { suggestionService } from './suggestion-service.ts';
import { analysisService } from './analysis-service.ts';
import { graphService } from './graph-service.ts';
import { transferService } from './transfer-service.ts';
import { authService } from './auth-service.ts';
import { privacyService } from './privacy-service.ts';
import { editService } from './edit-service.ts';
import { introductionService } from './introduction-service.ts';
import { eventService } from './event-service.ts';

/**
 * How long the background preparations after a write wait once its drawing is ready, in ms: the
 * browser that shows the new network renders on the same cores (issue 13: first frame ≤ 3 s).
 */
const AFTER_WRITE_SETTLE_MS = 2_500;

export interface ServiceDeps {
  client: Neo4jClient;
  log: Logger;
  /** How long a network version check is trusted, in ms (0: every request asks the database). */
  networkCheckMs?: number;
  /** How many suggestion rankings (with their answers) are kept per network version (500; 0: every request ranks). */
  suggestionRankingsKept?: number;
  /**
   * Prepare the reference communities, the suggestion index and the drawing ahead of requests,
   * now and after every write (the product sets it; tests leave it off so that no background
   * work overlaps their data).
   */
  warm?: boolean;
  layout?: Partial<ForceLayoutOptions>;
  calibrate?: Calibrate;
  /** How long a login lasts, in days (14). */
  sessionDays?: number;
  /** How long a target that declined an introduction stays out of the asker's suggestions, in days (180). */
  introductionDeclineDays?: number;
}

export function createServices(deps: ServiceDeps) {
  const network = networkSource(deps.client, { checkMs: deps.networkCheckMs ?? 0, log: deps.log });
  const privacy = privacyService(network);
  // Targets that declined an introduction lately are not suggested to its asker (introductions: below).
  const exclusions = (actorId: string) => introductions.declinedTargets(actorId);
  const suggestions = suggestionService(network, { log: deps.log, privacy, calibrate: deps.calibrate, exclusions, rankingsKept: deps.suggestionRankingsKept });
  const analysis = analysisService(deps.client, network, { log: deps.log, privacy });
  const graph = graphService(network, { client: deps.client, log: deps.log, privacy, layout: deps.layout });
  // What a user sees first comes first.
  const prepared: [string, { prepare(): Promise<void> }][] = [
    ['the network drawing', graph],
    ['the suggestion index', suggestions],
    ['the communities', analysis],
  ];
  /**
   * Prepares what users ask for first, in the background (when `warm`), one after the other: on a
   * machine of few cores, three preparations side by side (each with a worker thread) left neither
   * the requests nor Neo4j a core. A request for one not yet prepared starts it at once. After a
   * write, the rest waits AFTER_WRITE_SETTLE_MS once the drawing is ready: the user who wrote is
   * loading that drawing and rendering it, on the same cores.
   */
  const warm = (afterWrite = false) => {
    if (!deps.warm) return;
    void (async () => {
      for (const [i, [what, service]] of prepared.entries()) {
        if (afterWrite && i === 1) await setTimeout(AFTER_WRITE_SETTLE_MS);
        await service.prepare().catch((err) => deps.log.warn({ err }, `could not prepare ${what} ahead of requests`));
      }
    })();
  };
  const written = () => warm(true);
  const transfer = transferService(deps.client, network, privacy, { onChanged: written });
  const edits = editService(deps.client, network, privacy, { onChanged: written });
  const auth = authService(deps.client, { sessionDays: deps.sessionDays ?? 14 });
  const introductions = introductionService(deps.client, { network, privacy, edits, declineDays: deps.introductionDeclineDays ?? 180 });
  const events = eventService(deps.client, { network, privacy, suggestions, edits });
  return { network, suggestions, analysis, graph, transfer, edits, auth, privacy, introductions, events, warm };
}

export type Services = ReturnType<typeof createServices>;
