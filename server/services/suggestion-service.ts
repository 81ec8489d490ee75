/**
 * Suggest partners: the suggestion index of the current network (and of a few `asOf` years),
 * prepared once per network version in the version cache — built in steps between requests,
 * calibrated and checked in a worker thread — then read by every request.
 */
import { emptyNotice } from '../domain/suggestions/filters.ts';
import { buildCalibratedIndexAsync, calibrateWeightsAsync, type Calibrate, type Calibration } from '../domain/suggestions/calibrate.ts';
import { calibrationDrift, calibrationHolds, calibrationInputs, type CalibrationInputs } from '../domain/suggestions/calibration-drift.ts';
import { calibrationYear } from '../domain/suggestions/calibration-year.ts';
import type { PackedTies } from '../domain/graph/packed-ties.ts';
import { LRUCache } from 'lru-cache';
import { presentRanking, rankFor, rankingKey, type Ranking } from '../domain/suggestions/suggest-partners.ts';
import { perObject } from '../domain/per-object.ts';
import type { SuggestionIndex } from '../domain/suggestions/suggestion-index.ts';
import type { SuggestOptions, SuggestionResult } from '../domain/suggestions/suggestion-types.ts';
import { runInWorker } from '../runtime/worker-task.ts';
import type { Logger } from '../logger.ts';
import { actorsById, markStale, partnersOf, waitIfFresh, type NetworkSource } from './network-source.ts';
import type { PrivacyService } from './privacy-service.ts';
import { PUBLIC_VIEWER, viewerScope, type Viewer } from '../domain/privacy/redaction.ts';
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

/**
 * `calibrate`, except that a calibration is kept across network versions while what it read
 * changed by less than a share (calibration-drift.ts): a small write then costs the index, not the
 * tens of seconds of a calibration. One kept per `asOf` (of now: undefined).
 */
const KEPT_CALIBRATIONS = 8;

export function keepingCalibration(log: Logger): (asOf: number | undefined, calibrate: Calibrate) => Calibrate {
  const kept = new Map<number | undefined, { inputs: CalibrationInputs; calibration: Calibration | undefined }>();
  return (asOf, calibrate) => async (actors, ties, referenceYear) => {
    // What the calibration reads: the ties up to its own year, which a partial latest year does not move.
    const inputs = calibrationInputs(actors, ties, calibrationYear(ties, referenceYear));
    const before = kept.get(asOf);
    if (before && calibrationHolds(before.inputs, inputs)) {
      log.info({ asOf, drift: calibrationDrift(before.inputs, inputs), fittedOn: before.inputs.ties }, 'suggestions: calibration kept (the network changed little since it was fitted)');
      return before.calibration;
    }
    const calibration = await calibrate(actors, ties, referenceYear);
    kept.delete(asOf);
    kept.set(asOf, { inputs, calibration });
    // A few years are asked for at most (VERSION_CACHE_DEFAULTS' suggestions): keep as many.
    if (kept.size > KEPT_CALIBRATIONS) kept.delete(kept.keys().next().value);
    return calibration;
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
   * is not found, like an unknown id). An answer kept for a request asked again is the same
   * object each time (read it, never change it).
   */
  suggest(actorId: string, options: SuggestOptions & { asOf?: number }, viewer?: Viewer): Promise<SuggestionAnswer>;
  /** Builds the current network's index ahead of requests (after start, after a write). */
  prepare(): Promise<void>;
  /** Whether the index of `asOf` is built or being built (else a request would build it: seconds). */
  isPrepared(asOf: number | undefined): boolean;
}

/**
 * How long a request waits for the index of a write before the previous index answers (marked
 * stale). Short: an older index already leaves out the asker's partners since, and an asker added
 * since waits for the new one; a request must not wait out the index of every write.
 */
const INDEX_WAIT_MS = 1_000;

const indexKey = (asOf: number | undefined) => `suggestions|${asOf ?? 'now'}`;

/**
 * Rankings kept per index by default, most recently asked first, each with the answers made from
 * it: asking again for the same actor and options (Back, a second look, another coordinator)
 * answers from memory. On the demonstration network a ranking (20 candidates with their evidence)
 * takes about 14 KB and each answer about 24 KB: 19 MB when full with one viewer's scope each.
 * Gone with their index (every write).
 */
const RANKINGS_KEPT = 500;

/** A kept ranking, and the answers made from it for the last few viewers' scopes (what they may see, explained or not). */
interface Kept {
  ranking: Ranking;
  shown: Map<string, SuggestionAnswer>;
}
const SCOPES_PER_RANKING = 4;

/** What an answer made from a ranking depends on besides it: which actors the viewer sees by name, and whether reasons are asked for. */
function scopeOf(viewer: Viewer, options: SuggestOptions): string {
  return `${viewerScope(viewer)}|${options.explain === false ? 'bare' : 'explained'}`;
}

