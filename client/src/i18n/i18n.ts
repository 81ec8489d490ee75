/**
 * The interface in English and Japanese. Static text in index.html carries `data-i18n` (text),
 * `data-i18n-title`, `data-i18n-placeholder` or `data-i18n-aria` attributes naming a key;
 * modules ask `t(key, values)` for the rest. Names of actors, regions, clusters and fields come
 * with both names from the server.
 */
import { rememberLang, type Lang, type Store } from '../data/state.ts';
import { en, type MessageKey } from './messages-en.ts';
import { ja } from './messages-ja.ts';

export type { MessageKey };

const MESSAGES: Record<Lang, Record<MessageKey, string>> = { en, ja };

/**
 * The interface language is the store's (`ViewState.lang`); the document's `lang` attribute shows
 * it, and `t` reads it from there, so no module keeps a copy that could lag behind.
 */
function documentLang(): Lang {
  return typeof document !== 'undefined' && document.documentElement.lang === 'ja' ? 'ja' : 'en';
}

/**
 * Follows the store's language: the document's `lang`, the static text, the remembered choice.
 * Subscribed before any other listener, so every later listener already translates into the new
 * language (the legend used to keep its English title until the next change).
 */
export function followLanguage(store: Store): () => void {
  const apply = (lang: Lang) => {
    document.documentElement.lang = lang;
    translateStatic();
  };
  apply(store.get().lang);
  return store.subscribe((state, previous) => {
    if (state.lang === previous.lang) return;
    apply(state.lang);
    rememberLang(state.lang);
  });
}

/** The message in the interface language, with `{name}` placeholders filled in. */
export function t(key: MessageKey, values: Record<string, string | number> = {}): string {
  return translate(documentLang(), key, values);
}

/** The message in `lang`, with `{name}` placeholders filled in (numbers formatted for the language). */
export function translate(lang: Lang, key: MessageKey, values: Record<string, string | number> = {}): string {
  const text = MESSAGES[lang][key] ?? en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_m, name: string) => (name in values ? formatValue(values[name]) : `{${name}}`));
}

/**
 * A module's own messages in English and Japanese, kept beside the module (import screen, editors,
 * audit log…) instead of in the lists above: a `t` for its keys, in the interface language.
 */
export function moduleMessages<K extends string>(enText: Record<K, string>, jaText: Record<K, string>): (key: K, values?: Record<string, string | number>) => string {
  return (key, values = {}) => {
    const text = (documentLang() === 'ja' ? jaText : enText)[key] ?? enText[key] ?? key;
    return text.replace(/\{(\w+)\}/g, (_m, name: string) => (name in values ? formatValue(values[name]) : `{${name}}`));
  };
}

export function formatValue(v: string | number): string {
  return typeof v === 'number' ? v.toLocaleString(documentLang() === 'ja' ? 'ja-JP' : 'en-GB') : v;
}

/** Fills every element marked with data-i18n attributes under `root`. */
export function translateStatic(root: ParentNode = document): void {
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n]')) el.textContent = t(el.dataset.i18n as MessageKey);
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n-title]')) el.title = t(el.dataset.i18nTitle as MessageKey);
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n-aria]')) el.setAttribute('aria-label', t(el.dataset.i18nAria as MessageKey));
  for (const el of root.querySelectorAll<HTMLInputElement>('[data-i18n-placeholder]')) el.placeholder = t(el.dataset.i18nPlaceholder as MessageKey);
  document.title = t('app.title');
}
