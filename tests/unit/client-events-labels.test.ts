/**
 * What the Events view writes for ids and dates (client/src/panels/event-labels.ts): the report's
 * bars by name in the interface language, and an event's dates as calendar days that no time zone
 * of the browser can move.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chartBars, eventDate, eventDates, eventLabels, type Reference } from '../../client/src/panels/event-labels.ts';

const reference = {
  types: [
    { id: 'Enterprise', name: 'Enterprise', name_ja: '企業', color: '#000' },
    { id: 'University', name: 'University', name_ja: '大学', color: '#111' },
  ],
  regions: [{ id: 'kanto', name: 'Kanto', name_ja: '関東' }, { id: 'chubu', name: 'Chubu', name_ja: '中部' }],
  prefectures: [{ id: 'Aichi', name: 'Aichi', name_ja: '愛知県', region: 1, x: 0, y: 0, radius: 1 }],
  fields: [{ id: 'moulds', name: 'Moulds and dies', name_ja: '金型' }],
  clusters: [],
  places: [],
  kinds: [],
} as unknown as Reference;

describe('names for the ids of the report and the participants', () => {
  it('names types, regions, prefectures and fields in the language asked for', () => {
    const en = eventLabels(reference, 'en');
    const ja = eventLabels(reference, 'ja');
    expect([en.type('University'), en.region('chubu'), en.prefecture('Aichi'), en.field('moulds')]).toEqual(['University', 'Chubu', 'Aichi', 'Moulds and dies']);
    expect([ja.type('University'), ja.region('chubu'), ja.prefecture('Aichi'), ja.field('moulds')]).toEqual(['大学', '中部', '愛知県', '金型']);
  });

  it('names the report’s abroad and unknown, and leaves other unknown ids as they are', () => {
    expect([eventLabels(reference, 'en').region('abroad'), eventLabels(reference, 'ja').region('abroad')]).toEqual(['Abroad', '海外']);
    expect(eventLabels(reference, 'ja').region('unknown')).toBe('所在地不明');
    expect(eventLabels(reference, 'ja').type('Spaceport')).toBe('Spaceport');
    expect(eventLabels(undefined, 'ja').region('kanto')).toBe('kanto');
  });

  it('orders bars from the largest, labelled, with the counts unchanged', () => {
    const counts: Record<string, number> = { kanto: 2, chubu: 5, abroad: 1, unknown: 2 };
    const bars = chartBars(counts, eventLabels(reference, 'en').region);
    // Kanto and "Place unknown" tie at 2: by label.
    expect(bars.ids).toEqual(['chubu', 'kanto', 'unknown', 'abroad']);
    expect(bars.labels).toEqual(['Chubu', 'Kanto', 'Place unknown', 'Abroad']);
    expect(bars.values).toEqual(bars.ids.map((id) => counts[id]));
    expect(chartBars(counts, eventLabels(reference, 'ja').region).labels[0]).toBe('中部');
    expect(bars.values.every((v, i) => i === 0 || bars.values[i - 1] >= v)).toBe(true);
  });
});

describe('dates of an event', () => {
  const zone = process.env.TZ;
  beforeEach(() => {
    // West of UTC: a date read as a UTC midnight and shown in local time would fall on the day before.
    process.env.TZ = 'Pacific/Honolulu';
  });
  afterEach(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  it('shows the calendar day entered, whatever the browser’s time zone', () => {
    expect(new Date('2025-01-01T00:00:00Z').getDate()).toBe(31);
    const en = eventDate('2025-01-01', 'en');
    expect(en).toMatch(/\b1\b/);
    expect(en).toMatch(/Jan/);
    expect(en).toMatch(/2025/);
    expect(en).toMatch(/Wed/);
    expect(eventDate('2025-01-01', 'ja')).toMatch(/2025年1月1日.*水/);
    expect(eventDate('2025-10-14', 'ja', 'short')).not.toMatch(/2025/);
  });

  it('writes one day once, and a range with both days', () => {
    expect(eventDates('2025-10-14', '2025-10-14', 'en')).toBe(eventDate('2025-10-14', 'en'));
    const range = eventDates('2025-10-14', '2025-10-15', 'en');
    expect(range).toMatch(/14/);
    expect(range).toMatch(/15/);
    expect(eventDates('2025-10-14', '2025-10-15', 'ja')).toMatch(/2025年10月14日.*〜.*2025年10月15日/);
  });

  it('leaves what is not a date as it is, with no offset added', () => {
    expect(eventDate('someday', 'en')).toBe('someday');
    expect(eventDates('2025-10-14', '2025-10-15', 'en')).not.toMatch(/\+09|GMT|UTC/);
  });
});
