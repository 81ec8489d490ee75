/**
 * What coordinators get on an event's page: add participants (picked by name as one types, several
 * at once), propose meetings (both sides picked among the participants), the requests per
 * participant (sent, received, accepted, scheduled), "Schedule" with the solver's result (meetings
 * placed, the gap to its bound, the meetings it could not place and why), the timetable per table
 * (and its printable page) and the event report with its chart and CSV.
 */
import type { Chart } from 'chart.js';
import type { EventParty, EventReportResponse, EventTimetableResponse } from '../../../server/contract/api.ts';
import { searchActors } from '../data/api.ts';
import { agendaUrl, getCounts, getReport, getTimetable, registerParticipant, reportCsvUrl, requestMeeting, runSchedule, timetableHtmlUrl } from '../data/events-api.ts';
import type { Lang } from '../data/state.ts';
import { el, nameOf } from '../dom.ts';
import { formatValue } from '../i18n/i18n.ts';
import { describeError } from '../i18n/messages.ts';
import { createActorPicker, matchByName, type PickerItem } from './actor-picker.ts';
import { chartBars, eventDate, type EventLabels } from './event-labels.ts';
import { et, unplacedText } from './event-messages.ts';
import type { EventPage } from '../data/events-api.ts';

export interface CoordinatorContext {
  lang: Lang;
  csrf: string | null;
  labels: EventLabels;
  reload(message?: string): Promise<void>;
}

/** The second line of an option: the other language's name, the type and the place. */
function optionSub(a: { name: string; name_ja?: string; type: string; prefecture?: string }, ctx: CoordinatorContext): string {
  const other = ctx.lang === 'ja' ? a.name : a.name_ja;
  return [other !== nameOf(a, ctx.lang) ? other : '', ctx.labels.type(a.type), a.prefecture ? ctx.labels.prefecture(a.prefecture) : ''].filter(Boolean).join(' · ');
}

/** The charts drawn last (destroyed when the page is drawn again). */
let charts: Chart[] = [];

const percent = (v: number | null) => (v === null ? et('co.none') : `${(v * 100).toFixed(1)}%`);

