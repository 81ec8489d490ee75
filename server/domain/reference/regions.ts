/**
 * The nine regions of the Industrial Cluster Program. Each region is served by one of METI's
 * regional Bureaus of Economy, Trade and Industry (Okinawa by the Cabinet Office's Okinawa General
 * Bureau), and each cluster project runs through the bureau of its region.
 */

export const REGION_IDS = [
  'hokkaido', 'tohoku', 'kanto', 'chubu', 'kinki', 'chugoku', 'shikoku', 'kyushu', 'okinawa',
] as const;
export type RegionId = (typeof REGION_IDS)[number];

/** One region of the program and the bureau that serves it. */
export interface Region {
  id: RegionId;
  name: string;
  name_ja: string;
  /** The regional bureau that runs the region's cluster projects. */
  bureau: string;
  bureau_ja: string;
}

export const REGIONS: readonly Region[] = [
  {
    id: 'hokkaido', name: 'Hokkaido', name_ja: '北海道',
    bureau: 'Hokkaido Bureau of Economy, Trade and Industry', bureau_ja: '北海道経済産業局',
  },
  {
    id: 'tohoku', name: 'Tohoku', name_ja: '東北',
    bureau: 'Tohoku Bureau of Economy, Trade and Industry', bureau_ja: '東北経済産業局',
  },
  {
    id: 'kanto', name: 'Kanto', name_ja: '関東',
    bureau: 'Kanto Bureau of Economy, Trade and Industry', bureau_ja: '関東経済産業局',
  },
  {
    id: 'chubu', name: 'Chubu', name_ja: '中部',
    bureau: 'Chubu Bureau of Economy, Trade and Industry', bureau_ja: '中部経済産業局',
  },
  {
    id: 'kinki', name: 'Kinki (Kansai)', name_ja: '近畿',
    bureau: 'Kinki Bureau of Economy, Trade and Industry', bureau_ja: '近畿経済産業局',
  },
  {
    id: 'chugoku', name: 'Chugoku', name_ja: '中国',
    bureau: 'Chugoku Bureau of Economy, Trade and Industry', bureau_ja: '中国経済産業局',
  },
  {
    id: 'shikoku', name: 'Shikoku', name_ja: '四国',
    bureau: 'Shikoku Bureau of Economy, Trade and Industry', bureau_ja: '四国経済産業局',
  },
  {
    id: 'kyushu', name: 'Kyushu', name_ja: '九州',
    bureau: 'Kyushu Bureau of Economy, Trade and Industry', bureau_ja: '九州経済産業局',
  },
  {
    id: 'okinawa', name: 'Okinawa', name_ja: '沖縄',
    bureau: 'Okinawa General Bureau, Department of Economy, Trade and Industry',
    bureau_ja: '内閣府沖縄総合事務局経済産業部',
  },
];

const BY_ID: ReadonlyMap<string, Region> = new Map(REGIONS.map((r) => [r.id, r]));

/** The region with this id ("kanto"), or undefined. */
export function findRegion(id: string): Region | undefined {
  return BY_ID.get(id.trim().toLowerCase());
}

/** True when the text is one of the nine region ids. */
export function isRegionId(id: string): id is RegionId {
  return BY_ID.has(id);
}
