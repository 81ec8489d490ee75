/**
 * Suggest partners: the suggestion index of the current network (and of a few `asOf` years),
 * prepared once per network version in the version cache — built in steps between requests,
 * calibrated and checked in a worker thread — then read by every request.
 */
import { emptyNotice } from '../domain/suggestions/filters.ts';
import { buildCalibratedIndexAsync, calibrateWeightsAsync, type Calibrate, type Calibration } from '../domain/suggestions/calibrate.ts';
import type { PackedTies } from '../domain/graph/packed-ties.ts';
import { suggestPartners } from '../domain/suggestions/suggest-partners.ts';
import type { SuggestionIndex } from '../domain/suggestions/suggestion-index.ts';
import type { SuggestOptions, SuggestionResult } from '../domain/suggestions/suggestion-types.ts';
import { runInWorker } from '../runtime/worker-task.ts';
import type { Logger } from '../logger.ts';
import { actorsById, type NetworkSource } from './network-source.ts';
import type { PrivacyService } from './privacy-service.ts';
import { PUBLIC_VIEWER, type Viewer } from '../domain/privacy/redaction.ts';
import { notFound } from '../domain/errors.ts';
import { packedTiesOf } from './offload.ts';

const CALIBRATE_MODULE = new URL('../domain/suggestions/calibrate.ts', import.meta.url);

/**
 * The calibration (seconds on the demonstration network, tens of seconds at 500,000 ties) in a
 * worker thread, so that requests keep being answered meanwhile; in process, between requests,
 * if the worker cannot run.
 */
export function calibrateInWorker(log: Logger, packed: () => Promise<PackedTies>): Calibrate {
  return async (actors, ties, referenceYear) => {
    // The ties go as typed arrays (packed once per version, shared with the other workers):
    // cloning 300,000 tie objects into the worker held the event loop for half a second.
    return runInWorker<Calibration | undefined>(CALIBRATE_MODULE, 'calibrateWeightsPacked', [actors, await packed(), referenceYear]).catch((err) => {
      log.warn({ err }, 'suggestions: calibrating in a worker thread failed; calibrating in process');
      return calibrateWeightsAsync(actors, ties, referenceYear);
    });
  };
}

/** One line per role at preparation: which method serves it, and its figures on the held-out year. */
function logMethods(log: Logger, index: SuggestionIndex, asOf: number | undefined, ms: number): void {
  const roles = index.methods?.roles ?? [];
  if (roles.length === 0) {
    log.info({ asOf, ms: Math.round(ms) }, 'suggestions: index prepared; no earlier year to check on, every role served by the engine');
    return;
  }
  for (const r of roles) {
    const served = r.figures.find((f) => f.method === r.served);
    const cn = r.figures.find((f) => f.method === 'common-neighbours');
    log.info(
      { asOf, role: r.role, method: r.served, year: r.year, askers: r.askers, heldOut: served, commonNeighbours: cn, ms: Math.round(ms) },
      `suggestions: ${r.name} served by ${r.served} (${r.why})`,
    );
  }
}

export type SuggestionAnswer = SuggestionResult & { asOf?: number };

export interface SuggestionService {
  /**
   * Suggestions for one actor, as `viewer` may see them (hidden actors anonymous; a hidden asker
   * is not found, like an unknown id).
   */
  suggest(actorId: string, options: SuggestOptions & { asOf?: number }, viewer?: Viewer): Promise<SuggestionAnswer>;
  /** Builds the current network's index ahead of requests (after start, after a write). */
  prepare(): Promise<void>;
  /** Whether the index of `asOf` is built or being built (else a request would build it: seconds). */
  isPrepared(asOf: number | undefined): boolean;
}

const indexKey = (asOf: number | undefined) => `suggestions|${asOf ?? 'now'}`;

export function suggestionService(
  network: NetworkSource,
  deps: {
    log: Logger;
    privacy: PrivacyService;
    calibrate?: Calibrate;
    /** The actors not to suggest to an asker now (those that declined its introduction requests lately). */
    exclusions?: (actorId: string) => Promise<ReadonlySet<string>>;
  },
): SuggestionService {
  async function index(asOf: number | undefined): Promise<SuggestionIndex> {
    const snapshot = await network.snapshot();
    const { value } = await network.cache.get(snapshot.version, indexKey(asOf), async () => {
      const started = performance.now();
      const calibrate = deps.calibrate ?? calibrateInWorker(deps.log, () => packedTiesOf(network, snapshot));
      const built = await buildCalibratedIndexAsync(snapshot.actors, snapshot.ties, asOf === undefined ? {} : { asOf }, calibrate);
      logMethods(deps.log, built, asOf, performance.now() - started);
      return built;
    });
    return value;
  }

  return {
    async suggest(actorId, options, viewer = PUBLIC_VIEWER) {
      const redaction = await deps.privacy.redaction(viewer);
      // An unknown id is answered from the snapshot, without building the index (seconds on a large network).
      if (redaction.hides(actorId) || !(await actorsById(network)).has(actorId)) throw notFound('actor', actorId);
      const built = await index(options.asOf);
      const conceal = redaction.hidesAny ? (id: string) => redaction.stand(id) : undefined;
      const exclude = await deps.exclusions?.(actorId);
      const result = suggestPartners(built, actorId, { ...options, conceal, ...(exclude?.size ? { exclude } : {}) });
      // An empty list always says why (a region no actor is in, no location to measure from, ...).
      const notice = result.suggestions.length ? undefined : emptyNotice(built, actorId, result.types, options);
      return { ...result, ...(notice ? { notice } : {}), ...(options.asOf !== undefined ? { asOf: options.asOf } : {}) };
    },
    async prepare() {
      await index(undefined);
    },
    isPrepared(asOf) {
      return network.cache.has(indexKey(asOf));
    },
  };
}
