/**
 * The features the engine scores a candidate by, by name (features.ts computes them). A module of
 * its own, importing nothing, so that the index and the weights can name features without
 * depending on how they are computed.
 */
export const FEATURES = [
  'sharedPartners',
  'sharedBrokers',
  'sharedCluster',
  'offersSought',
  'seeksOffered',
  'similarFields',
  'servesYourFields',
  'proximity',
  'samePrefecture',
  'sameRegion',
  'activity',
  'sameCountry',
] as const;
export type Feature = (typeof FEATURES)[number];
export type FeatureVector = Record<Feature, number>;

/** Values in FEATURES order as a vector by name (always built in that order: one shape for all). */
export function featureVector(values: ArrayLike<number>): FeatureVector {
  const vector = {} as FeatureVector;
  for (let i = 0; i < FEATURES.length; i++) vector[FEATURES[i]] = values[i];
  return vector;
}
