/**
 * Adding and removing an actor's ties (coordinators and admins), in a dialog opened from the actor
 * panel: a tie is `PUT /api/ties/:kind/:source/:target` with its weight and year, removed with
 * `DELETE` on the same path. The dialog stays open for several changes; after each one the network,
 * the panel and the dialog's list are loaded again. A refused tie shows the server's messages next
 * to its fields (the import's checks: unknown actor, bad weight or year).
 */
import type { TieKind } from '../../../server/contract/api.ts';
import { deleteTie, getActor, putTie, searchActors, type ActorDetail } from '../data/api.ts';
import { el, nameOf } from '../dom.ts';
import { t, type MessageKey } from '../i18n/i18n.ts';
import { confirmAction, fieldProblems, writeError, type EditorContext } from './actor-editor.ts';
import { editText } from './editor-messages.ts';

/** Ties listed for removal (the server sends the strongest first). */
const TIES_LISTED = 100;

const kindName = (kind: TieKind) => t(`kind.${kind}` as MessageKey);

/** The panel's "Edit ties" button. */
export function tieEditorButton(ctx: EditorContext, detail: ActorDetail): HTMLElement {
  const button = el('button', { className: 'button small', type: 'button', id: 'edit-ties-button' }, editText('ties.manage'));
  button.addEventListener('click', () => openTieEditor(ctx, detail, button.id));
  return button;
}

