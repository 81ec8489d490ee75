/**
 * The Events view (a tab of the top bar): the matching events (issue 12) and, opened, one event's
 * page — its sessions and participants for everyone who may see them; for a member, registering
 * its own actor, its meeting suggestions with their reasons, its meetings (request, accept,
 * decline, outcome) and its agenda; for coordinators the tools of event-coordinator.ts. The event
 * opened is view state (`ViewState.event`, in the URL, 'new' for the coordinator's form): opening
 * one is a history entry, so Back returns to the list; Escape does too. A member states its
 * availability, offers and seeks when registering and changes them later (event-participation.ts).
 * Dates are shown in the interface language and times as the organiser entered them (events carry
 * no time zone: event-labels.ts).
 */
import './events.css';
import type { EventParticipant, MatchingEvent } from '../../../server/contract/api.ts';
import { ApiError, getActor } from '../data/api.ts';
import { agendaUrl, getEvent, getEventSuggestions, listEvents, listMeetings, listParticipants, requestMeeting, type EventPage } from '../data/events-api.ts';
import type { Store, ViewState } from '../data/state.ts';
import { el, nameOf } from '../dom.ts';
import { describeError } from '../i18n/messages.ts';
import { createCoordinatorTools } from './event-coordinator.ts';
import { createEventForm } from './event-form.ts';
import { eventDate, eventDates, eventLabels, type EventLabels, type Reference } from './event-labels.ts';
import { meetingList, newMeetingFilter } from './event-meetings.ts';
import { et, meetingStatusText } from './event-messages.ts';
import { participationForm, participationSummary, type FieldRef } from './event-participation.ts';

export interface EventsViewOptions {
  /** A meeting became a collaboration: the network shows the new tie. */
  onCollaboration(): void;
  /**
   * The network's reference lists (the loaded network's `data.reference`), to name actor types,
   * regions, prefectures and fields; without them the ids are shown.
   */
  reference?: () => Reference | undefined;
}

export const isCoordinator = (s: ViewState) => s.session?.user?.role === 'coordinator' || s.session?.user?.role === 'admin';
export const ownActor = (s: ViewState) => (s.session?.user?.role === 'member' ? (s.session.user.actorId ?? null) : null);