export function suggestionService(
  network: NetworkSource,
  deps: {
    log: Logger;
    privacy: PrivacyService;
    calibrate?: Calibrate;
    /** The actors not to suggest to an asker now (those that declined its introduction requests lately). */
    exclusions?: (actorId: string) => Promise<ReadonlySet<string>>;
    /** Rankings kept per index (RANKINGS_KEPT; 0: every request ranks). */
    rankingsKept?: number;
  },
): SuggestionService {
  const kept = deps.rankingsKept ?? RANKINGS_KEPT;
  const rankingsOf = perObject((_index: SuggestionIndex) => (kept > 0 ? new LRUCache<string, Kept>({ max: kept }) : undefined));
  /**
   * The index of `asOf` (of now when undefined). The index of now is prepared again after every
   * write (tens of seconds on a large network: the calibration); meanwhile the previous one serves,
   * its answers marked stale (`staleFrom`), and several writes in a row cost one preparation.
   */
  const keeping = keepingCalibration(deps.log);

  async function index(asOf: number | undefined, fresh = false): Promise<{ built: SuggestionIndex; staleFrom?: number }> {
    const snapshot = await network.snapshot();
    const prepare = async () => {
      const started = performance.now();
      const calibrate = keeping(asOf, deps.calibrate ?? calibrateInWorker(deps.log, () => packedTiesOf(network, snapshot)));
      const built = await buildCalibratedIndexAsync(snapshot.actors, snapshot.ties, asOf === undefined ? {} : { asOf }, calibrate);
      logMethods(deps.log, built, asOf, performance.now() - started);
      return built;
    };
    // A fresh index joins the preparation under way, if any (the cache shares one computation per key).
    if (asOf !== undefined || fresh) return { built: (await network.cache.get(snapshot.version, indexKey(asOf), prepare)).value };
    const { value, staleFrom } = await network.cache.getOrPrevious(snapshot.version, indexKey(asOf), prepare, { waitMs: waitIfFresh(INDEX_WAIT_MS) });
    return { built: value, ...(staleFrom !== undefined ? { staleFrom } : {}) };
  }

  /**
   * What an index of an older version must not suggest to `actorId` now: its partners since, and
   * the actors removed since. Undefined when that index does not know the asker (added since).
   */
  async function sinceStale(built: SuggestionIndex, actorId: string): Promise<Set<string> | undefined> {
    if (!built.position.has(actorId)) return undefined;
    const current = await actorsById(network);
    const out = new Set(await partnersOf(network, actorId));
    for (const a of built.actors) if (!current.has(a.id)) out.add(a.id);
    return out;
  }

  return {
    async suggest(actorId, options, viewer = PUBLIC_VIEWER) {
      const redaction = await deps.privacy.redaction(viewer);
      // An unknown id is answered from the snapshot, without building the index (seconds on a large network).
      if (redaction.hides(actorId) || !(await actorsById(network)).has(actorId)) throw notFound('actor', actorId);
      let { built, staleFrom } = await index(options.asOf);
      const stale = staleFrom === undefined ? undefined : await sinceStale(built, actorId);
      if (staleFrom !== undefined && !stale) {
        // An actor added since the index was prepared: wait for the index that knows it.
        ({ built, staleFrom } = await index(undefined, true));
      }
      if (staleFrom !== undefined) markStale();
      const conceal = redaction.hidesAny ? (id: string) => redaction.stand(id) : undefined;
      const declined = await deps.exclusions?.(actorId);
      const exclude = stale ? new Set([...stale, ...(declined ?? [])]) : declined;
      const ranking = { ...options, ...(exclude?.size ? { exclude } : {}) };
      // An older index's ranking leaves out what changed since (`stale`): made for this request only.
      const rankings = stale ? undefined : rankingsOf(built);
      const key = rankings && rankingKey(actorId, ranking);
      let found = key && rankings.get(key);
      if (!found) {
        found = { ranking: rankFor(built, actorId, ranking), shown: new Map() };
        if (key) rankings.set(key, found);
      }
      const scope = scopeOf(viewer, options);
      let answer = found.shown.get(scope);
      if (!answer) {
        const result = presentRanking(built, found.ranking, { ...options, conceal });
        // An empty list always says why (a region no actor is in, no location to measure from, ...).
        const notice = result.suggestions.length ? undefined : emptyNotice(built, actorId, result.types, options);
        answer = { ...result, ...(notice ? { notice } : {}), ...(options.asOf !== undefined ? { asOf: options.asOf } : {}) };
        if (found.shown.size >= SCOPES_PER_RANKING) found.shown.delete(found.shown.keys().next().value!);
        found.shown.set(scope, answer);
      }
      return answer;
    },
    async prepare() {
      await index(undefined);
    },
    isPrepared(asOf) {
      return network.cache.has(indexKey(asOf));
    },
  };
}
