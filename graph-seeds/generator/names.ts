/**
 * Invented English and Japanese names for every kind of actor, unique within one network.
 * Names follow Japanese conventions (田中精密工業株式会社 / Tanaka Precision Industries Co., Ltd.;
 * 東信用金庫 / Higashi Shinkin Bank) but are put together from common words, not taken from
 * real institutions.
 */
import type { Prefecture } from '../../server/domain/reference/prefectures.ts';
import type { Rng } from './rng.ts';
import {
  BRAND_HEADS, BRAND_TAILS, FAMILY_NAMES, FIELD_WORDS, GIVEN_NAMES, MAKER_WORDS, PLACE_HEADS, PLACE_TAILS,
  type Word,
} from './name-parts.ts';

export interface Name {
  name: string;
  name_ja: string;
}

/** Fields whose firms call themselves 工業 / 製作所 (makers), rather than plain companies. */
const MAKER_FIELDS = new Set([
  'precision-machining', 'gears', 'moulds', 'nanotech-materials', 'semiconductors', 'robots',
  'fuel-cells', 'environment-energy', 'recycling', 'health-welfare-devices', 'advanced-medical-instruments',
]);

export const UNIVERSITY_KINDS = ['university', 'technology', 'science', 'medical', 'agriculture', 'kosen'] as const;
export type UniversityKind = (typeof UNIVERSITY_KINDS)[number];

const UNIVERSITY_PATTERNS: Record<UniversityKind, Word> = {
  university: ['University', '大学'],
  technology: ['Institute of Technology', '工業大学'],
  science: ['University of Science', '理科大学'],
  medical: ['Medical University', '医科大学'],
  agriculture: ['University of Agriculture', '農業大学'],
  kosen: ['College of Technology', '工業高等専門学校'],
};

/** "Aichi Prefectural", "Tokyo Metropolitan", "Hokkaido": how a public body names its prefecture. */
export function prefecturalAdjective(p: Prefecture): Name {
  if (p.id === 'Tokyo') return { name: 'Tokyo Metropolitan', name_ja: '東京都立' };
  if (p.id === 'Hokkaido') return { name: 'Hokkaido', name_ja: '北海道立' };
  return { name: `${p.id} Prefectural`, name_ja: `${p.name_ja}立` };
}

/** The capital's short Japanese name without 市 or the ward ("名古屋", "東京"). */
export function capitalShortJa(p: Prefecture): string {
  return p.id === 'Tokyo' ? '東京' : p.capital.name_ja.replace(/市$/, '');
}

/** Hands out names and keeps them unique within one network. */
export class NameBook {
  /** English and Japanese names in use: both must be unique ("Fujiwara" and "Fujihara" are both 藤原). */
  private readonly used = new Set<string>();
  private readonly usedJa = new Set<string>();

  constructor(private readonly rng: Rng) {}

  /** Draws names with `make` until one is unused; after a few tries, prefixes a place word. */
  unique(make: () => Name): Name {
    for (let i = 0; i < 12; i++) {
      const n = make();
      if (!this.taken(n)) return this.take(n);
    }
    for (;;) {
      const n = make();
      const p = this.place();
      const prefixed = { name: `${p[0]} ${n.name}`, name_ja: `${p[1]}${n.name_ja}` };
      if (!this.taken(prefixed)) return this.take(prefixed);
    }
  }

  /** True when the English or the Japanese name is already in use. */
  taken(n: Name): boolean {
    return this.used.has(n.name) || this.usedJa.has(n.name_ja);
  }

  /** Records a name that is fixed (a bureau, a prefectural government). */
  take(n: Name): Name {
    this.used.add(n.name);
    this.usedJa.add(n.name_ja);
    return n;
  }

  /** An invented place-like word: Aobadai 青葉台, Higashiyama 東山. */
  place(): Word {
    const head = this.rng.pick(PLACE_HEADS);
    const tail = this.rng.pick(PLACE_TAILS);
    return [head[0] + tail[0], head[1] + tail[1]];
  }

  /** A coined brand: Aquacell アクアセル, Nanowave ナノウェーブ. */
  brand(): Word {
    const head = this.rng.pick(BRAND_HEADS);
    const tail = this.rng.pick(BRAND_TAILS);
    return [head[0] + tail[0], head[1] + tail[1]];
  }

