/**
 * The structural rankers the product can serve instead of its own scoring, when a network's own
 * past says they predict better there (choose-method.ts): the classical link-prediction scores
 * over every path of length two — common neighbours, Adamic-Adar (Adamic & Adar 2003), resource
 * allocation (Zhou, Lü & Zhang 2009) — and a short random walk with restart (rooted PageRank,
 * Liben-Nowell & Kleinberg 2007) cut after 2, 3 or 4 steps. How far the walk goes is what the
 * network's past chooses: each further step reaches further and favours well-connected actors
 * more (higher recall on collaboration networks, less personal lists).
 *
 * Unlike the evaluation's baselines (baselines.ts: the whole network, no bound), these are cut to
 * what a request can afford and return their scores, which the explanations show. The walk moves
 * along ties in proportion to their weight (the pair's summed weight over the network's median,
 * i.e. strength^(1/strengthExponent)), and only over the actors it has reached: a 4-step walk on
 * 15,777 actors and 286,754 pairs touches a fraction of the network. Pure and deterministic.
 */
import { ACTOR_TYPES, type ActorType } from '../model.ts';
import type { SuggestionIndex } from './suggestion-index.ts';
import { baselineGraph, type BaselineGraph } from './baseline-graph.ts';
import { STRUCTURE } from './weights.ts';
import { LINKS_PER_STEP } from './suggestion-index.ts';
import { runSteps, type Steps } from '../steps.ts';
import type { MethodName, StructuralMethod } from './suggestion-types.ts';


/** Restart probability of the walk: a walker returns to the asker after about three steps. */
export const WALK_RESTART = 0.3;

/** A candidate and its score under a structural method (higher first). */
export interface Scored {
  index: number;
  score: number;
}

/** The known network as compressed sparse rows (baseline-graph.ts), with each tie's transition probability. */
interface WalkGraph extends BaselineGraph {
  /** Transition probability of each entry of `neighbours`: its weight over the actor's total. */
  step: Float64Array;
  /** The same tie walked the other way: entry k of u's row (partner v) holds the probability of v → u. */
  stepIn: Float64Array;
}

const walkGraphs = new WeakMap<SuggestionIndex, WalkGraph>();

function walkGraph(index: SuggestionIndex): WalkGraph {
  let g = walkGraphs.get(index);
  if (!g) walkGraphs.set(index, (g = runSteps(walkGraphSteps(index))));
  return g;
}

/** Built in steps of about LINKS_PER_STEP tie ends, so that a server can prepare it between requests. */
function* walkGraphSteps(index: SuggestionIndex): Steps<WalkGraph> {
  const graph = baselineGraph(index); // its rows follow index.links, entry for entry
  const n = index.actors.length;
  const entries = graph.neighbours.length;
  const step = new Float64Array(entries);
  const stepIn = new Float64Array(entries);
  const total = new Float64Array(n);
  const power = 1 / STRUCTURE.strengthExponent;
  let done = 0;
  for (let u = 0; u < n; u++) {
    const links = index.links[u];
    for (let k = 0; k < links.length; k++) total[u] += step[graph.offsets[u] + k] = Math.pow(links[k].strength, power);
    if ((done += links.length) >= LINKS_PER_STEP) (done = 0), yield;
  }
  for (let u = 0; u < n; u++) {
    for (let k = graph.offsets[u]; k < graph.offsets[u + 1]; k++) {
      const v = graph.neighbours[k];
      // A pair's strength is the same from both ends.
      stepIn[k] = total[v] > 0 ? step[k] / total[v] : 0;
      step[k] = total[u] > 0 ? step[k] / total[u] : 0;
    }
    if ((done += graph.offsets[u + 1] - graph.offsets[u]) >= LINKS_PER_STEP) (done = 0), yield;
  }
  return { ...graph, step, stepIn };
}

/** Prepares the walk's rows of `index` ahead of its first request, in steps (see walkGraphSteps). */
export function* prepareWalkSteps(index: SuggestionIndex): Steps<void> {
  if (!walkGraphs.has(index)) walkGraphs.set(index, yield* walkGraphSteps(index));
}

/** Work arrays reused by every request of one index (requests never run concurrently in one thread). */
const scratches = new WeakMap<SuggestionIndex, { a: Float64Array; b: Float64Array; sum: Float64Array; seen: Uint8Array }>();

function scratchOf(index: SuggestionIndex) {
  let s = scratches.get(index);
  if (!s) {
    const n = index.actors.length;
    scratches.set(index, (s = { a: new Float64Array(n), b: new Float64Array(n), sum: new Float64Array(n), seen: new Uint8Array(n) }));
  }
  return s;
}

/**
 * The time a walker from `asker` spends on each actor within `steps` steps, restarting with
 * probability WALK_RESTART: Σ_{t ≤ steps} r(1 − r)^t P^t e_asker, over the actors reached (the
 * returned list). The values stay in `sum` until the next call.
 */
