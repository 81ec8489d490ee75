import { describe, expect, it } from 'vitest';
import { CLUSTERS, clustersOfRegion, findCluster } from '../../server/domain/reference/clusters.ts';
import { FIELDS, findField } from '../../server/domain/reference/fields.ts';
import { distanceKm } from '../../server/domain/reference/geo.ts';
import { PREFECTURES, findPrefecture, isoCode } from '../../server/domain/reference/prefectures.ts';
import { REGIONS, REGION_IDS, findRegion } from '../../server/domain/reference/regions.ts';

describe('prefectures', () => {
  it('lists the 47 prefectures with unique ids, names and JIS codes 1..47', () => {
    expect(PREFECTURES).toHaveLength(47);
    expect(new Set(PREFECTURES.map((p) => p.id)).size).toBe(47);
    expect(new Set(PREFECTURES.map((p) => p.name_ja)).size).toBe(47);
    expect(PREFECTURES.map((p) => p.code)).toEqual(Array.from({ length: 47 }, (_, i) => i + 1));
    expect(PREFECTURES[22]).toMatchObject({ id: 'Aichi', name_ja: '愛知県', code: 23, capital: { name: 'Nagoya', name_ja: '名古屋市' } });
  });

  it('puts every capital inside Japan\'s bounding box, with 4-decimal coordinates', () => {
    for (const p of PREFECTURES) {
      expect(p.lat, p.id).toBeGreaterThan(24);
      expect(p.lat, p.id).toBeLessThan(46);
      expect(p.lon, p.id).toBeGreaterThan(122);
      expect(p.lon, p.id).toBeLessThan(146);
      expect(Math.round(p.lat * 1e4) / 1e4).toBe(p.lat);
      expect(Math.round(p.lon * 1e4) / 1e4).toBe(p.lon);
    }
  });

  it('orders capitals north to south roughly as the codes do', () => {
    expect(findPrefecture('Hokkaido')!.lat).toBeGreaterThan(findPrefecture('Aomori')!.lat);
    expect(findPrefecture('Okinawa')!.lat).toBeLessThan(findPrefecture('Kagoshima')!.lat);
  });

  it('groups prefectures by METI regional bureau', () => {
    const regionOf = (id: string) => findPrefecture(id)!.region;
    for (const id of ['Niigata', 'Nagano', 'Yamanashi', 'Ibaraki', 'Tochigi', 'Gunma', 'Saitama', 'Chiba', 'Tokyo', 'Kanagawa', 'Shizuoka']) {
      expect(regionOf(id), id).toBe('kanto');
    }
    for (const id of ['Toyama', 'Ishikawa', 'Gifu', 'Aichi', 'Mie']) expect(regionOf(id), id).toBe('chubu');
    for (const id of ['Fukui', 'Shiga', 'Kyoto', 'Osaka', 'Hyogo', 'Nara', 'Wakayama']) expect(regionOf(id), id).toBe('kinki');
    expect(regionOf('Okinawa')).toBe('okinawa');
    expect(new Set(PREFECTURES.map((p) => p.region))).toEqual(new Set(REGION_IDS));
  });

  it.each([
    ['Aichi', 'Aichi'], ['aichi', 'Aichi'], ['AICHI', 'Aichi'], ['Aichi-ken', 'Aichi'], ['Aichi Prefecture', 'Aichi'],
    ['Aichiken', 'Aichi'], ['Tokyo-to', 'Tokyo'], ['Tokyo Metropolis', 'Tokyo'], ['Osaka-fu', 'Osaka'], ['Kyoto-fu', 'Kyoto'],
    ['Kyoto', 'Kyoto'], ['Hokkaido', 'Hokkaido'], ['Hokkai-do', 'Hokkaido'], ['Hyōgo', 'Hyogo'], ['Tōkyō', 'Tokyo'],
    ['Ooita', 'Oita'], ['Kouchi', 'Kochi'], ['Gifu', 'Gifu'], ['  Mie  ', 'Mie'],
    ['愛知県', 'Aichi'], ['愛知', 'Aichi'], ['東京都', 'Tokyo'], ['東京', 'Tokyo'], ['大阪府', 'Osaka'], ['大阪', 'Osaka'],
    ['京都府', 'Kyoto'], ['京都', 'Kyoto'], ['北海道', 'Hokkaido'], ['沖縄県', 'Okinawa'],
    ['JP-23', 'Aichi'], ['jp-13', 'Tokyo'], ['JP-01', 'Hokkaido'], ['JP-47', 'Okinawa'],
  ])('finds %j as %s', (text, id) => {
    expect(findPrefecture(text)?.id).toBe(id);
  });

  it.each(['', 'Atlantis', 'Kyo', 'JP-48', 'JP-00', '県', 'Tokyo Prefecture of Mars'])('finds nothing for %j', (text) => {
    expect(findPrefecture(text)).toBeUndefined();
  });

  it('writes ISO 3166-2 codes on two digits', () => {
    expect(isoCode(findPrefecture('Hokkaido')!)).toBe('JP-01');
    expect(isoCode(findPrefecture('Aichi')!)).toBe('JP-23');
  });
});

