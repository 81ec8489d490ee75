/**
 * A write's effect on the network, as the server that made it knows it: the actors the write
 * touched, read back in the write's own transaction with their outgoing ties, and those it
 * removed. Applied to the snapshot of the version just before, it gives the snapshot of the
 * write's version, in the order a whole read gives (actors by id; ties by source, target, kind),
 * so the server need not read the whole network again after each of its own small writes.
 * Pure: tested without a database (tests/unit/network-patch.test.ts) and against a whole read
 * (tests/integration/network-patch.test.ts).
 */
import type { Actor, Tie } from '../model.ts';

export interface NetworkPatch {
  /** The network's version after the write (the version before it + 1). */
  version: number;
  /** Ids of the actors the write removed (their ties went with them, both ways). */
  removed: string[];
  /** Every actor the write touched that still exists, as stored after the write, sorted by id. */
  actors: Actor[];
  /** The outgoing ties of those actors, all of them, as stored after the write, in network order. */
  ties: Tie[];
}

export interface NetworkState {
  actors: Actor[];
  ties: Tie[];
}

/** The order of ids and kinds in a network read (code unit order, as the store sorts). */
export const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The order of ties in a network read: source, then target, then kind. */
export const tieOrder = (x: Tie, y: Tie) => byText(x.source, y.source) || byText(x.target, y.target) || byText(x.kind, y.kind);

/** Merges two lists sorted by `order` into one sorted list. */
function mergeSorted<T>(a: readonly T[], b: readonly T[], order: (x: T, y: T) => number): T[] {
  const out: T[] = new Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = order(a[i], b[j]) <= 0 ? a[i++] : b[j++];
  while (i < a.length) out[k++] = a[i++];
  while (j < b.length) out[k++] = b[j++];
  return out;
}

/**
 * `base` (a network read, in its order) with `patch` applied: the touched and removed actors and
 * their outgoing ties replaced by the patch's, the ties into removed actors dropped. The result
 * shares the untouched actors and ties with `base` (neither is changed).
 */
export function applyNetworkPatch(base: NetworkState, patch: NetworkPatch): NetworkState {
  const replaced = new Set<string>(patch.removed);
  for (const a of patch.actors) replaced.add(a.id);
  const removed = new Set(patch.removed);
  const actors = mergeSorted(
    base.actors.filter((a) => !replaced.has(a.id)),
    [...patch.actors].sort((x, y) => byText(x.id, y.id)),
    (x, y) => byText(x.id, y.id),
  );
  const ties = mergeSorted(
    base.ties.filter((t) => !replaced.has(t.source) && !removed.has(t.target)),
    [...patch.ties].sort(tieOrder),
    tieOrder,
  );
  return { actors, ties };
}
