/**
 * The coordinator's form for a new matching event: names in English and Japanese, dates, venue,
 * sessions (date, start, end, meeting minutes), tables, maximum meetings per participant and the
 * request mode. The server checks everything; its 400 names the field (`details.field`, e.g.
 * `sessions[1].meetingMinutes`) and the message is shown next to that field.
 */
import type { EventBody, MatchingEvent } from '../../../server/contract/api.ts';
import { ApiError } from '../data/api.ts';
import { createEvent } from '../data/events-api.ts';
import type { Lang } from '../data/state.ts';
import { el } from '../dom.ts';
import { describeError } from '../i18n/messages.ts';
import { et, type EventMessageKey } from './event-messages.ts';

export interface EventFormOptions {
  lang: Lang;
  csrf: string | null;
  onCreated(event: MatchingEvent): void;
  onCancel(): void;
}

/** A labelled input whose errors are shown under it; `field` is the body's field name. */
function field(fieldName: string, label: string, attrs: Record<string, string>): { box: HTMLElement; input: HTMLInputElement } {
  const id = `ev-f-${fieldName.replace(/[^\w]/g, '-')}`;
  const input = el('input', { id, name: fieldName, 'data-field': fieldName, 'aria-describedby': `${id}-error`, ...attrs });
  const box = el('div', { className: 'ev-field', 'data-field-box': fieldName }, el('label', { for: id }, label), input, el('p', { className: 'error-text field-error', id: `${id}-error`, 'aria-live': 'polite' }));
  return { box, input };
}

