/**
 * Read-only views of the population for fast tie formation: per-actor traits in typed arrays,
 * and pools of actor indices by type and prefecture, region, offered field, sought field, cluster
 * and incubation facility. Built once; the tie process only reads them.
 */
import { ACTOR_TYPES, type ActorType } from '../../server/domain/model.ts';
import { CLUSTERS } from '../../server/domain/reference/clusters.ts';
import { FIELDS } from '../../server/domain/reference/fields.ts';
import { PREFECTURES } from '../../server/domain/reference/prefectures.ts';
import { REGION_IDS } from '../../server/domain/reference/regions.ts';
import type { Agent, Facility, Role } from './agents.ts';

export const TYPE_INDEX: ReadonlyMap<ActorType, number> = new Map(ACTOR_TYPES.map((t, i) => [t, i]));

/** Roles whose ties depend on who they are (lending style, youth of a venture). */
export const ROLE_CODE: Readonly<Partial<Record<Role, number>>> = {
  venture: 1, 'regional-bank': 2, shinkin: 3, 'credit-coop': 4, 'government-lender': 5, 'venture-capital': 6,
};

function grid(outer: number, inner: number): number[][][] {
  return Array.from({ length: outer }, () => Array.from({ length: inner }, () => [] as number[]));
}

/** Per-actor traits and the candidate pools, indexed by actor index. */
export class ActorIndex {
  readonly n: number;
  readonly type: Uint8Array;
  readonly pref: Int16Array;
  readonly region: Int8Array;
  readonly fields: Int32Array;
  readonly seeks: Int32Array;
  readonly clusters: Int32Array;
  readonly founded: Int16Array;
  readonly employees: Int32Array;
  readonly fitness: Float64Array;
  readonly facility: Int32Array;
  readonly role: Uint8Array;
  readonly partnerCluster: Int8Array;

  readonly byType: number[][];
  readonly byTypePref: number[][][];
  readonly byTypeRegion: number[][][];
  readonly byTypeOffer: number[][][];
  readonly byTypeSeek: number[][][];
  readonly byTypeCluster: number[][][];
  /** Enterprises incubated at each facility. */
  readonly incubatees: number[][];
  /** IMs working at each facility. */
  readonly managers: number[][];

  constructor(agents: readonly Agent[], facilities: readonly Facility[]) {
    const n = (this.n = agents.length);
    const T = ACTOR_TYPES.length;
    this.type = new Uint8Array(n);
    this.pref = new Int16Array(n);
    this.region = new Int8Array(n);
    this.fields = new Int32Array(n);
    this.seeks = new Int32Array(n);
    this.clusters = new Int32Array(n);
    this.founded = new Int16Array(n);
    this.employees = new Int32Array(n);
    this.fitness = new Float64Array(n);
    this.facility = new Int32Array(n);
    this.role = new Uint8Array(n);
    this.partnerCluster = new Int8Array(n);
    this.byType = Array.from({ length: T }, () => []);
    this.byTypePref = grid(T, PREFECTURES.length);
    this.byTypeRegion = grid(T, REGION_IDS.length);
    this.byTypeOffer = grid(T, FIELDS.length);
    this.byTypeSeek = grid(T, FIELDS.length);
    this.byTypeCluster = grid(T, CLUSTERS.length);
    this.incubatees = facilities.map(() => []);
    this.managers = facilities.map(() => []);

    agents.forEach((a, i) => {
      const t = TYPE_INDEX.get(a.type)!;
      this.type[i] = t;
      this.pref[i] = a.pref;
      this.region[i] = a.region;
      this.fields[i] = a.fields;
      this.seeks[i] = a.seeks;
      this.clusters[i] = a.clusters;
      this.founded[i] = a.founded ?? 0;
      this.employees[i] = a.employees ?? 0;
      this.fitness[i] = a.fitness;
      this.facility[i] = a.facility;
      this.role[i] = ROLE_CODE[a.role] ?? 0;
      this.partnerCluster[i] = a.partnerCluster;
      this.byType[t].push(i);
      if (a.pref >= 0) {
        this.byTypePref[t][a.pref].push(i);
        this.byTypeRegion[t][a.region].push(i);
      }
      for (let f = 0; f < FIELDS.length; f++) {
        if (a.fields & (1 << f)) this.byTypeOffer[t][f].push(i);
        if (a.seeks & (1 << f)) this.byTypeSeek[t][f].push(i);
      }
      for (let c = 0; c < CLUSTERS.length; c++) if (a.clusters & (1 << c)) this.byTypeCluster[t][c].push(i);
      if (a.facility >= 0) (a.type === 'IncubationManager' ? this.managers : this.incubatees)[a.facility].push(i);
    });
  }
}

/** One set bit of a non-zero mask, chosen uniformly; -1 for an empty mask. */
export function randomBit(mask: number, u: number): number {
  let count = 0;
  for (let m = mask; m; m &= m - 1) count++;
  if (count === 0) return -1;
  let k = Math.floor(u * count);
  for (let b = 0; b < 32; b++) {
    if (mask & (1 << b)) {
      if (k === 0) return b;
      k--;
    }
  }
  return -1;
}