function walk(index: SuggestionIndex, asker: number, steps: number, mask: number): { reached: number[]; sum: Float64Array } {
  const { typeCode, offsets, neighbours, step, stepIn } = walkGraph(index);
  const n = typeCode.length;
  const s = scratchOf(index);
  let cur = s.a;
  let next = s.b;
  const { sum, seen } = s;
  let frontier = [asker];
  const reached = [asker];
  const reach = (v: number) => {
    if (!seen[v]) (seen[v] = 1), reached.push(v);
  };
  cur[asker] = 1;
  seen[asker] = 1;
  sum[asker] = WALK_RESTART;
  let factor = WALK_RESTART;
  for (let t = 1; t <= steps; t++) {
    factor *= 1 - WALK_RESTART;
    // A wide frontier (most of the network after two or three steps) is spread without tracking
    // who is reached, then found by one pass over the actors: cheaper than a check per tie.
    const dense = frontier.length * 8 > n;
    if (t === steps && dense) {
      // The last step only matters where a candidate can be: each actor of the wanted types
      // gathers what reaches it (its own ties), instead of every actor spreading over all of its.
      for (let v = 0; v < n; v++) {
        if (!((1 << typeCode[v]) & mask)) continue;
        let x = 0;
        for (let k = offsets[v], end = offsets[v + 1]; k < end; k++) x += cur[neighbours[k]] * stepIn[k];
        if (x !== 0) (sum[v] += factor * x), reach(v);
      }
      break;
    }
    const last = t === steps;
    const out: number[] = [];
    for (const u of frontier) {
      const mass = cur[u];
      cur[u] = 0;
      const end = offsets[u + 1];
      if (dense) {
        for (let k = offsets[u]; k < end; k++) next[neighbours[k]] += mass * step[k];
        continue;
      }
      for (let k = offsets[u]; k < end; k++) {
        const v = neighbours[k];
        if (last && !((1 << typeCode[v]) & mask)) continue;
        if (next[v] === 0) out.push(v);
        next[v] += mass * step[k];
      }
    }
    if (dense) for (let v = 0; v < n; v++) if (next[v] !== 0) out.push(v);
    for (const v of out) (sum[v] += factor * next[v]), reach(v);
    frontier = out;
    [cur, next] = [next, cur];
  }
  for (const u of frontier) cur[u] = 0;
  for (const v of reached) seen[v] = 0;
  return { reached, sum };
}

function better(index: SuggestionIndex, a: Scored, b: Scored): boolean {
  if (a.score !== b.score) return a.score > b.score;
  const da = index.actors[a.index].degree;
  const db = index.actors[b.index].degree;
  return da !== db ? da > db : index.actors[a.index].id < index.actors[b.index].id;
}

/**
 * The best `limit` candidates so far, best first. `accept` (the request's filters) is asked only
 * of those that would enter the list: a walk reaches most of the network, few of it matter.
 */
class TopList {
  readonly items: Scored[] = [];
  constructor(
    private readonly index: SuggestionIndex,
    private readonly limit: number,
    private readonly accept: (v: number) => boolean,
  ) {}

  offer(v: number, score: number): void {
    const { items, limit, index } = this;
    if (!(score > 0)) return;
    if (items.length === limit) {
      const last = items[limit - 1];
      if (score < last.score || !better(index, { index: v, score }, last)) return;
    }
    if (!this.accept(v)) return;
    const s = { index: v, score };
    if (items.length === limit) items.pop();
    let i = items.length;
    while (i > 0 && better(index, s, items[i - 1])) i--;
    items.splice(i, 0, s);
  }
}

/** Path-based score: Σ over shared partners z of weightOf(degree of z). */
function pathScores(index: SuggestionIndex, asker: number, weightOf: (degree: number) => number): Map<number, number> {
  const scores = new Map<number, number>();
  for (const first of index.links[asker]) {
    const w = weightOf(index.actors[first.to].degree);
    for (const second of index.links[first.to]) scores.set(second.to, (scores.get(second.to) ?? 0) + w);
  }
  return scores;
}

/**
 * The best `limit` candidates that `accept` admits, by the score of `method`, then degree, then
 * id. Walk scores are per mille of the walker's time, so that they read like the other scores.
 */
export function structuralRanking(
  index: SuggestionIndex,
  asker: number,
  method: StructuralMethod,
  types: readonly ActorType[],
  accept: (v: number) => boolean,
  limit: number,
): Scored[] {
  const top = new TopList(index, limit, accept);
  if (method.startsWith('walk-')) {
    const { typeCode } = walkGraph(index);
    const mask = types.reduce((m, t) => m | (1 << ACTOR_TYPES.indexOf(t)), 0);
    const { reached, sum } = walk(index, asker, Number(method.slice(5)), mask);
    for (const v of reached) {
      const x = sum[v];
      sum[v] = 0;
      if (v !== asker && (1 << typeCode[v]) & mask) top.offer(v, x * 1000);
    }
    return top.items;
  }
  const weightOf =
    method === 'common-neighbours' ? () => 1 : method === 'adamic-adar' ? (k: number) => 1 / Math.log(Math.max(k, 2)) : (k: number) => 1 / k;
  for (const [v, score] of pathScores(index, asker, weightOf)) if (v !== asker) top.offer(v, score);
  return top.items;
}

/** A method's name in words, for the answer and the log. */
export function methodLabel(method: MethodName): { en: string; ja: string } {
  switch (method) {
    case 'engine':
      return { en: 'musubi scoring (calibrated on this network)', ja: 'musubiのスコア（このネットワークで較正）' };
    case 'common-neighbours':
      return { en: 'common neighbours', ja: '共通の連携先の数' };
    case 'adamic-adar':
      return { en: 'Adamic-Adar', ja: 'Adamic-Adar指標' };
    case 'resource-allocation':
      return { en: 'resource allocation', ja: 'リソース配分指標' };
    default:
      return { en: `random walk of ${method.slice(5)} steps`, ja: `${method.slice(5)}ステップのランダムウォーク` };
  }
}

