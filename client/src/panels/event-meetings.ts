/**
 * The meetings of an event as the viewer may act on them: the side asked accepts or declines
 * (coordinators too), either side cancels, a scheduled meeting shows its slot and table, and
 * either side or a coordinator records its outcome (`collaborating` with the kind of tie it
 * becomes). Coordinators also pin a meeting to a slot and table, or unpin it.
 *
 * A coordinator of a large event sees thousands of meetings: the list shows a page of them
 * (PAGE_SIZE, then "Show more"), found by a participant's name and by status; the filter lives
 * in the caller's `MeetingFilter`, so it outlasts the reload after an action.
 */
import type { EventMeeting, EventMeetingOutcome, EventMeetingStatus, EventSlot, TieKind } from '../../../server/contract/api.ts';
import { meetingStep, pinMeeting, recordOutcome, unpinMeeting } from '../data/events-api.ts';
import type { Lang } from '../data/state.ts';
import { el, nameOf } from '../dom.ts';
import { describeError } from '../i18n/messages.ts';
import { kindText } from './introduction-messages.ts';
import { eventDate } from './event-labels.ts';
import { et, meetingStatusText, outcomeText } from './event-messages.ts';

export interface MeetingListContext {
  lang: Lang;
  csrf: string | null;
  /** The member's own actor, or null. */
  viewer: string | null;
  coordinator: boolean;
  slots: EventSlot[];
  tables: number;
  /** What to say while there is no meeting (what the viewer can do about it). */
  empty?: string;
  reload(message?: string): Promise<void>;
  onCollaboration(): void;
  /** What the viewer looks for in the list, kept by the caller across reloads. */
  filter?: MeetingFilter;
}

/** The meetings shown at once, and how many more "Show more" adds. */
export const PAGE_SIZE = 50;
const STATUSES: readonly EventMeetingStatus[] = ['requested', 'accepted', 'declined', 'cancelled'];

export interface MeetingFilter {
  /** Part of either side's name (English or Japanese) or id; case and width do not matter. */
  text: string;
  status: EventMeetingStatus | '';
  shown: number;
}

export const newMeetingFilter = (): MeetingFilter => ({ text: '', status: '', shown: PAGE_SIZE });

const fold = (text: string) => text.normalize('NFKC').toLowerCase();

/** The meetings that `filter` keeps, in their order. */
export function filterMeetings(meetings: readonly EventMeeting[], filter: Pick<MeetingFilter, 'text' | 'status'>): EventMeeting[] {
  const words = fold(filter.text).split(/\s+/).filter(Boolean);
  return meetings.filter((m) => {
    if (filter.status && m.status !== filter.status) return false;
    if (!words.length) return true;
    const sides = fold([m.requester, m.target].flatMap((a) => [a.id, a.name, a.name_ja ?? '']).join(' '));
    return words.every((w) => sides.includes(w));
  });
}

const OUTCOMES: readonly EventMeetingOutcome[] = ['held', 'no_show', 'follow_up', 'collaborating'];
const TIE_KINDS: readonly TieKind[] = ['COLLABORATES', 'SUPPLIES', 'FINANCES', 'SUPPORTS', 'SPUN_OFF_FROM'];

