/**
 * Business matching events: `/events` (create, list, change), their participants, suggestions,
 * meetings, schedule, agendas, timetable and report; `/event-meetings/:id/...` moves one meeting
 * on. Reads and checks bodies and parameters (a bad one is a 400 naming it) and answers what the
 * event service returns. GET routes take one path parameter (`:id`) and the rest as a query.
 */
import { Router } from 'express';
import type {
  EventCountsResponse,
  EventListResponse,
  EventMeetingListResponse,
  EventMeetingResponse,
  EventParticipantListResponse,
  EventReportResponse,
  EventScheduleResponse,
  EventSuggestionsResponse,
  EventTimetableResponse,
  MatchingEvent,
  EventParticipant,
} from '../../contract/api.ts';
import { LANGS } from '../../domain/events/agenda.ts';
import { MEETING_ACTIONS, MEETING_OUTCOMES } from '../../domain/events/meeting-steps.ts';
import { TIE_KINDS } from '../../domain/model.ts';
import type { EventService } from '../../services/event-service.ts';
import { requireAction, requireUser, userOf, viewerOf } from '../authenticate.ts';
import { enumParam, stringParam } from '../query-params.ts';
import { noStore } from '../security.ts';
import { bodyFields, fieldError, MAX_ID, textField, type Body } from '../body-fields.ts';

const MAX_TEXT = 1000;
const MAX_TAGS = 30;




function tags(b: Body, field: string): string[] | undefined {
  const v = b[field];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string' && x.length <= 100)) throw fieldError(field, 'a list of short texts');
  if (v.length > MAX_TAGS) throw fieldError(field, `at most ${MAX_TAGS} entries`);
  return v.map((x: string) => x.trim()).filter(Boolean);
}

function whole(b: Body, field: string, min: number): number {
  const v = b[field];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) throw fieldError(field, `a whole number from ${min}`);
  return v;
}

const EVENT_FIELDS = ['name', 'name_ja', 'startDate', 'endDate', 'venue', 'venue_ja', 'sessions', 'tables', 'maxMeetingsPerParticipant', 'requestMode'];