  /** A place word, or (with probability `shortShare`) a head alone: Higashi 東. */
  shortOrPlace(shortShare: number): Word {
    return this.rng.chance(shortShare) ? this.rng.pick(PLACE_HEADS) : this.place();
  }

  /** A person: "Hiroshi Sato" / "佐藤 博". */
  person(): Name {
    return this.unique(() => {
      const family = this.rng.pick(FAMILY_NAMES);
      const given = this.rng.pick(GIVEN_NAMES);
      return { name: `${given[0]} ${family[0]}`, name_ja: `${family[1]} ${given[1]}` };
    });
  }

  /** An enterprise named for its main field: by a family, a place, or (ventures) a coined brand. */
  enterprise(field: string, brandShare: number): Name {
    return this.unique(() => {
      const r = this.rng;
      const fieldWord = r.pick(FIELD_WORDS[field] ?? FIELD_WORDS['business-support-services']);
      if (r.chance(brandShare)) {
        const brand = this.brand();
        if (r.chance(0.5)) return { name: `${brand[0]} Inc.`, name_ja: `${brand[1]}株式会社` };
        return { name: `${brand[0]} ${fieldWord[0]} Inc.`, name_ja: `${brand[1]}${fieldWord[1]}株式会社` };
      }
      const owner = r.chance(0.75) ? r.pick(FAMILY_NAMES) : this.place();
      const maker = MAKER_FIELDS.has(field) && r.chance(0.6) ? r.pick(MAKER_WORDS) : (['', ''] as Word);
      const en = [owner[0], fieldWord[0], maker[0]].filter(Boolean).join(' ');
      const ja = owner[1] + fieldWord[1] + maker[1];
      const form = r.next();
      if (form < 0.1) return { name: `${en} Ltd.`, name_ja: `有限会社${ja}` };
      if (form < 0.4) return { name: `${en} Co., Ltd.`, name_ja: `株式会社${ja}` };
      return { name: `${en} Co., Ltd.`, name_ja: `${ja}株式会社` };
    });
  }

  /** A university or technical college (kosen) named for an invented place. */
  university(kind: UniversityKind): Name {
    const pattern = UNIVERSITY_PATTERNS[kind];
    return this.unique(() => {
      const p = this.place();
      return { name: `${p[0]} ${pattern[0]}`, name_ja: `${p[1]}${pattern[1]}` };
    });
  }

  /** A bank or lender: "Higashi Shinkin Bank" / "東信用金庫". */
  bank(form: Word, shortShare: number): Name {
    return this.unique(() => {
      const p = this.shortOrPlace(shortShare);
      return { name: `${p[0]} ${form[0]}`, name_ja: `${p[1]}${form[1]}` };
    });
  }

  /** A venture capital firm, named for a place or a coined brand. */
  ventureCapital(): Name {
    const forms: readonly Word[] = [['Capital', 'キャピタル'], ['Venture Partners', 'ベンチャーパートナーズ'], ['Investment', 'インベストメント']];
    return this.unique(() => {
      const head = this.rng.chance(0.5) ? this.place() : this.brand();
      const form = this.rng.pick(forms);
      return { name: `${head[0]} ${form[0]}`, name_ja: `${head[1]}${form[1]}` };
    });
  }

  /** A non-governmental support body: promotion centre, exchange association, trading firm. */
  supportBody(kind: 'promotion' | 'exchange' | 'matching' | 'trading'): Name {
    return this.unique(() => {
      const r = this.rng;
      if (kind === 'trading') {
        if (r.chance(0.6)) {
          const f = r.pick(FAMILY_NAMES);
          return { name: `${f[0]} Trading Co., Ltd.`, name_ja: `${f[1]}商事株式会社` };
        }
        const p = this.place();
        return { name: `${p[0]} Bussan Co., Ltd.`, name_ja: `${p[1]}物産株式会社` };
      }
      const p = this.place();
      if (kind === 'promotion') return { name: `${p[0]} Industrial Promotion Center`, name_ja: `${p[1]}産業振興センター` };
      if (kind === 'exchange') return { name: `${p[0]} Technology Exchange Association`, name_ja: `${p[1]}技術交流協会` };
      return { name: `${p[0]} Business Matching Council`, name_ja: `${p[1]}ビジネスマッチング協議会` };
    });
  }
}
