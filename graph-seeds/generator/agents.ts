/**
 * The generator's working record of an actor ("agent"): masks instead of lists, indices instead
 * of ids, plus the hidden traits that drive tie formation (fitness, role, parent university).
 * `toActor` turns it into the project's `Actor` at the end.
 */
import type { Actor, ActorType, Visibility } from '../../server/domain/model.ts';
import { CLUSTERS } from '../../server/domain/reference/clusters.ts';
import { FIELDS } from '../../server/domain/reference/fields.ts';
import { PREFECTURES } from '../../server/domain/reference/prefectures.ts';
import { idsOfMask } from './field-profiles.ts';
import type { Name } from './names.ts';
import type { Rng } from './rng.ts';

/** Sub-kinds that change how an actor forms ties (a shinkin bank lends locally, a VC does not). */
export type Role =
  | 'sme' | 'venture'
  | 'university' | 'kosen'
  | 'prefectural-institute' | 'national-site'
  | 'im'
  | 'regional-bank' | 'shinkin' | 'credit-coop' | 'government-lender' | 'venture-capital'
  | 'bureau' | 'prefecture' | 'secretariat' | 'promotion' | 'exchange' | 'matching' | 'trading'
  | 'overseas';

export interface Agent {
  type: ActorType;
  role: Role;
  name: Name;
  /** Index in PREFECTURES, or -1 overseas. */
  pref: number;
  /** Index in REGION_IDS, or -1 overseas. */
  region: number;
  country: string;
  lat: number;
  lon: number;
  fields: number;
  seeks: number;
  clusters: number;
  employees?: number;
  founded?: number;
  visibility: Visibility;
  /** Index of the incubation facility, or -1. */
  facility: number;
  /** Year an incubated enterprise entered its facility (its IM's SUPPORTS tie), or 0. */
  incubatedIn: number;
  /** Intrinsic attractiveness and activity (Bianconi–Barabási fitness). */
  fitness: number;
  /** A venture's parent university (an Agent until indices exist). */
  parent?: Agent;
  /** Overseas partner: the cluster bit it exchanges with, else -1. */
  partnerCluster: number;
}

/** A new agent with neutral defaults; callers fill in the rest. */
export function newAgent(type: ActorType, role: Role, name: Name, pref: number, region: number): Agent {
  return {
    type, role, name, pref, region, country: 'JP', lat: 0, lon: 0, fields: 0, seeks: 0, clusters: 0,
    visibility: 'public', facility: -1, incubatedIn: 0, fitness: 1, partnerCluster: -1,
  };
}

/** Public for most; a few only to members or kept private. */
export function drawVisibility(rng: Rng, pMembers: number, pPrivate: number): Visibility {
  const x = rng.next();
  return x < pPrivate ? 'private' : x < pPrivate + pMembers ? 'members' : 'public';
}

/** An incubation facility: an id and a prefecture. */
export interface Facility {
  id: string;
  pref: number;
}

/** The project's Actor for an agent with its final id. */
export function toActor(a: Agent, id: string, facilities: readonly Facility[]): Actor {
  const actor: Actor = {
    id,
    type: a.type,
    name: a.name.name,
    name_ja: a.name.name_ja,
    prefecture: a.pref >= 0 ? PREFECTURES[a.pref].id : undefined,
    country: a.country,
    lat: a.lat,
    lon: a.lon,
    fields: idsOfMask(a.fields, FIELDS),
    seeks: idsOfMask(a.seeks, FIELDS),
    clusters: idsOfMask(a.clusters, CLUSTERS),
    employees: a.employees,
    founded: a.founded,
    visibility: a.visibility,
    facility: a.facility >= 0 ? facilities[a.facility].id : undefined,
  };
  return actor;
}
