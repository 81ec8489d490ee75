/**
 * What coordinators and admins get beside the account in the top bar: one "Manage" menu (the top
 * bar has no room for more) with "Import" and "New actor" (coordinators and admins) and "Audit
 * log" (admins); nothing for members and the public viewer. The import and the audit log are
 * screens over the workspace, named by `ViewState.screen` (in the URL): opening one is a history
 * entry, so Back closes it; Escape and "Close" close it too.
 */
import type { SessionResponse } from '../../../server/contract/api.ts';
import type { Screen, Store, ViewState } from '../data/state.ts';
import { el } from '../dom.ts';
import { editsNetwork, openActorEditor, type EditorContext } from './actor-editor.ts';
import { createAuditView, type AuditView } from './audit-view.ts';
import { editText } from './editor-messages.ts';
import { createImportScreen, type ImportScreen } from './import-screen.ts';
import { screenText } from './screen-messages.ts';

/** Who may open each screen (the server decides again on every request). */
const MAY_OPEN: Record<Screen, (session: SessionResponse) => boolean> = {
  import: editsNetwork,
  audit: (session) => session.user?.role === 'admin',
};

export function createAdminMenu(store: Store, editor: EditorContext): () => void {
  const area = el('div', { className: 'admin-menu', id: 'admin-menu' });
  const actions = document.querySelector<HTMLElement>('.topbar-actions')!;
  const account = document.getElementById('account');
  if (account) account.after(area);
  else actions.prepend(area);

  // The menu: a button that shows a list of buttons (the disclosure pattern); arrows move in it.
  const toggle = el('button', { className: 'button', type: 'button', id: 'admin-menu-button', 'aria-expanded': 'false', 'aria-controls': 'admin-menu-list' });
  const list = el('div', { className: 'admin-menu-list', id: 'admin-menu-list' });
  list.hidden = true;
  const item = (id: string) => el('button', { className: 'menu-item', type: 'button', id });
  const importButton = item('import-button');
  const createButton = item('new-actor-button');
  const auditButton = item('audit-button');
  const items = () => [...list.querySelectorAll<HTMLButtonElement>('button')];
  const openMenu = (open: boolean, focus: 'first' | 'toggle' | null = null) => {
    list.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    if (focus === 'first') items()[0]?.focus();
    else if (focus === 'toggle') toggle.focus();
  };
  toggle.addEventListener('click', () => openMenu(list.hidden, list.hidden ? 'first' : null));
  toggle.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      openMenu(true, 'first');
    }
  });
  list.addEventListener('keydown', (e) => {
    const all = items();
    const at = all.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'Escape') {
      e.stopPropagation();
      openMenu(false, 'toggle');
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      all[(at + (e.key === 'ArrowDown' ? 1 : all.length - 1)) % all.length]?.focus();
    }
  });
  document.addEventListener('pointerdown', (e) => {
    if (!list.hidden && !area.contains(e.target as Node)) openMenu(false);
  });
  area.addEventListener('focusout', (e) => {
    if (!list.hidden && !area.contains(e.relatedTarget as Node | null) && e.relatedTarget) openMenu(false);
  });
  const choose = (run: () => void) => () => {
    openMenu(false);
    run();
  };
  importButton.addEventListener('click', choose(() => store.set({ screen: 'import' })));
  createButton.addEventListener('click', choose(() => openActorEditor(editor, { kind: 'create' }, toggle.id)));
  auditButton.addEventListener('click', choose(() => store.set({ screen: 'audit' })));

  // The screen: a region over the workspace with its own close button.
  const close = el('button', { className: 'button', type: 'button', id: 'screen-close' });
  close.addEventListener('click', () => store.set({ screen: null }));
  const body = el('div', { className: 'screen-content' });
  const screen = el('section', { className: 'work-screen', id: 'work-screen', role: 'region' }, el('div', { className: 'screen-bar' }, close), body);
  screen.hidden = true;
  screen.addEventListener('keydown', (e) => {
    // Escape inside a dialog of the screen closes the dialog only (it stops the event itself).
    if (e.key !== 'Escape') return;
    e.stopPropagation();
    store.set({ screen: null });
  });
  document.querySelector('.workspace')!.append(screen);

  let importScreen: ImportScreen | null = null;
  let auditView: AuditView | null = null;

  function render(s: ViewState): void {
    toggle.textContent = `${screenText('menu.manage')} ▾`;
    toggle.title = screenText('menu.manageTitle');
    importButton.textContent = screenText('menu.import');
    importButton.title = screenText('menu.importTitle');
    createButton.textContent = editText('edit.createButton');
    createButton.title = editText('edit.createButtonTitle');
    auditButton.textContent = screenText('menu.audit');
    auditButton.title = screenText('menu.auditTitle');
    close.textContent = screenText('screen.close');
    close.title = screenText('screen.closeTitle');
    const session = s.session;
    const buttons = [];
    if (session && MAY_OPEN.import(session)) buttons.push(importButton, createButton);
    if (session && MAY_OPEN.audit(session)) buttons.push(auditButton);
    list.replaceChildren(...buttons);
    area.replaceChildren(...(buttons.length ? [toggle, list] : []));
    for (const [b, name] of [[importButton, 'import'], [auditButton, 'audit']] as const) b.setAttribute('aria-current', String(s.screen === name));

    screen.hidden = !s.screen;
    if (!s.screen) return;
    if (!session) body.replaceChildren(el('p', { className: 'muted screen-note' }, screenText('screen.loading')));
    else if (!MAY_OPEN[s.screen](session)) {
      const roles = screenText(s.screen === 'audit' ? 'role.admins' : 'role.coordinators');
      body.replaceChildren(el('p', { className: 'note screen-note', id: 'screen-needs-role' }, screenText('screen.needsRole', { roles })));
    } else if (s.screen === 'import') {
      importScreen ??= createImportScreen(editor);
      importScreen.render();
      body.replaceChildren(importScreen.element);
    } else {
      if (!auditView) {
        auditView = createAuditView();
        void auditView.load();
      }
      auditView.render();
      body.replaceChildren(auditView.element);
    }
    screen.setAttribute('aria-labelledby', s.screen === 'import' ? 'import-title' : 'audit-title');
  }

  render(store.get());
  return store.subscribe((s, prev) => {
    // Another view chosen from the tabs: the screen gives way (after this change is recorded).
    if (s.view !== prev.view && s.screen) queueMicrotask(() => store.set({ screen: null }));
    if (s.screen === prev.screen && s.session === prev.session && s.lang === prev.lang) return;
    render(s);
    if (s.screen && s.screen !== prev.screen) screen.querySelector<HTMLElement>('h2')?.focus();
    else if (!s.screen && prev.screen && area.contains(toggle)) toggle.focus();
  });
}