/** Builds the view and its tab (call before the top bar wires its tabs); returns the cleanup. */
export function createEventsView(stage: HTMLElement, tabList: HTMLElement, store: Store, options: EventsViewOptions): () => void {
  const tab = el('button', { role: 'tab', 'data-view': 'events', id: 'events-tab', 'aria-controls': 'events' });
  tabList.append(tab);
  const root = el('section', { className: 'events-view', id: 'events', 'aria-labelledby': 'events-title' });
  root.hidden = true;
  stage.append(root);
  const announce = el('p', { className: 'ev-announce', id: 'ev-announce', role: 'status', 'aria-live': 'polite' });

  let controller: AbortController | null = null;
  let shownKey = '';
  let page: EventPage | null = null;
  let lastEvent: string | null = null;
  /** What the viewer looks for among the meetings of the event open: kept across reloads, new for another event. */
  let meetingFilter = { event: '', filter: newMeetingFilter() };

  root.addEventListener('keydown', (e) => {
    const target = e.target as HTMLElement;
    if (e.key !== 'Escape' || !store.get().event || target.closest('input, select, textarea')) return;
    e.stopPropagation();
    store.set({ event: null });
  });

  const title = (text: string) => el('h2', { id: 'events-title', tabindex: '-1' }, text);
  const failure = (err: unknown) => el('p', { className: 'error-text', id: 'ev-error' }, describeError(err, et('ev.feature')));

  async function showList(s: ViewState, signal: AbortSignal): Promise<void> {
    root.replaceChildren(el('header', { className: 'dashboard-head' }, title(et('ev.title'))), el('p', { className: 'muted' }, et('ev.loading')));
    let events: MatchingEvent[];
    try {
      events = (await listEvents(signal)).events;
    } catch (err) {
      if (!signal.aborted) root.replaceChildren(title(et('ev.title')), failure(err));
      return;
    }
    if (signal.aborted) return;
    const head = el('header', { className: 'dashboard-head' }, title(et('ev.title')));
    if (isCoordinator(s)) {
      const add = el('button', { className: 'button primary', type: 'button', id: 'ev-new' }, et('ev.new'));
      add.addEventListener('click', () => store.set({ event: 'new' }));
      head.append(add);
    }
    const note = s.session && !s.session.user ? el('p', { className: 'muted' }, et('ev.publicNote')) : null;
    const items = events.map((ev) => {
      const open = el('button', { className: 'link-button ev-open', type: 'button', 'data-event': ev.id }, nameOf(ev, s.lang));
      open.addEventListener('click', () => store.set({ event: ev.id }));
      return el('li', { className: 'ev-item' }, open, el('span', { className: 'muted' }, ` · ${eventDates(ev.startDate, ev.endDate, s.lang)} · ${nameOf({ name: ev.venue, name_ja: ev.venue_ja }, s.lang)} · ${et('ev.participants', { n: ev.participants })}`));
    });
    const empty = el('p', { className: 'ev-empty', id: 'ev-empty' }, et(isCoordinator(s) ? 'ev.noneCoordinator' : 'ev.none'));
    root.replaceChildren(head, ...(note ? [note] : []), items.length ? el('ul', { className: 'ev-list', id: 'ev-list' }, ...items) : empty);
  }

  async function load(id: string, s: ViewState, signal: AbortSignal): Promise<EventPage> {
    const [event, { participants }] = await Promise.all([getEvent(id, signal), listParticipants(id, signal)]);
    const user = s.session?.user;
    const meetings = user ? (await listMeetings(id, signal)).meetings : [];
    const own = ownActor(s);
    const registered = own !== null && participants.some((p) => p.actor.id === own);
    const suggestions = registered ? await getEventSuggestions(id, undefined, signal).catch(() => null) : null;
    // The member's profile: the offers and seeks to start from before registering, and the names of its fields.
    const profile = own !== null ? await getActor(own, signal).catch(() => null) : null;
    return { event, participants, meetings, suggestions, profile };
  }

  async function showEvent(id: string, s: ViewState, signal: AbortSignal, focus: boolean): Promise<void> {
    if (!page || page.event.id !== id) root.replaceChildren(title(et('ev.loading')));
    try {
      page = await load(id, s, signal);
    } catch (err) {
      if (signal.aborted) return;
      const missing = err instanceof ApiError && err.kind === 'not-found';
      root.replaceChildren(backButton(), title(et('ev.title')), missing ? el('p', { className: 'muted' }, describeError(err, et('ev.feature'))) : failure(err));
      return;
    }
    if (signal.aborted) return;
    renderEvent(page, s);
    if (focus) document.getElementById('events-title')?.focus();
  }

  function backButton(): HTMLElement {
    const back = el('button', { className: 'link-button', type: 'button', id: 'ev-back' }, et('ev.back'));
    back.addEventListener('click', () => store.set({ event: null }));
    return back;
  }

  /** Loads the page again after a change, keeping the focus where it was when it can. */
  async function reload(message = et('ev.done')): Promise<void> {
    const s = store.get();
    if (!s.event || s.event === 'new') return;
    const active = document.activeElement?.id;
    controller?.abort();
    const c = (controller = new AbortController());
    await showEvent(s.event, s, c.signal, false);
    announce.textContent = message;
    if (active) document.getElementById(active)?.focus();
  }

  function renderEvent(p: EventPage, s: ViewState): void {
    const { event } = p;
    const csrf = s.session?.csrfToken ?? null;
    const labels = eventLabels(options.reference?.(), s.lang);
    const fields = fieldsOf(p);
    const coordinator = isCoordinator(s);
    const sessions = el('ul', { className: 'ev-sessions' }, ...event.sessions.map((x) => el('li', {}, et('ev.session', { date: eventDate(x.date, s.lang), start: x.start, end: x.end, minutes: x.meetingMinutes }))));
    const parts: (HTMLElement | null)[] = [
      backButton(),
      el('header', { className: 'dashboard-head' }, el('div', {}, title(nameOf(event, s.lang)), el('p', { className: 'muted' }, `${eventDates(event.startDate, event.endDate, s.lang)} · ${nameOf({ name: event.venue, name_ja: event.venue_ja }, s.lang)}`))),
      announce,
      el('p', {}, et('ev.summary', { participants: event.participants, tables: event.tables, max: event.maxMeetingsPerParticipant })),
      el('section', { className: 'ev-card' }, el('h3', {}, et('ev.sessions')), sessions),
    ];
    const own = ownActor(s);
    const registered = own !== null && p.participants.some((x) => x.actor.id === own);
    if (s.session?.user?.role === 'member') parts.push(memberCard(p, own, csrf, labels, fields));
    if (s.session?.user) {
      // What to do while there is no meeting depends on who looks.
      const empty = coordinator ? 'ev.noMeetingsCoordinator' : registered ? 'ev.noMeetingsMember' : 'ev.noMeetingsGuest';
      if (meetingFilter.event !== event.id) meetingFilter = { event: event.id, filter: newMeetingFilter() };
      const list = meetingList(p.meetings, { lang: s.lang, csrf, viewer: own, coordinator, slots: event.slots, tables: event.tables, empty: et(empty), reload, onCollaboration: options.onCollaboration, filter: meetingFilter.filter });
      parts.push(el('section', { className: 'ev-card', id: 'ev-meetings-card' }, el('h3', {}, et('ev.meetings')), list));
    }
    if (coordinator) parts.push(createCoordinatorTools(p, { lang: s.lang, csrf, labels, reload }));
    parts.push(el('section', { className: 'ev-card' }, el('h3', {}, et('ev.participants', { n: p.participants.length })), participantList(p, s, labels, fields, csrf)));
    root.replaceChildren(...parts.filter((x): x is HTMLElement => x !== null));
  }

  /** Fields that name offers and seeks: the network's, and the member's own profile's. */
  function fieldsOf(p: EventPage): FieldRef[] {
    const known = new Map<string, FieldRef>((options.reference?.()?.fields ?? []).map((f) => [f.id, f]));
    for (const f of [...(p.profile?.fields ?? []), ...(p.profile?.seeks ?? [])]) if (!known.has(f.id)) known.set(f.id, f);
    return [...known.values()];
  }

  /** Everyone registered, with type, place, slots, offers and seeks; coordinators change each one's part. */
  function participantList(p: EventPage, s: ViewState, labels: EventLabels, fields: FieldRef[], csrf: string | null): HTMLElement {
    const coordinator = isCoordinator(s);
    if (!p.participants.length) return el('p', { className: 'muted', id: 'ev-participants' }, et(coordinator ? 'ev.noParticipantsCoordinator' : 'ev.noParticipants'));
    return el('ul', { className: `ev-participants${coordinator ? ' ev-participants-edit' : ''}`, id: 'ev-participants' }, ...p.participants.map((x, i) => {
      const where = x.actor.country && x.actor.country !== 'JP' ? x.actor.country : x.actor.prefecture ? labels.prefecture(x.actor.prefecture) : '';
      const item = el('li', { 'data-actor': x.actor.id },
        el('span', { className: 'ev-participant-name' }, nameOf(x.actor, s.lang)),
        el('span', { className: 'muted' }, ` · ${[labels.type(x.actor.type), where].filter(Boolean).join(' · ')}`),
        el('div', { className: 'ev-participant-part muted' }, participationSummary(x, p.event, fields, s.lang)),
      );
      if (coordinator) {
        const name = nameOf(x.actor, s.lang);
        const edit = el('details', { className: 'ev-participation', 'data-edit': x.actor.id }, el('summary', {}, et('part.editOther')));
        // The form is built when opened: an event may have hundreds of participants.
        edit.addEventListener('toggle', () => {
          if (!edit.open || edit.querySelector('form')) return;
          edit.append(participationForm({ event: p.event, current: x, actor: x.actor.id, fields, labels, lang: s.lang, csrf, idPrefix: `ev-part-${i}`, onSaved: () => reload(et('part.savedOther', { name })) }));
        });
        item.append(edit);
      }
      return item;
    }));
  }

  function memberCard(p: EventPage, own: string | null, csrf: string | null, labels: EventLabels, fields: FieldRef[]): HTMLElement {
    const card = el('section', { className: 'ev-card', id: 'ev-member' });
    const lang = store.get().lang;
    if (!own) return el('section', { className: 'ev-card', id: 'ev-member' }, el('p', { className: 'muted' }, et('ev.noActor')));
    const mine = p.participants.find((x) => x.actor.id === own) ?? null;
    const form = (current: EventParticipant | null) =>
      participationForm({
        event: p.event,
        current,
        ...(current ? {} : { start: { offers: (p.profile?.fields ?? []).map((f) => f.id), seeks: (p.profile?.seeks ?? []).map((f) => f.id) } }),
        fields,
        labels,
        lang,
        csrf,
        idPrefix: 'ev-part',
        onSaved: () => reload(et('part.saved')),
      });
    if (!mine) {
      card.append(el('h3', {}, et('ev.register')), el('p', { className: 'muted', id: 'ev-register-intro' }, et('part.intro')), form(null));
      return card;
    }
    card.append(
      el('p', { className: 'muted', id: 'ev-registered' }, et('ev.registered')),
      el('p', { id: 'ev-my-part' }, participationSummary(mine, p.event, fields, lang)),
      el('details', { className: 'ev-participation', id: 'ev-participation' }, el('summary', {}, et('part.edit')), form(mine)),
    );

    // The agenda: a printable page and a calendar file, in both languages.
    const links = (['en', 'ja'] as const).flatMap((l) => {
      const name = l === 'en' ? 'English' : '日本語';
      return [
        el('a', { className: 'button small', href: agendaUrl(p.event.id, l, 'html'), target: '_blank', rel: 'noopener', id: `ev-agenda-html-${l}` }, et('ev.agendaHtml', { lang: name })),
        el('a', { className: 'button small', href: agendaUrl(p.event.id, l, 'ics'), download: '', id: `ev-agenda-ics-${l}` }, et('ev.agendaIcs', { lang: name })),
      ];
    });
    card.append(el('h3', {}, et('ev.agenda')), el('div', { className: 'ev-links' }, ...links));
    card.append(el('h3', {}, et('ev.suggestions')));
    const suggestions = p.suggestions?.suggestions ?? [];
    if (!suggestions.length) card.append(el('p', { className: 'muted', id: 'ev-no-suggestions' }, et('ev.noSuggestions')));
    else {
      card.append(el('ol', { className: 'ev-suggestions', id: 'ev-suggestions' }, ...suggestions.map((x) => {
        const reasons = el('ul', { className: 'ev-reasons' }, ...x.reasons.map((r) => el('li', {}, lang === 'ja' ? r.text_ja : r.text)));
        const item = el('li', { 'data-actor': x.actor.id }, el('strong', {}, nameOf(x.actor, lang)), el('span', { className: 'muted' }, ` · ${x.score.toFixed(2)}`), reasons);
        if (x.meeting) item.append(el('p', { className: 'ev-status' }, et('ev.requested', { status: meetingStatusText(x.meeting.status) })));
        else {
          const ask = el('button', { className: 'button small', type: 'button', 'data-request': x.actor.id }, et('ev.request'));
          ask.addEventListener('click', () => act(ask, () => requestMeeting(p.event.id, { target: x.actor.id }, csrf)));
          item.append(ask);
        }
        return item;
      })));
    }
    return card;
  }

  /** Runs a write from a button: the button waits, a failure is told, success reloads the page. */
  async function act(button: HTMLButtonElement, run: () => Promise<unknown>): Promise<void> {
    button.disabled = true;
    try {
      await run();
      await reload();
    } catch (err) {
      button.disabled = false;
      announce.textContent = et('ev.failed', { message: describeError(err, et('ev.feature')) });
    }
  }

  function show(s: ViewState, force = false): void {
    tab.textContent = et('view.events');
    root.hidden = s.view !== 'events';
    if (root.hidden) return;
    const key = JSON.stringify([s.event, s.lang, s.session?.user?.id ?? null, s.session === null]);
    if (key === shownKey && !force) return;
    // The focus moves to the title only when an event is opened or closed (not on a tab change).
    const moved = s.event !== lastEvent;
    lastEvent = s.event;
    shownKey = key;
    controller?.abort();
    const c = (controller = new AbortController());
    if (s.event === 'new' && isCoordinator(s)) {
      page = null;
      root.replaceChildren(backButton(), createEventForm({ lang: s.lang, csrf: s.session?.csrfToken ?? null, onCreated: (ev) => store.set({ event: ev.id }), onCancel: () => store.set({ event: null }) }));
      document.getElementById('ev-form-title')?.focus();
    } else if (s.event && s.event !== 'new') void showEvent(s.event, s, c.signal, moved);
    else void showList(s, c.signal).then(() => moved && document.getElementById('events-title')?.focus({ preventScroll: true }));
  }

  show(store.get());
  const unsubscribe = store.subscribe((s, prev) => {
    if (s.view === 'events' || s.lang !== prev.lang || s.view !== prev.view) show(s);
  });
  return () => {
    unsubscribe();
    controller?.abort();
    root.remove();
    tab.remove();
  };
}
