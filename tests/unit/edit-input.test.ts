import { describe, expect, it } from 'vitest';
import { actorEditTable, fieldProblems, fieldsBeyondProfile, tieEditTable } from '../../server/domain/edits/edit-input.ts';
import { actorsFromTable } from '../../server/domain/import/parse-actors.ts';
import { tiesFromTable } from '../../server/domain/import/parse-ties.ts';
import { ProblemList } from '../../server/domain/import/problems.ts';
import type { Actor } from '../../server/domain/model.ts';

const stored: Actor = { id: 'e1', type: 'Enterprise', name: 'Gears', prefecture: 'Aichi', fields: ['robots'], extra: { contact_name: 'Sato' } };

describe('actor edits as one-row tables', () => {
  it('reads lists, numbers and null the way a file’s cells read', () => {
    const problems = new ProblemList();
    const edit = actorEditTable({ id: 'e9', type: 'University', name: 'U', fields: ['robots', ' sensors '], employees: 12, name_ja: null }, undefined, problems)!;
    const parsed = actorsFromTable(edit.table, 'edit', problems);
    expect(problems.empty).toBe(true);
    expect(parsed.actors[0]).toEqual({ id: 'e9', type: 'University', name: 'U', fields: ['robots', 'sensors'], employees: 12 });
  });

  it('keeps the stored values of the fields not sent and writes only those sent', () => {
    const problems = new ProblemList();
    const edit = actorEditTable({ seeks: 'sensors', contact_name: null }, stored, problems)!;
    const actor = actorsFromTable(edit.table, 'edit', problems).actors[0];
    expect(actor).toMatchObject({ id: 'e1', name: 'Gears', prefecture: 'Aichi', fields: ['robots'], seeks: ['sensors'] });
    expect(actor.extra).toBeUndefined();
    expect(edit.columns).toEqual(['id', 'seeks', 'contact_name']);
  });

  it('names the field of every problem, with the import’s message', () => {
    const problems = new ProblemList();
    const edit = actorEditTable({ id: 'e1', type: 'Enterprise', name: 'x', founded: 'soon', fields: ['a;b'], lat: {} }, undefined, problems)!;
    actorsFromTable(edit.table, 'edit', problems);
    expect(fieldProblems(problems)).toEqual([
      { field: 'fields', message: "'a;b' holds ';', which separates the items of a list" },
      { field: 'lat', message: 'lat must be text, a number, a list of text or null' },
      { field: 'founded', value: 'soon', message: "'soon' is not a whole number" },
    ]);
  });

  it('refuses a changed id, a body that is not an object, and too many fields', () => {
    for (const body of [{ id: 'other' }, [1, 2], 'text', Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`x${i}`, 'v']))]) {
      const problems = new ProblemList();
      actorEditTable(body, stored, problems);
      expect(problems.total, JSON.stringify(body).slice(0, 40)).toBe(1);
    }
  });

  it('tells which fields lie beyond a member’s profile', () => {
    expect(fieldsBeyondProfile({ seeks: [], visibility: 'private', name: 'x', type: 'University' })).toEqual(['name', 'type']);
    expect(fieldsBeyondProfile({ fields: [], contact_email: 'a@b.jp' })).toEqual([]);
  });
});

describe('tie edits', () => {
  it('takes kind and ends from the path and weight and since from the body', () => {
    const problems = new ProblemList();
    const table = tieEditTable({ source: 'a', target: 'b', kind: 'supplies' }, { weight: '2.5', since: 2020 }, problems)!;
    expect(tiesFromTable(table, 'edit', problems).ties).toEqual([{ source: 'a', target: 'b', kind: 'SUPPLIES', weight: 2.5, since: 2020 }]);
    const unknown = new ProblemList();
    tieEditTable({ source: 'a', target: 'b', kind: 'SUPPLIES' }, { colour: 'red' }, unknown);
    expect(fieldProblems(unknown)[0].field).toBe('colour');
  });
});