export function createCoordinatorTools(page: EventPage, ctx: CoordinatorContext): HTMLElement {
  const id = page.event.id;
  const error = el('p', { className: 'error-text', role: 'alert', id: 'co-error' });
  const fail = (err: unknown) => (error.textContent = et('ev.failed', { message: describeError(err, et('ev.feature')) }));

  // Add participants: any actor, by name (the server's search); those registered cannot be taken twice.
  const registered = new Set(page.participants.map((p) => p.actor.id));
  const adding = createActorPicker({
    id: 'co-actor',
    label: et('co.addParticipant'),
    lang: ctx.lang,
    multiple: true,
    search: async (q, signal) =>
      (await searchActors(q, signal)).items.map((a): PickerItem => ({ id: a.id, name: a.name, name_ja: a.name_ja, sub: optionSub(a, ctx), ...(registered.has(a.id) ? { unavailable: et('co.alreadyRegistered') } : {}) })),
  });
  const add = el('button', { className: 'button small', type: 'submit', id: 'co-add' }, et('co.add'));
  const addForm = el('form', { className: 'ev-form-row', id: 'co-add-form' }, adding.element, add);
  addForm.append(el('p', { className: 'muted ev-hint' }, et('co.addHint')));
  addForm.addEventListener('submit', (e) => {
    e.preventDefault();
    const chosen = adding.chosen();
    if (!chosen.length) {
      error.textContent = et('co.addNone');
      adding.input.focus();
      return;
    }
    void write(add, async () => {
      // One at a time, so a refusal names the actor and the others still land.
      const failed: string[] = [];
      for (const a of chosen) {
        try {
          await registerParticipant(id, { actor: a.id }, ctx.csrf);
        } catch (err) {
          failed.push(et('co.addFailed', { name: nameOf(a, ctx.lang), message: describeError(err, et('ev.feature')) }));
        }
      }
      if (failed.length === chosen.length) throw new Error(failed.join(' '));
      return { message: et('co.added', { n: chosen.length - failed.length }), failed };
    });
  });

  // Propose a meeting: both sides among the participants, matched in the browser.
  const parties = page.participants.map((p) => p.actor);
  const among = (q: string) => Promise.resolve(matchByName(parties, q).map((a: EventParty): PickerItem => ({ id: a.id, name: a.name, name_ja: a.name_ja, sub: optionSub(a, ctx) })));
  const from = createActorPicker({ id: 'co-requester', label: et('co.requester'), lang: ctx.lang, multiple: false, search: among });
  const to = createActorPicker({ id: 'co-target', label: et('co.target'), lang: ctx.lang, multiple: false, search: among });
  const propose = el('button', { className: 'button small', type: 'submit', id: 'co-propose' }, et('co.proposeButton'));
  const proposeForm = el('form', { className: 'ev-form-row', id: 'co-propose-form' }, from.element, to.element, propose);
  proposeForm.addEventListener('submit', (e) => {
    e.preventDefault();
    const [a] = from.chosen();
    const [b] = to.chosen();
    if (!a || !b) {
      error.textContent = et('co.proposeNone');
      (a ? to : from).input.focus();
      return;
    }
    void write(propose, () => requestMeeting(id, { requester: a.id, target: b.id }, ctx.csrf));
  });

  /** A write from a button; `message`/`failed` in its answer are told after the page is drawn again. */
  async function write(button: HTMLButtonElement, run: () => Promise<unknown>): Promise<void> {
    button.disabled = true;
    error.textContent = '';
    try {
      const answer = (await run()) as { message?: string; failed?: string[] } | undefined;
      await ctx.reload(answer?.message);
      if (answer?.failed?.length) document.getElementById('co-error')!.textContent = et('ev.failed', { message: answer.failed.join(' ') });
    } catch (err) {
      button.disabled = false;
      fail(err);
    }
  }

  // Schedule: the last run's summary comes with the event.
  const schedule = el('button', { className: 'button primary', type: 'button', id: 'co-schedule' }, et('co.schedule'));
  schedule.addEventListener('click', () => {
    schedule.textContent = et('co.scheduling');
    void write(schedule, () => runSchedule(id, ctx.csrf)).finally(() => (schedule.textContent = et('co.schedule')));
  });
  const result = el('div', { id: 'co-schedule-result' });
  const summary = page.event.schedule;
  if (!summary) result.append(el('p', { className: 'muted', id: 'co-not-scheduled' }, et('co.notScheduled', { n: page.meetings.filter((m) => m.status === 'accepted').length })));
  else {
    const names = new Map(page.meetings.map((m) => [m.id, et('ev.with', { a: nameOf(m.requester, ctx.lang), b: nameOf(m.target, ctx.lang) })]));
    result.append(
      el('p', { id: 'co-schedule-summary', 'data-placed': String(summary.placed), 'data-gap': String(summary.gap) }, et('co.scheduleResult', { placed: summary.placed, accepted: summary.accepted, pinned: summary.pinned, gap: percent(summary.gap), status: summary.status, seconds: summary.seconds.toFixed(2) })),
      summary.unplaced.length
        ? el('div', {}, el('h4', {}, et('co.unplaced')), el('ul', { id: 'co-unplaced' }, ...summary.unplaced.map((u) => el('li', { 'data-meeting': u.meeting }, `${names.get(u.meeting) ?? u.meeting}: ${unplacedText(u)}`))))
        : el('p', { className: 'muted' }, et('co.noUnplaced')),
    );
  }

  const counts = el('div', { id: 'co-counts' }, el('p', { className: 'muted' }, et('ev.loading')));
  const timetable = el('div', { id: 'co-timetable' }, el('p', { className: 'muted' }, et('ev.loading')));
  const report = el('div', { id: 'co-report' }, el('p', { className: 'muted' }, et('ev.loading')));
  void getCounts(id).then((c) => {
    const head = el('tr', {}, ...['', et('co.sent'), et('co.received'), et('co.accepted'), et('co.scheduled'), et('ev.agenda')].map((h) => el('th', { scope: 'col' }, h)));
    const agenda = (actor: string, format: 'html' | 'ics') =>
      el('a', format === 'html' ? { href: agendaUrl(id, ctx.lang, 'html', actor), target: '_blank', rel: 'noopener', 'data-agenda': actor } : { href: agendaUrl(id, ctx.lang, 'ics', actor), download: '' }, format === 'html' ? et('co.agendaPage') : '.ics');
    const rows = c.participants.map((p) => el('tr', { 'data-actor': p.actor.id },
      el('th', { scope: 'row' }, nameOf(p.actor, ctx.lang)),
      ...[p.sent, p.received, p.accepted, p.scheduled].map((n) => el('td', {}, formatValue(n))),
      el('td', {}, agenda(p.actor.id, 'html'), ' · ', agenda(p.actor.id, 'ics')),
    ));
    counts.replaceChildren(rows.length ? el('table', { className: 'ev-table' }, el('thead', {}, head), el('tbody', {}, ...rows)) : el('p', { className: 'muted' }, et('ev.noParticipants')));
  }, (err) => counts.replaceChildren(el('p', { className: 'error-text' }, describeError(err, et('ev.feature')))));
  void getTimetable(id).then((t) => timetable.replaceChildren(timetableTable(t, ctx.lang)), (err) => timetable.replaceChildren(el('p', { className: 'error-text' }, describeError(err, et('ev.feature')))));
  void getReport(id).then((r) => reportCard(report, r, ctx), (err) => report.replaceChildren(el('p', { className: 'error-text' }, describeError(err, et('ev.feature')))));

  return el('section', { className: 'ev-card ev-coordinator', id: 'ev-coordinator' },
    el('h3', {}, et('co.tools')),
    error,
    addForm,
    el('h4', {}, et('co.propose')),
    proposeForm,
    el('h4', {}, et('co.counts')),
    counts,
    el('h4', {}, et('co.schedule')),
    schedule,
    result,
    el('h4', {}, et('co.timetable')),
    el('a', { className: 'button small', href: timetableHtmlUrl(id, ctx.lang), target: '_blank', rel: 'noopener', id: 'co-timetable-html' }, et('co.timetableHtml')),
    timetable,
    el('h4', {}, et('co.report')),
    el('a', { className: 'button small', href: reportCsvUrl(id), download: 'event-report.csv', id: 'co-report-csv' }, et('co.reportCsv')),
    report,
  );
}