export function meetingList(meetings: EventMeeting[], ctx: MeetingListContext): HTMLElement {
  if (!meetings.length) return el('p', { className: 'muted', id: 'ev-no-meetings' }, ctx.empty ?? et('ev.noMeetings'));
  const filter = ctx.filter ?? newMeetingFilter();
  const list = el('ul', { className: 'ev-meetings', id: 'ev-meetings' });
  if (meetings.length <= PAGE_SIZE && !filter.text && !filter.status) {
    list.append(...meetings.map((m) => meetingItem(m, ctx)));
    return list;
  }
  const text = el('input', { type: 'search', id: 'ev-meeting-filter', autocomplete: 'off', placeholder: et('ev.filterHint') });
  text.value = filter.text;
  const status = el('select', { id: 'ev-meeting-status' }, el('option', { value: '' }, et('ev.anyStatus')), ...STATUSES.map((x) => el('option', { value: x }, meetingStatusText(x))));
  status.value = filter.status;
  const count = el('p', { className: 'muted', id: 'ev-meeting-count', role: 'status', 'aria-live': 'polite' });
  const more = el('button', { className: 'button small', type: 'button', id: 'ev-meetings-more' });
  const render = () => {
    const found = filterMeetings(meetings, filter);
    const shown = found.slice(0, filter.shown);
    list.replaceChildren(...shown.map((m) => meetingItem(m, ctx)));
    count.textContent = et('ev.meetingsShown', { shown: shown.length, found: found.length, all: meetings.length });
    count.dataset.found = String(found.length);
    const next = Math.min(PAGE_SIZE, found.length - shown.length);
    more.hidden = next <= 0;
    more.textContent = et('ev.showMore', { n: next });
  };
  let typing: ReturnType<typeof setTimeout> | undefined;
  text.addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(() => {
      filter.text = text.value;
      filter.shown = PAGE_SIZE;
      render();
    }, 150);
  });
  status.addEventListener('change', () => {
    filter.status = status.value as MeetingFilter['status'];
    filter.shown = PAGE_SIZE;
    render();
  });
  more.addEventListener('click', () => {
    filter.shown += PAGE_SIZE;
    render();
  });
  render();
  const tools = el('div', { className: 'ev-form-row ev-meeting-tools' },
    el('span', { className: 'ev-field' }, el('label', { for: 'ev-meeting-filter' }, et('ev.filter')), text),
    el('span', { className: 'ev-field' }, el('label', { for: 'ev-meeting-status' }, et('ev.status')), status),
  );
  return el('div', { id: 'ev-meetings-box' }, tools, count, list, more);
}

function meetingItem(m: EventMeeting, ctx: MeetingListContext): HTMLElement {
  const status = el('p', { className: 'ev-status' }, meetingStatusText(m.status));
  const error = el('p', { className: 'error-text', role: 'alert' });
  const item = el('li', { className: 'ev-meeting', 'data-meeting': m.id, 'data-status': m.status, 'data-outcome': m.outcome?.value ?? '' },
    el('strong', {}, et('ev.with', { a: nameOf(m.requester, ctx.lang), b: nameOf(m.target, ctx.lang) })),
    m.proposedBy === 'coordinator' ? el('span', { className: 'muted' }, ` · ${et('ev.proposed')}`) : null,
    status,
  );
  if (m.slot) item.append(el('p', { className: 'ev-slot' }, et('ev.slotAt', { date: eventDate(m.slot.date, ctx.lang, 'short'), start: m.slot.start, table: m.slot.table }), m.pinned ? ` · ${et('ev.pinned')}` : ''));
  if (m.outcome) item.append(el('p', { className: 'ev-outcome' }, et('outcome.is', { outcome: outcomeText(m.outcome.value) })));

  const run = async (button: HTMLButtonElement, write: () => Promise<EventMeeting>, after?: (m: EventMeeting) => void) => {
    button.disabled = true;
    error.textContent = '';
    try {
      const updated = await write();
      after?.(updated);
      await ctx.reload();
    } catch (err) {
      button.disabled = false;
      error.textContent = et('ev.failed', { message: describeError(err, et('ev.feature')) });
    }
  };
  const button = (label: string, action: string, write: () => Promise<EventMeeting>) => {
    const b = el('button', { className: 'button small', type: 'button', 'data-action': action, id: `ev-${action}-${m.id}` }, label);
    b.addEventListener('click', () => void run(b, write));
    return b;
  };

  const isTarget = ctx.viewer === m.target.id;
  const isSide = isTarget || ctx.viewer === m.requester.id;
  const actions = el('div', { className: 'ev-actions' });
  if (m.status === 'requested' && (isTarget || ctx.coordinator)) {
    actions.append(button(et('ev.accept'), 'accept', () => meetingStep(m.id, 'accept', ctx.csrf)), button(et('ev.decline'), 'decline', () => meetingStep(m.id, 'decline', ctx.csrf)));
  }
  if ((m.status === 'requested' || m.status === 'accepted') && (isSide || ctx.coordinator) && !m.outcome) {
    actions.append(button(et('ev.cancel'), 'cancel', () => meetingStep(m.id, 'cancel', ctx.csrf)));
  }
  if (actions.childElementCount) item.append(actions);

  if (m.status === 'accepted' && (isSide || ctx.coordinator)) item.append(outcomeForm(m, ctx, run));
  if (m.status === 'accepted' && ctx.coordinator && ctx.slots.length) item.append(pinForm(m, ctx, run));
  item.append(error);
  return item;
}

