/**
 * What the user is told: the loading progress over the stage, and one message box for errors and
 * empty results, each with a clear sentence and, where it helps, an action (try again, clear the
 * filters). Errors from the API are turned into sentences here, once.
 */
import { ApiError } from '../data/api.ts';
import { t, type MessageKey } from './i18n.ts';

const loading = () => document.getElementById('loading')!;
const box = () => document.getElementById('message')!;

/** Shows the loading overlay with a text and a share done (0..1, or null for indeterminate). */
export function showProgress(key: MessageKey, share: number | null): void {
  const el = loading();
  el.hidden = false;
  const percent = share === null ? null : Math.round(share * 100);
  document.getElementById('loading-text')!.textContent = t(key, { percent: percent ?? '' });
  const fill = document.getElementById('loading-fill')!;
  fill.classList.toggle('indeterminate', percent === null);
  fill.style.width = percent === null ? '' : `${percent}%`;
  if (percent === null) el.removeAttribute('aria-valuenow');
  else el.setAttribute('aria-valuenow', String(percent));
}

export function hideProgress(): void {
  loading().hidden = true;
}

export interface MessageAction {
  label: string;
  run: () => void;
}

/** Shows a message over the stage; `tone` error or info. Replaces the previous one. */
export function showMessage(text: string, options: { tone?: 'error' | 'info'; action?: MessageAction; dismissible?: boolean } = {}): void {
  const el = box();
  el.replaceChildren();
  el.className = `message ${options.tone ?? 'error'}`;
  const p = document.createElement('p');
  p.textContent = text;
  el.append(p);
  const buttons = document.createElement('div');
  buttons.className = 'message-actions';
  if (options.action) {
    const action = options.action;
    const b = document.createElement('button');
    b.className = 'button primary';
    b.textContent = action.label;
    b.addEventListener('click', () => {
      hideMessage();
      action.run();
    });
    buttons.append(b);
  }
  if (options.dismissible !== false) {
    const close = document.createElement('button');
    close.className = 'button';
    close.textContent = '×';
    close.setAttribute('aria-label', 'close');
    close.addEventListener('click', hideMessage);
    buttons.append(close);
  }
  el.append(buttons);
  el.hidden = false;
}

export function hideMessage(): void {
  box().hidden = true;
}

/** A sentence for an API failure; `feature` names what is missing when the server lacks a route. */
export function describeError(err: unknown, feature?: string): string {
  if (err instanceof ApiError) {
    switch (err.kind) {
      case 'unreachable':
        return t('error.unreachable');
      case 'unavailable':
        return t('error.unavailable', { message: err.message });
      case 'not-offered':
        return t('error.notOffered', { feature: feature ?? err.message });
      default:
        return t('error.server', { message: err.message });
    }
  }
  return t('error.server', { message: (err as Error)?.message ?? String(err) });
}
