/**
 * A participant's part in an event (issue 12): the slots it can meet in, session by session, and
 * what it offers and seeks for this event. A member registers its own actor with it, and changes
 * it later; coordinators change any participant's. Registering again is the same
 * `POST /api/events/:id/participants` (the server replaces the participation), so the form always
 * sends all three. The server's 400 names the field (`availability[0].from`, `offers`…) and its
 * message is shown next to that part of the form.
 */
import type { EventParticipant, MatchingEvent } from '../../../server/contract/api.ts';
import { ApiError } from '../data/api.ts';
import { registerParticipant } from '../data/events-api.ts';
import type { Lang } from '../data/state.ts';
import { el } from '../dom.ts';
import { describeError } from '../i18n/messages.ts';
import { availabilityFromSlots, slotsFromAvailability, splitTags, tagProblem } from './event-availability.ts';
import { eventDate, type EventLabels } from './event-labels.ts';
import { et } from './event-messages.ts';

/** A technology field: offers and seeks that are field ids are shown by its name. */
export interface FieldRef {
  id: string;
  name: string;
  name_ja?: string;
}

export interface ParticipationOptions {
  event: MatchingEvent;
  /** The participation as it stands; null before registering. */
  current: EventParticipant | null;
  /** The actor, for a coordinator's change; a member's own actor when left out. */
  actor?: string;
  /** Offers and seeks to start from before registering (the actor's profile). */
  start?: { offers: string[]; seeks: string[] };
  /** Fields to suggest while typing, and to name the tags that are field ids. */
  fields: readonly FieldRef[];
  labels: EventLabels;
  lang: Lang;
  csrf: string | null;
  /** Prefix of the form's ids (one form per participant on a page). */
  idPrefix: string;
  onSaved(p: EventParticipant): void | Promise<void>;
}

/** A tag's text in the interface language: a field's name when it is a field id. */
function tagLabel(tag: string, fields: readonly FieldRef[], lang: Lang): string {
  const f = fields.find((x) => x.id === tag);
  return f ? (lang === 'ja' && f.name_ja ? f.name_ja : f.name) : tag;
}

/** What was typed, as tags: a field's name (either language) becomes its id. */
function typedTags(text: string, existing: readonly string[], fields: readonly FieldRef[]): string[] {
  const byName = new Map<string, string>();
  for (const f of fields) for (const n of [f.id, f.name, f.name_ja]) if (n) byName.set(n.toLowerCase(), f.id);
  const ids = splitTags(text).map((t) => byName.get(t.toLowerCase()) ?? t);
  return splitTags(ids.join('\n'), existing);
}

/** One line for a participant: its slots, offers and seeks. */
export function participationSummary(p: EventParticipant, event: MatchingEvent, fields: readonly FieldRef[], lang: Lang): string {
  const n = slotsFromAvailability(p.availability, event.slots, event.sessions).size;
  const tags = (list: string[]) => (list.length ? list.map((t) => tagLabel(t, fields, lang)).join(', ') : et('part.none'));
  return [et('part.summary', { n, total: event.slots.length }), et('part.summaryOffers', { tags: tags(p.offers) }), et('part.summarySeeks', { tags: tags(p.seeks) })].join(' · ');
}

interface TagEditor {
  box: HTMLElement;
  /** The tags, with what is still typed in the box. */
  values(): string[];
}

function tagEditor(name: 'offers' | 'seeks', label: string, initial: readonly string[], o: ParticipationOptions, datalist: string): TagEditor {
  const id = `${o.idPrefix}-${name}`;
  let tags = [...initial];
  const chips = el('ul', { className: 'chips ev-tags', id: `${id}-tags`, 'aria-label': label });
  const input = el('input', { id, type: 'text', list: datalist, autocomplete: 'off', 'data-field': name, 'aria-describedby': `${id}-hint ${id}-error` });
  const render = () => {
    chips.replaceChildren(...tags.map((tag) => {
      const text = tagLabel(tag, o.fields, o.lang);
      const remove = el('button', { type: 'button', className: 'link-button', 'aria-label': et('part.removeTag', { tag: text }) }, '×');
      remove.addEventListener('click', () => {
        tags = tags.filter((t) => t !== tag);
        render();
        input.focus();
      });
      return el('li', { className: 'chip', 'data-tag': tag }, text, ' ', remove);
    }));
    chips.hidden = !tags.length;
  };
  const take = () => {
    tags = [...tags, ...typedTags(input.value, tags, o.fields)];
    input.value = '';
    render();
  };
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && input.value.trim()) {
      e.preventDefault();
      take();
    } else if (e.key === 'Backspace' && !input.value && tags.length) {
      tags = tags.slice(0, -1);
      render();
    }
  });
  // A comma ends a tag as Enter does (a pasted list is split at once).
  input.addEventListener('input', () => /[,、，\n]/.test(input.value) && take());
  render();
  const box = el('div', { className: 'ev-field ev-tag-field', 'data-field-box': name },
    el('label', { for: id }, label), chips, input,
    el('span', { className: 'muted', id: `${id}-hint` }, et('part.tagsHint')),
    el('p', { className: 'error-text field-error', id: `${id}-error`, 'aria-live': 'polite' }),
  );
  return { box, values: () => [...tags, ...typedTags(input.value, tags, o.fields)] };
}

