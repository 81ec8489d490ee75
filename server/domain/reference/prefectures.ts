/**
 * The 47 prefectures of Japan: JIS X 0401 code, names, capital and the capital's coordinates
 * (the prefectural government office, WGS84, 4 decimals, as published by the Geospatial
 * Information Authority of Japan).
 *
 * Region grouping follows METI's regional bureaus, because every cluster project runs through a
 * bureau and the program's figures are reported by bureau, not by the textbook eight regions:
 * - Kanto Bureau also serves Niigata, Yamanashi, Nagano and Shizuoka ("wide-area Kanto").
 * - Chubu Bureau serves Toyama, Ishikawa, Gifu, Aichi and Mie (Toyama and Ishikawa through its
 *   Hokuriku branch).
 * - Kinki Bureau serves Fukui with Shiga, Kyoto, Osaka, Hyogo, Nara and Wakayama.
 * - Okinawa is served by the Okinawa General Bureau (Cabinet Office).
 */
import type { RegionId } from './regions.ts';

/** One prefecture. `id` is the English name without suffix ("Aichi", "Tokyo", "Hokkaido"). */
export interface Prefecture {
  id: string;
  name_ja: string;
  /** JIS X 0401 code, 1..47; ISO 3166-2 is `JP-` and the code on two digits. */
  code: number;
  region: RegionId;
  capital: { name: string; name_ja: string };
  /** Coordinates of the prefectural government office in the capital. */
  lat: number;
  lon: number;
}

type Row = [id: string, nameJa: string, region: RegionId, capital: string, capitalJa: string, lat: number, lon: number];

// In JIS order: the row index plus one is the code.
const ROWS: readonly Row[] = [
  ['Hokkaido', '北海道', 'hokkaido', 'Sapporo', '札幌市', 43.0642, 141.3469],
  ['Aomori', '青森県', 'tohoku', 'Aomori', '青森市', 40.8244, 140.74],
  ['Iwate', '岩手県', 'tohoku', 'Morioka', '盛岡市', 39.7036, 141.1527],
  ['Miyagi', '宮城県', 'tohoku', 'Sendai', '仙台市', 38.2689, 140.8721],
  ['Akita', '秋田県', 'tohoku', 'Akita', '秋田市', 39.7186, 140.1024],
  ['Yamagata', '山形県', 'tohoku', 'Yamagata', '山形市', 38.2404, 140.3633],
  ['Fukushima', '福島県', 'tohoku', 'Fukushima', '福島市', 37.75, 140.4678],
  ['Ibaraki', '茨城県', 'kanto', 'Mito', '水戸市', 36.3418, 140.4468],
  ['Tochigi', '栃木県', 'kanto', 'Utsunomiya', '宇都宮市', 36.5657, 139.8836],
  ['Gunma', '群馬県', 'kanto', 'Maebashi', '前橋市', 36.3911, 139.0608],
  ['Saitama', '埼玉県', 'kanto', 'Saitama', 'さいたま市', 35.857, 139.6489],
  ['Chiba', '千葉県', 'kanto', 'Chiba', '千葉市', 35.6051, 140.1233],
  ['Tokyo', '東京都', 'kanto', 'Shinjuku, Tokyo', '東京都新宿区', 35.6895, 139.6917],
  ['Kanagawa', '神奈川県', 'kanto', 'Yokohama', '横浜市', 35.4478, 139.6425],
  ['Niigata', '新潟県', 'kanto', 'Niigata', '新潟市', 37.9026, 139.0235],
  ['Toyama', '富山県', 'chubu', 'Toyama', '富山市', 36.6953, 137.2113],
  ['Ishikawa', '石川県', 'chubu', 'Kanazawa', '金沢市', 36.5947, 136.6256],
  ['Fukui', '福井県', 'kinki', 'Fukui', '福井市', 36.0652, 136.2216],
  ['Yamanashi', '山梨県', 'kanto', 'Kofu', '甲府市', 35.6642, 138.5684],
  ['Nagano', '長野県', 'kanto', 'Nagano', '長野市', 36.6513, 138.181],
  ['Gifu', '岐阜県', 'chubu', 'Gifu', '岐阜市', 35.3912, 136.7223],
  ['Shizuoka', '静岡県', 'kanto', 'Shizuoka', '静岡市', 34.9769, 138.3831],
  ['Aichi', '愛知県', 'chubu', 'Nagoya', '名古屋市', 35.1802, 136.9066],
  ['Mie', '三重県', 'chubu', 'Tsu', '津市', 34.7303, 136.5086],
  ['Shiga', '滋賀県', 'kinki', 'Otsu', '大津市', 35.0045, 135.8686],
  ['Kyoto', '京都府', 'kinki', 'Kyoto', '京都市', 35.0214, 135.7556],
  ['Osaka', '大阪府', 'kinki', 'Osaka', '大阪市', 34.6863, 135.52],
  ['Hyogo', '兵庫県', 'kinki', 'Kobe', '神戸市', 34.6913, 135.183],
  ['Nara', '奈良県', 'kinki', 'Nara', '奈良市', 34.6851, 135.8329],
  ['Wakayama', '和歌山県', 'kinki', 'Wakayama', '和歌山市', 34.226, 135.1675],
  ['Tottori', '鳥取県', 'chugoku', 'Tottori', '鳥取市', 35.5036, 134.2383],
  ['Shimane', '島根県', 'chugoku', 'Matsue', '松江市', 35.4723, 133.0505],
  ['Okayama', '岡山県', 'chugoku', 'Okayama', '岡山市', 34.6618, 133.9344],
  ['Hiroshima', '広島県', 'chugoku', 'Hiroshima', '広島市', 34.3966, 132.4596],
  ['Yamaguchi', '山口県', 'chugoku', 'Yamaguchi', '山口市', 34.1859, 131.4714],
  ['Tokushima', '徳島県', 'shikoku', 'Tokushima', '徳島市', 34.0658, 134.5593],
  ['Kagawa', '香川県', 'shikoku', 'Takamatsu', '高松市', 34.3401, 134.0434],
  ['Ehime', '愛媛県', 'shikoku', 'Matsuyama', '松山市', 33.8417, 132.7657],
  ['Kochi', '高知県', 'shikoku', 'Kochi', '高知市', 33.5597, 133.5311],
  ['Fukuoka', '福岡県', 'kyushu', 'Fukuoka', '福岡市', 33.6064, 130.4181],
  ['Saga', '佐賀県', 'kyushu', 'Saga', '佐賀市', 33.2494, 130.2988],
  ['Nagasaki', '長崎県', 'kyushu', 'Nagasaki', '長崎市', 32.7448, 129.8737],
  ['Kumamoto', '熊本県', 'kyushu', 'Kumamoto', '熊本市', 32.7898, 130.7417],
  ['Oita', '大分県', 'kyushu', 'Oita', '大分市', 33.2382, 131.6126],
  ['Miyazaki', '宮崎県', 'kyushu', 'Miyazaki', '宮崎市', 31.9111, 131.4239],
  ['Kagoshima', '鹿児島県', 'kyushu', 'Kagoshima', '鹿児島市', 31.5602, 130.5581],
  ['Okinawa', '沖縄県', 'okinawa', 'Naha', '那覇市', 26.2124, 127.6809],
];

