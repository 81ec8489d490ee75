/**
 * Word lists the invented names are built from. Every name in the demonstration data is an
 * invention: common family names and place-like words put together, not the names of real
 * enterprises, universities, banks or people (any likeness is a coincidence).
 */

/** A word in Latin letters and in Japanese. */
export type Word = readonly [en: string, ja: string];

export const FAMILY_NAMES: readonly Word[] = [
  ['Sato', '佐藤'], ['Suzuki', '鈴木'], ['Takahashi', '高橋'], ['Tanaka', '田中'], ['Watanabe', '渡辺'],
  ['Ito', '伊藤'], ['Yamamoto', '山本'], ['Nakamura', '中村'], ['Kobayashi', '小林'], ['Kato', '加藤'],
  ['Yoshida', '吉田'], ['Yamada', '山田'], ['Sasaki', '佐々木'], ['Yamaguchi', '山口'], ['Matsumoto', '松本'],
  ['Inoue', '井上'], ['Kimura', '木村'], ['Hayashi', '林'], ['Shimizu', '清水'], ['Yamazaki', '山崎'],
  ['Mori', '森'], ['Abe', '阿部'], ['Ikeda', '池田'], ['Hashimoto', '橋本'], ['Yamashita', '山下'],
  ['Ishikawa', '石川'], ['Nakajima', '中島'], ['Maeda', '前田'], ['Fujita', '藤田'], ['Ogawa', '小川'],
  ['Goto', '後藤'], ['Okada', '岡田'], ['Hasegawa', '長谷川'], ['Murakami', '村上'], ['Kondo', '近藤'],
  ['Ishii', '石井'], ['Saito', '斎藤'], ['Sakamoto', '坂本'], ['Endo', '遠藤'], ['Aoki', '青木'],
  ['Fujii', '藤井'], ['Nishimura', '西村'], ['Fukuda', '福田'], ['Ota', '太田'], ['Miura', '三浦'],
  ['Fujiwara', '藤原'], ['Okamoto', '岡本'], ['Matsuda', '松田'], ['Nakagawa', '中川'], ['Nakano', '中野'],
  ['Harada', '原田'], ['Ono', '小野'], ['Tamura', '田村'], ['Takeuchi', '竹内'], ['Kaneko', '金子'],
  ['Wada', '和田'], ['Nakayama', '中山'], ['Ishida', '石田'], ['Ueda', '上田'], ['Morita', '森田'],
  ['Hara', '原'], ['Shibata', '柴田'], ['Sakai', '酒井'], ['Kudo', '工藤'], ['Yokoyama', '横山'],
  ['Miyazaki', '宮崎'], ['Miyamoto', '宮本'], ['Uchida', '内田'], ['Takagi', '高木'], ['Ando', '安藤'],
  ['Taniguchi', '谷口'], ['Ono', '大野'], ['Maruyama', '丸山'], ['Imai', '今井'], ['Takada', '高田'],
  ['Fujimoto', '藤本'], ['Takeda', '武田'], ['Murata', '村田'], ['Ueno', '上野'], ['Sugiyama', '杉山'],
  ['Masuda', '増田'], ['Sugawara', '菅原'], ['Hirano', '平野'], ['Otsuka', '大塚'], ['Chiba', '千葉'],
  ['Kubo', '久保'], ['Matsui', '松井'], ['Iwasaki', '岩崎'], ['Sakurai', '桜井'], ['Kinoshita', '木下'],
  ['Noguchi', '野口'], ['Matsuo', '松尾'], ['Kikuchi', '菊地'], ['Nomura', '野村'], ['Arai', '新井'],
  ['Watanuki', '綿貫'], ['Onishi', '大西'], ['Sugimoto', '杉本'], ['Kojima', '小島'], ['Hirata', '平田'],
  ['Kawaguchi', '川口'], ['Tsuji', '辻'], ['Higuchi', '樋口'], ['Kuroda', '黒田'], ['Nagai', '永井'],
  ['Kawasaki', '川崎'], ['Seki', '関'], ['Mizuno', '水野'], ['Takano', '高野'], ['Akiyama', '秋山'],
  ['Hattori', '服部'], ['Kitamura', '北村'], ['Tsuchiya', '土屋'], ['Nishida', '西田'], ['Oshiro', '大城'],
  ['Higa', '比嘉'], ['Kinjo', '金城'], ['Arakaki', '新垣'], ['Kanno', '菅野'], ['Sasaki', '笹木'],
];

