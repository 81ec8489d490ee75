/**
 * The notifications bell in the top bar, for logged-in users: the number of unread notifications
 * (asked every 30 s while the page is visible, and whenever the window gets the focus back; never
 * for the public viewer), and a list that opens under it. Opening a notification marks it read
 * and shows its request in the Introductions view. News (a notification not seen before) moves
 * `introductionsChanged`, so the lists and the actor panel ask again; news of a collaboration
 * also refreshes the network, where the new tie appears.
 */
import './introductions.css';
import type { AppNotification, NotificationListResponse } from '../../../server/contract/api.ts';
import { getNotifications, markNotificationsRead } from '../data/introductions-api.ts';
import type { Store, ViewState } from '../data/state.ts';
import { el } from '../dom.ts';
import { describeError } from '../i18n/messages.ts';
import { dateText, it } from './introduction-messages.ts';

/** How often the unread count is asked for. */
export const POLL_MS = 30_000;

export interface NotificationsOptions {
  /** A request became a collaboration (a notification says so): the network has a new tie. */
  onCollaboration(): void;
  pollMs?: number;
}

/** A bell drawn as SVG (an emoji needs a font the machine may lack). */
function bellIcon(): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', '16');
  svg.setAttribute('height', '16');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', 'bell-icon');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('d', 'M6 16V11a6 6 0 0 1 12 0v5l2 2H4zM10 20a2 2 0 0 0 4 0');
  path.setAttribute('fill', 'none');
  path.setAttribute('stroke', 'currentColor');
  path.setAttribute('stroke-width', '2');
  path.setAttribute('stroke-linejoin', 'round');
  svg.append(path);
  return svg;
}