export const PREFECTURES: readonly Prefecture[] = ROWS.map(([id, nameJa, region, capital, capitalJa, lat, lon], i) => ({
  id,
  name_ja: nameJa,
  code: i + 1,
  region,
  capital: { name: capital, name_ja: capitalJa },
  lat,
  lon,
}));

/** ISO 3166-2 subdivision code of a prefecture: "JP-23". */
export function isoCode(p: Prefecture): string {
  return `JP-${String(p.code).padStart(2, '0')}`;
}

/**
 * Latin spellings are compared without diacritics, case, spaces or long-vowel marks, so that
 * "Tōkyō", "Toukyou" and "TOKYO" meet. No two prefecture ids collide under this folding.
 */
function foldLatin(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\s_.]+/g, '')
    .replace(/ou/g, 'o')
    .replace(/oo/g, 'o')
    .replace(/uu/g, 'u');
}

const BY_LATIN = new Map<string, Prefecture>();
const BY_JAPANESE = new Map<string, Prefecture>();
const BY_CODE = new Map<number, Prefecture>();
for (const p of PREFECTURES) {
  BY_LATIN.set(foldLatin(p.id), p);
  BY_JAPANESE.set(p.name_ja, p);
  // 北海道 keeps its name whole; the others are also known without 県/都/府.
  if (p.id !== 'Hokkaido') BY_JAPANESE.set(p.name_ja.slice(0, -1), p);
  BY_CODE.set(p.code, p);
}
BY_LATIN.set('hokkai', BY_LATIN.get('hokkaido')!); // "Hokkai-do" once the suffix is cut.
BY_LATIN.set('gumma', BY_LATIN.get('gunma')!); // older Hepburn spelling

/** Suffixes written after a Latin name: Aichi-ken, Aichi Prefecture, Tokyo-to, Osaka-fu, Hokkai-do. */
const LATIN_SUFFIX = /[\s-]*(prefecture|pref\.?|metropolis|metropolitan|ken|to|fu|do)$/i;

/**
 * The prefecture named by `text`, or undefined. Accepts the English id in any case ("aichi"),
 * with a suffix ("Aichi-ken", "Aichi Prefecture", "Tokyo-to", "Osaka-fu", "Kyoto-fu"), with
 * macrons ("Hyōgo"), the Japanese name with or without 県/都/府 ("愛知県", "愛知", "北海道"), and
 * the ISO 3166-2 code ("JP-23").
 */
export function findPrefecture(text: string): Prefecture | undefined {
  const t = text.normalize('NFKC').trim();
  if (t === '') return undefined;

  const iso = /^jp-?(\d{1,2})$/i.exec(t);
  if (iso) return BY_CODE.get(Number(iso[1]));

  const ja = BY_JAPANESE.get(t);
  if (ja) return ja;

  const latin = BY_LATIN.get(foldLatin(t));
  if (latin) return latin;
  // Only cut a suffix when the whole text did not match: "Kyoto" must not become "Kyo".
  const stem = t.replace(/^prefecture\s+of\s+/i, '').replace(LATIN_SUFFIX, '');
  return stem === t ? undefined : BY_LATIN.get(foldLatin(stem));
}

/** The prefecture with this JIS code (1..47), or undefined. */
export function prefectureByCode(code: number): Prefecture | undefined {
  return BY_CODE.get(code);
}