export const GIVEN_NAMES: readonly Word[] = [
  ['Hiroshi', '博'], ['Takashi', '隆'], ['Makoto', '誠'], ['Kenji', '健二'], ['Satoshi', '聡'],
  ['Yuki', '由紀'], ['Akira', '明'], ['Masahiro', '正宏'], ['Kazuo', '和夫'], ['Naoki', '直樹'],
  ['Tetsuya', '哲也'], ['Yoshiko', '良子'], ['Keiko', '恵子'], ['Tomoko', '智子'], ['Noriko', '典子'],
  ['Yoko', '洋子'], ['Kumiko', '久美子'], ['Mayumi', '真由美'], ['Junko', '順子'], ['Akiko', '明子'],
  ['Shinji', '信二'], ['Daisuke', '大輔'], ['Kenta', '健太'], ['Yusuke', '祐介'], ['Ryo', '亮'],
  ['Taro', '太郎'], ['Koichi', '浩一'], ['Shigeru', '茂'], ['Osamu', '修'], ['Minoru', '稔'],
  ['Isamu', '勇'], ['Tsuyoshi', '剛'], ['Hideki', '秀樹'], ['Masato', '正人'], ['Toshiyuki', '利之'],
  ['Nobuo', '信夫'], ['Kaori', '香織'], ['Megumi', '恵'], ['Emi', '恵美'], ['Sachiko', '幸子'],
  ['Hiromi', '裕美'], ['Naoko', '直子'], ['Reiko', '玲子'], ['Mika', '美香'], ['Ayako', '綾子'],
  ['Yumi', '由美'], ['Kazuhiko', '和彦'], ['Masayuki', '雅之'], ['Takeshi', '武'], ['Hiroyuki', '博之'],
  ['Yasushi', '靖'], ['Ken', '健'], ['Jun', '純'], ['Manabu', '学'], ['Susumu', '進'],
  ['Tadashi', '正'], ['Kiyoshi', '清'], ['Yoshio', '義男'], ['Michiko', '美智子'], ['Haruo', '春夫'],
];

/** First halves of invented place-like names (Higashi-, Aoba-, Sakura-). */
export const PLACE_HEADS: readonly Word[] = [
  ['Higashi', '東'], ['Nishi', '西'], ['Minami', '南'], ['Kita', '北'], ['Naka', '中'],
  ['Aoba', '青葉'], ['Midori', '緑'], ['Sakura', '桜'], ['Asahi', '旭'], ['Wakaba', '若葉'],
  ['Hikari', '光'], ['Matsu', '松'], ['Take', '竹'], ['Ume', '梅'], ['Kawa', '川'],
  ['Ishi', '石'], ['Mizu', '水'], ['Hana', '花'], ['Tsuru', '鶴'], ['Taka', '高'],
  ['Shira', '白'], ['Ao', '青'], ['Haru', '春'], ['Aki', '秋'], ['Hoshi', '星'],
  ['Tsuki', '月'], ['Kaze', '風'], ['Kumo', '雲'], ['Izumi', '泉'], ['Fuji', '藤'],
  ['Kiri', '桐'], ['Kaede', '楓'], ['Yuri', '百合'], ['Tachibana', '橘'], ['Miyako', '都'],
  ['Tomi', '富'], ['Sakae', '栄'], ['Chiyo', '千代'], ['Yachiyo', '八千代'], ['Mitsu', '三津'],
];

/** Second halves of invented place-like names (-dai, -gaoka, -hara). */
export const PLACE_TAILS: readonly Word[] = [
  ['dai', '台'], ['gaoka', 'ヶ丘'], ['hara', '原'], ['no', '野'], ['zawa', '沢'],
  ['mine', '峰'], ['ura', '浦'], ['shima', '島'], ['yama', '山'], ['kawa', '川'],
  ['da', '田'], ['mori', '森'], ['saki', '崎'], ['hama', '浜'], ['sato', '里'],
  ['tani', '谷'], ['oka', '岡'], ['machi', '町'], ['minato', '港'], ['sono', '園'],
];

/** Coined brand heads for young ventures (Nano-, Bio-, Aqua-). */
export const BRAND_HEADS: readonly Word[] = [
  ['Nano', 'ナノ'], ['Bio', 'バイオ'], ['Neo', 'ネオ'], ['Aqua', 'アクア'], ['Lumi', 'ルミ'],
  ['Cyto', 'サイト'], ['Gene', 'ジーン'], ['Eco', 'エコ'], ['Medi', 'メディ'], ['Sola', 'ソラ'],
  ['Terra', 'テラ'], ['Opti', 'オプティ'], ['Quanta', 'クオンタ'], ['Vita', 'ヴィータ'], ['Hydro', 'ハイドロ'],
  ['Cera', 'セラ'], ['Robo', 'ロボ'], ['Axi', 'アクシ'], ['Flux', 'フラックス'], ['Kino', 'キノ'],
];

export const BRAND_TAILS: readonly Word[] = [
  ['wave', 'ウェーブ'], ['gen', 'ジェン'], ['tech', 'テック'], ['logic', 'ロジック'], ['cell', 'セル'],
  ['core', 'コア'], ['labo', 'ラボ'], ['sys', 'システムズ'], ['nics', 'ニクス'], ['ray', 'レイ'],
  ['frontier', 'フロンティア'], ['matrix', 'マトリクス'], ['pulse', 'パルス'], ['sense', 'センス'], ['link', 'リンク'],
];

