/**
 * The program's follow-up of introductions: which requests a list shows (filters by status, and
 * by the region, cluster, type or id of either side), how many there are of each status, the
 * figures by region, cluster or actor type (requests, accepted, acceptance rate, collaborations)
 * and the CSV a coordinator downloads, one row per request. Pure, over the stored requests and
 * the current actors (a deleted actor keeps only the type it had when asked).
 */
import type { IntroductionStatus, IntroductionSummaryResponse } from '../../contract/api.ts';
import { csvLine } from '../csv/columns.ts';
import { actorNode } from '../graph/network-graph.ts';
import { groupName, groupsOf, NO_GROUP } from '../metrics/groupings.ts';
import type { Actor, ActorType } from '../model.ts';
import { reached, type IntroductionRecord } from './introduction-steps.ts';

export type SummaryBy = IntroductionSummaryResponse['by'];
export const SUMMARY_BYS: readonly SummaryBy[] = ['region', 'cluster', 'type'];
export type PartySide = 'asker' | 'target';
export const PARTY_SIDES: readonly PartySide[] = ['asker', 'target'];

export type ActorLookup = (id: string) => Actor | undefined;

export interface IntroductionFilter {
  statuses?: readonly IntroductionStatus[];
  region?: string;
  cluster?: string;
  type?: ActorType;
  /** A real actor id: the asker or the target. */
  actor?: string;
  /** Whose region, cluster, type or id the filters look at; either side when absent. */
  side?: PartySide;
}

const idOf = (r: IntroductionRecord, side: PartySide) => (side === 'asker' ? r.askerId : r.targetId);
const typeOf = (r: IntroductionRecord, side: PartySide) => (side === 'asker' ? r.askerType : r.targetType);

/** The groups of one side of a request under `by` (a removed actor: its type, or no group). */
function sideGroups(r: IntroductionRecord, side: PartySide, by: SummaryBy, actorOf: ActorLookup, hides?: (id: string) => boolean): readonly string[] {
  const actor = actorOf(idOf(r, side));
  if (!actor) return by === 'type' ? [typeOf(r, side)] : [NO_GROUP];
  // What an anonymous stand-in does not tell (its clusters) is not filtered on either.
  if (by === 'cluster' && hides?.(actor.id)) return [NO_GROUP];
  return groupsOf(actorNode(actor), by);
}

/**
 * The requests that pass the filters other than status (the counts are taken over them), then
 * those that pass the status filter too. `hides`: the actors the viewer sees only anonymously.
 */
export function filterIntroductions(
  records: readonly IntroductionRecord[],
  filter: IntroductionFilter,
  actorOf: ActorLookup,
  hides?: (id: string) => boolean,
): { matching: IntroductionRecord[]; counts: Partial<Record<IntroductionStatus, number>> } {
  const sides = filter.side ? [filter.side] : PARTY_SIDES;
  const fits = (r: IntroductionRecord, side: PartySide) =>
    (filter.actor === undefined || idOf(r, side) === filter.actor) &&
    (filter.type === undefined || typeOf(r, side) === filter.type) &&
    (filter.region === undefined || sideGroups(r, side, 'region', actorOf).includes(filter.region)) &&
    (filter.cluster === undefined || sideGroups(r, side, 'cluster', actorOf, hides).includes(filter.cluster));
  const counts: Partial<Record<IntroductionStatus, number>> = {};
  const matching: IntroductionRecord[] = [];
  for (const r of records) {
    if (!sides.some((s) => fits(r, s))) continue;
    counts[r.status] = (counts[r.status] ?? 0) + 1;
    if (!filter.statuses || filter.statuses.includes(r.status)) matching.push(r);
  }
  return { matching, counts };
}

interface Tally {
  requests: number;
  accepted: number;
  answered: number;
  collaborating: number;
}

