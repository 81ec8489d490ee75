/**
 * The growing network: ties in parallel typed arrays, adjacency lists for triadic closure,
 * degree counts, and "stub" lists in which every actor appears once per tie. Drawing a uniform
 * entry of a stub list picks an actor with probability proportional to its degree, the classic
 * O(1) way to implement preferential attachment (Barabási & Albert 1999).
 */
import { ACTOR_TYPES, SYMMETRIC_TIE_KINDS, TIE_KINDS, type TieKind } from '../../server/domain/model.ts';
import { REGION_IDS } from '../../server/domain/reference/regions.ts';
import type { ActorIndex } from './actor-index.ts';

export const KIND_INDEX: ReadonlyMap<TieKind, number> = new Map(TIE_KINDS.map((k, i) => [k, i]));
const SYMMETRIC = TIE_KINDS.map((k) => SYMMETRIC_TIE_KINDS.has(k));

export class NetworkState {
  readonly degree: Int32Array;
  /** Ties of each kind per actor, indexed [actor * kinds + kind]. */
  readonly kindDegree: Int32Array;
  readonly adjacency: number[][];
  /** Stub lists by actor type. */
  readonly stubs: number[][];
  /** Stub lists by actor type and region. */
  readonly regionalStubs: number[][][];
  readonly source: Int32Array;
  readonly target: Int32Array;
  readonly kind: Uint8Array;
  readonly weight: Float64Array;
  readonly since: Uint16Array;
  count = 0;
  private readonly keys = new Set<number>();

  constructor(private readonly index: ActorIndex, capacity: number) {
    const n = index.n;
    this.degree = new Int32Array(n);
    this.kindDegree = new Int32Array(n * TIE_KINDS.length);
    this.adjacency = Array.from({ length: n }, () => []);
    this.stubs = ACTOR_TYPES.map(() => []);
    this.regionalStubs = ACTOR_TYPES.map(() => REGION_IDS.map(() => []));
    this.source = new Int32Array(capacity);
    this.target = new Int32Array(capacity);
    this.kind = new Uint8Array(capacity);
    this.weight = new Float64Array(capacity);
    this.since = new Uint16Array(capacity);
  }

  /** One number per (source, target, kind); symmetric kinds ignore the direction. */
  private key(a: number, b: number, kind: number): number {
    const [s, t] = SYMMETRIC[kind] && b < a ? [b, a] : [a, b];
    return (s * this.index.n + t) * TIE_KINDS.length + kind;
  }

  /** Ties of `kind` the actor already has. */
  ofKind(x: number, kind: number): number {
    return this.kindDegree[x * TIE_KINDS.length + kind];
  }

  has(a: number, b: number, kind: number): boolean {
    return this.keys.has(this.key(a, b, kind));
  }

  /** Records a tie; the caller has checked it is new and not a self loop. */
  add(a: number, b: number, kind: number, weight: number, since: number): void {
    this.keys.add(this.key(a, b, kind));
    const k = this.count++;
    this.source[k] = a;
    this.target[k] = b;
    this.kind[k] = kind;
    this.weight[k] = weight;
    this.since[k] = since;
    for (const x of [a, b]) {
      this.degree[x]++;
      this.kindDegree[x * TIE_KINDS.length + kind]++;
      const t = this.index.type[x];
      this.stubs[t].push(x);
      if (this.index.region[x] >= 0) this.regionalStubs[t][this.index.region[x]].push(x);
    }
    this.adjacency[a].push(b);
    this.adjacency[b].push(a);
  }
}
