/**
 * Introductions and notifications: `POST /introductions` asks, `POST /introductions/:id/<step>`
 * moves a request on, the GET routes list, show, sum up and export them, `/notifications` tells
 * each user what happened to the requests they are involved in. Reads and checks the bodies and
 * parameters (a bad one is a 400 naming it) and answers what the introduction service returns.
 */
import { Router, type Request } from 'express';
import type {
  IntroductionListResponse,
  IntroductionResponse,
  IntroductionSummaryResponse,
  NotificationListResponse,
  NotificationsReadResponse,
} from '../../contract/api.ts';
import {
  DECLINE_REASONS,
  INTRODUCTION_STATUSES,
  MAX_TEXT,
  MAX_VIA,
  OUTCOMES,
  type IntroductionAction,
  type IntroductionStatus,
} from '../../domain/introductions/introduction-steps.ts';
import { PARTY_SIDES, SUMMARY_BYS } from '../../domain/introductions/introduction-summary.ts';
import { NO_GROUP } from '../../domain/metrics/groupings.ts';
import { ACTOR_TYPES, TIE_KINDS } from '../../domain/model.ts';
import { findCluster } from '../../domain/reference/clusters.ts';
import { findRegion, REGION_IDS } from '../../domain/reference/regions.ts';
import type { IntroductionService, StepInput } from '../../services/introduction-service.ts';
import { requireAction, requireUser, userOf } from '../authenticate.ts';
import { enumParam, intParam, listParam, stringParam } from '../query-params.ts';
import { invalidParameter } from '../../domain/errors.ts';
import { noStore } from '../security.ts';
import { bodyFields, fieldError, MAX_ID, oneOfField, textField, type Body } from '../body-fields.ts';

const MAX_NOTIFICATIONS = 200;
const MAX_READ_IDS = 500;






function ids(b: Body, field: string, max: number): string[] | undefined {
  const v = b[field];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string' && x.trim() !== '' && x.length <= MAX_ID)) throw fieldError(field, 'a list of actor ids');
  if (v.length > max) throw fieldError(field, `at most ${max} ids (${v.length} given)`);
  return v.map((x: string) => x.trim());
}

/** `?status=requested,approved` */
function statusParam(req: Request): IntroductionStatus[] | undefined {
  const values = listParam(req, 'status');
  if (!values) return undefined;
  return values.map((v) => {
    const s = INTRODUCTION_STATUSES.find((x) => x === v.toLowerCase());
    if (!s) throw invalidParameter('status', `'${v}' is not one of ${INTRODUCTION_STATUSES.join(', ')}`);
    return s;
  });
}

function regionParam(req: Request): string | undefined {
  const v = stringParam(req, 'region', 100);
  if (v === undefined) return undefined;
  if (v.trim().toLowerCase() === NO_GROUP) return NO_GROUP;
  const region = findRegion(v);
  if (!region) throw invalidParameter('region', `unknown region '${v}' (one of ${REGION_IDS.join(', ')}, or ${NO_GROUP})`);
  return region.id;
}

function clusterParam(req: Request): string | undefined {
  const v = stringParam(req, 'cluster', MAX_ID)?.trim();
  return v === undefined || v === '' ? undefined : (findCluster(v)?.id ?? v);
}

const NOTE = ['note'] as const;
/** The plain steps: their body carries an optional note only. */
const NOTE_STEPS: readonly IntroductionAction[] = ['approve', 'decline', 'accept', 'withdraw'];

