/**
 * What the dashboard, the community panel, the filter sidebar and the saved PNG share: a message
 * in a given language (the messages are in i18n/i18n.ts), and shares written as percentages.
 */
import { translate, type MessageKey } from '../i18n/i18n.ts';
import type { Lang } from '../data/state.ts';

export type DashboardMessageKey = MessageKey;

/** The message in `lang`, with `{name}` placeholders filled in (numbers formatted for the language). */
export const text = (lang: Lang, key: MessageKey, values: Record<string, string | number> = {}): string => translate(lang, key, values);

/** A share as a whole percentage ("34%"), or "<1%" for a share that would round to 0. */
export function percent(share: number): string {
  const p = Math.round(share * 100);
  return p === 0 && share > 0 ? '<1%' : `${p}%`;
}
