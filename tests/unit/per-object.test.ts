import { describe, expect, it } from 'vitest';
import { perObject } from '../../server/domain/per-object.ts';

describe('perObject', () => {
  it('makes one value per object, once', () => {
    let made = 0;
    const arrayOf = perObject((o: { n: number }) => (made++, new Float64Array(o.n)));
    const a = { n: 3 };
    const b = { n: 5 };
    expect(arrayOf(a)).toBe(arrayOf(a));
    expect(arrayOf(b).length).toBe(5);
    expect(arrayOf(a)).not.toBe(arrayOf(b));
    expect(made).toBe(2);
  });
});
