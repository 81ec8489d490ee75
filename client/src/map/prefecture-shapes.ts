/**
 * Japan's 47 prefectures as drawable shapes, from the TopoJSON shipped with the client
 * (japan-prefectures.topojson: Global Map Japan, GSI, see japan-prefectures.README.md). It is a
 * file of the build, fetched from the product's own server the first time the map is shown: no
 * tiles, nothing from the internet. topojson-client decodes it; the coordinates are projected
 * the way the server places actors on the map (server/domain/layout/geo-spread.ts:
 * x = longitude · cos 36°, y = latitude), so shapes and actors share sigma's graph coordinates.
 */
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { MultiLineString, MultiPolygon, Polygon, Position } from 'geojson';
import mapUrl from './japan-prefectures.topojson?url';

/** cos 36°: the server's scale of longitude against latitude in the middle of Japan. */
const LONGITUDE_SCALE = Math.cos((36 * Math.PI) / 180);

interface PrefectureProperties {
  nam: string;
  nam_ja: string;
  id: number;
}

export interface PrefectureShape {
  /** Japanese name as the map writes it (京都府), which is how it is matched to the network's prefectures. */
  name_ja: string;
  /** The prefecture's land, in graph coordinates. */
  path: Path2D;
}

export interface PrefectureShapes {
  prefectures: PrefectureShape[];
  /** Borders between two prefectures. */
  borders: Path2D;
  /** Coastlines (arcs used by one prefecture only). */
  coast: Path2D;
}

/** The shapes, fetched and decoded (the map layer keeps them once loaded). */
export async function loadPrefectureShapes(): Promise<PrefectureShapes> {
  const res = await fetch(mapUrl);
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return toShapes((await res.json()) as Topology<{ japan: GeometryCollection<PrefectureProperties> }>);
}

function toShapes(topology: Topology<{ japan: GeometryCollection<PrefectureProperties> }>): PrefectureShapes {
  const object = topology.objects.japan;
  const prefectures = feature(topology, object).features.map((f) => {
    const path = new Path2D();
    const geometry = f.geometry as Polygon | MultiPolygon;
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    for (const rings of polygons) for (const ring of rings) addRing(path, ring, true);
    return { name_ja: f.properties!.nam_ja, path };
  });
  return {
    prefectures,
    borders: lines(mesh(topology, object, (a, b) => a !== b)),
    coast: lines(mesh(topology, object, (a, b) => a === b)),
  };
}

function lines(geometry: MultiLineString): Path2D {
  const path = new Path2D();
  for (const line of geometry.coordinates) addRing(path, line, false);
  return path;
}

function addRing(path: Path2D, ring: readonly Position[], close: boolean): void {
  ring.forEach(([lon, lat], i) => {
    const x = lon * LONGITUDE_SCALE;
    if (i === 0) path.moveTo(x, lat);
    else path.lineTo(x, lat);
  });
  if (close) path.closePath();
}
