/**
 * The network as the web client draws it (`GET /api/graph`): one compact, column-wise payload
 * with the reference lists it points into, the force-directed and geographic positions, and one
 * edge per pair of tied actors. Strings that repeat (types, prefectures, clusters, fields, kinds)
 * travel once, in the reference lists, and the columns hold their indexes, so the demonstration
 * network (11,317 actors, 50,000 ties) is about 1.9 MB of JSON and a fraction of that gzipped.
 *
 * These types are shared by the server (build-graph-payload.ts) and the web client, which imports
 * them from here; this file imports nothing but types so that the client can.
 */
import type { ActorType, TieKind } from '../model.ts';

export interface NamedRef {
  id: string;
  name: string;
  name_ja: string;
}

export interface GraphPayload {
  /** Network version the payload was built from (moves with every import). */
  version: number;
  /** Ties counts every tie; pairs counts pairs of tied actors (the edges below). */
  counts: { actors: number; ties: number; pairs: number };
  /**
   * How the positions were made; `scale` = position units per unit of ForceAtlas2 (for a
   * refinement). `refining`: the new actors of a larger write were only placed beside their
   * partners, and the refined layout of this version is being computed (the drawing's ETag and
   * its `X-Layout-Refining` header change when it is served).
   */
  layout: { method: 'forceatlas2-barnes-hut'; seed: number; scale: number; iterations: number; reused: number; computedMs: number; refining: boolean };
  reference: {
    types: (NamedRef & { id: ActorType; color: string })[];
    regions: NamedRef[];
    /** Every prefecture, with its region's index and its map anchor (geo coordinates). */
    prefectures: (NamedRef & { region: number; x: number; y: number; radius: number })[];
    /** Countries abroad (and "unknown") with their anchors in the map's inset. */
    places: { id: string; x: number; y: number; radius: number }[];
    /** Cluster projects; ids the reference data does not know are named by their id. */
    clusters: (NamedRef & { region: number })[];
    fields: NamedRef[];
    kinds: TieKind[];
  };
  /** Columns, one entry per actor, index-aligned. -1 stands for "none". */
  nodes: {
    id: string[];
    name: string[];
    /** "" when the actor has no Japanese name. */
    name_ja: string[];
    type: number[];
    prefecture: number[];
    region: number[];
    /** Country code for actors abroad, "" in Japan. */
    country: string[];
    clusters: number[][];
    fields: number[][];
    /** Partners (pairs of actors tied by at least one tie). */
    degree: number[];
    /** ForceAtlas2 position, in [-1000, 1000]. */
    x: number[];
    y: number[];
    /** Map position: x = longitude · cos 36°, y = latitude. */
    gx: number[];
    gy: number[];
  };
  /** Columns, one entry per pair of tied actors. */
  edges: {
    source: number[];
    target: number[];
    /** Bit i set when the pair has a tie of kind reference.kinds[i]. */
    kinds: number[];
    /** Sum of the weights of the pair's ties (2 decimals). */
    weight: number[];
    /** Year of the pair's first tie; 0 when no tie carries a year. */
    since: number[];
  };
}
