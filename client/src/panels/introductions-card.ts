/**
 * One introduction request as the Introductions view shows it: a line of the list (asker → target,
 * status, date), and the opened request (the two sides, the intermediary, the message, the history
 * step by step, and the buttons for what this viewer may do next — the request's `actions`, as
 * the server decides them). An action that needs more (a reason, a date, a tie kind, a note)
 * opens a small form under the buttons; the server's answer replaces the request.
 */
import type { DeclineReason, Introduction, IntroductionAction, IntroductionParty, IntroductionStep, TieKind } from '../../../server/contract/api.ts';
import { isAnonymousId } from '../data/api.ts';
import { actOnIntroduction, OUTCOMES } from '../data/introductions-api.ts';
import { el, nameOf } from '../dom.ts';
import { describeError } from '../i18n/messages.ts';
import type { Lang } from '../data/state.ts';
import { actionText, dateText, it, kindText, reasonText, statusText } from './introduction-messages.ts';

export const DECLINE_REASONS: readonly DeclineReason[] = ['too_early', 'benefit_unclear', 'no_capacity', 'other'];
export const TIE_KINDS: readonly TieKind[] = ['COLLABORATES', 'SUPPLIES', 'FINANCES', 'SUPPORTS', 'SPUN_OFF_FROM'];

/** The order the buttons come in: moving forward first, ending last. */
const ACTION_ORDER: readonly IntroductionAction[] = ['approve', 'accept', 'met', 'collaborating', 'ended', 'decline', 'refuse', 'withdraw'];
/** Actions that move the request forward (drawn as the primary button). */
const FORWARD = new Set<IntroductionAction>(['approve', 'accept', 'met', 'collaborating']);

export interface CardContext {
  lang: Lang;
  csrfToken: string | null;
  /** Opens an actor in the network view. */
  onActor(id: string): void;
  /** The server's answer to an action. */
  onChanged(updated: Introduction, action: IntroductionAction): void;
}

export function statusChip(status: Introduction['status']): HTMLElement {
  return el('span', { className: `intro-status status-${status}`, 'data-status': status }, statusText(status));
}

function partyName(p: IntroductionParty, lang: Lang): string {
  return nameOf(p, lang);
}

/** An actor of the request: a link to it in the network, or its anonymous name. */
function partyLink(p: IntroductionParty, ctx: CardContext): HTMLElement {
  const name = partyName(p, ctx.lang);
  if (isAnonymousId(p.id)) return el('span', { className: 'intro-party anonymous' }, name);
  const b = el('button', { className: 'actor-link intro-party', type: 'button', title: it('intro.openActor', { name }), 'data-actor': p.id }, name);
  b.addEventListener('click', () => ctx.onActor(p.id));
  return b;
}

/** The line of the list: a button that opens the request. */
export function listItem(intro: Introduction, lang: Lang, open: boolean, onOpen: (id: string) => void): HTMLElement {
  const button = el('button', { className: 'intro-item', type: 'button', 'data-introduction': intro.id, 'aria-current': open ? 'true' : 'false' },
    el('span', { className: 'intro-item-names' }, partyName(intro.asker, lang), el('span', { className: 'muted', 'aria-hidden': 'true' }, ' → '), el('span', { className: 'visually-hidden' }, ` ${it('intro.to')} `), partyName(intro.target, lang)),
    el('span', { className: 'intro-item-meta' }, statusChip(intro.status), el('span', { className: 'muted' }, dateText(intro.updatedAt))),
  );
  button.addEventListener('click', () => onOpen(intro.id));
  return el('li', { className: open ? 'open' : '' }, button);
}

/** The opened request. */
export function detailCard(intro: Introduction, ctx: CardContext): HTMLElement {
  const via = intro.via.length ? el('span', {}, ...intro.via.flatMap((p, i) => [i ? ', ' : '', partyLink(p, ctx)])) : el('span', { className: 'muted' }, it('intro.viaNone'));
  const facts = el('dl', { className: 'facts intro-facts' },
    el('dt', {}, it('intro.asker')), el('dd', {}, partyLink(intro.asker, ctx)),
    el('dt', {}, it('intro.target')), el('dd', {}, partyLink(intro.target, ctx)),
    el('dt', {}, it('intro.via')), el('dd', {}, via),
  );
  const head = el('header', { className: 'intro-detail-head' },
    el('h3', { id: 'intro-detail-title', tabindex: '-1' }, `${partyName(intro.asker, ctx.lang)} → ${partyName(intro.target, ctx.lang)}`),
    el('p', { className: 'muted' }, statusChip(intro.status), ' ', it('intro.created', { date: dateText(intro.createdAt) }), ' · ', it('intro.updated', { date: dateText(intro.updatedAt, true) })),
  );
  const message = el('section', { className: 'intro-message' }, el('h4', {}, it('intro.message')), el('p', {}, intro.message));
  const history = el('section', { className: 'intro-history' }, el('h4', {}, it('intro.history')), el('ol', { className: 'intro-steps' }, ...intro.history.map((step) => historyStep(step, intro))));
  return el('article', { className: 'intro-detail-card', 'data-introduction': intro.id, 'data-status': intro.status, 'aria-labelledby': 'intro-detail-title' },
    head, facts, message, actionBar(intro, ctx), history);
}

