/**
 * The target chooser's words (target-chooser.ts), in English and Japanese.
 */
import { moduleMessages } from '../i18n/i18n.ts';

const en = {
  'look.title': 'Look for',
  'look.group.academia': 'Universities and research institutes',
  'look.group.enterprises': 'Enterprises',
  'look.group.lenders': 'Lenders',
  'look.group.incubation': 'Incubation managers',
  'look.group.support': 'Support bodies',
  'look.usual': 'Nothing chosen: the usual partners for this actor ({types}).',
  'look.usualUnknown': 'Nothing chosen: the usual partners for this actor.',
  'look.region': 'Region',
  'look.country': 'Country',
  'look.distance': 'Within',
  'look.field': 'Field',
  'look.any': 'any',
  'look.anyDistance': 'any distance',
  'look.km': '{km} km',
  'look.noPlace': 'Distance: this actor has no location.',
  'look.reset': 'Reset',
  'look.resetTitle': 'Back to the usual partners, anywhere, in any field',
  'look.japan': 'Japan',
} as const;

export type TargetMessageKey = keyof typeof en;

const ja: Record<TargetMessageKey, string> = {
  'look.title': '探す相手',
  'look.group.academia': '大学・研究機関',
  'look.group.enterprises': '企業',
  'look.group.lenders': '金融機関',
  'look.group.incubation': 'インキュベーション・マネージャー',
  'look.group.support': '支援機関',
  'look.usual': '未選択：このアクターの通常の連携先（{types}）。',
  'look.usualUnknown': '未選択：このアクターの通常の連携先。',
  'look.region': '地域',
  'look.country': '国',
  'look.distance': '距離',
  'look.field': '分野',
  'look.any': '指定なし',
  'look.anyDistance': '指定なし',
  'look.km': '{km} km以内',
  'look.noPlace': '距離：このアクターには所在地がありません。',
  'look.reset': 'リセット',
  'look.resetTitle': '通常の連携先・全地域・全分野に戻す',
  'look.japan': '日本',
};

export const lookText = moduleMessages(en, ja);