export function openTieEditor(ctx: EditorContext, first: ActorDetail, openerId?: string): void {
  const lang = ctx.store.get().lang;
  let detail = first;
  const self = detail.actor.id;
  const title = el('h2', { id: 'tie-editor-title' }, `${editText('ties.manage')}: ${nameOf(detail.actor, lang)}`);
  const status = el('p', { className: 'edit-summary', id: 'tie-editor-status', role: 'status', tabindex: '-1' });

  const kind = el('select', { id: 'tie-kind' });
  for (const k of ctx.data.reference.kinds) kind.append(new Option(kindName(k), k));
  const direction = el('select', { id: 'tie-direction' });
  direction.append(new Option(editText('ties.out'), 'out'), new Option(editText('ties.in'), 'in'));
  const other = el('input', { id: 'tie-other', type: 'text', list: 'tie-other-options', autocomplete: 'off', spellcheck: 'false' });
  const options = el('datalist', { id: 'tie-other-options' });
  const weight = el('input', { id: 'tie-weight', type: 'text', inputmode: 'decimal', value: '1' });
  const since = el('input', { id: 'tie-since', type: 'text', inputmode: 'numeric', placeholder: String(new Date().getFullYear()) });
  const errors = new Map<string, HTMLElement>();
  const field = (name: string, label: string, input: HTMLElement, ...extra: HTMLElement[]) => {
    const error = el('p', { className: 'error-text field-error', id: `${input.id}-error` });
    error.hidden = true;
    errors.set(name, error);
    input.setAttribute('aria-describedby', error.id);
    return el('div', { className: 'edit-field', 'data-field': name }, el('label', { for: input.id }, label), input, ...extra, error);
  };
  const add = el('button', { className: 'button primary', type: 'submit', id: 'tie-add' }, editText('ties.addButton'));
  const form = el('form', { className: 'edit-form tie-form', novalidate: '', 'aria-labelledby': 'tie-add-title' },
    el('h3', { id: 'tie-add-title' }, editText('ties.add')),
    el('div', { className: 'edit-fields' },
      field('kind', editText('ties.kind'), kind),
      field('direction', editText('ties.direction'), direction),
      field('other', editText('ties.other'), other, options),
      field('weight', editText('ties.weight'), weight),
      field('since', editText('ties.since'), since),
    ),
    el('div', { className: 'login-actions' }, add),
  );
  const list = el('div', { className: 'tie-remove-list' });
  const close = el('button', { className: 'button', type: 'button', id: 'tie-editor-close' }, t('panel.close'));
  const dialog = el('dialog', { className: 'edit-dialog', id: 'tie-editor', 'aria-labelledby': title.id },
    title, status, form, list, el('div', { className: 'login-actions' }, close));
  document.body.append(dialog);
  close.addEventListener('click', () => dialog.close());
  dialog.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') e.stopPropagation();
  });
  dialog.addEventListener('close', () => {
    dialog.remove();
    (openerId ? document.getElementById(openerId) : null)?.focus();
  });

  // The other actor: names and ids from the search, as the user types.
  let searching: AbortController | null = null;
  let timer = 0;
  other.addEventListener('input', () => {
    clearTimeout(timer);
    const q = other.value.trim();
    if (q.length < 2 || ctx.data.graph.hasNode(q)) return;
    timer = window.setTimeout(() => {
      searching?.abort();
      searching = new AbortController();
      searchActors(q, searching.signal).then(
        (page) => options.replaceChildren(...page.items.filter((a) => a.id !== self).map((a) => new Option(`${nameOf(a, lang)} · ${a.id}`, a.id))),
        () => undefined,
      );
    }, 200);
  });

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void save();
  });

  function showProblems(byField: Map<string, string>, text: string, tone: 'error' | 'ok' = 'error'): void {
    status.textContent = text;
    status.className = `edit-summary ${tone === 'error' ? 'error-text' : 'ok-text'}`;
    for (const [name, error] of errors) {
      error.textContent = byField.get(name) ?? '';
      error.hidden = !byField.has(name);
    }
  }

  async function save(): Promise<void> {
    const otherId = other.value.trim();
    if (!otherId) return showProblems(new Map([['other', editText('ties.pickOther')]]), '');
    if (otherId === self) return showProblems(new Map([['other', editText('ties.self')]]), '');
    const [source, target] = direction.value === 'out' ? [self, otherId] : [otherId, self];
    add.disabled = true;
    try {
      await putTie(kind.value as TieKind, source, target, { weight: weight.value.trim() || null, since: since.value.trim() || null }, ctx.store.get().session?.csrfToken ?? null);
      other.value = '';
      showProblems(new Map(), editText('ties.added'), 'ok');
      await written();
    } catch (err) {
      const problems = fieldProblems(err);
      if (!problems) return showProblems(new Map(), editText('ties.failed', { message: writeError(err) }));
      // Problems name the file's columns: the other end is `source` or `target`.
      const byField = new Map<string, string>();
      const rest: string[] = [];
      for (const p of problems) {
        const name = p.field === 'source' || p.field === 'target' ? 'other' : p.field;
        if (errors.has(name)) byField.set(name, [byField.get(name), p.message].filter(Boolean).join(' · '));
        else rest.push(`${p.field}: ${p.message}`);
      }
      showProblems(byField, rest.join(' · '));
      (byField.has('other') ? other : byField.has('weight') ? weight : byField.has('since') ? since : kind).focus();
    } finally {
      add.disabled = false;
    }
  }

  async function remove(tie: ActorDetail['ties'][number]): Promise<void> {
    const otherName = nameOf(tie, lang);
    const here = nameOf(detail.actor, lang);
    if (!(await confirmAction(editText('ties.confirmRemove', { kind: kindName(tie.kind), a: here, b: otherName }), editText('ties.confirmRemoveButton')))) return;
    const [source, target] = tie.direction === 'out' ? [self, tie.id] : [tie.id, self];
    try {
      await deleteTie(tie.kind, source, target, ctx.store.get().session?.csrfToken ?? null);
      showProblems(new Map(), editText('ties.removed'), 'ok');
      await written();
    } catch (err) {
      showProblems(new Map(), editText('ties.removeFailed', { message: writeError(err) }));
    }
  }

  /** This list, the panel and the network again (the drawing may take the server seconds). */
  async function written(): Promise<void> {
    const network = ctx.onWritten(self);
    try {
      detail = await getActor(self);
      renderList();
      // The removed tie's button held the focus: it goes to the status line, inside the dialog.
      if (!dialog.contains(document.activeElement)) status.focus();
    } catch {
      // The panel says what went wrong; the list keeps what it showed.
    }
    await network;
  }

  function renderList(): void {
    const shown = detail.ties.slice(0, TIES_LISTED);
    const rows = shown.map((tie) => {
      const name = nameOf(tie, lang);
      const kindText = `${t(`direction.${tie.direction}` as MessageKey)} ${kindName(tie.kind)}${tie.since ? ` · ${t('panel.since', { year: String(tie.since) })}` : ''}`;
      const button = el('button', { className: 'button small', type: 'button', title: editText('ties.removeTitle', { kind: kindName(tie.kind), name }), 'aria-label': editText('ties.removeTitle', { kind: kindName(tie.kind), name }) }, editText('ties.remove'));
      button.addEventListener('click', () => void remove(tie));
      return el('li', {}, el('span', {}, name), el('span', { className: 'tie-kind' }, kindText), button);
    });
    list.replaceChildren(
      el('h3', {}, t('panel.ties', { n: detail.tieCount })),
      detail.tieCount > shown.length ? el('p', { className: 'muted' }, editText('ties.listed', { shown: shown.length, n: detail.tieCount })) : '',
      rows.length ? el('ul', { className: 'ties removable' }, ...rows) : el('p', { className: 'muted' }, t('panel.noTies')),
    );
  }

  renderList();
  dialog.showModal();
  kind.focus();
}