export function introductionRoutes(introductions: IntroductionService): Router {
  const router = Router();
  router.use(['/introductions', '/introductions.csv', '/notifications'], noStore);

  router.get('/introductions.csv', requireAction('follow-introductions'), async (_req, res) => {
    res.type('text/csv; charset=utf-8').attachment('introductions.csv').send(await introductions.csv());
  });

  router.get('/introductions/summary', requireAction('follow-introductions'), async (req, res) => {
    const by = enumParam(req, 'by', SUMMARY_BYS) ?? 'region';
    const side = enumParam(req, 'side', PARTY_SIDES) ?? 'asker';
    res.json((await introductions.summary(by, side)) satisfies IntroductionSummaryResponse);
  });

  router.get('/introductions', requireUser, async (req, res) => {
    const list = await introductions.list(userOf(res)!, {
      statuses: statusParam(req),
      region: regionParam(req),
      cluster: clusterParam(req),
      type: enumParam(req, 'type', ACTOR_TYPES),
      actor: stringParam(req, 'actor', MAX_ID)?.trim(),
      side: enumParam(req, 'side', PARTY_SIDES),
      limit: intParam(req, 'limit', { min: 1, max: 500, fallback: 100 }),
      offset: intParam(req, 'offset', { min: 0, max: 1_000_000, fallback: 0 }),
    });
    res.json(list satisfies IntroductionListResponse);
  });

  /** JSON `{ asker?, target, via?, message }`: 201 and the new request. */
  router.post('/introductions', requireAction('request-introduction'), async (req, res) => {
    const b = bodyFields(req, ['asker', 'target', 'via', 'message']);
    const input = {
      asker: textField(b, 'asker', { required: false, max: MAX_ID }) || undefined,
      target: textField(b, 'target', { required: true, max: MAX_ID })!,
      via: ids(b, 'via', MAX_VIA) ?? [],
      message: textField(b, 'message', { required: true, max: MAX_TEXT })!,
    };
    res.status(201).json((await introductions.request(userOf(res)!, input)) satisfies IntroductionResponse);
  });

  router.get('/introductions/:id', requireUser, async (req, res) => {
    res.json((await introductions.get(userOf(res)!, String(req.params.id))) satisfies IntroductionResponse);
  });

  const step = (action: IntroductionAction, read: (b: Body) => StepInput, allowed: readonly string[]) =>
    router.post(`/introductions/:id/${action}`, requireUser, async (req, res) => {
      const input = read(bodyFields(req, allowed));
      res.json((await introductions.step(userOf(res)!, String(req.params.id), action, input)) satisfies IntroductionResponse);
    });
  const note = (b: Body) => textField(b, 'note', { required: false, max: MAX_TEXT });
  for (const action of NOTE_STEPS) step(action, (b) => ({ note: note(b) }), NOTE);
  step('refuse', (b) => ({ reason: oneOfField(b, 'reason', DECLINE_REASONS, true), note: note(b) }), ['reason', 'note']);

  /** JSON `{ outcome: met|collaborating|ended, date: YYYY-MM-DD, tieKind?, tieSource?, note? }`. */
  router.post('/introductions/:id/outcome', requireUser, async (req, res) => {
    const b = bodyFields(req, ['outcome', 'date', 'tieKind', 'tieSource', 'note']);
    const outcome = oneOfField(b, 'outcome', OUTCOMES, true)!;
    const input: StepInput = {
      date: textField(b, 'date', { required: true, max: 10 }),
      tieKind: oneOfField(b, 'tieKind', TIE_KINDS, false),
      tieSource: oneOfField(b, 'tieSource', PARTY_SIDES, false),
      note: note(b),
    };
    if (outcome !== 'collaborating' && (input.tieKind || input.tieSource)) throw fieldError(input.tieKind ? 'tieKind' : 'tieSource', `only with the outcome collaborating`);
    res.json((await introductions.step(userOf(res)!, String(req.params.id), outcome, input)) satisfies IntroductionResponse);
  });

  router.get('/notifications', requireUser, async (req, res) => {
    const limit = intParam(req, 'limit', { min: 1, max: MAX_NOTIFICATIONS, fallback: 50 });
    res.json((await introductions.notifications(userOf(res)!, limit)) satisfies NotificationListResponse);
  });

  /** JSON `{ ids? }`: marks those notifications read, or all when `ids` is left out. */
  router.post('/notifications/read', requireUser, async (req, res) => {
    const b = bodyFields(req, ['ids']);
    const v = b.ids;
    if (v !== undefined && v !== null && (!Array.isArray(v) || !v.every((x) => typeof x === 'string' && x.length <= MAX_ID))) throw fieldError('ids', 'a list of notification ids');
    if (Array.isArray(v) && v.length > MAX_READ_IDS) throw fieldError('ids', `at most ${MAX_READ_IDS} ids (${v.length} given)`);
    res.json((await introductions.markRead(userOf(res)!, Array.isArray(v) ? (v as string[]) : null)) satisfies NotificationsReadResponse);
  });

  return router;
}
