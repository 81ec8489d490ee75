/**
 * Ties as a few typed arrays, for handing a network to a worker thread: copying 300,000 tie
 * objects to a worker (structured clone) held the event loop for about half a second, copying
 * these arrays takes a few milliseconds. Ties whose actors are not in the list are left out
 * (every form of the network ignores them). Pure.
 */
import { TIE_KINDS, type Actor, type Tie } from '../model.ts';
import { runSteps, type Steps } from '../steps.ts';

export interface PackedTies {
  /** Positions of the source and target actors in the actor list. */
  source: Int32Array;
  target: Int32Array;
  weight: Float64Array;
  /** The year, or NO_YEAR. */
  since: Int32Array;
  /** Position in TIE_KINDS. */
  kind: Uint8Array;
}

/** `since` of a tie without a year. */
export const NO_YEAR = -2147483648;

export function packTies(actors: readonly Actor[], ties: readonly Tie[]): PackedTies {
  return runSteps(packTiesSteps(actors, ties));
}

/** Ties packed between two turns of the event loop by packTiesSteps. */
const TIES_PER_STEP = 50_000;

/** packTies as steps (steps.ts), for a server that keeps answering meanwhile. */
export function* packTiesSteps(actors: readonly Actor[], ties: readonly Tie[]): Steps<PackedTies> {
  const position = new Map<string, number>();
  for (let i = 0; i < actors.length; i++) position.set(actors[i].id, i);
  const kindCode = new Map(TIE_KINDS.map((k, i) => [k, i]));
  const all = {
    source: new Int32Array(ties.length),
    target: new Int32Array(ties.length),
    weight: new Float64Array(ties.length),
    since: new Int32Array(ties.length),
    kind: new Uint8Array(ties.length),
  };
  let n = 0;
  for (let i = 0; i < ties.length; i++) {
    if (i % TIES_PER_STEP === 0) yield;
    const t = ties[i];
    const s = position.get(t.source);
    const d = position.get(t.target);
    if (s === undefined || d === undefined) continue;
    all.source[n] = s;
    all.target[n] = d;
    all.weight[n] = t.weight;
    all.since[n] = t.since ?? NO_YEAR;
    all.kind[n] = kindCode.get(t.kind)!;
    n++;
  }
  return { source: all.source.slice(0, n), target: all.target.slice(0, n), weight: all.weight.slice(0, n), since: all.since.slice(0, n), kind: all.kind.slice(0, n) };
}

export function unpackTies(actors: readonly Actor[], packed: PackedTies): Tie[] {
  const ties: Tie[] = [];
  for (let i = 0; i < packed.source.length; i++) {
    const tie: Tie = { source: actors[packed.source[i]].id, target: actors[packed.target[i]].id, kind: TIE_KINDS[packed.kind[i]], weight: packed.weight[i] };
    if (packed.since[i] !== NO_YEAR) tie.since = packed.since[i];
    ties.push(tie);
  }
  return ties;
}
