import { describe, expect, it } from 'vitest';
import { GEO_SPREAD_DEFAULTS, geoSpread, project, type GeoActor } from '../../server/domain/layout/geo-spread.ts';
import { findPrefecture, PREFECTURES } from '../../server/domain/reference/prefectures.ts';

const capitalOf = (id: string) => {
  const p = findPrefecture(id)!;
  return project(p.lat, p.lon);
};
const distance = (a: { x: number; y: number }, b: { x: number; y: number }) => Math.hypot(a.x - b.x, a.y - b.y);

function actorsIn(prefecture: string, n: number, degree = (i: number) => i % 7): GeoActor[] {
  return Array.from({ length: n }, (_, i) => ({ id: `${prefecture}-${String(i).padStart(4, '0')}`, prefecture, degree: degree(i) }));
}

describe('geoSpread', () => {
  it('keeps every actor within its disc around its prefecture capital', () => {
    const actors = [...actorsIn('Tokyo', 900), ...actorsIn('Hokkaido', 400), ...actorsIn('Okinawa', 30)];
    const { positions, anchors } = geoSpread(actors);
    for (const anchor of anchors) {
      expect(anchor).toMatchObject({ x: expect.closeTo(capitalOf(anchor.id).x, 3), y: expect.closeTo(capitalOf(anchor.id).y, 3) });
    }
    for (const a of actors) {
      const anchor = anchors.find((x) => x.id === a.prefecture)!;
      expect(distance(positions.get(a.id)!, anchor)).toBeLessThanOrEqual(anchor.radius + 1e-3);
    }
  });

  it('bounds a disc by the distance to the nearest other capital, but never below minRadius', () => {
    const { anchors } = geoSpread([...actorsIn('Tokyo', 2000), ...actorsIn('Hokkaido', 2000)]);
    const nearest = (id: string) => Math.min(...PREFECTURES.filter((p) => p.id !== id).map((p) => distance(project(p.lat, p.lon), capitalOf(id))));
    for (const anchor of anchors) {
      const limit = Math.max(GEO_SPREAD_DEFAULTS.minRadius, nearest(anchor.id) * GEO_SPREAD_DEFAULTS.neighbourShare);
      expect(anchor.radius).toBeLessThanOrEqual(limit + 1e-3);
    }
    // Hokkaido has room: its disc is wider than Tokyo's, crowded by Saitama and Kanagawa.
    expect(anchors.find((a) => a.id === 'Hokkaido')!.radius).toBeGreaterThan(anchors.find((a) => a.id === 'Tokyo')!.radius);
  });

  it('spreads actors evenly: no two of a prefecture share a point', () => {
    const { positions } = geoSpread(actorsIn('Osaka', 600));
    const keys = new Set([...positions.values()].map((p) => `${p.x},${p.y}`));
    expect(keys.size).toBe(600);
  });

  it('puts the most connected actors at the centre of their disc', () => {
    const actors = actorsIn('Aichi', 200, (i) => (i === 123 ? 500 : 1));
    const { positions } = geoSpread(actors);
    const hub = distance(positions.get('Aichi-0123')!, capitalOf('Aichi'));
    const others = actors.filter((a) => a.id !== 'Aichi-0123').map((a) => distance(positions.get(a.id)!, capitalOf('Aichi')));
    expect(hub).toBeLessThan(Math.min(...others));
  });

  it('does not depend on the order of the input', () => {
    const actors = [...actorsIn('Kyoto', 50), ...actorsIn('Nara', 40)];
    const forward = geoSpread(actors);
    const backward = geoSpread([...actors].reverse());
    expect([...backward.positions].sort()).toEqual([...forward.positions].sort());
    expect(backward.anchors).toEqual(forward.anchors);
  });

  it('gathers actors abroad by country in an inset, and those without a known prefecture apart', () => {
    const { positions, anchors } = geoSpread([
      { id: 'it-1', country: 'IT', degree: 3 },
      { id: 'it-2', country: 'it', degree: 1 },
      { id: 'kr-1', country: 'KR', degree: 1 },
      { id: 'nowhere', prefecture: 'Atlantis', degree: 0 },
      { id: 'tokyo', prefecture: '東京都', degree: 0 },
    ]);
    expect(anchors.map((a) => a.id)).toEqual(['IT', 'KR', 'Tokyo', 'unknown']);
    const inset = anchors.filter((a) => a.id !== 'Tokyo');
    // The inset is one column east of Honshu, one country below the other.
    expect(new Set(inset.map((a) => a.x)).size).toBe(1);
    expect(inset[0].x).toBeGreaterThan(capitalOf('Tokyo').x);
    expect(distance(positions.get('it-1')!, inset[0])).toBeLessThan(distance(positions.get('it-1')!, inset[1]));
    expect(distance(positions.get('tokyo')!, capitalOf('Tokyo'))).toBeLessThan(0.2);
  });

  it('rejects bad options, naming the module', () => {
    expect(() => geoSpread([], { spacing: 0 })).toThrow(/^geo-spread:/);
  });
});