export function participationForm(o: ParticipationOptions): HTMLFormElement {
  const { event, idPrefix: pre } = o;
  const chosen = o.current ? slotsFromAvailability(o.current.availability, event.slots, event.sessions) : new Set(event.slots.map((s) => s.index));
  const slotBoxes = new Map<number, HTMLInputElement>();

  const sessions = event.sessions.map((session) => {
    const own = event.slots.filter((s) => s.session === session.id);
    if (!own.length) return null;
    const whole = el('input', { type: 'checkbox', id: `${pre}-session-${session.id}`, 'data-session': session.id });
    const boxes = own.map((slot) => {
      const box = el('input', { type: 'checkbox', id: `${pre}-slot-${slot.index}`, 'data-slot': String(slot.index) });
      box.checked = chosen.has(slot.index);
      slotBoxes.set(slot.index, box);
      return box;
    });
    const sync = () => {
      const n = boxes.filter((b) => b.checked).length;
      whole.checked = n === boxes.length;
      whole.indeterminate = n > 0 && n < boxes.length;
    };
    whole.addEventListener('change', () => {
      for (const b of boxes) b.checked = whole.checked;
      sync();
    });
    for (const b of boxes) b.addEventListener('change', sync);
    sync();
    const headId = `${pre}-session-${session.id}-label`;
    return el('div', { className: 'ev-avail-session', role: 'group', 'aria-labelledby': headId },
      el('label', { className: 'ev-avail-whole', id: headId, for: whole.id }, whole, ' ', et('part.wholeSession', { date: eventDate(session.date, o.lang, 'short'), start: session.start, end: session.end })),
      el('div', { className: 'ev-avail-slots' }, ...own.map((slot, i) => el('label', { for: boxes[i].id }, boxes[i], ` ${slot.start}–${slot.end}`))),
    );
  }).filter((x) => x !== null);

  const availability = el('fieldset', { className: 'ev-avail', id: `${pre}-availability`, 'data-field-box': 'availability' },
    el('legend', {}, et('part.when')),
    el('p', { className: 'muted' }, sessions.length ? et('part.whenHint') : et('part.noSlots')),
    ...sessions,
    el('p', { className: 'error-text field-error', id: `${pre}-availability-error`, 'aria-live': 'polite' }),
  );

  const datalist = `${pre}-fields`;
  const start = o.current ?? o.start ?? { offers: [], seeks: [] };
  const offers = tagEditor('offers', et('part.offers'), start.offers, o, datalist);
  const seeks = tagEditor('seeks', et('part.seeks'), start.seeks, o, datalist);
  const options = el('datalist', { id: datalist }, ...o.fields.map((f) => el('option', { value: tagLabel(f.id, o.fields, o.lang) })));

  const general = el('p', { className: 'error-text', id: `${pre}-error`, role: 'alert' });
  const submit = el('button', { className: 'button primary', type: 'submit', id: `${pre}-save` }, o.current ? et('part.save') : et('part.register'));
  const form = el('form', { className: 'ev-participation-form', id: `${pre}-form`, novalidate: '' },
    availability, el('div', { className: 'ev-form-row ev-tag-row' }, offers.box, seeks.box), options, general, el('div', { className: 'ev-form-row' }, submit));

  const boxOf = (field: string) => form.querySelector<HTMLElement>(`[data-field-box="${CSS.escape(field.replace(/[[.].*$/, ''))}"]`);
  function clearErrors(): void {
    general.textContent = '';
    for (const p of form.querySelectorAll('.field-error')) p.textContent = '';
    for (const i of form.querySelectorAll('[aria-invalid]')) i.removeAttribute('aria-invalid');
  }
  /** The message next to the field it names (`availability[1].to` → the availability). */
  function fieldError(field: string, message: string): void {
    const box = boxOf(field);
    if (!box) {
      general.textContent = message;
      return;
    }
    box.querySelector<HTMLElement>(':scope > .field-error')!.textContent = message;
    const input = box.querySelector<HTMLInputElement>('input');
    input?.setAttribute('aria-invalid', 'true');
    input?.focus();
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    clearErrors();
    const ticked = new Set([...slotBoxes].filter(([, b]) => b.checked).map(([i]) => i));
    if (event.slots.length && !ticked.size) return fieldError('availability', et('part.pickSlot'));
    const body = { availability: availabilityFromSlots(ticked, event.slots, event.sessions), offers: offers.values(), seeks: seeks.values() };
    for (const name of ['offers', 'seeks'] as const) {
      const problem = tagProblem(body[name]);
      if (problem) return fieldError(name, problem.kind === 'too-many' ? et('part.tooMany', { max: problem.max }) : et('part.tooLong', { tag: problem.tag, max: problem.max }));
    }
    submit.disabled = true;
    registerParticipant(event.id, { ...(o.actor ? { actor: o.actor } : {}), ...body }, o.csrf).then(
      (p) => o.onSaved(p),
      (err: unknown) => {
        submit.disabled = false;
        const field = err instanceof ApiError ? (err.details as { field?: string } | undefined)?.field : undefined;
        if (field && err instanceof ApiError) fieldError(field, err.message);
        else general.textContent = et('ev.failed', { message: describeError(err, et('ev.feature')) });
      },
    );
  });
  return form;
}
