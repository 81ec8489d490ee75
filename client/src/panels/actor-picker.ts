/**
 * Picking actors by name as one types, in English or Japanese (an ARIA combobox, like the top
 * bar's search): the caller says where names are looked up (the server's actor search, or a list
 * already at hand such as an event's participants). Arrow keys move through the options, Enter
 * takes the one highlighted, Escape closes the list (and then clears what was typed); with
 * `multiple` several actors are taken one after the other and shown as chips that can be removed
 * (Backspace in the empty box removes the last one).
 */
import { listbox } from './listbox.ts';
import type { Lang } from '../data/state.ts';
import { el, nameOf } from '../dom.ts';
import { moduleMessages } from '../i18n/i18n.ts';

/** One actor offered; `unavailable` says why it cannot be taken (shown, skipped by the keys). */
export interface PickerItem {
  id: string;
  name: string;
  name_ja?: string;
  /** A second line: the other language's name, the type, the place. */
  sub?: string;
  unavailable?: string;
}

export interface ActorPickerOptions {
  /** The input's id; the list, chips and note take ids from it. */
  id: string;
  label: string;
  lang: Lang;
  multiple: boolean;
  /** Options for what was typed (already trimmed, not empty), best first. */
  search(query: string, signal: AbortSignal): Promise<PickerItem[]>;
  onChange?(chosen: readonly PickerItem[]): void;
  /** Milliseconds to wait after a key before searching (150). */
  delay?: number;
}

export interface ActorPicker {
  element: HTMLElement;
  input: HTMLInputElement;
  chosen(): PickerItem[];
  clear(): void;
}

const pt = moduleMessages<'none' | 'failed' | 'remove' | 'chosen' | 'searching'>(
  { none: 'No actor matches “{q}”.', failed: 'Search failed: {message}', remove: 'Remove {name}', chosen: 'Chosen', searching: 'Searching…' },
  { none: '「{q}」に一致するアクターはありません。', failed: '検索に失敗しました：{message}', remove: '{name}を外す', chosen: '選択中', searching: '検索中…' },
);

/** The option highlighted after an arrow key: the next one that can be taken, wrapping; -1 when none can. */
export function stepActive(items: readonly PickerItem[], active: number, delta: 1 | -1): number {
  const n = items.length;
  for (let k = 1; k <= n; k++) {
    const i = (((active < 0 && delta < 0 ? 0 : active) + delta * k) % n + n) % n;
    if (!items[i].unavailable) return i;
  }
  return -1;
}

/** The first option that can be taken, or -1. */
export const firstActive = (items: readonly PickerItem[]) => items.findIndex((x) => !x.unavailable);

/** The actors chosen after taking `item`: added once (multiple) or instead of the one before. */
export function withChoice(chosen: readonly PickerItem[], item: PickerItem, multiple: boolean): PickerItem[] {
  if (!multiple) return [item];
  return chosen.some((c) => c.id === item.id) ? [...chosen] : [...chosen, item];
}

/**
 * Matches among actors at hand for `query`: names (either language) that start with it first,
 * then those that contain it, case-insensitive, at most `limit`.
 */
export function matchByName<T extends { name: string; name_ja?: string }>(items: readonly T[], query: string, limit = 8): T[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const starts: T[] = [];
  const contains: T[] = [];
  for (const item of items) {
    const names = [item.name.toLowerCase(), (item.name_ja ?? '').toLowerCase()];
    if (names.some((n) => n.startsWith(q))) starts.push(item);
    else if (names.some((n) => n.includes(q))) contains.push(item);
  }
  return [...starts, ...contains].slice(0, limit);
}

