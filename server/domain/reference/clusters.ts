/**
 * The 17 cluster projects of the Industrial Cluster Program, Phase II (2006-2010), reorganised
 * from Phase I's 19. Counts per region are as published: Hokkaido 1, Tohoku 1, Kanto 3, Chubu 3,
 * Kinki 3, Chugoku 2, Shikoku 1, Kyushu 2, Okinawa 1.
 *
 * `naming: 'reported'` marks names commonly reported for the project (DOMAIN.md, the Phase II
 * document, METI bureau and SMRJ J-Net21 pages). Where the title is not certain the name only
 * says the region and the field (`naming: 'descriptive'`); it is not an official title.
 * `fields` are the project's main technology fields; `prefectures` are where its members mainly
 * are (the bureau's area the project draws on), not a legal boundary.
 */
import { REGIONS, type RegionId } from './regions.ts';

export interface ClusterProject {
  id: string;
  name: string;
  name_ja: string;
  region: RegionId;
  /** The METI regional bureau that runs the project. */
  bureau: string;
  fields: readonly string[];
  prefectures: readonly string[];
  naming: 'reported' | 'descriptive';
}

type Draft = Omit<ClusterProject, 'bureau'>;

const KANTO_CAPITAL = ['Tokyo', 'Kanagawa', 'Saitama', 'Chiba'];
const TOHOKU = ['Aomori', 'Iwate', 'Miyagi', 'Akita', 'Yamagata', 'Fukushima'];
const TOKAI = ['Aichi', 'Gifu', 'Mie'];
const KANSAI_CORE = ['Osaka', 'Kyoto', 'Hyogo', 'Shiga', 'Nara'];
const CHUGOKU = ['Hiroshima', 'Okayama', 'Yamaguchi', 'Tottori', 'Shimane'];
const SHIKOKU = ['Tokushima', 'Kagawa', 'Ehime', 'Kochi'];
const KYUSHU = ['Fukuoka', 'Saga', 'Nagasaki', 'Kumamoto', 'Oita', 'Miyazaki', 'Kagoshima'];

