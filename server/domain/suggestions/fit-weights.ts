/**
 * Fits the weights of one role by McFadden's conditional logit (McFadden 1974): each new tie
 * after the cut-off is a choice of one partner among the asker's candidates, with probability
 * exp(score) / Σ exp(score of the candidates). The candidates are those the engine itself
 * generates; negatives are subsampled uniformly, which keeps the estimate consistent
 * (McFadden 1978, sampling of alternatives). Weights are kept non-negative (projected gradient
 * ascent with Adam; Kingma & Ba 2015) so that more evidence never lowers a score. An L2 penalty
 * pulls them towards a prior (a Gaussian prior, i.e. maximum a posteriori): towards zero when
 * fitting the priors themselves, towards the priors when calibrating on a network (a role with
 * few choices then stays near its prior). Deterministic: negatives come from a seeded generator.
 */
import { CANDIDATE_DEFAULTS, gatherCandidates } from './candidates.ts';
import { computeFeatures } from './features.ts';
import { FEATURES, type FeatureVector } from './feature-names.ts';
import { candidateFilter } from './filters.ts';
import { roleTruth, type EvalRole, type HoldOut } from './holdout.ts';

export interface FitOptions {
  /** Negatives kept per asker. */
  negatives: number;
  /** L2 penalty on the whole likelihood (a Gaussian prior of variance 1 / l2 on each weight). */
  l2: number;
  /** Centre of the penalty and starting point; zero when absent. */
  prior?: FeatureVector;
  iterations: number;
  learningRate: number;
  seed: number;
  maxAskers: number;
}

export const FIT_DEFAULTS: Readonly<FitOptions> = { negatives: 150, l2: 2, iterations: 400, learningRate: 0.05, seed: 7, maxAskers: 4000 };

/** One asker's choice set: features of each kept candidate, and which of them it chose. */
export interface ChoiceSet {
  /** Row-major: one row of FEATURES.length values per candidate. */
  x: Float64Array;
  rows: number;
  chosen: number[];
}

/** sfc32, seeded: reproducible subsampling. */
function rng(seed: number): () => number {
  let a = 0x9e3779b9, b = 0x243f6a88, c = 0xb7e15162, d = seed >>> 0;
  return () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    const t = (a + b + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}


/** The choice sets of a role at the hold-out's cut-off. */
export function choiceSets(h: HoldOut, role: Pick<EvalRole, 'askers' | 'targets'>, options: FitOptions = FIT_DEFAULTS): ChoiceSet[] {
  const random = rng(options.seed);
  const sets: ChoiceSet[] = [];
  for (const [u, wanted] of roleTruth(h, role, options.maxAskers)) {
    const filter = candidateFilter(h.index, u, role.targets, {});
    const found = gatherCandidates(h.index, u, role.targets, filter.accept, filter.pools, CANDIDATE_DEFAULTS);
    const positives = found.filter((c) => wanted.has(c.index));
    if (!positives.length) continue;
    const negatives = found.filter((c) => !wanted.has(c.index));
    for (let i = negatives.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [negatives[i], negatives[j]] = [negatives[j], negatives[i]];
    }
    const kept = [...positives, ...negatives.slice(0, options.negatives)];
    const me = h.index.actors[u];
    const x = new Float64Array(kept.length * FEATURES.length);
    kept.forEach((c, r) => {
      const f = computeFeatures(me, h.index.actors[c.index], c);
      FEATURES.forEach((name, i) => (x[r * FEATURES.length + i] = f[name]));
    });
    sets.push({ x, rows: kept.length, chosen: positives.map((_, i) => i) });
  }
  return sets;
}

/** Mean log-likelihood per choice and its gradient. */
function likelihood(sets: ChoiceSet[], w: Float64Array): { ll: number; grad: Float64Array; choices: number } {
  const k = w.length;
  const grad = new Float64Array(k);
  let ll = 0;
  let choices = 0;
  const expected = new Float64Array(k);
  for (const { x, rows, chosen } of sets) {
    const s = new Float64Array(rows);
    let max = -Infinity;
    for (let r = 0; r < rows; r++) {
      let acc = 0;
      for (let i = 0; i < k; i++) acc += x[r * k + i] * w[i];
      s[r] = acc;
      if (acc > max) max = acc;
    }
    let z = 0;
    expected.fill(0);
    for (let r = 0; r < rows; r++) {
      const e = Math.exp(s[r] - max);
      z += e;
      for (let i = 0; i < k; i++) expected[i] += e * x[r * k + i];
    }
    const logZ = max + Math.log(z);
    for (const j of chosen) {
      ll += s[j] - logZ;
      for (let i = 0; i < k; i++) grad[i] += x[j * k + i] - expected[i] / z;
      choices++;
    }
  }
  const n = Math.max(1, choices);
  for (let i = 0; i < k; i++) grad[i] /= n;
  return { ll: ll / n, grad, choices };
}

export interface FitResult {
  weights: FeatureVector;
  logLikelihood: number;
  choices: number;
  askers: number;
}

/** The non-negative weights that best explain the choices. */
export function fitWeights(sets: ChoiceSet[], options: FitOptions = FIT_DEFAULTS): FitResult {
  const k = FEATURES.length;
  const centre = Float64Array.from(FEATURES, (f) => options.prior?.[f] ?? 0);
  const w = options.prior ? Float64Array.from(centre) : new Float64Array(k).fill(0.5);
  const m = new Float64Array(k);
  const v = new Float64Array(k);
  let last: { ll: number; grad: Float64Array; choices: number } = { ll: 0, grad: new Float64Array(k), choices: 0 };
  for (let t = 1; t <= options.iterations; t++) {
    last = likelihood(sets, w);
    for (let i = 0; i < k; i++) {
      const g = last.grad[i] - (options.l2 / Math.max(1, last.choices)) * (w[i] - centre[i]);
      m[i] = 0.9 * m[i] + 0.1 * g;
      v[i] = 0.999 * v[i] + 0.001 * g * g;
      const step = (options.learningRate * (m[i] / (1 - 0.9 ** t))) / (Math.sqrt(v[i] / (1 - 0.999 ** t)) + 1e-8);
      w[i] = Math.max(0, w[i] + step);
    }
  }
  const weights = Object.fromEntries(FEATURES.map((f, i) => [f, Math.round(w[i] * 100) / 100])) as FeatureVector;
  return { weights, logLikelihood: last.ll, choices: last.choices, askers: sets.length };
}
