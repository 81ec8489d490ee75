/**
 * "Ask for an introduction" on a suggested partner: a member on its own actor's suggestions, a
 * coordinator (or admin) on any actor's. A small modal dialog names the two sides, lets the user
 * choose the intermediary among the suggestion's `via` and write a short message, then sends
 * `POST /api/introductions`. A suggestion already asked for shows the request's status instead,
 * with a way to open it in the Introductions view.
 */
import './introductions.css';
import type { Introduction, User } from '../../../server/contract/api.ts';
import { isAnonymousId } from '../data/api.ts';
import { listIntroductions, requestIntroduction } from '../data/introductions-api.ts';
import { actorName, type NetworkData } from '../data/network-data.ts';
import type { Store, ViewState } from '../data/state.ts';
import { el, nameOf } from '../dom.ts';
import { describeError, showMessage } from '../i18n/messages.ts';
import { it, statusText } from './introduction-messages.ts';
import type { Suggestion } from './suggestion-list.ts';

/** The longest message the server takes. */
export const MESSAGE_MAX = 1000;

export interface AskIntroduction {
  /** The control under one of `asker`'s suggestions, or null when this viewer may not ask for it. */
  control(asker: string, sug: Suggestion): HTMLElement | null;
}

/** Whether the user may ask on `asker`'s behalf: a member for its own actor, coordinators and admins for any. */
export function mayAskFor(user: User | null | undefined, asker: string): boolean {
  if (!user || isAnonymousId(asker)) return false;
  if (user.role === 'member') return user.actorId === asker;
  return user.role === 'coordinator' || user.role === 'admin';
}

/** Requests that leave the pair free to ask again. */
const CLOSED_FOR_ASKING = new Set(['withdrawn']);

export function createAskIntroduction(data: NetworkData, store: Store): AskIntroduction {
  // The asker's requests by target, asked once per asker and per change of the requests; the
  // last answer fills the controls at once meanwhile (so a rebuilt panel keeps its focus).
  let cacheVersion = -1;
  const cache = new Map<string, Promise<Map<string, Introduction>>>();
  const known = new Map<string, Map<string, Introduction>>();
  const dialog = askDialog(data, store);

  function requestsOf(asker: string): Promise<Map<string, Introduction>> {
    const version = store.get().introductionsChanged;
    if (version !== cacheVersion) {
      cache.clear();
      cacheVersion = version;
    }
    let found = cache.get(asker);
    if (!found) {
      found = listIntroductions({ actor: asker }).then((res) => {
        const byTarget = new Map<string, Introduction>();
        // Newest first: the first request of a pair is its current one.
        for (const intro of res.introductions) {
          if (intro.asker.id === asker && !byTarget.has(intro.target.id) && !CLOSED_FOR_ASKING.has(intro.status)) byTarget.set(intro.target.id, intro);
        }
        known.set(asker, byTarget);
        return byTarget;
      });
      found.catch(() => cache.delete(asker));
      cache.set(asker, found);
    }
    return found;
  }

  function fill(box: HTMLElement, asker: string, sug: Suggestion, existing: Introduction | undefined): void {
    const focused = box.contains(document.activeElement);
    draw(box, asker, sug, existing);
    if (focused) box.querySelector<HTMLElement>('button')?.focus();
  }

  function draw(box: HTMLElement, asker: string, sug: Suggestion, existing: Introduction | undefined): void {
    if (existing) {
      const open = el('button', { className: 'link-button', type: 'button', id: `ask-intro-open-${sug.id}`, title: it('ask.openTitle') }, it('ask.open'));
      open.addEventListener('click', () => store.set((s) => ({ view: 'introductions', requests: { ...s.requests, open: existing.id } })));
      const label = existing.status === 'requested' ? it('ask.requested') : it('ask.statusOf', { status: statusText(existing.status) });
      box.replaceChildren(el('span', { className: `intro-status status-${existing.status}`, 'data-status': existing.status }, label), ' ', open);
      return;
    }
    const lang = store.get().lang;
    const askerName = data.graph.hasNode(asker) ? actorName(data.graph.getNodeAttributes(asker), lang) : asker;
    const button = el('button', { className: 'button small ask-intro-button', type: 'button', id: `ask-intro-${sug.id}`, 'aria-haspopup': 'dialog', title: it('ask.buttonTitle', { asker: askerName, target: nameOf(sug, lang) }) }, it('ask.button'));
    button.addEventListener('click', () =>
      dialog.open(asker, sug, button, (created) => {
        if (!known.has(asker)) known.set(asker, new Map());
        known.get(asker)!.set(sug.id, created);
        draw(box, asker, sug, created);
        box.querySelector<HTMLElement>('button')?.focus();
      }),
    );
    box.replaceChildren(button);
  }

  return {
    control(asker, sug) {
      if (!mayAskFor(store.get().session?.user, asker) || isAnonymousId(sug.id)) return null;
      const box = el('div', { className: 'ask-intro', 'data-target': sug.id });
      const last = known.get(asker);
      if (last) draw(box, asker, sug, last.get(sug.id));
      requestsOf(asker).then(
        (byTarget) => fill(box, asker, sug, byTarget.get(sug.id)),
        // Not known whether it was asked for: the server refuses a duplicate itself.
        () => fill(box, asker, sug, undefined),
      );
      return box;
    },
  };
}

interface AskDialog {
  open(asker: string, sug: Suggestion, opener: HTMLElement, onSent: (created: Introduction) => void): void;
}

