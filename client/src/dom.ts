/**
 * Small DOM helpers: building elements with text children only (never HTML from data, so names
 * from a user's import cannot inject markup), and the chips of named references.
 */
import type { Lang } from './data/state.ts';

type Child = Node | string | null | undefined | false;

/** An element with attributes (`className`, `style` as text, others as attributes) and children. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'className') node.className = v;
    else if (k === 'style') node.setAttribute('style', v);
    else node.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false && c !== '') node.append(c);
  return node;
}

/** A name in the interface language, falling back to the other one. */
export function nameOf(item: { name: string; name_ja?: string }, lang: Lang): string {
  return lang === 'ja' && item.name_ja ? item.name_ja : item.name;
}

/** A row of chips for named references, or a muted "none". */
export function chips(items: readonly { id: string; name: string; name_ja?: string }[], lang: Lang, none: string): HTMLElement {
  if (!items.length) return el('p', { className: 'muted' }, none);
  return el('ul', { className: 'chips' }, ...items.map((i) => el('li', { className: 'chip', title: i.id }, nameOf(i, lang))));
}

/** Triggers a download of `content` under `filename`. */
export function download(filename: string, content: Blob): void {
  const url = URL.createObjectURL(content);
  const a = el('a', { href: url, download: filename });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Resolves when the browser is idle, at the latest after `timeoutMs`: work no frame needs waits
 * until the frames that show a click's effect are drawn (right after them, on an idle page).
 */
export function whenIdle(timeoutMs = 150): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: timeoutMs });
    else setTimeout(resolve, 0);
  });
}