export function createActorPicker(options: ActorPickerOptions): ActorPicker {
  const { id, lang } = options;
  const listId = `${id}-list`;
  const input = el('input', { id, type: 'text', autocomplete: 'off', spellcheck: 'false', role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': listId, 'aria-describedby': `${id}-note` });
  const list = el('ul', { id: listId, className: 'search-list picker-list', role: 'listbox', 'aria-label': options.label });
  list.hidden = true;
  const chips = el('ul', { id: `${id}-chosen`, className: 'chips picker-chosen', 'aria-label': pt('chosen') });
  const note = el('p', { id: `${id}-note`, className: 'muted picker-note', 'aria-live': 'polite' });
  const element = el('div', { className: 'ev-field actor-picker' }, el('label', { for: id }, options.label), chips, el('div', { className: 'picker-box' }, input, list), note);

  let chosen: PickerItem[] = [];
  let items: PickerItem[] = [];
  let active = -1;
  let controller: AbortController | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  function renderChips(): void {
    chips.replaceChildren(...chosen.map((c) => {
      const name = nameOf(c, lang);
      const remove = el('button', { type: 'button', className: 'link-button picker-remove', 'aria-label': pt('remove', { name }) }, '×');
      remove.addEventListener('click', () => {
        chosen = chosen.filter((x) => x.id !== c.id);
        renderChips();
        options.onChange?.(chosen);
        input.focus();
      });
      return el('li', { className: 'chip', 'data-id': c.id }, name, ' ', remove);
    }));
    chips.hidden = !chosen.length;
  }

  const box = listbox(input, list, note, (i) => `${id}-option-${i}`, (i) => choose(i));

  function render(found: PickerItem[], query: string): void {
    items = found;
    active = firstActive(items);
    box.show(
      items.map((item) =>
        el('li', { 'data-id': item.id, ...(item.unavailable ? { 'aria-disabled': 'true' } : {}) },
          el('span', { className: 'option-text' },
            el('span', { className: 'option-name' }, nameOf(item, lang)),
            el('span', { className: 'option-sub' }, [item.sub, item.unavailable].filter(Boolean).join(' · ')),
          ),
        ),
      ),
      query ? pt('none', { q: query }) : undefined,
    );
    box.highlight(active);
  }

  function highlight(): void {
    box.highlight(active);
  }

  function close(): void {
    box.close();
  }

  function reset(): void {
    input.value = '';
    items = [];
    close();
    note.textContent = '';
    renderChips();
    options.onChange?.(chosen);
  }

  function choose(i: number): void {
    const item = items[i];
    if (!item || item.unavailable) return;
    chosen = withChoice(chosen, item, options.multiple);
    reset();
  }

  async function query(q: string): Promise<void> {
    controller?.abort();
    const c = (controller = new AbortController());
    note.textContent = pt('searching');
    try {
      const found = await options.search(q, c.signal);
      if (c.signal.aborted || input.value.trim() !== q) return;
      render(found, q);
    } catch (err) {
      if (c.signal.aborted || (err as Error).name === 'AbortError') return;
      note.textContent = pt('failed', { message: (err as Error).message });
    }
  }

  input.addEventListener('input', () => {
    const q = input.value.trim();
    clearTimeout(timer);
    controller?.abort();
    if (!q) {
      render([], '');
      return;
    }
    timer = setTimeout(() => void query(q), options.delay ?? 150);
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (!items.length) return;
      e.preventDefault();
      if (list.hidden) {
        list.hidden = false;
        input.setAttribute('aria-expanded', 'true');
      } else active = stepActive(items, active, e.key === 'ArrowDown' ? 1 : -1);
      highlight();
    } else if (e.key === 'Enter') {
      // With something typed, Enter takes the option (never sends the form with a half-typed name).
      if (!input.value.trim()) return;
      e.preventDefault();
      if (!list.hidden && active >= 0) choose(active);
    } else if (e.key === 'Escape') {
      if (!list.hidden) close();
      else if (input.value) {
        input.value = '';
        note.textContent = '';
        items = [];
      } else return;
      e.preventDefault();
      e.stopPropagation();
    } else if (e.key === 'Backspace' && !input.value && options.multiple && chosen.length) {
      chosen = chosen.slice(0, -1);
      renderChips();
      options.onChange?.(chosen);
    }
  });
  input.addEventListener('blur', () => setTimeout(close, 100));
  renderChips();

  return {
    element,
    input,
    chosen: () => [...chosen],
    clear() {
      chosen = [];
      reset();
    },
  };
}