export function eventRoutes(events: EventService): Router {
  const router = Router();
  router.use(['/events', '/event-meetings'], noStore);

  router.get('/events', async (_req, res) => {
    res.json({ events: await events.list() } satisfies EventListResponse);
  });

  /** JSON EventBody: 201 and the new event (coordinators). */
  router.post('/events', requireAction('manage-events'), async (req, res) => {
    res.status(201).json((await events.create(userOf(res)!, bodyFields(req, EVENT_FIELDS))) satisfies MatchingEvent);
  });

  router.get('/events/:id', async (req, res) => {
    res.json((await events.get(String(req.params.id))) satisfies MatchingEvent);
  });

  router.patch('/events/:id', requireAction('manage-events'), async (req, res) => {
    res.json((await events.update(userOf(res)!, String(req.params.id), bodyFields(req, EVENT_FIELDS))) satisfies MatchingEvent);
  });

  router.get('/events/:id/participants', async (req, res) => {
    res.json({ participants: await events.participants(viewerOf(res), String(req.params.id)) } satisfies EventParticipantListResponse);
  });

  /** JSON `{ actor?, availability?, offers?, seeks? }`: 201 and the participant. */
  router.post('/events/:id/participants', requireUser, async (req, res) => {
    const b = bodyFields(req, ['actor', 'availability', 'offers', 'seeks']);
    const input = { actor: textField(b, 'actor', { required: false, max: MAX_ID }), availability: b.availability, offers: tags(b, 'offers'), seeks: tags(b, 'seeks') };
    res.status(201).json((await events.register(userOf(res)!, String(req.params.id), input)) satisfies EventParticipant);
  });

  /** `?actor=` (a member's own actor when left out). */
  router.get('/events/:id/suggestions', requireUser, async (req, res) => {
    res.json((await events.suggestions(userOf(res)!, String(req.params.id), stringParam(req, 'actor', MAX_ID)?.trim())) satisfies EventSuggestionsResponse);
  });

  router.get('/events/:id/meetings', requireUser, async (req, res) => {
    res.json({ meetings: await events.meetings(userOf(res)!, String(req.params.id)) } satisfies EventMeetingListResponse);
  });

  /** JSON `{ requester?, target, message? }`: 201 and the meeting. */
  router.post('/events/:id/meetings', requireUser, async (req, res) => {
    const b = bodyFields(req, ['requester', 'target', 'message']);
    const input = { requester: textField(b, 'requester', { required: false, max: MAX_ID }), target: textField(b, 'target', { required: true, max: MAX_ID })!, message: textField(b, 'message', { required: false, max: MAX_TEXT }) };
    res.status(201).json((await events.requestMeeting(userOf(res)!, String(req.params.id), input)) satisfies EventMeetingResponse);
  });

  router.get('/events/:id/counts', requireAction('manage-events'), async (req, res) => {
    res.json((await events.counts(userOf(res)!, String(req.params.id))) satisfies EventCountsResponse);
  });

  router.post('/events/:id/schedule', requireAction('manage-events'), async (req, res) => {
    bodyFields(req, []);
    res.json((await events.schedule(userOf(res)!, String(req.params.id))) satisfies EventScheduleResponse);
  });

  /** `?actor=&lang=en|ja&format=html|ics`: a printable page or a calendar file to download. */
  router.get('/events/:id/agenda', requireUser, async (req, res) => {
    const lang = enumParam(req, 'lang', LANGS) ?? 'en';
    const format = enumParam(req, 'format', ['html', 'ics'] as const) ?? 'html';
    const agenda = await events.agenda(userOf(res)!, String(req.params.id), stringParam(req, 'actor', MAX_ID)?.trim(), lang, format);
    if (format === 'ics') res.type('text/calendar; charset=utf-8').attachment(agenda.filename).send(agenda.body);
    else res.type('text/html; charset=utf-8').send(agenda.body);
  });

  /** `?format=json|html&lang=en|ja` (coordinators). */
  router.get('/events/:id/timetable', requireAction('manage-events'), async (req, res) => {
    const lang = enumParam(req, 'lang', LANGS) ?? 'en';
    const format = enumParam(req, 'format', ['json', 'html'] as const) ?? 'json';
    const answer = await events.timetable(userOf(res)!, String(req.params.id), lang, format);
    if ('html' in answer) res.type('text/html; charset=utf-8').send(answer.html);
    else res.json(answer satisfies EventTimetableResponse);
  });

  router.get('/events/:id/report', requireAction('manage-events'), async (req, res) => {
    res.json((await events.report(userOf(res)!, String(req.params.id))) satisfies EventReportResponse);
  });

  router.get('/events/:id/report.csv', requireAction('manage-events'), async (req, res) => {
    res.type('text/csv; charset=utf-8').attachment('event-report.csv').send(await events.reportCsv(userOf(res)!, String(req.params.id)));
  });

  for (const action of MEETING_ACTIONS) {
    router.post(`/event-meetings/:id/${action}`, requireUser, async (req, res) => {
      bodyFields(req, []);
      res.json((await events.meetingStep(userOf(res)!, String(req.params.id), action)) satisfies EventMeetingResponse);
    });
  }

  /** JSON `{ slot, table }` (coordinators): moves the meeting there and pins it. */
  router.post('/event-meetings/:id/pin', requireAction('manage-events'), async (req, res) => {
    const b = bodyFields(req, ['slot', 'table']);
    res.json((await events.pin(userOf(res)!, String(req.params.id), { slot: whole(b, 'slot', 0), table: whole(b, 'table', 1) })) satisfies EventMeetingResponse);
  });

  router.post('/event-meetings/:id/unpin', requireAction('manage-events'), async (req, res) => {
    bodyFields(req, []);
    res.json((await events.pin(userOf(res)!, String(req.params.id), null)) satisfies EventMeetingResponse);
  });

  /** JSON `{ outcome: held|no_show|follow_up|collaborating, tieKind?, note? }`. */
  router.post('/event-meetings/:id/outcome', requireUser, async (req, res) => {
    const b = bodyFields(req, ['outcome', 'tieKind', 'note']);
    const outcome = MEETING_OUTCOMES.find((o) => o === b.outcome);
    if (!outcome) throw fieldError('outcome', `${JSON.stringify(b.outcome ?? null)} is not one of ${MEETING_OUTCOMES.join(', ')}`);
    const tieKind = b.tieKind === undefined || b.tieKind === null ? undefined : TIE_KINDS.find((k) => k === b.tieKind);
    if (b.tieKind != null && !tieKind) throw fieldError('tieKind', `${JSON.stringify(b.tieKind)} is not one of ${TIE_KINDS.join(', ')}`);
    if (tieKind && outcome !== 'collaborating') throw fieldError('tieKind', 'only with the outcome collaborating');
    const input = { outcome, ...(tieKind ? { tieKind } : {}), note: textField(b, 'note', { required: false, max: MAX_TEXT }) };
    res.json((await events.outcome(userOf(res)!, String(req.params.id), input)) satisfies EventMeetingResponse);
  });

  return router;
}
