/**
 * The map view's words: its messages are in i18n/i18n.ts (`map.*`); here the credit the map's
 * source asks for wherever the map is shown (japan-prefectures.README.md), and the measure names.
 */
import type { Lang } from '../data/state.ts';
import { translate, type MessageKey } from '../i18n/i18n.ts';
import type { MapMeasure } from './map-measures.ts';

/** The source's credit, in both languages as its terms write it. */
export const MAP_CREDIT = '出典：地球地図日本（国土地理院） / Source: Global Map Japan, GSI';

export function mapText(lang: Lang, key: MessageKey, values: Record<string, string> = {}): string {
  return translate(lang, key, values);
}

export function measureName(lang: Lang, measure: MapMeasure): string {
  return translate(lang, `map.measure.${measure}`);
}
