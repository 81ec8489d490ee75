/**
 * The actor picker's rules without a browser (client/src/panels/actor-picker.ts): which option
 * the arrow keys reach, what taking one does to the choice, and how names at hand are matched.
 * Its keys in a real page are checked in tests/e2e/events.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { firstActive, matchByName, stepActive, withChoice, type PickerItem } from '../../client/src/panels/actor-picker.ts';

const item = (id: string, unavailable?: string): PickerItem => ({ id, name: id, ...(unavailable ? { unavailable } : {}) });

describe('moving through the options', () => {
  const items = [item('a'), item('b', 'already registered'), item('c'), item('d')];

  it('skips options that cannot be taken and wraps around', () => {
    expect(stepActive(items, 0, 1)).toBe(2);
    expect(stepActive(items, 2, -1)).toBe(0);
    expect(stepActive(items, 3, 1)).toBe(0);
    expect(stepActive(items, 0, -1)).toBe(3);
  });

  it('starts from the first (down) or the last (up) when nothing is highlighted', () => {
    expect(stepActive(items, -1, 1)).toBe(0);
    expect(stepActive(items, -1, -1)).toBe(3);
    expect(firstActive([item('x', 'no'), item('y')])).toBe(1);
  });

  it('highlights nothing when no option can be taken', () => {
    const none = [item('x', 'no'), item('y', 'no')];
    expect(stepActive(none, -1, 1)).toBe(-1);
    expect(firstActive(none)).toBe(-1);
    expect(stepActive([], -1, 1)).toBe(-1);
  });
});

describe('taking an option', () => {
  it('adds each actor once, in the order taken, when several may be chosen', () => {
    let chosen: PickerItem[] = [];
    for (const id of ['b', 'a', 'b', 'c']) chosen = withChoice(chosen, item(id), true);
    expect(chosen.map((c) => c.id)).toEqual(['b', 'a', 'c']);
  });

  it('replaces the one before when only one may be chosen', () => {
    expect(withChoice([item('a')], item('b'), false).map((c) => c.id)).toEqual(['b']);
  });
});

describe('matching names at hand', () => {
  const parties = [
    { id: '1', name: 'Nishihara Mold Ltd.', name_ja: '有限会社西原金型' },
    { id: '2', name: 'Moldtech Kyoto', name_ja: '京都モールドテック' },
    { id: '3', name: 'Aichi Precision', name_ja: '愛知精密' },
  ];

  it('puts names that start with the text before names that contain it, in either language', () => {
    expect(matchByName(parties, 'mold').map((p) => p.id)).toEqual(['2', '1']);
    expect(matchByName(parties, '西原').map((p) => p.id)).toEqual(['1']);
    expect(matchByName(parties, 'AICHI').map((p) => p.id)).toEqual(['3']);
  });

  it('finds nothing for blank text and keeps to the limit', () => {
    expect(matchByName(parties, '  ')).toEqual([]);
    expect(matchByName(parties, 'i', 2)).toHaveLength(2);
  });
});
