/**
 * Editing actors in a modal dialog: a member edits its own actor's profile (the fields it offers
 * and seeks, who may see it, its contact person); coordinators and admins create, edit and delete
 * any actor. The server checks an edit exactly as the import checks a row, and a refused edit
 * (422 `invalid_fields`) lists its problems by field: each message is shown next to its field.
 * Only the fields that changed are sent (`PATCH`), so a profile edit never touches the rest.
 */
import './editing.css';
import type { ActorInput, EditReport, FieldProblem, MemberEditableField, SessionResponse } from '../../../server/contract/api.ts';
import { ApiError, createActor, deleteActor, updateActor, type ActorDetail } from '../data/api.ts';
import { refName, type NetworkData } from '../data/network-data.ts';
import type { Lang, Store } from '../data/state.ts';
import { el, nameOf } from '../dom.ts';
import { describeError, showMessage } from '../i18n/messages.ts';
import { editText, type EditorMessageKey } from './editor-messages.ts';

/** The fields of a member's profile, in the order the form shows them. */
export const MEMBER_FIELDS: readonly MemberEditableField[] = ['fields', 'seeks', 'visibility', 'contact_name', 'contact_email'];

type FieldKind = 'text' | 'email' | 'number' | 'type' | 'prefecture' | 'visibility' | 'fields' | 'clusters';

/** The fields of the full editor (actors.csv's columns and the contact person). */
const ACTOR_FIELDS: readonly { name: string; kind: FieldKind; required?: boolean }[] = [
  { name: 'id', kind: 'text', required: true },
  { name: 'type', kind: 'type', required: true },
  { name: 'name', kind: 'text', required: true },
  { name: 'name_ja', kind: 'text' },
  { name: 'prefecture', kind: 'prefecture' },
  { name: 'country', kind: 'text' },
  { name: 'lat', kind: 'number' },
  { name: 'lon', kind: 'number' },
  { name: 'fields', kind: 'fields' },
  { name: 'seeks', kind: 'fields' },
  { name: 'clusters', kind: 'clusters' },
  { name: 'employees', kind: 'number' },
  { name: 'founded', kind: 'number' },
  { name: 'visibility', kind: 'visibility' },
  { name: 'facility', kind: 'text' },
  { name: 'contact_name', kind: 'text' },
  { name: 'contact_email', kind: 'email' },
];

const VISIBILITIES = ['public', 'members', 'private'] as const;

/** Whether the session may create, edit and delete any actor and tie. */
export function editsNetwork(session: SessionResponse | null): boolean {
  const role = session?.user?.role;
  return role === 'coordinator' || role === 'admin';
}

/** Whether the session is a member of actor `id` (and may edit its profile). */
export function ownsProfile(session: SessionResponse | null, id: string): boolean {
  return session?.user?.role === 'member' && session.user.actorId === id;
}

export interface EditorContext {
  data: NetworkData;
  store: Store;
  /** After a write: the network and the panel again; `select` opens that actor (null: none). False when the network could not be loaded again (the user is told). */
  onWritten(select: string | null): Promise<boolean>;
}

export type EditorMode = { kind: 'create' } | { kind: 'edit'; detail: ActorDetail } | { kind: 'profile'; detail: ActorDetail };

/** The panel's edit buttons for the session: "Edit profile" on one's own actor; "Edit" and "Delete" for coordinators. */
export function editButtons(ctx: EditorContext, detail: ActorDetail): HTMLElement[] {
  const session = ctx.store.get().session;
  const id = detail.actor.id;
  if (editsNetwork(session)) {
    const edit = el('button', { className: 'button small', type: 'button', id: 'edit-actor-button' }, editText('edit.button'));
    edit.addEventListener('click', () => openActorEditor(ctx, { kind: 'edit', detail }, edit.id));
    const remove = el('button', { className: 'button small danger', type: 'button', id: 'delete-actor-button' }, editText('edit.deleteButton'));
    remove.addEventListener('click', () => void removeActor(ctx, detail));
    return [edit, remove];
  }
  if (ownsProfile(session, id)) {
    const edit = el('button', { className: 'button small', type: 'button', id: 'edit-profile-button' }, editText('edit.profileButton'));
    edit.addEventListener('click', () => openActorEditor(ctx, { kind: 'profile', detail }, edit.id));
    return [edit];
  }
  return [];
}

