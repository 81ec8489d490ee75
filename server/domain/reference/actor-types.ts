/**
 * The names of the six actor types, in English and Japanese: as a group (a heading, a legend,
 * a metrics row) and as one actor inside a sentence (a suggestion's reason).
 */
import type { ActorType } from '../model.ts';

export interface ActorTypeNames {
  /** The group: "Financial institutions" / 金融機関. */
  name: string;
  name_ja: string;
  /** One of them inside a sentence: "a financial institution" / 金融機関の…. */
  one: { en: string; ja: string };
}

export const ACTOR_TYPE_NAMES: Readonly<Record<ActorType, ActorTypeNames>> = {
  Enterprise: { name: 'Enterprises', name_ja: '企業', one: { en: 'enterprise', ja: '企業' } },
  University: { name: 'Universities and technical colleges', name_ja: '大学・高専', one: { en: 'university', ja: '大学' } },
  ResearchInstitute: { name: 'Public research institutes', name_ja: '公設試験研究機関', one: { en: 'research institute', ja: '研究機関' } },
  IncubationManager: { name: 'Incubation managers', name_ja: 'インキュベーション・マネージャー', one: { en: 'incubation manager', ja: 'インキュベーション・マネージャー' } },
  FinancialInstitution: { name: 'Financial institutions', name_ja: '金融機関', one: { en: 'financial institution', ja: '金融機関' } },
  SupportOrganization: { name: 'Support organisations', name_ja: '支援機関', one: { en: 'support organisation', ja: '支援機関' } },
};
