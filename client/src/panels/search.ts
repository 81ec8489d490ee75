/**
 * Search with suggestions as one types, in English and Japanese (an ARIA combobox). Names in the
 * drawn network are matched at once in the browser; the server's full-text search (which ranks
 * by relevance and knows Japanese word parts) answers a moment later and comes first. Choosing an
 * actor selects it: the camera moves to it and its neighbourhood is highlighted.
 */
import { searchActors, type ActorSummary } from '../data/api.ts';
import { typeColor } from '../graph/colors.ts';
import { t } from '../i18n/i18n.ts';
import { actorName, refName, type NetworkData } from '../data/network-data.ts';
import type { Store } from '../data/state.ts';
import { listbox } from './listbox.ts';

const LIMIT = 8;

export interface SearchOptions {
  onChoose(id: string): void;
}

export function createSearch(root: HTMLElement, data: NetworkData, store: Store, options: SearchOptions): () => void {
  root.innerHTML = `
    <input id="search-input" type="search" autocomplete="off" spellcheck="false" role="combobox"
      aria-autocomplete="list" aria-expanded="false" aria-controls="search-list" />
    <ul id="search-list" class="search-list" role="listbox" hidden></ul>
    <div class="search-note" id="search-note" aria-live="polite"></div>`;
  const input = root.querySelector<HTMLInputElement>('#search-input')!;
  const list = root.querySelector<HTMLUListElement>('#search-list')!;
  const note = root.querySelector<HTMLDivElement>('#search-note')!;
  let items: string[] = [];
  let active = -1;
  let controller: AbortController | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const translate = () => {
    input.placeholder = t('search.placeholder');
    input.setAttribute('aria-label', t('search.label'));
  };
  translate();

  function localMatches(q: string): string[] {
    const needle = q.toLowerCase();
    const starts: string[] = [];
    const contains: string[] = [];
    data.graph.forEachNode((id, a) => {
      if (starts.length >= LIMIT) return;
      const en = a.label.toLowerCase();
      if (en.startsWith(needle) || a.name_ja.startsWith(q)) starts.push(id);
      else if (contains.length < LIMIT && (en.includes(needle) || a.name_ja.includes(q))) contains.push(id);
    });
    return [...starts, ...contains].slice(0, LIMIT);
  }

  const box = listbox(input, list, note, (i) => `search-option-${i}`, (i) => choose(i));

  function render(ids: string[], query: string): void {
    items = ids.filter((id) => data.graph.hasNode(id));
    active = items.length ? 0 : -1;
    const lang = store.get().lang;
    box.show(
      items.map((id) => {
        const a = data.graph.getNodeAttributes(id);
        const li = document.createElement('li');
        li.dataset.id = id;
        const other = lang === 'ja' ? a.label : a.name_ja;
        const place = a.prefecture >= 0 ? refName(data.reference.prefectures[a.prefecture], lang) : a.country;
        li.innerHTML = `<span class="dot"></span><span class="option-text"><span class="option-name"></span><span class="option-sub"></span></span>`;
        li.querySelector<HTMLElement>('.dot')!.style.background = typeColor(data, a.actorType);
        li.querySelector('.option-name')!.textContent = actorName(a, lang);
        li.querySelector('.option-sub')!.textContent = [other, place, a.hidden ? t('search.hidden') : ''].filter(Boolean).join(' · ');
        return li;
      }),
      query ? t('search.none', { q: query }) : undefined,
    );
    box.highlight(active);
  }

  function highlight(): void {
    box.highlight(active);
  }

  function choose(i: number): void {
    const id = items[i];
    if (!id) return;
    input.value = actorName(data.graph.getNodeAttributes(id), store.get().lang);
    close();
    options.onChoose(id);
  }

  function close(): void {
    box.close();
    note.textContent = '';
  }

  async function query(q: string): Promise<void> {
    controller?.abort();
    controller = new AbortController();
    try {
      const { items: found } = await searchActors(q, controller.signal);
      if (input.value.trim() !== q) return;
      const server = found.map((a: ActorSummary) => a.id);
      render([...new Set([...server, ...localMatches(q)])].slice(0, LIMIT), q);
    } catch (err) {
      if ((err as Error).name === 'AbortError') return;
      // The local matches stay; say why the server's are missing.
      note.textContent = t('search.failed', { message: (err as Error).message });
    }
  }

  input.addEventListener('input', () => {
    const q = input.value.trim();
    clearTimeout(timer);
    if (!q) {
      render([], '');
      return;
    }
    render(localMatches(q), '');
    timer = setTimeout(() => void query(q), 150);
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (!items.length) return;
      e.preventDefault();
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
      active = (active + (e.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length;
      highlight();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (active >= 0) choose(active);
    } else if (e.key === 'Escape') {
      if (!list.hidden) {
        e.stopPropagation();
        close();
      }
    }
  });
  input.addEventListener('blur', () => setTimeout(close, 100));

  const onKey = (e: KeyboardEvent) => {
    const target = e.target as HTMLElement;
    if (e.key === '/' && !['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) {
      e.preventDefault();
      input.focus();
      input.select();
    }
  };
  document.addEventListener('keydown', onKey);
  const unsubscribe = store.subscribe((s, prev) => {
    if (s.lang !== prev.lang) translate();
  });
  return () => {
    document.removeEventListener('keydown', onKey);
    unsubscribe();
  };
}
