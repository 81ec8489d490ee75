/**
 * Health, counts and actors: the first read API.
 */
import { Router } from 'express';
import { ACTOR_TYPES } from '../../domain/model.ts';
import { notFound, unavailable, AppError } from '../../domain/errors.ts';
import { findPrefecture } from '../../domain/reference/prefectures.ts';
import { invalidParameter } from '../../domain/errors.ts';
import type { Neo4jClient, ServerInfo } from '../../store/neo4j-client.ts';
import { readStats } from '../../store/stats-store.ts';
import { readActor, searchActors } from '../../store/actor-store.ts';
import { cursorParam, encodeCursor, enumParam, intParam, stringParam } from '../query-params.ts';
import { answerWithin } from '../../runtime/answer-within.ts';
import { visibleLevels } from '../../domain/privacy/redaction.ts';
import type { PrivacyService } from '../../services/privacy-service.ts';
import { viewerOf } from '../authenticate.ts';

/**
 * A health check must answer within 2 s even when the database hangs, and must not call a
 * database that answered down because other work held this process's event loop meanwhile
 * (answer-within.ts). The driver's own timeout is only a ceiling behind that deadline.
 */
const HEALTH_TIMEOUT_MS = 1_500;
const HEALTH_CEILING_MS = 10_000;
/**
 * A database that answered other work of this process this recently is up: the check answers
 * from that, without a query of its own. Under load the check's own query waits behind the
 * others (the soak saw it pass 1.5 s while every other query was being answered), and a healthy
 * product must not flap; a database that stops answering is asked again within this time.
 */
const HEALTH_RECENT_MS = 1_000;

export function networkRoutes(client: Neo4jClient, privacy: PrivacyService): Router {
  const router = Router();
  let lastInfo: ServerInfo | undefined;

  router.get('/health', async (_req, res) => {
    if (lastInfo && client.answeredWithin(HEALTH_RECENT_MS)) {
      res.json({ status: 'ok', neo4j: lastInfo });
      return;
    }
    try {
      const neo4j = await answerWithin(client.serverInfo(HEALTH_CEILING_MS), HEALTH_TIMEOUT_MS, () =>
        unavailable(`Neo4j did not answer within ${HEALTH_TIMEOUT_MS} ms.`),
      );
      lastInfo = neo4j;
      res.json({ status: 'ok', neo4j });
    } catch (err) {
      const message = err instanceof AppError ? err.message : String((err as Error)?.message ?? err);
      throw unavailable(`Neo4j does not answer: ${message}`);
    }
  });

  router.get('/stats', async (_req, res) => {
    res.json(await readStats(client));
  });

  router.get('/actors', async (req, res) => {
    const prefectureText = stringParam(req, 'prefecture');
    const prefecture = prefectureText === undefined ? undefined : findPrefecture(prefectureText)?.id;
    if (prefectureText !== undefined && !prefecture) throw invalidParameter('prefecture', `unknown prefecture '${prefectureText}'`);
    const limit = intParam(req, 'limit', { min: 1, max: 200, fallback: 20 });
    const viewer = viewerOf(res);
    const page = await searchActors(client, {
      // A hidden actor is neither listed nor found by its name.
      visible: visibleLevels(viewer),
      own: viewer.user?.actorId,
      q: stringParam(req, 'q', 200),
      type: enumParam(req, 'type', ACTOR_TYPES),
      prefecture,
      cluster: stringParam(req, 'cluster'),
      field: stringParam(req, 'field'),
      limit,
      after: cursorParam(req),
    });
    res.json({ items: page.items, nextCursor: page.next ? encodeCursor(page.next) : null });
  });

  router.get('/actors/:id', async (req, res) => {
    const redaction = await privacy.redaction(viewerOf(res));
    // A hidden actor answers exactly as an unknown id does.
    const detail = redaction.hides(req.params.id) ? null : await readActor(client, req.params.id);
    if (!detail) throw notFound('actor', req.params.id);
    res.json({ ...detail, ties: detail.ties.map((t) => redaction.ref(t)) });
  });

  return router;
}