/** What an enterprise's name says it makes, by field id. */
export const FIELD_WORDS: Readonly<Record<string, readonly Word[]>> = {
  'fuel-cells': [['Fuel Cell', '燃料電池'], ['Hydrogen Energy', '水素エネルギー'], ['Energy Devices', 'エナジーデバイス']],
  robots: [['Robotics', 'ロボティクス'], ['Automation', 'オートメーション'], ['Mechatronics', 'メカトロ']],
  'environment-energy': [['Environmental Engineering', '環境技研'], ['Eco Systems', 'エコシステム'], ['Energy', 'エネルギー']],
  'information-appliances-it': [['Systems', 'システム'], ['Software', 'ソフトウェア'], ['Information', '情報'], ['Net Solutions', 'ネットソリューション']],
  content: [['Digital Arts', 'デジタルアーツ'], ['Media', 'メディア'], ['Studio', 'スタジオ']],
  'health-welfare-devices': [['Care Devices', 'ケアデバイス'], ['Welfare Equipment', '福祉機器'], ['Health Products', 'ヘルスプロダクツ']],
  'advanced-medical-instruments': [['Medical', 'メディカル'], ['Medical Instruments', '医療器械'], ['Surgical', 'サージカル']],
  biotechnology: [['Bio', 'バイオ'], ['Life Science', 'ライフサイエンス'], ['Biotech', 'バイオテック']],
  'nanotech-materials': [['Materials', 'マテリアル'], ['Chemical', '化学'], ['Ceramics', 'セラミックス'], ['Coating', 'コーティング']],
  semiconductors: [['Electronics', '電子'], ['Devices', 'デバイス'], ['Micro Devices', 'マイクロデバイス']],
  'precision-machining': [['Precision', '精密'], ['Machinery', '機械'], ['Seiki', '精機'], ['Tooling', '工機']],
  gears: [['Gear', 'ギヤー'], ['Drive Systems', '伝動'], ['Gear Works', '歯車']],
  moulds: [['Mold', '金型'], ['Die Works', 'ダイス'], ['Press', 'プレス']],
  recycling: [['Recycle', 'リサイクル'], ['Resources', '資源'], ['Eco Recovery', 'エコリカバリー']],
  'food-local-resources': [['Foods', '食品'], ['Agri', 'アグリ'], ['Marine Products', '水産'], ['Brewing', '醸造']],
  'business-support-services': [['Consulting', 'コンサルティング'], ['Planning', '企画'], ['Business Services', 'ビジネスサービス']],
};

/** Kinds of manufacturer words appended after the field word. */
export const MAKER_WORDS: readonly Word[] = [['Industries', '工業'], ['Works', '製作所'], ['', ''], ['Manufacturing', '製造']];

/** Themes of public research institutes, with the fields each covers. */
export const RESEARCH_THEMES: readonly { en: string; ja: string; fields: readonly string[] }[] = [
  { en: 'Industrial Technology', ja: '産業技術', fields: ['precision-machining', 'moulds', 'nanotech-materials', 'information-appliances-it'] },
  { en: 'Food Technology', ja: '食品技術', fields: ['food-local-resources', 'biotechnology'] },
  { en: 'Materials and Surface Engineering', ja: '材料表面工学', fields: ['nanotech-materials', 'precision-machining'] },
  { en: 'Environmental Science', ja: '環境科学', fields: ['environment-energy', 'recycling'] },
  { en: 'Electronics and Information', ja: '電子情報', fields: ['information-appliances-it', 'semiconductors'] },
  { en: 'Agricultural and Marine Resources', ja: '農林水産資源', fields: ['food-local-resources', 'biotechnology', 'environment-energy'] },
  { en: 'Machinery and Metals', ja: '機械金属', fields: ['precision-machining', 'gears', 'moulds'] },
  { en: 'Life Science', ja: '生命科学', fields: ['biotechnology', 'advanced-medical-instruments', 'health-welfare-devices'] },
];

/** Invented national research institutes that keep sites in several regions. */
export const NATIONAL_INSTITUTES: readonly { en: string; ja: string; fields: readonly string[] }[] = [
  { en: 'National Institute for Industrial Innovation', ja: '国立産業革新研究所', fields: ['nanotech-materials', 'precision-machining', 'robots', 'fuel-cells'] },
  { en: 'National Bioscience Research Organization', ja: '国立生命科学研究機構', fields: ['biotechnology', 'advanced-medical-instruments', 'food-local-resources'] },
  { en: 'National Laboratory for Energy and Environment', ja: '国立エネルギー環境研究所', fields: ['environment-energy', 'fuel-cells', 'recycling'] },
  { en: 'National Institute of Electronic Devices', ja: '国立電子デバイス研究所', fields: ['semiconductors', 'information-appliances-it', 'nanotech-materials'] },
];

/** Invented government lenders with branches in prefectural capitals. */
export const GOVERNMENT_LENDERS: readonly Word[] = [
  ['SME Growth Finance Corporation', '中小企業成長金融公庫'],
  ['Regional Industry Development Bank', '地域産業開発銀行'],
];
