/**
 * Every number the suggestions weigh, in one place, each with its reason.
 *
 * How the role weights were obtained. A temporal hold-out on the demonstration network
 * (graph-seeds/demo): the ties known at the end of 2005 are the network, the pairs first
 * tied in 2006-2007 are the choices (12,608 of them found among the candidates the engine
 * generates); for each role, McFadden's conditional logit
 * (fit-weights.ts; up to 4,000 askers, 150 sampled alternatives each, non-negative weights,
 * L2 = 2) gives the weights. Reproduce with
 *   npm run eval:suggestions -- --actors graph-seeds/demo/actors.csv --ties graph-seeds/demo/ties.csv --fit
 * The evaluation in docs/suggestions.md is measured on a later split (known ≤ 2007, truth
 * 2008-2010), which the fit never saw.
 *
 * They are PRIORS. A served network re-estimates them on its own last two years when its ties
 * carry years (calibrate.ts, settings in CALIBRATION below), pulled towards these. That is what
 * keeps the method from depending on the demonstration generator: on a network where place or
 * fields matter less, and structure more, the calibrated weights follow that network.
 *
 * What a weight means: the change in log-odds that the asker ties with the candidate rather than
 * with another candidate, for one unit of the feature (features.ts). A weight is never negative,
 * so more evidence never lowers a score.
 */
import type { FeatureVector } from './feature-names.ts';
import type { RoleKey, RoleWeights } from './roles.ts';

/** Constants of the features themselves (not fitted: each is a unit or a bound with a reason). */
export const STRUCTURE = {
  /**
   * Tie strength = (weight / median weight)^0.5 in the shared-partner score. Weights say how much
   * two actors do together, but evidence that strong ties predict better is mixed (Lü & Zhou 2010
   * found weak ties matter as much); the square root lets a strong tie count more, not
   * proportionally more. Measured (recall@10 and MRR, every role): 0, 0.5 and 1 are within 0.01
   * of each other on the demonstration network; on the contrast network, whose weights carry no
   * information, 1 loses up to 0.026 of MRR and 0.5 stays within 0.01 of 0.
   */
  strengthExponent: 0.5,
  /**
   * Activity counts a tie formed `activityHalfLifeYears` ago as half a tie formed this year: an
   * actor whose ties are all old is less likely to be forming new ones. Three years matches the
   * horizon the suggestions are judged on (the hold-out's truth window); three years and no
   * discount are within 0.015 of each other on both networks. Shared partners are not
   * discounted: a six-year half-life there lowered recall on both networks (an old partner
   * still knows both).
   */
  activityHalfLifeYears: 3,
  /**
   * One shared partner with this many ties adds log 2 to the shared-partner feature; one with
   * ten times as many adds about a tenth of that (resource allocation). It only sets where the
   * logarithm bends: 3, 10 and 30 are within 0.015 of each other on both networks (the
   * calibrated weight absorbs the scale). 10 is near the mean degree on the demonstration
   * network (6 among actors with ties at the end of 2007, 8.8 over all actors at the end of 2010).
   */
  referenceDegree: 10,
  /**
   * Proximity = exp(-km / 100): a partner a day trip away (100 km) counts e^-1 of one next
   * door. Same prefecture and same region are features of their own, so this only orders
   * candidates within them; 50 and 100 km are within 0.01 of each other on both networks.
   */
  distanceScaleKm: 100,
} as const;

/** How a served network calibrates the priors on its own past (calibrate.ts). */
export const CALIBRATION = {
  /**
   * The last two years known are the choices: long enough for hundreds of choices per role. (One
   * year was tried: on the demonstration network enterprise → enterprise fell from 1.22× to 1.12×
   * the best baseline on recall@10.)
   */
  windowYears: 2,
  /** ... widened until they hold this share of the dated ties (28% on the demonstration network). */
  minWindowShare: 0.15,
  /** Askers sampled per role: bounds the work (3-4 s on the demonstration network, 13 s at 500,000 ties). */
  maxAskersPerRole: 600,
  /** Below this many choices a role keeps its prior: too few to move 11 weights. */
  minChoices: 40,
  fit: {
    /** Alternatives sampled per asker (consistent under McFadden 1978). */
    negatives: 40,
    /** A Gaussian prior of standard deviation 1/√2 around the prior weights. */
    l2: 2,
    iterations: 120,
    learningRate: 0.1,
    seed: 7,
  },
} as const;

/**
 * The pooled fit over all roles: the prior of a role not listed below (a university looking for
 * another university, a lender for a support body, ...). Place carries most (same region 2.2,
 * same prefecture 1.46), then shared brokers and partners, then what a candidate offers.
 */
export const DEFAULT_WEIGHTS: FeatureVector = {
  sharedPartners: 1.1, sharedBrokers: 1.38, sharedCluster: 0.49, offersSought: 0.78, seeksOffered: 0.29,
  similarFields: 0.47, servesYourFields: 0.21, proximity: 0.72, samePrefecture: 1.46, sameRegion: 2.2, activity: 0.41, sameCountry: 0,
};