type Run = (button: HTMLButtonElement, write: () => Promise<EventMeeting>, after?: (m: EventMeeting) => void) => Promise<void>;

function outcomeForm(m: EventMeeting, ctx: MeetingListContext, run: Run): HTMLElement {
  const id = `ev-outcome-${m.id}`;
  const outcome = el('select', { id, 'data-field': 'outcome' }, ...OUTCOMES.map((o) => el('option', { value: o }, outcomeText(o))));
  if (m.outcome) outcome.value = m.outcome.value;
  const kindId = `ev-tiekind-${m.id}`;
  const kind = el('select', { id: kindId, 'data-field': 'tieKind' }, ...TIE_KINDS.map((k) => el('option', { value: k }, kindText(k))));
  const kindBox = el('span', { className: 'ev-field' }, el('label', { for: kindId }, et('outcome.tieKind')), kind);
  const sync = () => (kindBox.hidden = outcome.value !== 'collaborating');
  outcome.addEventListener('change', sync);
  sync();
  const save = el('button', { className: 'button small', type: 'button', 'data-action': 'outcome', id: `ev-record-${m.id}` }, et('outcome.record'));
  save.addEventListener('click', () => {
    const value = outcome.value as EventMeetingOutcome;
    void run(save, () => recordOutcome(m.id, value, value === 'collaborating' ? (kind.value as TieKind) : undefined, ctx.csrf), (u) => u.outcome?.value === 'collaborating' && ctx.onCollaboration());
  });
  return el('div', { className: 'ev-form-row' }, el('span', { className: 'ev-field' }, el('label', { for: id }, et('outcome.label')), outcome), kindBox, save);
}

function pinForm(m: EventMeeting, ctx: MeetingListContext, run: Run): HTMLElement {
  const slotId = `ev-pin-slot-${m.id}`;
  const tableId = `ev-pin-table-${m.id}`;
  const slot = el('select', { id: slotId }, ...ctx.slots.map((s) => el('option', { value: String(s.index) }, `${eventDate(s.date, ctx.lang, 'short')} ${s.start}–${s.end}`)));
  const table = el('input', { id: tableId, type: 'number', min: '1', max: String(ctx.tables), value: String(m.slot?.table ?? 1) });
  if (m.slot) slot.value = String(m.slot.index);
  const pin = el('button', { className: 'button small', type: 'button', 'data-action': 'pin' }, et('co.pin'));
  pin.addEventListener('click', () => void run(pin, () => pinMeeting(m.id, Number(slot.value), Number(table.value), ctx.csrf)));
  const row = el('div', { className: 'ev-form-row ev-pin' }, el('span', { className: 'ev-field' }, el('label', { for: slotId }, et('co.slot')), slot), el('span', { className: 'ev-field' }, el('label', { for: tableId }, et('co.table')), table), pin);
  if (m.pinned) {
    const unpin = el('button', { className: 'button small', type: 'button', 'data-action': 'unpin' }, et('co.unpin'));
    unpin.addEventListener('click', () => void run(unpin, () => unpinMeeting(m.id, ctx.csrf)));
    row.append(unpin);
  }
  return row;
}