export function createEventForm(options: EventFormOptions): HTMLElement {
  const today = new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);
  const top: [string, EventMessageKey, Record<string, string>][] = [
    ['name', 'form.name', { type: 'text', required: '' }],
    ['name_ja', 'form.name_ja', { type: 'text', required: '' }],
    ['startDate', 'form.startDate', { type: 'date', value: today }],
    ['endDate', 'form.endDate', { type: 'date', value: today }],
    ['venue', 'form.venue', { type: 'text' }],
    ['venue_ja', 'form.venue_ja', { type: 'text' }],
    ['tables', 'form.tables', { type: 'number', min: '1', value: '10' }],
    ['maxMeetingsPerParticipant', 'form.max', { type: 'number', min: '1', value: '6' }],
  ];
  const inputs = new Map(top.map(([name, label, attrs]) => [name, field(name, et(label), attrs)]));
  const mode = el('select', { id: 'ev-f-requestMode', 'data-field': 'requestMode' },
    el('option', { value: 'accept' }, et('form.modeAccept')),
    el('option', { value: 'auto' }, et('form.modeAuto')),
  );
  const modeBox = el('div', { className: 'ev-field', 'data-field-box': 'requestMode' }, el('label', { for: 'ev-f-requestMode' }, et('form.mode')), mode, el('p', { className: 'error-text field-error' }));

  const sessionList = el('div', { className: 'ev-session-rows', id: 'ev-f-sessions' });
  const sessionsBox = el('fieldset', { className: 'ev-sessions-box', 'data-field-box': 'sessions' }, el('legend', {}, et('form.sessions')), sessionList, el('p', { className: 'error-text field-error' }));
  const sessionRows: { row: HTMLElement; date: HTMLInputElement; start: HTMLInputElement; end: HTMLInputElement; minutes: HTMLInputElement }[] = [];
  function addSession(start = '13:00', end = '17:00'): void {
    const i = sessionRows.length;
    const f = (key: string, label: EventMessageKey, attrs: Record<string, string>) => field(`sessions[${i}].${key}`, et(label), attrs);
    const date = f('date', 'form.sessionDate', { type: 'date', value: inputs.get('startDate')!.input.value });
    const s = f('start', 'form.sessionStart', { type: 'time', value: start });
    const e = f('end', 'form.sessionEnd', { type: 'time', value: end });
    const m = f('meetingMinutes', 'form.sessionMinutes', { type: 'number', min: '5', max: '240', value: '20' });
    const row = el('div', { className: 'ev-form-row ev-session-row', 'data-field-box': `sessions[${i}]` }, date.box, s.box, e.box, m.box, el('p', { className: 'error-text field-error' }));
    if (i > 0) {
      const remove = el('button', { className: 'link-button', type: 'button' }, et('form.removeSession'));
      remove.addEventListener('click', () => {
        const at = sessionRows.findIndex((x) => x.row === row);
        sessionRows.splice(at, 1);
        row.remove();
      });
      row.append(remove);
    }
    sessionRows.push({ row, date: date.input, start: s.input, end: e.input, minutes: m.input });
    sessionList.append(row);
  }
  addSession();
  const addButton = el('button', { className: 'button small', type: 'button', id: 'ev-f-add-session' }, et('form.addSession'));
  addButton.addEventListener('click', () => {
    addSession('09:30', '12:00');
    sessionRows.at(-1)?.date.focus();
  });

  const general = el('p', { className: 'error-text', id: 'ev-f-error', role: 'alert' });
  const submit = el('button', { className: 'button primary', type: 'submit', id: 'ev-f-submit' }, et('form.create'));
  const cancel = el('button', { className: 'button', type: 'button' }, et('form.cancel'));
  cancel.addEventListener('click', options.onCancel);
  const form = el('form', { className: 'ev-event-form', id: 'ev-form', novalidate: '' },
    el('h2', { id: 'ev-form-title', tabindex: '-1' }, et('form.title')),
    general,
    ...[...inputs.values()].map((x) => x.box),
    modeBox,
    sessionsBox,
    addButton,
    el('div', { className: 'ev-form-row' }, submit, cancel),
  );

  const value = (name: string) => inputs.get(name)!.input.value.trim();
  const num = (v: string) => (v === '' ? (undefined as unknown as number) : Number(v));
  function body(): EventBody {
    return {
      name: value('name'),
      name_ja: value('name_ja'),
      startDate: value('startDate'),
      endDate: value('endDate'),
      venue: value('venue'),
      ...(value('venue_ja') ? { venue_ja: value('venue_ja') } : {}),
      tables: num(value('tables')),
      maxMeetingsPerParticipant: num(value('maxMeetingsPerParticipant')),
      requestMode: mode.value as EventBody['requestMode'],
      // Sessions are renumbered in the order shown, as the server names the fields.
      sessions: sessionRows.map((r) => ({ date: r.date.value, start: r.start.value, end: r.end.value, meetingMinutes: num(r.minutes.value) })),
    };
  }

  function clearErrors(): void {
    general.textContent = '';
    for (const p of form.querySelectorAll('.field-error')) p.textContent = '';
    for (const i of form.querySelectorAll('[aria-invalid]')) i.removeAttribute('aria-invalid');
  }

  /** Shows the server's message next to the field it names (or the closest enclosing box). */
  function showFieldError(name: string, message: string): void {
    // The rows are renumbered: the server's index is the row's position.
    let key = name;
    for (;;) {
      const box = form.querySelector<HTMLElement>(`[data-field-box="${CSS.escape(key)}"]`);
      if (box) {
        box.querySelector<HTMLElement>(':scope > .field-error')!.textContent = message;
        const input = box.querySelector<HTMLElement>('[data-field]');
        input?.setAttribute('aria-invalid', 'true');
        input?.focus();
        general.textContent = et('form.fix');
        return;
      }
      const cut = Math.max(key.lastIndexOf('.'), key.lastIndexOf('['));
      if (cut <= 0) break;
      key = key.slice(0, cut);
    }
    general.textContent = message;
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    clearErrors();
    sessionRows.forEach((r, i) => {
      // Keep the rows' field names in step with their positions after a removal.
      r.row.dataset.fieldBox = `sessions[${i}]`;
      for (const [key, input] of [['date', r.date], ['start', r.start], ['end', r.end], ['meetingMinutes', r.minutes]] as const) {
        input.dataset.field = `sessions[${i}].${key}`;
        input.closest<HTMLElement>('[data-field-box]')!.dataset.fieldBox = `sessions[${i}].${key}`;
      }
    });
    submit.disabled = true;
    createEvent(body(), options.csrf).then(options.onCreated, (err: unknown) => {
      submit.disabled = false;
      const fieldName = err instanceof ApiError ? (err.details as { field?: string } | undefined)?.field : undefined;
      if (fieldName) showFieldError(fieldName, err instanceof ApiError ? err.message : String(err));
      else general.textContent = et('ev.failed', { message: describeError(err, et('ev.feature')) });
    });
  });
  return form;
}