/** Prior weights per role, fitted as described above (choices in brackets). */
export const PRIOR_WEIGHTS: RoleWeights<FeatureVector> = {
  /**
   * Industry-academia (3,017 choices). A lab is chosen for what it offers (offersSought 1.59,
   * similar fields 0.86) and for being near (same region 1.99, prefecture 1.32): consortium R&D
   * is regional. Shared partners weigh little (0.29): firms seldom meet a lab through another firm.
   */
  'enterprise>academic': {
    sharedPartners: 0.29, sharedBrokers: 0.46, sharedCluster: 0.66, offersSought: 1.59, seeksOffered: 0,
    similarFields: 0.86, servesYourFields: 0.18, proximity: 0.66, samePrefecture: 1.32, sameRegion: 1.99, activity: 0.63, sameCountry: 0,
  },
  /**
   * Firm to firm (3,262): introductions matter most here (shared partners 1.92, through brokers
   * 1.72) and trade is regional (same region 2.53); complementarity counts both ways (0.41, 0.45).
   */
  'enterprise>enterprise': {
    sharedPartners: 1.92, sharedBrokers: 1.72, sharedCluster: 0.28, offersSought: 0.41, seeksOffered: 0.45,
    similarFields: 0.3, servesYourFields: 0.12, proximity: 0.56, samePrefecture: 0.54, sameRegion: 2.53, activity: 0.06, sameCountry: 0,
  },
  /**
   * Firm to lender (1,658): place first (same prefecture 3.08: shinkin banks and credit
   * co-operatives lend within their own area), then lenders that seek the firm's field (0.48)
   * and already finance firms in it (0.16).
   */
  'enterprise>finance': {
    sharedPartners: 0.03, sharedBrokers: 0, sharedCluster: 0.49, offersSought: 0, seeksOffered: 0.48,
    similarFields: 0, servesYourFields: 0.16, proximity: 1.08, samePrefecture: 3.08, sameRegion: 2.29, activity: 0.61, sameCountry: 0,
  },
  /** Firm to incubation manager (984): the nearest IMs (prefecture 2.85, proximity 1.88) and those its partners know (1.81). */
  'enterprise>incubation': {
    sharedPartners: 1.81, sharedBrokers: 0, sharedCluster: 0.21, offersSought: 0, seeksOffered: 0.42,
    similarFields: 0, servesYourFields: 0.16, proximity: 1.88, samePrefecture: 2.85, sameRegion: 1.57, activity: 0.5, sameCountry: 0,
  },
  /** Firm to support body (1,460): the region's bodies (2.88) and its cluster's (1.07), known through partners (1.31). */
  'enterprise>support': {
    sharedPartners: 1.31, sharedBrokers: 0, sharedCluster: 1.07, offersSought: 0, seeksOffered: 0.29,
    similarFields: 0.46, servesYourFields: 0.05, proximity: 1.11, samePrefecture: 1.18, sameRegion: 2.88, activity: 0.35, sameCountry: 0,
  },
  /** School or institute to firm (763): firms that seek what it offers (1.13), in its region (1.7). */
  'academic>enterprise': {
    sharedPartners: 0.26, sharedBrokers: 0.26, sharedCluster: 0.48, offersSought: 0, seeksOffered: 1.13,
    similarFields: 0.52, servesYourFields: 0.13, proximity: 0.23, samePrefecture: 1.24, sameRegion: 1.7, activity: 0.3, sameCountry: 0,
  },
  /** Lender to firm (528): the mirror of enterprise>finance, place first. */
  'finance>enterprise': {
    sharedPartners: 0.06, sharedBrokers: 0, sharedCluster: 0.37, offersSought: 0.29, seeksOffered: 0,
    similarFields: 0, servesYourFields: 0.18, proximity: 0.99, samePrefecture: 2.59, sameRegion: 1.95, activity: 0.52, sameCountry: 0,
  },
  /** IM to firm (276): nearby firms (prefecture 1.81, proximity 1.43) and firms its incubatees know (1.21). */
  'incubation>enterprise': {
    sharedPartners: 1.21, sharedBrokers: 0, sharedCluster: 0.15, offersSought: 0.27, seeksOffered: 0,
    similarFields: 0, servesYourFields: 0, proximity: 1.43, samePrefecture: 1.81, sameRegion: 1.67, activity: 0, sameCountry: 0,
  },
  /** Support body to firm (660): the region (2.57) and the cluster it serves (1.03). */
  'support>enterprise': {
    sharedPartners: 1.02, sharedBrokers: 0, sharedCluster: 1.03, offersSought: 0.21, seeksOffered: 0,
    similarFields: 0, servesYourFields: 0, proximity: 0.84, samePrefecture: 0.57, sameRegion: 2.57, activity: 0.5, sameCountry: 0,
  },
} satisfies Partial<Record<RoleKey, FeatureVector>>;
