/**
 * The scoring features of a candidate for an asker, each a number from 0 up (most in 0..1) that
 * never decreases when the evidence for the pair grows, so that with non-negative weights an
 * added shared partner, field or cluster never lowers a score.
 *
 * - Structure: the resource-allocation index (Zhou, Lü & Zhang 2009), weighted by tie strength
 *   (Lü & Zhou 2010), split by whether the intermediary is a broker (an IM, a lender, a support
 *   body) or a peer: the Adamic-Adar family of Liben-Nowell & Kleinberg (2007) without the
 *   logarithm, which predicts better on sparse networks. Shared cluster projects.
 * - Fit: the candidate offers a field the asker seeks (complementarity, the resource-based view
 *   of partner choice), it seeks what the asker offers, their fields overlap (Jaccard), and
 *   how many of its partners work in the asker's field (who already serves firms like you).
 * - Place: distance between the two (exponential decay), same prefecture, same region.
 * - Country: both in the same country (partners abroad are first-class: on an international
 *   network, national partners are the nearer ones).
 * - Activity: how active the candidate has been lately, log(1 + ties discounted by age)
 *   (preferential attachment, Barabási & Albert 1999).
 * No feature depends on a network-wide statistic that the asker's own ties could move.
 */
import { distanceKm } from '../reference/geo.ts';
import { partnersInField, type IndexedActor } from './suggestion-index.ts';
import { FEATURES, featureVector, type FeatureVector } from './feature-names.ts';
import { STRUCTURE } from './weights.ts';


/** What candidate generation gathered about the paths from the asker to one candidate. */
export interface StructuralEvidence {
  /** Weighted resource allocation through peers and through brokers. */
  peers: number;
  brokers: number;
}

/** How many entries of `a` (repeats included) are in `b`: codes of a few fields each. */
function overlap(a: Int32Array, b: Int32Array): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    for (let j = 0; j < b.length; j++) {
      if (b[j] === x) {
        n++;
        break;
      }
    }
  }
  return n;
}

function anyShared(a: Int32Array, b: Int32Array): boolean {
  for (let i = 0; i < a.length; i++) for (let j = 0; j < b.length; j++) if (a[i] === b[j]) return true;
  return false;
}

/** The distance between two actors in km, or undefined when either has no place. */
export function actorDistanceKm(a: IndexedActor, b: IndexedActor): number | undefined {
  if (a.lat === undefined || a.lon === undefined || b.lat === undefined || b.lon === undefined) return undefined;
  if (a.lat === b.lat && a.lon === b.lon) return 0; // many actors sit at their prefectural capital
  return distanceKm(a.lat, a.lon, b.lat, b.lon);
}

/**
 * Resource allocation, concave: the first shared partner says more than the tenth. One shared
 * partner with STRUCTURE.referenceDegree ties (and tie weights at the network's median) adds
 * log 2; one with ten times as many ties adds a tenth of that.
 */
export function structureFeature(resource: number): number {
  return Math.log1p(resource * STRUCTURE.referenceDegree);
}

/**
 * Writes the features of `candidate` for `asker` into `out`, in FEATURES order, without
 * allocating: ranking calls it for every candidate.
 */
export function writeFeatures(asker: IndexedActor, candidate: IndexedActor, evidence: StructuralEvidence, out: Float64Array): Float64Array {
  const fields = asker.fieldCodes;
  const sought = overlap(candidate.fieldCodes, asker.seekCodes);
  const offered = overlap(candidate.seekCodes, fields);
  const common = overlap(fields, candidate.fieldCodes);
  const union = fields.length + candidate.fieldCodes.length - common;
  let serves = 0;
  for (let i = 0; i < fields.length; i++) serves = Math.max(serves, partnersInField(candidate, fields[i]));
  const cluster = anyShared(asker.clusterCodes, candidate.clusterCodes) ? 1 : 0;
  const km = actorDistanceKm(asker, candidate);
  out[0] = structureFeature(evidence.peers);
  out[1] = structureFeature(evidence.brokers);
  out[2] = cluster;
  out[3] = sought > 0 ? 1 : 0;
  out[4] = offered > 0 ? 1 : 0;
  out[5] = union > 0 ? common / union : 0;
  // Logarithms of counts: preferential attachment makes log-odds grow with log degree.
  out[6] = Math.log1p(serves);
  out[7] = km === undefined ? 0 : Math.exp(-km / STRUCTURE.distanceScaleKm);
  out[8] = asker.prefecture !== undefined && asker.prefecture === candidate.prefecture ? 1 : 0;
  out[9] = asker.region !== undefined && asker.region === candidate.region ? 1 : 0;
  out[10] = candidate.activityFeature;
  out[11] = asker.country === candidate.country ? 1 : 0;
  return out;
}

/** The features of `candidate` for `asker`, by name. */
export function computeFeatures(asker: IndexedActor, candidate: IndexedActor, evidence: StructuralEvidence): FeatureVector {
  return featureVector(writeFeatures(asker, candidate, evidence, new Float64Array(FEATURES.length)));
}