/** One control of the form: reads its value as the API takes it. */
interface Control {
  name: string;
  element: HTMLElement;
  read(): string | string[];
  error: HTMLElement;
  focus(): void;
}

/** Opens the editor; `openerId` gets the focus back when it closes. */
export function openActorEditor(ctx: EditorContext, mode: EditorMode, openerId?: string): void {
  const lang = ctx.store.get().lang;
  const detail = mode.kind === 'create' ? null : mode.detail;
  const name = detail ? nameOf(detail.actor, lang) : '';
  const specs = mode.kind === 'profile'
    ? ACTOR_FIELDS.filter((f) => (MEMBER_FIELDS as readonly string[]).includes(f.name))
    : ACTOR_FIELDS.filter((f) => mode.kind === 'create' || f.name !== 'id');
  const initial = initialValues(detail);
  const controls = specs.map((spec) => control(ctx.data, lang, spec, initial[spec.name] ?? '', spec.required === true && mode.kind === 'create'));

  const title = el('h2', { id: 'actor-editor-title' }, mode.kind === 'create' ? editText('edit.createTitle') : editText(mode.kind === 'profile' ? 'edit.profileTitle' : 'edit.title', { name }));
  const summary = el('div', { className: 'error-text edit-summary', id: 'actor-editor-summary', role: 'alert' });
  const submit = el('button', { className: 'button primary', type: 'submit', id: 'actor-editor-save' }, editText(mode.kind === 'create' ? 'edit.create' : 'edit.save'));
  const cancel = el('button', { className: 'button', type: 'button', id: 'actor-editor-cancel' }, editText('edit.cancel'));
  const form = el('form', { className: 'edit-form', novalidate: '' },
    title,
    mode.kind === 'profile' ? el('p', { className: 'muted' }, editText('edit.profileNote')) : '',
    summary,
    el('div', { className: 'edit-fields' }, ...controls.map((c) => c.element)),
    el('div', { className: 'login-actions edit-actions' }, cancel, submit),
  );
  const dialog = el('dialog', { className: 'edit-dialog', id: 'actor-editor', 'aria-labelledby': title.id }, form);
  document.body.append(dialog);
  cancel.addEventListener('click', () => dialog.close());
  dialog.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') e.stopPropagation();
  });
  dialog.addEventListener('close', () => {
    dialog.remove();
    (openerId ? document.getElementById(openerId) : null)?.focus();
  });
  dialog.showModal();
  controls[0]?.focus();

  let busy = false;
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (!busy) void save();
  });

  async function save(): Promise<void> {
    showProblems([], '');
    const input: ActorInput = {};
    for (const c of controls) {
      const value = c.read();
      if (detail && same(value, initial[c.name] ?? '')) continue;
      if (!detail && (value === '' || (Array.isArray(value) && !value.length))) continue;
      input[c.name] = value;
    }
    if (detail && !Object.keys(input).length) {
      summary.textContent = editText('edit.nothingChanged');
      summary.className = 'muted edit-summary';
      return;
    }
    busy = true;
    submit.disabled = true;
    submit.textContent = editText('edit.saving');
    const csrf = ctx.store.get().session?.csrfToken ?? null;
    let written: string | null = null;
    try {
      const report: EditReport = detail ? await updateActor(detail.actor.id, input, csrf) : await createActor(input, csrf);
      written = report.actor?.actor.id ?? detail?.actor.id ?? String(input.id ?? '');
    } catch (err) {
      const problems = fieldProblems(err);
      if (problems) showProblems(problems, problems.length === 1 ? editText('edit.problemsOne') : editText('edit.problems', { n: problems.length }));
      else showProblems([], writeError(err));
    } finally {
      busy = false;
      submit.disabled = false;
      submit.textContent = editText(mode.kind === 'create' ? 'edit.create' : 'edit.save');
    }
    if (written === null) return;
    dialog.close();
    await ctx.onWritten(written || null);
    const saved = detail ? name : String(input.name ?? written);
    showMessage(editText(detail ? 'edit.saved' : 'edit.created', { name: saved }), { tone: 'info' });
  }

  /** Each problem next to its field; those of no field in the form, in the summary. */
  function showProblems(problems: FieldProblem[], text: string): void {
    summary.className = 'error-text edit-summary';
    summary.replaceChildren(text);
    const byField = new Map<string, string[]>();
    for (const p of problems) byField.set(p.field, [...(byField.get(p.field) ?? []), p.message]);
    let first: Control | null = null;
    for (const c of controls) {
      const messages = byField.get(c.name);
      byField.delete(c.name);
      c.error.textContent = messages?.join(' · ') ?? '';
      c.error.hidden = !messages;
      c.element.classList.toggle('invalid', Boolean(messages));
      for (const input of c.element.querySelectorAll('input, select')) input.setAttribute('aria-invalid', String(Boolean(messages)));
      if (messages && !first) first = c;
    }
    const rest = [...byField].map(([field, messages]) => el('li', {}, `${field}: ${messages.join(' · ')}`));
    if (rest.length) summary.append(el('ul', {}, ...rest));
    first?.focus();
  }
}

