/**
 * The audit log for admins (`GET /api/audit`): every write, newest first, in a table with who,
 * what, when, the target, and the values before and after; filtered by user name, action, a date
 * range and how many entries to show. The filters live in the screen only: the log is the same for
 * every view of the network.
 */
import type { AuditEntry } from '../../../server/contract/api.ts';
import { ApiError, getAudit, type AuditQuery } from '../data/api.ts';
import { el } from '../dom.ts';
import { describeError } from '../i18n/messages.ts';
import { screenText } from './screen-messages.ts';

const LIMITS = [50, 200, 1000] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

type Load = { kind: 'idle' } | { kind: 'loading' } | { kind: 'ready'; entries: AuditEntry[]; query: AuditQuery } | { kind: 'failed'; error: unknown };

export interface AuditView {
  element: HTMLElement;
  render(): void;
  /** Loads the log with the filters shown (the first time the screen opens, say). */
  load(): Promise<void>;
}

export function createAuditView(): AuditView {
  let state: Load = { kind: 'idle' };
  let controller: AbortController | null = null;

  const title = el('h2', { id: 'audit-title', tabindex: '-1' });
  const intro = el('p', { className: 'muted screen-intro' });
  const username = el('input', { type: 'text', id: 'audit-username', autocomplete: 'off', spellcheck: 'false' });
  const action = el('input', { type: 'text', id: 'audit-action', list: 'audit-actions', autocomplete: 'off', spellcheck: 'false' });
  const actions = el('datalist', { id: 'audit-actions' });
  const from = el('input', { type: 'date', id: 'audit-from' });
  const to = el('input', { type: 'date', id: 'audit-to' });
  const limit = el('select', { id: 'audit-limit' });
  for (const n of LIMITS) limit.append(new Option(String(n), String(n), n === 200, n === 200));
  const apply = el('button', { className: 'button primary', type: 'submit', id: 'audit-apply' });
  const clear = el('button', { className: 'button', type: 'button', id: 'audit-clear' });
  const dateError = el('p', { className: 'error-text field-error', id: 'audit-date-error', role: 'alert' });
  dateError.hidden = true;
  const labels = new Map<HTMLElement, Parameters<typeof screenText>[0]>();
  const field = (input: HTMLElement, key: Parameters<typeof screenText>[0], ...extra: HTMLElement[]) => {
    const label = el('label', { for: input.id });
    labels.set(label, key);
    return el('div', { className: 'edit-field' }, label, input, ...extra);
  };
  const form = el('form', { className: 'audit-filters', id: 'audit-filters', novalidate: '' },
    field(username, 'audit.username'),
    field(action, 'audit.action', actions),
    field(from, 'audit.from'),
    field(to, 'audit.to'),
    field(limit, 'audit.limit'),
    el('div', { className: 'audit-buttons' }, apply, clear),
    dateError,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void load();
  });
  clear.addEventListener('click', () => {
    username.value = action.value = from.value = to.value = '';
    void load();
  });
  const result = el('div', { className: 'audit-result', id: 'audit-result', 'aria-live': 'polite' });
  const element = el('div', { className: 'screen-body', id: 'audit-screen' }, title, intro, form, result);

  async function load(): Promise<void> {
    const bad = [from, to].find((input) => input.value && !DATE.test(input.value));
    dateError.textContent = bad ? screenText('audit.badDate') : '';
    dateError.hidden = !bad;
    if (bad) {
      bad.focus();
      return;
    }
    const query: AuditQuery = {
      username: username.value.trim() || undefined,
      action: action.value.trim() || undefined,
      from: from.value || undefined,
      // The whole last day: the server compares instants.
      to: to.value ? `${to.value}T23:59:59.999Z` : undefined,
      limit: Number(limit.value),
    };
    controller?.abort();
    controller = new AbortController();
    const signal = controller.signal;
    state = { kind: 'loading' };
    render();
    try {
      const answer = await getAudit(query, signal);
      state = { kind: 'ready', entries: answer.entries, query };
    } catch (err) {
      if (signal.aborted) return;
      state = { kind: 'failed', error: err };
    }
    render();
  }

  function render(): void {
    title.textContent = screenText('audit.title');
    intro.textContent = screenText('audit.intro');
    for (const [label, key] of labels) label.textContent = screenText(key);
    apply.textContent = screenText('audit.apply');
    clear.textContent = screenText('audit.clear');
    if (state.kind === 'ready') {
      const seen = new Set(state.entries.map((e) => e.action));
      for (const o of actions.options) seen.add(o.value);
      actions.replaceChildren(...[...seen].sort().map((a) => new Option(a, a)));
    }
    result.replaceChildren(...resultParts());
  }

  function resultParts(): HTMLElement[] {
    if (state.kind === 'loading') return [el('p', { className: 'muted' }, screenText('audit.loading'))];
    if (state.kind === 'failed') {
      const err = state.error;
      const text = err instanceof ApiError && (err.status === 401 || err.status === 403)
        ? screenText('audit.forbidden', { message: err.message })
        : err instanceof ApiError && err.kind === 'bad-request' ? screenText('audit.failed', { message: err.message })
        : screenText('audit.failed', { message: describeError(err, screenText('audit.feature')) });
      return [el('p', { className: 'error-text', id: 'audit-error' }, text)];
    }
    if (state.kind !== 'ready') return [];
    const { entries, query } = state;
    const filtered = Boolean(query.username || query.action || query.from || query.to);
    if (!entries.length) return [el('p', { className: 'muted', id: 'audit-empty' }, screenText(filtered ? 'audit.empty' : 'audit.emptyAll'))];
    const heads = ['audit.at', 'audit.user', 'audit.action', 'audit.target', 'audit.before', 'audit.after'] as const;
    const when = new Intl.DateTimeFormat(document.documentElement.lang === 'ja' ? 'ja-JP' : 'en-GB', { dateStyle: 'medium', timeStyle: 'medium' });
    const rows = entries.map((e) =>
      el('tr', {},
        el('td', { className: 'nowrap' }, el('time', { datetime: e.at }, Number.isNaN(Date.parse(e.at)) ? e.at : when.format(new Date(e.at)))),
        el('td', {}, e.username ?? screenText('audit.system')),
        el('td', {}, el('code', {}, e.action)),
        el('td', { className: 'value' }, e.target ?? ''),
        el('td', {}, valueCell(e.before)),
        el('td', {}, valueCell(e.after)),
      ));
    return [
      el('p', { className: 'muted', id: 'audit-count' }, screenText(entries.length >= (query.limit ?? 200) ? 'audit.countLimit' : 'audit.count', { n: entries.length })),
      el('div', { className: 'table-scroll' },
        el('table', { className: 'data-table', id: 'audit-table' },
          el('caption', {}, screenText('audit.caption')),
          el('thead', {}, el('tr', {}, ...heads.map((k) => el('th', { scope: 'col' }, screenText(k))))),
          el('tbody', {}, ...rows),
        )),
    ];
  }

  render();
  return { element, render, load };
}

/** A before or after value: short text as it is, anything longer folded under "show". */
function valueCell(value: unknown): HTMLElement | string {
  if (value === null || value === undefined || value === '') return screenText('audit.nothing');
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      parsed = value;
    }
  }
  const text = typeof parsed === 'string' ? parsed : JSON.stringify(parsed, null, 1);
  if (text.length <= 60 && !text.includes('\n')) return el('code', {}, text);
  return el('details', {}, el('summary', {}, screenText('audit.details')), el('pre', {}, text));
}
