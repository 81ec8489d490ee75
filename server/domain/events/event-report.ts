/**
 * The event report for policymakers: who took part (by type and region), the requests and how
 * many were accepted, the meetings held, the share of meetings between industry and academia, and
 * the ties formed between pairs who met within 6 and 12 months of the event's first day. As JSON
 * and as CSV (cells neutralised against spreadsheet formulas). Pure.
 */
import type { EventReportResponse } from '../../contract/api.ts';
import { csvLine } from '../csv/columns.ts';
import type { ActorType } from '../model.ts';
import { findPrefecture } from '../reference/prefectures.ts';
import type { MeetingRecord } from './meeting-steps.ts';

const INDUSTRY: ReadonlySet<ActorType> = new Set(['Enterprise']);
const ACADEMIA: ReadonlySet<ActorType> = new Set(['University', 'ResearchInstitute']);

export interface ReportInput {
  event: { id: string; name: string; name_ja: string; startDate: string; endDate: string };
  participants: readonly { id: string; type: ActorType; prefecture?: string; country?: string }[];
  meetings: readonly MeetingRecord[];
  /** Ties created (audit `tie.create`) between two actors, with when. */
  tiesCreated: readonly { source: string; target: string; at: string }[];
}

const months = (date: string, n: number) => {
  const d = new Date(`${date}T00:00:00+09:00`);
  d.setUTCMonth(d.getUTCMonth() + n);
  return d.getTime();
};

export function eventReport(input: ReportInput): EventReportResponse {
  const byType: Record<string, number> = {};
  const byRegion: Record<string, number> = {};
  const typeOf = new Map(input.participants.map((p) => [p.id, p.type]));
  for (const p of input.participants) {
    byType[p.type] = (byType[p.type] ?? 0) + 1;
    const region = p.country && p.country !== 'JP' ? 'abroad' : (p.prefecture ? findPrefecture(p.prefecture)?.region : undefined) ?? 'unknown';
    byRegion[region] = (byRegion[region] ?? 0) + 1;
  }
  const ms = input.meetings;
  const accepted = ms.filter((m) => m.status === 'accepted');
  const declined = ms.filter((m) => m.status === 'declined').length;
  const answered = accepted.length + declined;
  const outcome = (v: string) => accepted.filter((m) => m.outcome?.value === v).length;
  const scheduled = accepted.filter((m) => m.slot !== undefined);
  const isIA = (m: MeetingRecord) => {
    const a = typeOf.get(m.requesterId);
    const b = typeOf.get(m.targetId);
    return !!a && !!b && ((INDUSTRY.has(a) && ACADEMIA.has(b)) || (INDUSTRY.has(b) && ACADEMIA.has(a)));
  };
  const met = new Set(accepted.map((m) => [m.requesterId, m.targetId].sort().join('\u0000')));
  const from = new Date(`${input.event.startDate}T00:00:00+09:00`).getTime();
  const formed = (n: number) => {
    const until = months(input.event.startDate, n);
    const pairs = new Set<string>();
    for (const t of input.tiesCreated) {
      const key = [t.source, t.target].sort().join('\u0000');
      const at = Date.parse(t.at);
      if (met.has(key) && at >= from && at < until) pairs.add(key);
    }
    return pairs.size;
  };
  return {
    event: input.event,
    participants: { total: input.participants.length, byType, byRegion },
    requests: { total: ms.length, accepted: accepted.length, declined, acceptanceRate: answered ? Math.round((accepted.length / answered) * 1000) / 1000 : null },
    meetings: {
      scheduled: scheduled.length,
      held: outcome('held') + outcome('follow_up') + outcome('collaborating'),
      noShow: outcome('no_show'),
      followUp: outcome('follow_up'),
      collaborating: outcome('collaborating'),
      industryAcademiaShare: scheduled.length ? Math.round((scheduled.filter(isIA).length / scheduled.length) * 1000) / 1000 : null,
    },
    tiesFormed: { within6Months: formed(6), within12Months: formed(12) },
  };
}

/** The report as CSV: one row per figure (section, key, value). */
export function eventReportCsv(r: EventReportResponse): string {
  let out = csvLine(['section', 'key', 'value']);
  const row = (section: string, key: string, value: number | string | null) => (out += csvLine([section, key, value === null ? '' : String(value)]));
  row('event', 'name', r.event.name);
  row('event', 'name_ja', r.event.name_ja);
  row('event', 'dates', `${r.event.startDate}/${r.event.endDate}`);
  row('participants', 'total', r.participants.total);
  for (const [k, v] of Object.entries(r.participants.byType)) row('participants_by_type', k, v);
  for (const [k, v] of Object.entries(r.participants.byRegion)) row('participants_by_region', k, v);
  for (const [k, v] of Object.entries(r.requests)) row('requests', k, v);
  for (const [k, v] of Object.entries(r.meetings)) row('meetings', k, v);
  row('ties_formed', 'within_6_months', r.tiesFormed.within6Months);
  row('ties_formed', 'within_12_months', r.tiesFormed.within12Months);
  return out;
}