/** Deletes an actor after the user confirms it. */
async function removeActor(ctx: EditorContext, detail: ActorDetail): Promise<void> {
  const name = nameOf(detail.actor, ctx.store.get().lang);
  if (!(await confirmAction(editText('edit.confirmDelete', { name, ties: detail.tieCount }), editText('edit.confirmDeleteButton')))) return;
  try {
    await deleteActor(detail.actor.id, ctx.store.get().session?.csrfToken ?? null);
    ctx.store.set({ selected: null, suggestion: null, path: null });
    await ctx.onWritten(null);
    showMessage(editText('edit.deleted', { name }), { tone: 'info' });
  } catch (err) {
    await confirmAction(editText('edit.deleteFailed', { message: writeError(err) }), null);
  }
}

/** The problems of a refused edit (422 `invalid_fields`), or null for any other failure. */
export function fieldProblems(err: unknown): FieldProblem[] | null {
  if (!(err instanceof ApiError) || err.status !== 422) return null;
  const problems = (err.details as { problems?: unknown } | undefined)?.problems;
  return Array.isArray(problems) ? (problems as FieldProblem[]) : null;
}

/** A sentence for a failed write in the interface language. */
export function writeError(err: unknown): string {
  if (err instanceof ApiError && (err.status === 401 || err.status === 403)) return editText('edit.forbidden', { message: err.message });
  if (err instanceof ApiError && err.kind === 'bad-request') return editText('edit.failed', { message: err.message });
  return describeError(err, editText('edit.notOffered'));
}

/**
 * Asks the user to confirm (a modal dialog: Escape or Cancel say no); with `confirmLabel` null, it
 * only tells (one OK button). Resolves true when confirmed.
 */
export function confirmAction(text: string, confirmLabel: string | null): Promise<boolean> {
  return new Promise((resolve) => {
    const yes = el('button', { className: `button ${confirmLabel ? 'danger-fill' : 'primary'}`, type: 'button', id: 'confirm-yes' }, confirmLabel ?? 'OK');
    const no = el('button', { className: 'button', type: 'button', id: 'confirm-no' }, editText('confirm.cancel'));
    const message = el('p', { id: 'confirm-text' }, text);
    const dialog = el('dialog', { className: 'edit-dialog confirm-dialog', id: 'confirm-dialog', role: 'alertdialog', 'aria-describedby': message.id },
      message, el('div', { className: 'login-actions' }, confirmLabel ? no : '', yes));
    const back = document.activeElement as HTMLElement | null;
    let answer = false;
    yes.addEventListener('click', () => {
      answer = true;
      dialog.close();
    });
    no.addEventListener('click', () => dialog.close());
    dialog.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') e.stopPropagation();
    });
    dialog.addEventListener('close', () => {
      dialog.remove();
      back?.focus();
      resolve(answer);
    });
    document.body.append(dialog);
    dialog.showModal();
    (confirmLabel ? no : yes).focus();
  });
}

/** The stored values as the form shows them (lists as id lists, the rest as text). */
function initialValues(detail: ActorDetail | null): Record<string, string | string[]> {
  if (!detail) return { visibility: 'public', fields: [], seeks: [], clusters: [] };
  const a = detail.actor;
  const values: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(a)) {
    if (k === 'extra') continue;
    values[k] = Array.isArray(v) ? v.map(String) : v === undefined || v === null ? '' : String(v);
  }
  for (const [k, v] of Object.entries(a.extra ?? {})) values[k] = v;
  values.fields ??= [];
  values.seeks ??= [];
  values.clusters ??= [];
  values.visibility ||= 'public';
  return values;
}

