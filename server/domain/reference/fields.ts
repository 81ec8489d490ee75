/**
 * Technology fields named by the Industrial Cluster Program and the strategies around it
 * (the "Strategy for Creation of New Industries" priority fields: fuel cells, robots,
 * environment/energy, information appliances, health and welfare, ...). Manufacturing technology
 * (monozukuri) is split into the three sub-fields the program's examples name: precision
 * machining, gears and moulds.
 */

/** One field. `group` gathers sub-fields under one heading (monozukuri). */
export interface Field {
  id: string;
  name: string;
  name_ja: string;
  group?: 'monozukuri';
}

export const FIELDS: readonly Field[] = [
  { id: 'fuel-cells', name: 'Fuel cells', name_ja: '燃料電池' },
  { id: 'robots', name: 'Robots', name_ja: 'ロボット' },
  { id: 'environment-energy', name: 'Environment and energy', name_ja: '環境・エネルギー' },
  { id: 'information-appliances-it', name: 'Information appliances and IT', name_ja: '情報家電・IT' },
  { id: 'content', name: 'Content', name_ja: 'コンテンツ' },
  { id: 'health-welfare-devices', name: 'Health and welfare devices', name_ja: '健康・福祉機器' },
  { id: 'advanced-medical-instruments', name: 'Advanced medical instruments', name_ja: '先端医療機器' },
  { id: 'biotechnology', name: 'Biotechnology', name_ja: 'バイオテクノロジー' },
  { id: 'nanotech-materials', name: 'Nanotechnology and materials', name_ja: 'ナノテクノロジー・材料' },
  { id: 'semiconductors', name: 'Semiconductors', name_ja: '半導体' },
  { id: 'precision-machining', name: 'Precision machining', name_ja: '精密加工', group: 'monozukuri' },
  { id: 'gears', name: 'Gears and power transmission', name_ja: '歯車・動力伝達', group: 'monozukuri' },
  { id: 'moulds', name: 'Moulds and dies', name_ja: '金型', group: 'monozukuri' },
  { id: 'recycling', name: 'Recycling', name_ja: 'リサイクル' },
  { id: 'food-local-resources', name: 'Food and local resources', name_ja: '食品・地域資源' },
  { id: 'business-support-services', name: 'Business support services', name_ja: 'ビジネス支援サービス' },
];

const BY_ID: ReadonlyMap<string, Field> = new Map(FIELDS.map((f) => [f.id, f]));

/** The field with this id ("robots"), or undefined. */
export function findField(id: string): Field | undefined {
  return BY_ID.get(id.trim().toLowerCase());
}

/** Ids of every field, in FIELDS order. */
export const FIELD_IDS: readonly string[] = FIELDS.map((f) => f.id);
