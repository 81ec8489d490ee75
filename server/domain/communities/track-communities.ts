/**
 * Communities over time: the communities of successive years are matched so that a community
 * keeps its identity (its lineage) from year to year, and splits and merges are reported.
 *
 * [Article]
 * D. Greene, D. Doyle and P. Cunningham, « Tracking the evolution of communities in dynamic
 * social networks », ASONAM 2010, pp. 176-183. doi:10.1109/ASONAM.2010.17
 *
 * A community B of year t is linked to a community A of year t−1 when their Jaccard similarity
 * |A ∩ B| / |A ∪ B| is at least θ (0.3, as in the article). Identities are handed down along the
 * links in decreasing similarity, each community passing its identity to at most one successor.
 * Then, per transition:
 * - continued: B keeps A's identity;
 * - split: A is linked to two or more communities of year t (one of them may keep its identity);
 * - merged: B is linked to two or more communities of year t−1;
 * - new: B is linked to none (it gets a new identity);
 * - ended: A is linked to none.
 */

export interface TrackOptions {
  /** θ: the least Jaccard similarity that links two communities. */
  threshold: number;
}

export const TRACK_DEFAULTS: TrackOptions = { threshold: 0.3 };

/** The communities of one step (year): ids and member ids. */
export interface Step<K> {
  key: K;
  communities: readonly { id: number; members: readonly string[] }[];
}

/** What became of communities from one year to the next; `C` names a community (its id by default). */
export type CommunityEvent<C = number> =
  | { type: 'continued'; from: C; to: C; jaccard: number }
  | { type: 'split'; from: C; to: C[] }
  | { type: 'merged'; from: C[]; to: C }
  | { type: 'new'; to: C }
  | { type: 'ended'; from: C };

export interface TrackedStep<K> {
  key: K;
  /** Lineage of each community of the step, by community id ("L1", "L2", ...). */
  lineage: Map<number, string>;
  /** Events from the previous step to this one (none for the first step). */
  events: CommunityEvent[];
}

export interface Link {
  from: number;
  to: number;
  shared: number;
  jaccard: number;
}

/** Links between the communities of two steps whose Jaccard similarity reaches the threshold. */
export function linkCommunities(
  previous: Step<unknown>['communities'],
  next: Step<unknown>['communities'],
  options: Partial<TrackOptions> = {},
): Link[] {
  const o = { ...TRACK_DEFAULTS, ...options };
  const before = new Map<string, number>();
  const sizeBefore = new Map<number, number>();
  for (const c of previous) {
    sizeBefore.set(c.id, c.members.length);
    for (const m of c.members) before.set(m, c.id);
  }
  const links: Link[] = [];
  for (const c of next) {
    const shared = new Map<number, number>();
    for (const m of c.members) {
      const p = before.get(m);
      if (p !== undefined) shared.set(p, (shared.get(p) ?? 0) + 1);
    }
    for (const [from, n] of shared) {
      const jaccard = n / (sizeBefore.get(from)! + c.members.length - n);
      if (jaccard >= o.threshold) links.push({ from, to: c.id, shared: n, jaccard: Math.round(jaccard * 1e4) / 1e4 });
    }
  }
  return links.sort((a, b) => b.jaccard - a.jaccard || a.from - b.from || a.to - b.to);
}

/** Lineages and events over a sequence of steps (in time order). */
export function trackCommunities<K>(steps: readonly Step<K>[], options: Partial<TrackOptions> = {}): TrackedStep<K>[] {
  let nextLineage = 1;
  const tracked: TrackedStep<K>[] = [];
  steps.forEach((step, i) => {
    const lineage = new Map<number, string>();
    const events: CommunityEvent[] = [];
    if (i === 0) {
      for (const c of step.communities) lineage.set(c.id, `L${nextLineage++}`);
      tracked.push({ key: step.key, lineage, events });
      return;
    }
    const previous = steps[i - 1];
    const before = tracked[i - 1].lineage;
    const links = linkCommunities(previous.communities, step.communities, options);
    const passedOn = new Set<number>();
    for (const l of links) {
      if (passedOn.has(l.from) || lineage.has(l.to)) continue;
      passedOn.add(l.from);
      lineage.set(l.to, before.get(l.from)!);
      events.push({ type: 'continued', from: l.from, to: l.to, jaccard: l.jaccard });
    }
    const successors = group(links, (l) => l.from, (l) => l.to);
    const predecessors = group(links, (l) => l.to, (l) => l.from);
    for (const [from, to] of successors) if (to.length > 1) events.push({ type: 'split', from, to: to.sort((a, b) => a - b) });
    for (const [to, from] of predecessors) if (from.length > 1) events.push({ type: 'merged', from: from.sort((a, b) => a - b), to });
    for (const c of step.communities) {
      if (!lineage.has(c.id)) lineage.set(c.id, `L${nextLineage++}`);
      if (!predecessors.has(c.id)) events.push({ type: 'new', to: c.id });
    }
    for (const c of previous.communities) if (!successors.has(c.id)) events.push({ type: 'ended', from: c.id });
    tracked.push({ key: step.key, lineage, events });
  });
  return tracked;
}

function group<T>(items: readonly T[], key: (t: T) => number, value: (t: T) => number): Map<number, number[]> {
  const map = new Map<number, number[]>();
  for (const t of items) {
    const list = map.get(key(t));
    if (list) list.push(value(t));
    else map.set(key(t), [value(t)]);
  }
  return map;
}
