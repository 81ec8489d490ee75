/**
 * Finding meetings in a large event's list (client/src/panels/event-meetings.ts): by either side's
 * name in English or Japanese or its id, word by word, whatever the case and width, and by status.
 */
import { describe, expect, it } from 'vitest';
import type { EventMeeting } from '../../server/contract/api.ts';
import { filterMeetings } from '../../client/src/panels/event-meetings.ts';

const meeting = (id: string, a: [string, string, string], b: [string, string, string], status: EventMeeting['status']): EventMeeting =>
  ({ id, status, requester: { id: a[0], name: a[1], name_ja: a[2] }, target: { id: b[0], name: b[1], name_ja: b[2] } }) as unknown as EventMeeting;

const gears: [string, string, string] = ['ent-00001', 'Kaede Gears', '楓ギア'];
const lab: [string, string, string] = ['uni-001', 'Kaedeshima University', '楓島大学'];
const bank: [string, string, string] = ['fin-001', 'Chubu Bank', '中部銀行'];
const meetings = [meeting('m1', gears, lab, 'accepted'), meeting('m2', bank, gears, 'requested'), meeting('m3', lab, bank, 'declined')];
const ids = (list: EventMeeting[]) => list.map((m) => m.id);

describe('finding meetings', () => {
  it('keeps every meeting without a filter', () => {
    expect(ids(filterMeetings(meetings, { text: '', status: '' }))).toEqual(['m1', 'm2', 'm3']);
  });

  it('finds either side by English or Japanese name, or by id, ignoring case and width', () => {
    expect(ids(filterMeetings(meetings, { text: 'kaede gears', status: '' }))).toEqual(['m1', 'm2']);
    expect(ids(filterMeetings(meetings, { text: '楓島', status: '' }))).toEqual(['m1', 'm3']);
    expect(ids(filterMeetings(meetings, { text: 'ＵＮＩ-001', status: '' }))).toEqual(['m1', 'm3']);
  });

  it('needs every word: two sides find the meeting between them', () => {
    expect(ids(filterMeetings(meetings, { text: 'uni-001  fin-001', status: '' }))).toEqual(['m3']);
    expect(ids(filterMeetings(meetings, { text: 'bank nowhere', status: '' }))).toEqual([]);
  });

  it('keeps one status', () => {
    expect(ids(filterMeetings(meetings, { text: '', status: 'requested' }))).toEqual(['m2']);
    expect(ids(filterMeetings(meetings, { text: 'gears', status: 'declined' }))).toEqual([]);
  });
});
