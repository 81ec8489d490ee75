/**
 * The account controls in the top bar: "Log in" (a small modal dialog with the user name and the
 * password) for the public viewer, "<user> (<role>)" and "Log out" once logged in. The session
 * lives in the store (`ViewState.session`, asked from GET /api/auth/me at start). Logging in or out
 * reloads the page, so the graph, the search and the panels show what the new viewer may see.
 */
import { ApiError, getSession, login, logout } from '../data/api.ts';
import { t, type MessageKey } from '../i18n/i18n.ts';
import { describeError, showMessage } from '../i18n/messages.ts';
import { el } from '../dom.ts';
import type { Store, ViewState } from '../data/state.ts';

export function createLogin(container: HTMLElement, store: Store, options: { reload?: () => void } = {}): () => void {
  const reload = options.reload ?? (() => location.reload());
  const area = el('div', { className: 'account', id: 'account' });
  container.prepend(area);

  const loginButton = el('button', { className: 'button', id: 'login-button', type: 'button', 'aria-haspopup': 'dialog' });
  loginButton.addEventListener('click', open);
  const userLabel = el('span', { className: 'account-user', id: 'account-user' });
  const logoutButton = el('button', { className: 'button', id: 'logout-button', type: 'button' });
  logoutButton.addEventListener('click', () => void doLogout());

  // The dialog: a native modal <dialog> keeps focus inside and closes on Escape.
  const title = el('h2', { id: 'login-title' });
  const username = el('input', { id: 'login-username', name: 'username', type: 'text', autocomplete: 'username', required: '', autocapitalize: 'none', spellcheck: 'false' });
  const password = el('input', { id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password', required: '' });
  const usernameLabel = el('label', { for: 'login-username' });
  const passwordLabel = el('label', { for: 'login-password' });
  const error = el('p', { className: 'error-text', id: 'login-error', role: 'alert' });
  error.hidden = true;
  const submit = el('button', { className: 'button primary', id: 'login-submit', type: 'submit' });
  const cancel = el('button', { className: 'button', id: 'login-cancel', type: 'button' });
  cancel.addEventListener('click', close);
  const form = el('form', { className: 'login-form', id: 'login-form', novalidate: '' },
    title,
    el('div', { className: 'login-field' }, usernameLabel, username),
    el('div', { className: 'login-field' }, passwordLabel, password),
    error,
    el('div', { className: 'login-actions' }, cancel, submit),
  );
  const dialog = el('dialog', { className: 'login-dialog', id: 'login-dialog', 'aria-labelledby': 'login-title' }, form);
  document.body.append(dialog);
  dialog.addEventListener('close', () => loginButton.focus());
  // Escape in the dialog closes it only (not the actor panel behind it).
  dialog.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') e.stopPropagation();
  });

  let busy = false;
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void doLogin();
  });

  function open(): void {
    error.hidden = true;
    error.textContent = '';
    password.value = '';
    if (!dialog.open) dialog.showModal();
    username.focus();
  }

  function close(): void {
    if (dialog.open) dialog.close();
  }

  function showError(text: string): void {
    error.textContent = text;
    error.hidden = false;
  }

  async function doLogin(): Promise<void> {
    if (busy) return;
    if (!username.value.trim() || !password.value) {
      showError(t('login.wrong'));
      (username.value.trim() ? password : username).focus();
      return;
    }
    busy = true;
    submit.disabled = true;
    submit.textContent = t('login.busy');
    try {
      const session = await login(username.value.trim(), password.value);
      store.set({ session });
      close();
      reload();
    } catch (err) {
      showError(loginError(err));
      password.select();
      password.focus();
    } finally {
      busy = false;
      submit.disabled = false;
      submit.textContent = t('login.submit');
    }
  }

  async function doLogout(): Promise<void> {
    logoutButton.disabled = true;
    try {
      const session = await logout(store.get().session?.csrfToken ?? null);
      store.set({ session });
      reload();
    } catch (err) {
      showMessage(t('logout.failed', { message: describeError(err) }));
    } finally {
      logoutButton.disabled = false;
    }
  }

  function render(s: ViewState): void {
    loginButton.textContent = t('login.button');
    loginButton.title = t('login.buttonTitle');
    logoutButton.textContent = t('logout.button');
    title.textContent = t('login.title');
    usernameLabel.textContent = t('login.username');
    passwordLabel.textContent = t('login.password');
    cancel.textContent = t('login.cancel');
    if (!busy) submit.textContent = t('login.submit');
    const user = s.session?.user ?? null;
    if (user) {
      userLabel.textContent = t('login.user', { username: user.username, role: t(`role.${user.role}` as MessageKey) });
      userLabel.title = t('login.userTitle', { username: user.displayName ?? user.username });
      area.replaceChildren(userLabel, logoutButton);
    } else area.replaceChildren(loginButton); // Also before the server answers: the public viewer is the likely case.
  }

  render(store.get());
  const unsubscribe = store.subscribe((s, prev) => {
    if (s.session !== prev.session || s.lang !== prev.lang) render(s);
  });
  getSession().then(
    (session) => store.set({ session }),
    // A server without accounts (or unreachable): the public viewer, without a login.
    (err: unknown) => {
      store.set({ session: { user: null, csrfToken: null } });
      if (err instanceof ApiError && err.kind === 'not-offered') area.hidden = true;
    },
  );
  return unsubscribe;
}

/** The sentence for a failed login: the server's reason in the interface language. */
function loginError(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.code === 'unauthorized' || err.status === 401) return t('login.wrong');
    if (err.code === 'too_many_requests' || err.status === 429) {
      const seconds = (err.details as { retryAfterS?: unknown } | undefined)?.retryAfterS;
      return typeof seconds === 'number' ? t('login.throttled', { seconds }) : err.message;
    }
    if (err.kind === 'bad-request') return t('login.failed', { message: err.message });
  }
  return t('login.failed', { message: describeError(err) });
}