function figures(t: Tally) {
  return {
    requests: t.requests,
    accepted: t.accepted,
    acceptanceRate: t.answered ? Math.round((t.accepted / t.answered) * 10_000) / 10_000 : null,
    collaborating: t.collaborating,
  };
}

function count(t: Tally, r: IntroductionRecord): void {
  const accepted = reached(r, 'accepted');
  t.requests++;
  if (accepted) t.accepted++;
  if (accepted || reached(r, 'declined')) t.answered++;
  if (reached(r, 'collaborating')) t.collaborating++;
}

/**
 * The follow-up by the region, cluster or type of the asker (or the target): requests, how many
 * the other side accepted, the acceptance rate (accepted / answered: accepted or declined by the
 * other side; withdrawn and coordinator-declined requests were never answered) and how many became
 * collaborations. An actor in several clusters counts in each; `total` counts every request once.
 */
export function summarizeIntroductions(records: readonly IntroductionRecord[], by: SummaryBy, side: PartySide, actorOf: ActorLookup): IntroductionSummaryResponse {
  const tallies = new Map<string, Tally>();
  const total: Tally = { requests: 0, accepted: 0, answered: 0, collaborating: 0 };
  for (const r of records) {
    count(total, r);
    for (const key of new Set(sideGroups(r, side, by, actorOf))) {
      let t = tallies.get(key);
      if (!t) tallies.set(key, (t = { requests: 0, accepted: 0, answered: 0, collaborating: 0 }));
      count(t, r);
    }
  }
  const rows = [...tallies]
    .map(([key, t]) => ({ key, ...groupName(by, key), ...figures(t) }))
    .sort((a, b) => b.requests - a.requests || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { by, side, total: figures(total), rows };
}

export const INTRODUCTION_CSV_COLUMNS = [
  'id', 'status', 'requested', 'approved', 'answered', 'answer', 'reason', 'met', 'collaborating', 'ended', 'closed', 'tie_kind',
  'asker_type', 'asker_region', 'asker_prefecture', 'asker_clusters', 'target_type', 'target_region', 'target_prefecture', 'target_clusters', 'via',
] as const;

/** The day of the last step to `status`: the outcome's date as given, else the day it was recorded. */
function dayOf(r: IntroductionRecord, ...statuses: IntroductionStatus[]): string {
  const step = [...r.history].reverse().find((s) => statuses.includes(s.status));
  return step ? (step.date ?? step.at.slice(0, 10)) : '';
}

function sideCells(r: IntroductionRecord, side: PartySide, actorOf: ActorLookup): string[] {
  const actor = actorOf(idOf(r, side));
  const node = actor && actorNode(actor);
  return [typeOf(r, side), node?.region ?? '', node?.prefecture ?? '', (node?.clusters ?? []).join(';')];
}

/**
 * One row per request for the follow-up in a spreadsheet: status and the day of each step, the
 * answer and its reason, and each side's type, region, prefecture and clusters (no names).
 */
export function introductionsCsv(records: readonly IntroductionRecord[], actorOf: ActorLookup): string {
  let out = csvLine(INTRODUCTION_CSV_COLUMNS);
  for (const r of records) {
    const answer = reached(r, 'accepted') ? 'accepted' : reached(r, 'declined') ? 'declined' : '';
    const reason = [...r.history].reverse().find((s) => s.reason)?.reason ?? '';
    out += csvLine([
      r.id,
      r.status,
      r.createdAt.slice(0, 10),
      dayOf(r, 'approved'),
      dayOf(r, 'accepted', 'declined'),
      answer,
      reason,
      dayOf(r, 'met'),
      dayOf(r, 'collaborating'),
      dayOf(r, 'ended'),
      dayOf(r, 'declined_by_coordinator', 'declined', 'withdrawn', 'ended'),
      r.tieKind ?? '',
      ...sideCells(r, 'asker', actorOf),
      ...sideCells(r, 'target', actorOf),
      String(r.viaIds.length),
    ]);
  }
  return out;
}