function historyStep(step: IntroductionStep, intro: Introduction): HTMLElement {
  const parts: (string | HTMLElement)[] = [statusChip(step.status), ' ', el('span', { className: 'muted' }, dateText(step.at, true)), ' · ', step.by ? it('intro.by', { user: step.by }) : it('intro.byHidden')];
  if (step.date) parts.push(' · ', it('intro.outcomeDate', { date: dateText(step.date) }));
  if (step.status === 'collaborating' && intro.tieKind) parts.push(' · ', it('intro.tieKind', { kind: kindText(intro.tieKind) }));
  if (step.reason) parts.push(el('div', { className: 'intro-step-reason' }, `${it('form.reason')}: ${reasonText(step.reason)}`));
  if (step.note) parts.push(el('div', { className: 'intro-step-note' }, step.note));
  return el('li', { 'data-status': step.status }, ...parts);
}

/** The buttons of the request's `actions`, and the form of the one chosen. */
function actionBar(intro: Introduction, ctx: CardContext): HTMLElement {
  const form = el('div', { className: 'intro-action-form' });
  const actions = ACTION_ORDER.filter((a) => intro.actions.includes(a));
  const bar = el('section', { className: 'intro-actions' });
  if (!actions.length) {
    bar.append(el('p', { className: 'muted', id: 'intro-nothing' }, it('intro.nothingToDo')));
    return bar;
  }
  // A coordinator answers for the actor asked for: the button says so.
  const onBehalf = intro.viewerSide !== 'target';
  const label = (action: IntroductionAction) =>
    onBehalf && (action === 'accept' || action === 'refuse') ? it(`action.${action}For`, { name: partyName(intro.target, ctx.lang) }) : actionText(action);
  const buttons = actions.map((action) => {
    const b = el('button', { className: `button${FORWARD.has(action) ? ' primary' : ''}`, type: 'button', 'data-action': action, 'aria-expanded': 'false', 'aria-controls': `intro-form-${intro.id}` }, label(action));
    b.addEventListener('click', () => {
      const opening = b.getAttribute('aria-expanded') !== 'true';
      buttons.forEach((x) => x.setAttribute('aria-expanded', 'false'));
      form.replaceChildren();
      if (!opening) return;
      b.setAttribute('aria-expanded', 'true');
      form.append(actionForm(intro, action, ctx, () => {
        form.replaceChildren();
        b.setAttribute('aria-expanded', 'false');
        b.focus();
      }));
      form.querySelector<HTMLElement>('select, input, textarea, button')?.focus();
    });
    return b;
  });
  form.id = `intro-form-${intro.id}`;
  bar.append(el('div', { className: 'intro-action-buttons' }, ...buttons), form);
  return bar;
}

/** Today in the user's time zone, as YYYY-MM-DD (what `<input type=date>` holds). */
export function today(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function actionForm(intro: Introduction, action: IntroductionAction, ctx: CardContext, onCancel: () => void): HTMLElement {
  const id = (name: string) => `intro-${action}-${name}`;
  const fields: HTMLElement[] = [el('p', { className: 'muted' }, it(`form.explain.${action}`))];
  let reason: HTMLSelectElement | null = null;
  let date: HTMLInputElement | null = null;
  let kind: HTMLSelectElement | null = null;
  if (action === 'refuse') {
    reason = el('select', { id: id('reason'), name: 'reason', required: '' }, ...DECLINE_REASONS.map((r) => el('option', { value: r }, reasonText(r))));
    fields.push(el('div', { className: 'login-field' }, el('label', { for: id('reason') }, it('form.reason')), reason));
  }
  if ((OUTCOMES as readonly string[]).includes(action)) {
    date = el('input', { id: id('date'), name: 'date', type: 'date', required: '', max: today() });
    date.value = today();
    fields.push(el('div', { className: 'login-field' }, el('label', { for: id('date') }, it('form.date')), date));
  }
  if (action === 'collaborating') {
    kind = el('select', { id: id('kind'), name: 'tieKind' }, ...TIE_KINDS.map((k) => el('option', { value: k }, kindText(k))));
    fields.push(el('div', { className: 'login-field' }, el('label', { for: id('kind') }, it('form.tieKind')), kind));
  }
  const note = el('textarea', { id: id('note'), name: 'note', rows: '2', maxlength: '1000' });
  fields.push(el('div', { className: 'login-field' }, el('label', { for: id('note') }, it('form.note')), note));
  const error = el('p', { className: 'error-text', role: 'alert' });
  error.hidden = true;
  const confirm = el('button', { className: 'button primary', type: 'submit', 'data-confirm': action }, `${it('action.confirm')}: ${actionText(action)}`);
  const cancel = el('button', { className: 'button', type: 'button' }, it('action.cancel'));
  cancel.addEventListener('click', onCancel);
  const form = el('form', { className: 'intro-form', 'data-form': action, novalidate: '' }, ...fields, error, el('div', { className: 'login-actions' }, cancel, confirm));
  form.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      onCancel();
    }
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (date && !date.value) {
      error.textContent = it('form.dateMissing');
      error.hidden = false;
      date.focus();
      return;
    }
    confirm.disabled = true;
    confirm.textContent = it('action.busy');
    actOnIntroduction(intro.id, action, { note: note.value, reason: reason?.value as DeclineReason | undefined, date: date?.value, tieKind: kind?.value as TieKind | undefined }, ctx.csrfToken).then(
      (updated) => ctx.onChanged(updated, action),
      (err: unknown) => {
        error.textContent = it('action.failed', { message: describeError(err) });
        error.hidden = false;
        confirm.disabled = false;
        confirm.textContent = `${it('action.confirm')}: ${actionText(action)}`;
      },
    );
  });
  return form;
}