const DRAFTS: readonly Draft[] = [
  {
    id: 'hokkaido-super-cluster', name: 'Hokkaido Super Cluster', name_ja: '北海道スーパー・クラスター',
    region: 'hokkaido', naming: 'reported',
    fields: ['information-appliances-it', 'biotechnology', 'food-local-resources'],
    prefectures: ['Hokkaido'],
  },
  {
    id: 'tohoku-manufacturing-corridor', name: 'TOHOKU Manufacturing Corridor', name_ja: 'TOHOKUものづくりコリドー',
    region: 'tohoku', naming: 'reported',
    fields: ['precision-machining', 'moulds', 'semiconductors', 'information-appliances-it', 'nanotech-materials', 'advanced-medical-instruments'],
    prefectures: TOHOKU,
  },
  {
    // TAMA (western Tokyo, central Kanagawa, south-western Saitama) is the model case of the
    // Kanto Bureau's regional industry revitalisation project, which also ran networks along the
    // Chuo Expressway, in San-En-Nanshin, Tokatsu-Kawaguchi-Tsukuba and the northern capital region.
    id: 'tama', name: 'TAMA (Technology Advanced Metropolitan Area) and Kanto regional industry networks',
    name_ja: '首都圏西部（TAMA）ほか地域産業活性化プロジェクト',
    region: 'kanto', naming: 'reported',
    fields: ['precision-machining', 'moulds', 'gears', 'information-appliances-it', 'robots', 'advanced-medical-instruments'],
    prefectures: ['Tokyo', 'Kanagawa', 'Saitama', 'Chiba', 'Ibaraki', 'Tochigi', 'Gunma', 'Yamanashi', 'Nagano', 'Shizuoka'],
  },
  {
    id: 'kanto-bio', name: 'Kanto regional cluster (biotechnology)', name_ja: '関東地域クラスター（バイオ）',
    region: 'kanto', naming: 'descriptive',
    fields: ['biotechnology', 'advanced-medical-instruments', 'health-welfare-devices'],
    prefectures: [...KANTO_CAPITAL, 'Ibaraki'],
  },
  {
    id: 'kanto-it', name: 'Kanto regional cluster (IT and content)', name_ja: '関東地域クラスター（IT・コンテンツ）',
    region: 'kanto', naming: 'descriptive',
    fields: ['information-appliances-it', 'content'],
    prefectures: KANTO_CAPITAL,
  },
  {
    id: 'tokai-monozukuri', name: 'Greater Nagoya / Tokai manufacturing project', name_ja: '東海ものづくり創生プロジェクト',
    region: 'chubu', naming: 'reported',
    fields: ['precision-machining', 'gears', 'moulds', 'robots', 'fuel-cells', 'nanotech-materials'],
    prefectures: TOKAI,
  },
  {
    id: 'chubu-bio', name: 'Chubu regional cluster (biotechnology)', name_ja: '中部地域クラスター（バイオ）',
    region: 'chubu', naming: 'descriptive',
    fields: ['biotechnology', 'advanced-medical-instruments', 'food-local-resources'],
    prefectures: [...TOKAI, 'Toyama', 'Ishikawa'],
  },
  {
    id: 'hokuriku-monozukuri', name: 'Hokuriku regional cluster (manufacturing)', name_ja: '北陸地域クラスター（ものづくり）',
    region: 'chubu', naming: 'descriptive',
    fields: ['precision-machining', 'nanotech-materials', 'information-appliances-it', 'health-welfare-devices'],
    prefectures: ['Toyama', 'Ishikawa'],
  },
  {
    id: 'kansai-bio', name: 'Kansai bio cluster project', name_ja: '関西バイオクラスタープロジェクト',
    region: 'kinki', naming: 'reported',
    fields: ['biotechnology', 'advanced-medical-instruments', 'health-welfare-devices'],
    prefectures: KANSAI_CORE,
  },
  {
    id: 'kansai-energy-environment', name: 'Kansai energy and environment cluster project',
    name_ja: '関西エネルギー・環境クラスタープロジェクト',
    region: 'kinki', naming: 'reported',
    fields: ['environment-energy', 'fuel-cells', 'recycling', 'nanotech-materials'],
    prefectures: [...KANSAI_CORE, 'Fukui', 'Wakayama'],
  },
  {
    id: 'kansai-front-runner', name: 'Kansai front runner project', name_ja: '関西フロントランナープロジェクト',
    region: 'kinki', naming: 'reported',
    fields: ['information-appliances-it', 'robots', 'nanotech-materials', 'semiconductors', 'precision-machining'],
    prefectures: [...KANSAI_CORE, 'Fukui', 'Wakayama'],
  },
  {
    id: 'chugoku-machinery', name: 'Chugoku regional cluster (machinery)', name_ja: '中国地域クラスター（機械）',
    region: 'chugoku', naming: 'descriptive',
    fields: ['precision-machining', 'gears', 'moulds', 'semiconductors', 'information-appliances-it'],
    prefectures: CHUGOKU,
  },
  {
    id: 'chugoku-environment', name: 'Chugoku regional cluster (environment and recycling)',
    name_ja: '中国地域クラスター（環境・リサイクル）',
    region: 'chugoku', naming: 'descriptive',
    fields: ['environment-energy', 'recycling', 'nanotech-materials'],
    prefectures: CHUGOKU,
  },
  {
    id: 'shikoku-techno-bridge', name: 'Shikoku Techno Bridge', name_ja: '四国テクノブリッジ計画',
    region: 'shikoku', naming: 'reported',
    fields: ['nanotech-materials', 'health-welfare-devices', 'biotechnology', 'food-local-resources', 'precision-machining'],
    prefectures: SHIKOKU,
  },
  {
    id: 'kyushu-silicon', name: 'Kyushu Silicon Cluster', name_ja: '九州シリコン・クラスター計画',
    region: 'kyushu', naming: 'reported',
    fields: ['semiconductors', 'information-appliances-it', 'nanotech-materials'],
    prefectures: KYUSHU,
  },
  {
    id: 'kyushu-environment', name: 'Kyushu environment and recycling plaza', name_ja: '九州地域環境・リサイクル産業交流プラザ',
    region: 'kyushu', naming: 'reported',
    fields: ['recycling', 'environment-energy', 'food-local-resources'],
    prefectures: KYUSHU,
  },
  {
    id: 'okinawa', name: 'Okinawa regional cluster', name_ja: '沖縄地域クラスター',
    region: 'okinawa', naming: 'descriptive',
    fields: ['biotechnology', 'information-appliances-it', 'food-local-resources', 'health-welfare-devices', 'environment-energy'],
    prefectures: ['Okinawa'],
  },
];

const BUREAU = new Map(REGIONS.map((r) => [r.id, r.bureau]));

export const CLUSTERS: readonly ClusterProject[] = DRAFTS.map((d) => ({ ...d, bureau: BUREAU.get(d.region)! }));

const BY_ID: ReadonlyMap<string, ClusterProject> = new Map(CLUSTERS.map((c) => [c.id, c]));

/** The cluster project with this id ("tama"), or undefined. */
export function findCluster(id: string): ClusterProject | undefined {
  return BY_ID.get(id.trim().toLowerCase());
}

/** The cluster projects of one region, in CLUSTERS order. */
export function clustersOfRegion(region: RegionId): ClusterProject[] {
  return CLUSTERS.filter((c) => c.region === region);
}