/** Slots down, tables across; a taken cell names both sides. */
function timetableTable(t: EventTimetableResponse, lang: Lang): HTMLElement {
  if (!t.tables.some((x) => x.slots.some((s) => s.meeting))) return el('p', { className: 'muted', id: 'co-timetable-empty' }, et('co.timetableEmpty'));
  const head = el('tr', {}, el('th', { scope: 'col' }, et('co.slot')), ...t.tables.map((x) => el('th', { scope: 'col' }, `${et('co.table')} ${x.table}`)));
  const rows = t.tables[0].slots.map((s, i) => el('tr', {},
    el('th', { scope: 'row' }, `${eventDate(s.slot.date, lang, 'short')} ${s.slot.start}`),
    ...t.tables.map((x) => {
      const m = x.slots[i]?.meeting;
      return el('td', m ? { 'data-meeting': m.id } : {}, m ? et('ev.with', { a: nameOf(m.requester, lang), b: nameOf(m.target, lang) }) : et('co.free'));
    }),
  ));
  return el('div', { className: 'ev-scroll' }, el('table', { className: 'ev-table', id: 'co-timetable-table' }, el('thead', {}, head), el('tbody', {}, ...rows)));
}

function reportCard(box: HTMLElement, r: EventReportResponse, ctx: CoordinatorContext): void {
  const { lang, labels } = ctx;
  const lines = [
    et('co.reportParticipants', { n: r.participants.total }),
    et('co.reportRequests', { total: r.requests.total, accepted: r.requests.accepted, declined: r.requests.declined, rate: percent(r.requests.acceptanceRate) }),
    et('co.reportMeetings', { scheduled: r.meetings.scheduled, held: r.meetings.held, noShow: r.meetings.noShow, followUp: r.meetings.followUp, collaborating: r.meetings.collaborating }),
    et('co.reportShare', { share: percent(r.meetings.industryAcademiaShare) }),
    et('co.reportTies', { six: r.tiesFormed.within6Months, twelve: r.tiesFormed.within12Months }),
  ];
  const types = chartBars(r.participants.byType, labels.type);
  const regions = chartBars(r.participants.byRegion, labels.region);
  // The canvas is an image: its label says what the bars say, for screen readers.
  const said = (bars: typeof types) => bars.labels.map((l, i) => `${l} ${formatValue(bars.values[i])}`).join(', ');
  const byType = el('canvas', { 'aria-label': `${et('co.byType')}: ${said(types)}`, role: 'img', id: 'co-chart-type', 'data-labels': JSON.stringify(types.labels) });
  const byRegion = el('canvas', { 'aria-label': `${et('co.byRegion')}: ${said(regions)}`, role: 'img', id: 'co-chart-region', 'data-labels': JSON.stringify(regions.labels) });
  const list = el('ul', { className: 'ev-report', id: 'co-report-lines', 'data-ties-12': String(r.tiesFormed.within12Months) }, ...lines.map((l) => el('li', {}, l)));
  if (!r.participants.total) {
    box.replaceChildren(list, el('p', { className: 'muted', id: 'co-report-empty' }, et('co.reportEmpty')));
    return;
  }
  box.replaceChildren(list, el('div', { className: 'ev-charts' }, el('figure', {}, el('figcaption', {}, et('co.byType')), byType), el('figure', {}, el('figcaption', {}, et('co.byRegion')), byRegion)));
  void import('chart.js').then(({ Chart, registerables }) => {
    Chart.register(...registerables);
    for (const c of charts) c.destroy();
    const locale = lang === 'ja' ? 'ja-JP' : 'en-GB';
    const bar = (canvas: HTMLCanvasElement, bars: typeof types) =>
      new Chart(canvas, {
        type: 'bar',
        data: { labels: bars.labels, datasets: [{ data: bars.values, backgroundColor: '#4e79a7' }] },
        options: { locale, indexAxis: 'y', animation: false, plugins: { legend: { display: false } }, maintainAspectRatio: false },
      });
    charts = [bar(byType, types), bar(byRegion, regions)];
  });
}