export function createNotifications(container: HTMLElement, store: Store, options: NotificationsOptions): () => void {
  const pollMs = options.pollMs ?? POLL_MS;
  const count = el('span', { className: 'bell-count', id: 'notifications-count', 'aria-hidden': 'true' });
  const button = el('button', { className: 'button bell-button', id: 'notifications-button', type: 'button', 'aria-haspopup': 'true', 'aria-expanded': 'false', 'aria-controls': 'notifications-popover' }, bellIcon(), count);
  const title = el('h2', { id: 'notifications-title' });
  const markAll = el('button', { className: 'link-button', id: 'notifications-mark-all', type: 'button' });
  const list = el('ul', { className: 'notification-list', id: 'notification-list' });
  const status = el('p', { className: 'muted notifications-status', id: 'notifications-status' });
  const showAll = el('button', { className: 'link-button', id: 'notifications-show-all', type: 'button' });
  const popover = el('div', { className: 'notifications-popover', id: 'notifications-popover', role: 'dialog', 'aria-labelledby': 'notifications-title' },
    el('div', { className: 'notifications-head' }, title, markAll),
    status,
    list,
    el('div', { className: 'notifications-foot' }, showAll),
  );
  popover.hidden = true;
  const area = el('div', { className: 'notifications', id: 'notifications' }, button, popover);
  area.hidden = true;
  container.prepend(area);

  let answer: NotificationListResponse | null = null;
  let failure: unknown = null;
  let seen: Set<string> | null = null;
  let timer: ReturnType<typeof setInterval> | undefined;
  let asking = false;

  const loggedIn = () => Boolean(store.get().session?.user);
  const csrf = () => store.get().session?.csrfToken ?? null;

  async function poll(): Promise<void> {
    if (!loggedIn() || asking) return;
    asking = true;
    try {
      answer = await getNotifications();
      failure = null;
      noticeNews(answer.notifications);
    } catch (err) {
      failure = err;
    } finally {
      asking = false;
      render();
    }
  }

  /** Notifications not seen before (after the first answer) mean requests moved on. */
  function noticeNews(notifications: AppNotification[]): void {
    const fresh = seen ? notifications.filter((n) => !seen!.has(n.id)) : [];
    seen = new Set(notifications.map((n) => n.id));
    if (!fresh.length) return;
    store.set((s: ViewState) => ({ introductionsChanged: s.introductionsChanged + 1 }));
    if (fresh.some((n) => n.status === 'collaborating')) options.onCollaboration();
  }

  function unread(): number {
    return answer?.unread ?? 0;
  }

  function render(): void {
    area.hidden = !loggedIn();
    const n = unread();
    count.textContent = n > 99 ? '99+' : String(n);
    count.hidden = n === 0;
    button.setAttribute('aria-label', n ? it('bell.unread', { n }) : it('bell.label'));
    button.title = button.getAttribute('aria-label')!;
    title.textContent = it('bell.title');
    markAll.textContent = it('bell.markAll');
    markAll.hidden = n === 0;
    showAll.textContent = it('bell.showAll');
    if (!popover.hidden) renderList();
  }

  function renderList(): void {
    const items = answer?.notifications ?? [];
    status.hidden = items.length > 0 && !failure;
    status.className = failure ? 'error-text notifications-status' : 'muted notifications-status';
    status.textContent = failure ? it('bell.failed', { message: describeError(failure) }) : items.length ? '' : it('bell.empty');
    const focused = (document.activeElement as HTMLElement | null)?.dataset.notification;
    list.replaceChildren(
      ...items.map((n) => {
        const lang = store.get().lang;
        const item = el('button', { className: `notification${n.read ? '' : ' unread'}`, type: 'button', 'data-notification': n.id, 'data-introduction': n.introductionId },
          el('span', { className: 'notification-text' }, lang === 'ja' ? n.message.ja : n.message.en),
          el('span', { className: 'notification-time' }, dateText(n.at, true)),
        );
        item.addEventListener('click', () => void openNotification(n));
        return el('li', {}, item);
      }),
    );
    if (focused) list.querySelector<HTMLElement>(`[data-notification="${CSS.escape(focused)}"]`)?.focus();
  }

  async function openNotification(n: AppNotification): Promise<void> {
    close(false);
    store.set((s: ViewState) => ({ view: 'introductions', requests: { ...s.requests, open: n.introductionId } }));
    if (n.read || !answer) return;
    n.read = true;
    answer.unread = Math.max(0, answer.unread - 1);
    render();
    try {
      await markNotificationsRead([n.id], csrf());
    } catch {
      // Still unread on the server: the next poll shows it so.
    }
  }

  async function readAll(): Promise<void> {
    if (!answer) return;
    for (const n of answer.notifications) n.read = true;
    answer.unread = 0;
    render();
    try {
      await markNotificationsRead(undefined, csrf());
    } catch (err) {
      failure = err;
    }
    void poll();
  }

  function open(): void {
    popover.hidden = false;
    button.setAttribute('aria-expanded', 'true');
    renderList();
    void poll();
    (list.querySelector<HTMLElement>('button') ?? showAll).focus();
  }

  function close(focusButton = true): void {
    if (popover.hidden) return;
    popover.hidden = true;
    button.setAttribute('aria-expanded', 'false');
    if (focusButton) button.focus();
  }

  button.addEventListener('click', () => (popover.hidden ? open() : close()));
  markAll.addEventListener('click', () => void readAll());
  showAll.addEventListener('click', () => {
    close(false);
    store.set((s: ViewState) => ({ view: 'introductions', requests: { ...s.requests, open: null } }));
  });
  popover.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      // Closes the list only, not the actor panel behind it.
      e.stopPropagation();
      close();
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      const items = [...list.querySelectorAll<HTMLElement>('button')];
      const i = items.indexOf(document.activeElement as HTMLElement);
      const next = items[(i + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length];
      if (next) {
        e.preventDefault();
        next.focus();
      }
    }
  });
  const onOutside = (e: PointerEvent) => {
    if (!popover.hidden && !area.contains(e.target as Node)) close(false);
  };
  document.addEventListener('pointerdown', onOutside);

  const onFocus = () => void poll();
  const onVisible = () => document.visibilityState === 'visible' && void poll();
  function follow(s: ViewState): void {
    clearInterval(timer);
    timer = undefined;
    if (s.session?.user) {
      timer = setInterval(() => document.visibilityState === 'visible' && void poll(), pollMs);
      void poll();
    } else {
      answer = null;
      seen = null;
    }
    render();
  }
  window.addEventListener('focus', onFocus);
  document.addEventListener('visibilitychange', onVisible);
  follow(store.get());
  const unsubscribe = store.subscribe((s, prev) => {
    if (s.session !== prev.session) follow(s);
    else if (s.lang !== prev.lang) render();
  });
  return () => {
    unsubscribe();
    clearInterval(timer);
    window.removeEventListener('focus', onFocus);
    document.removeEventListener('visibilitychange', onVisible);
    document.removeEventListener('pointerdown', onOutside);
    area.remove();
  };
}