/** The one dialog, built on first use and filled for each suggestion. */
function askDialog(data: NetworkData, store: Store): AskDialog {
  let built: ReturnType<typeof build> | null = null;

  function build() {
    const title = el('h2', { id: 'ask-title' });
    const who = el('p', { className: 'ask-who', id: 'ask-who' });
    const via = el('div', { className: 'ask-via', id: 'ask-via' });
    const message = el('textarea', { id: 'ask-message', name: 'message', rows: '5', maxlength: String(MESSAGE_MAX), 'aria-describedby': 'ask-message-hint ask-count' });
    const messageLabel = el('label', { for: 'ask-message' });
    const hint = el('p', { className: 'muted small-text', id: 'ask-message-hint' });
    const count = el('span', { className: 'muted small-text ask-count', id: 'ask-count', 'aria-live': 'polite' });
    const error = el('p', { className: 'error-text', id: 'ask-error', role: 'alert' });
    const submit = el('button', { className: 'button primary', id: 'ask-submit', type: 'submit' });
    const cancel = el('button', { className: 'button', id: 'ask-cancel', type: 'button' });
    const form = el('form', { className: 'ask-form', id: 'ask-form', novalidate: '' },
      title, who, via,
      el('div', { className: 'login-field' }, messageLabel, message, el('div', { className: 'ask-message-foot' }, hint, count)),
      error,
      el('div', { className: 'login-actions' }, cancel, submit),
    );
    const dialog = el('dialog', { className: 'login-dialog ask-dialog', id: 'ask-dialog', 'aria-labelledby': 'ask-title' }, form);
    document.body.append(dialog);
    // Escape closes the dialog only, not the actor panel behind it.
    dialog.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') e.stopPropagation();
    });
    cancel.addEventListener('click', () => dialog.close());
    message.addEventListener('input', () => (count.textContent = it('ask.count', { n: message.value.length, max: MESSAGE_MAX })));
    return { dialog, form, title, who, via, message, messageLabel, hint, count, error, submit, cancel };
  }

  return {
    open(asker, sug, opener, onSent) {
      const d = (built ??= build());
      const lang = store.get().lang;
      const name = (id: string) => (data.graph.hasNode(id) ? actorName(data.graph.getNodeAttributes(id), lang) : id);
      const viaIds = [...new Set(sug.reasons.flatMap((r) => r.via))].filter((v) => data.graph.hasNode(v) && !isAnonymousId(v));
      d.title.textContent = it('ask.title');
      d.who.textContent = it('ask.to', { asker: name(asker), target: nameOf(sug, lang) });
      d.via.replaceChildren(viaChooser(viaIds, name));
      d.messageLabel.textContent = it('ask.message');
      d.hint.textContent = it('ask.messageHint');
      d.message.value = '';
      d.count.textContent = it('ask.count', { n: 0, max: MESSAGE_MAX });
      d.error.hidden = true;
      d.submit.textContent = it('ask.submit');
      d.submit.disabled = false;
      d.cancel.textContent = it('ask.cancel');
      const user = store.get().session?.user;

      const send = async (e: SubmitEvent) => {
        e.preventDefault();
        const text = d.message.value.trim();
        const problem = !text ? it('ask.empty') : text.length > MESSAGE_MAX ? it('ask.tooLong', { max: MESSAGE_MAX }) : null;
        if (problem) {
          d.error.textContent = problem;
          d.error.hidden = false;
          d.message.focus();
          return;
        }
        const chosen = d.via.querySelector<HTMLInputElement>('input[name="ask-via"]:checked')?.value ?? viaIds[0];
        d.submit.disabled = true;
        d.submit.textContent = it('ask.busy');
        try {
          const created = await requestIntroduction(
            { ...(user?.role === 'member' ? {} : { asker }), target: sug.id, via: chosen ? [chosen] : [], message: text },
            store.get().session?.csrfToken ?? null,
          );
          d.dialog.close();
          onSent(created);
          store.set((s: ViewState) => ({ introductionsChanged: s.introductionsChanged + 1 }));
          showMessage(it('ask.sent'), { tone: 'info' });
        } catch (err) {
          d.error.textContent = it('ask.failed', { message: describeError(err) });
          d.error.hidden = false;
          d.submit.disabled = false;
          d.submit.textContent = it('ask.submit');
        }
      };
      d.form.onsubmit = (e) => void send(e);
      d.dialog.onclose = () => {
        if (opener.isConnected) opener.focus();
      };
      if (!d.dialog.open) d.dialog.showModal();
      d.message.focus();
    },
  };
}

/** The intermediaries: a choice when there are several, a sentence for one or none. */
function viaChooser(viaIds: string[], name: (id: string) => string): HTMLElement {
  if (viaIds.length === 0) return el('p', { className: 'muted' }, it('ask.viaNone'));
  if (viaIds.length === 1) {
    return el('p', {}, it('ask.viaOne', { name: name(viaIds[0]) }));
  }
  return el('fieldset', { className: 'ask-via-choice' },
    el('legend', {}, it('ask.via')),
    ...viaIds.map((id, i) => {
      const input = el('input', { type: 'radio', name: 'ask-via', value: id, id: `ask-via-${i}` });
      input.checked = i === 0;
      return el('label', { for: `ask-via-${i}`, className: 'ask-via-option' }, input, ' ', name(id));
    }),
  );
}