describe('regions', () => {
  it('has the nine program regions, each with its bureau', () => {
    expect(REGIONS.map((r) => r.id)).toEqual(['hokkaido', 'tohoku', 'kanto', 'chubu', 'kinki', 'chugoku', 'shikoku', 'kyushu', 'okinawa']);
    expect(REGIONS.every((r) => r.name && r.name_ja && r.bureau && r.bureau_ja)).toBe(true);
    expect(findRegion('Kinki')?.bureau_ja).toBe('近畿経済産業局');
  });
});

describe('fields', () => {
  it('has unique kebab-case ids with English and Japanese names', () => {
    expect(new Set(FIELDS.map((f) => f.id)).size).toBe(FIELDS.length);
    for (const f of FIELDS) {
      expect(f.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(f.name.length).toBeGreaterThan(0);
      expect(f.name_ja.length).toBeGreaterThan(0);
    }
  });

  it('covers the program\'s fields, monozukuri split into sub-fields', () => {
    for (const id of ['fuel-cells', 'robots', 'environment-energy', 'biotechnology', 'semiconductors', 'recycling', 'food-local-resources']) {
      expect(findField(id), id).toBeDefined();
    }
    expect(FIELDS.filter((f) => f.group === 'monozukuri').length).toBeGreaterThanOrEqual(2);
    expect(findField('no-such-field')).toBeUndefined();
  });
});

describe('cluster projects', () => {
  it('has the 17 Phase II projects with the published counts by region', () => {
    expect(CLUSTERS).toHaveLength(17);
    const counts = Object.fromEntries(REGION_IDS.map((r) => [r, clustersOfRegion(r).length]));
    expect(counts).toEqual({ hokkaido: 1, tohoku: 1, kanto: 3, chubu: 3, kinki: 3, chugoku: 2, shikoku: 1, kyushu: 2, okinawa: 1 });
  });

  it('refers only to known fields and to prefectures of the project\'s own region', () => {
    expect(new Set(CLUSTERS.map((c) => c.id)).size).toBe(17);
    for (const c of CLUSTERS) {
      expect(c.fields.length, c.id).toBeGreaterThan(0);
      for (const f of c.fields) expect(findField(f), `${c.id} ${f}`).toBeDefined();
      for (const p of c.prefectures) expect(findPrefecture(p)?.region, `${c.id} ${p}`).toBe(c.region);
      expect(c.bureau).toBe(findRegion(c.region)!.bureau);
    }
  });

  it('names the commonly reported projects', () => {
    expect(findCluster('tama')?.region).toBe('kanto');
    expect(findCluster('hokkaido-super-cluster')?.naming).toBe('reported');
    expect(findCluster('kyushu-silicon')?.fields).toContain('semiconductors');
  });
});

describe('distanceKm', () => {
  it('measures Tokyo to Osaka at about 400 km, symmetric, zero to itself', () => {
    const tokyo = findPrefecture('Tokyo')!;
    const osaka = findPrefecture('Osaka')!;
    const d = distanceKm(tokyo.lat, tokyo.lon, osaka.lat, osaka.lon);
    expect(d).toBeGreaterThan(390);
    expect(d).toBeLessThan(405);
    expect(distanceKm(osaka.lat, osaka.lon, tokyo.lat, tokyo.lon)).toBeCloseTo(d, 9);
    expect(distanceKm(tokyo.lat, tokyo.lon, tokyo.lat, tokyo.lon)).toBe(0);
  });
});