function same(a: string | string[], b: string | string[]): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    const x = [...(Array.isArray(a) ? a : [a])].filter(Boolean).sort();
    const y = [...(Array.isArray(b) ? b : [b])].filter(Boolean).sort();
    return x.length === y.length && x.every((v, i) => v === y[i]);
  }
  return a.trim() === b.trim();
}

/** The control of one field: a label, the input, and the place for its problems. */
function control(data: NetworkData, lang: Lang, spec: { name: string; kind: FieldKind }, value: string | string[], required: boolean): Control {
  const id = `edit-${spec.name}`;
  const errorId = `${id}-error`;
  const error = el('p', { className: 'error-text field-error', id: errorId, role: 'status' });
  error.hidden = true;
  const labelText = editText(`field.${spec.name}` as EditorMessageKey) + (required ? ` (${editText('edit.required')})` : '');
  const text = Array.isArray(value) ? value.join(';') : value;

  if (spec.kind === 'fields' || spec.kind === 'clusters') {
    const refs = spec.kind === 'fields' ? data.reference.fields : data.reference.clusters;
    const chosen = new Set(Array.isArray(value) ? value : []);
    const known = new Set(refs.map((r) => r.id));
    const boxes = [...refs]
      .sort((a, b) => refName(a, lang).localeCompare(refName(b, lang), lang))
      .map((r) => {
        const box = el('input', { type: 'checkbox', value: r.id, id: `${id}-${r.id}` });
        box.checked = chosen.has(r.id);
        return { box, label: el('label', { className: 'facet-option', for: box.id }, box, el('span', { className: 'facet-name' }, refName(r, lang))) };
      });
    const other = el('input', { type: 'text', id: `${id}-other`, 'aria-describedby': errorId });
    other.value = [...chosen].filter((v) => !known.has(v)).join(';');
    const element = el('fieldset', { className: 'edit-field edit-choices', 'data-field': spec.name, 'aria-describedby': errorId },
      el('legend', {}, labelText),
      el('div', { className: 'edit-choice-list' }, ...boxes.map((b) => b.label)),
      el('label', { className: 'edit-other', for: other.id }, editText('field.otherFields')), other,
      error,
    );
    return {
      name: spec.name,
      element,
      error,
      read: () => [...boxes.filter((b) => b.box.checked).map((b) => b.box.value), ...splitList(other.value)],
      focus: () => (boxes[0]?.box ?? other).focus(),
    };
  }

  let input: HTMLInputElement | HTMLSelectElement;
  if (spec.kind === 'type' || spec.kind === 'prefecture' || spec.kind === 'visibility') {
    const options: [string, string][] =
      spec.kind === 'type' ? data.reference.types.map((r): [string, string] => [r.id, refName(r, lang)])
      : spec.kind === 'visibility' ? VISIBILITIES.map((v): [string, string] => [v, editText(`visibility.${v}`)])
      : [['', editText('field.none')], ...data.reference.prefectures.map((r): [string, string] => [r.id, refName(r, lang)])];
    if (spec.kind === 'type' && !text) options.unshift(['', '']);
    // A value the list does not hold (a region abroad, say) is kept as it is.
    if (text && !options.some(([v]) => v === text)) options.push([text, text]);
    input = el('select', { id, name: spec.name });
    for (const [v, label] of options) input.append(new Option(label, v, false, v === text));
  } else {
    input = el('input', { id, name: spec.name, type: spec.kind === 'number' ? 'text' : spec.kind, inputmode: spec.kind === 'number' ? 'decimal' : 'text', autocomplete: 'off' });
    input.value = text;
  }
  input.setAttribute('aria-describedby', errorId);
  if (required) input.setAttribute('aria-required', 'true');
  const element = el('div', { className: 'edit-field', 'data-field': spec.name }, el('label', { for: id }, labelText), input, error);
  const field = input;
  return { name: spec.name, element, error, read: () => field.value.trim(), focus: () => field.focus() };
}

function splitList(text: string): string[] {
  return text.split(/[;；]/).map((v) => v.trim()).filter(Boolean);
}
