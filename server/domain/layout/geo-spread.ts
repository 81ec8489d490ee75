/**
 * Positions for the map view: every actor in Japan at its prefecture's capital (the coordinates
 * of the prefectural government office, GSI), spread over a disc around it on Vogel's sunflower
 * spiral (H. Vogel, "A better way to construct the sunflower head", Mathematical Biosciences 44,
 * 1979), so that a prefecture's actors fill an even disc instead of piling on one point. The most
 * connected actors sit at the centre. Discs are kept from reaching far into the neighbouring
 * prefectures: a disc's radius is bounded by the distance to the nearest other capital.
 *
 * Coordinates are an equirectangular projection: x = longitude · cos(36°), y = latitude, so that
 * Japan keeps its shape. Actors abroad are gathered by country in an inset east of Japan.
 */
import { findPrefecture, PREFECTURES } from '../reference/prefectures.ts';
import type { Point } from './force-layout.ts';

export interface GeoActor {
  id: string;
  prefecture?: string;
  /** ISO 3166 code; Japan when absent. */
  country?: string;
  /** Actors of higher degree are placed nearer the centre of their disc. */
  degree: number;
}

export interface GeoSpreadOptions {
  /** Distance between neighbouring actors on a spiral, in degrees of latitude. */
  spacing: number;
  /** A disc's radius stays below this share of the distance to the nearest other capital... */
  neighbourShare: number;
  /** ...but is allowed at least this radius (degrees), however close the neighbours are. */
  minRadius: number;
  /** Where the inset for actors abroad starts (projected coordinates), and its step per country. */
  abroad: { x: number; y: number; step: number };
}

export const GEO_SPREAD_DEFAULTS: Readonly<GeoSpreadOptions> = Object.freeze({
  spacing: 0.016,
  neighbourShare: 1,
  minRadius: 0.16,
  abroad: Object.freeze({ x: 142.5 * Math.cos((36 * Math.PI) / 180), y: 33, step: 0.8 }),
});

/** cos(36°): the scale of longitude against latitude in the middle of Japan. */
export const LONGITUDE_SCALE = Math.cos((36 * Math.PI) / 180);

/** The golden angle, in radians: successive points of the spiral turn by it. */
const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

export interface GeoAnchor extends Point {
  /** Prefecture id, or the ISO code of a country abroad. */
  id: string;
  /** Radius of the anchor's disc (projected units). */
  radius: number;
}

export interface GeoSpread {
  positions: Map<string, Point>;
  /** Centre and radius of every disc in use: prefectures, then countries abroad. */
  anchors: GeoAnchor[];
}

/** Projected position of a point given in degrees. */
export function project(lat: number, lon: number): Point {
  return { x: lon * LONGITUDE_SCALE, y: lat };
}

/** Spreads the actors over their prefectures (and countries abroad). Pure and deterministic. */
export function geoSpread(actors: readonly GeoActor[], options: Partial<GeoSpreadOptions> = {}): GeoSpread {
  const o = { ...GEO_SPREAD_DEFAULTS, ...options };
  if (!(o.spacing > 0) || !(o.minRadius >= 0) || !(o.neighbourShare > 0)) {
    throw new Error('geo-spread: spacing and neighbourShare must be positive and minRadius at least 0.');
  }
  const groups = new Map<string, GeoActor[]>();
  for (const a of actors) {
    const key = groupKey(a);
    const list = groups.get(key);
    if (list) list.push(a);
    else groups.set(key, [a]);
  }

  const positions = new Map<string, Point>();
  const anchors: GeoAnchor[] = [];
  const abroad = [...groups.keys()].filter((k) => k.startsWith('@')).sort();
  for (const [key, members] of groups) {
    const centre = key.startsWith('@')
      ? { x: o.abroad.x, y: o.abroad.y - abroad.indexOf(key) * o.abroad.step }
      : capital(key);
    const limit = key.startsWith('@') ? o.abroad.step * 0.4 : Math.max(o.minRadius, nearestCapital(key) * o.neighbourShare);
    const spacing = Math.min(o.spacing, limit / Math.sqrt(members.length));
    // Hubs first (at the centre), then by id so the placement never depends on input order.
    members.sort((a, b) => b.degree - a.degree || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    members.forEach((a, i) => {
      const r = spacing * Math.sqrt(i + 0.5);
      const t = i * GOLDEN_ANGLE;
      positions.set(a.id, { x: round(centre.x + r * Math.cos(t)), y: round(centre.y + r * Math.sin(t)) });
    });
    anchors.push({ id: key.replace(/^@/, ''), x: round(centre.x), y: round(centre.y), radius: round(spacing * Math.sqrt(members.length)) });
  }
  anchors.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { positions, anchors };
}

/** A prefecture id for actors in Japan; "@" and the country code for actors abroad. */
function groupKey(a: GeoActor): string {
  const country = (a.country ?? 'JP').toUpperCase();
  if (country !== 'JP') return '@' + country;
  // An actor in Japan without a known prefecture has no place on the map: it joins the inset.
  return (a.prefecture && findPrefecture(a.prefecture)?.id) || '@unknown';
}

const CAPITALS: ReadonlyMap<string, Point> = new Map(PREFECTURES.map((p) => [p.id, project(p.lat, p.lon)]));

function capital(prefecture: string): Point {
  return CAPITALS.get(prefecture)!;
}

const NEAREST: ReadonlyMap<string, number> = new Map(
  PREFECTURES.map((p) => {
    const c = capital(p.id);
    let best = Infinity;
    for (const [id, q] of CAPITALS) if (id !== p.id) best = Math.min(best, Math.hypot(q.x - c.x, q.y - c.y));
    return [p.id, best];
  }),
);

function nearestCapital(prefecture: string): number {
  return NEAREST.get(prefecture)!;
}

function round(v: number): number {
  return Math.round(v * 1e4) / 1e4;
}
