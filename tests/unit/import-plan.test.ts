import { describe, expect, it } from 'vitest';
import { planImport, type ExistingState } from '../../server/domain/import/plan-import.ts';
import { parseActors } from '../../server/domain/import/parse-actors.ts';
import { parseTies, tieKey } from '../../server/domain/import/parse-ties.ts';
import { ProblemList } from '../../server/domain/import/problems.ts';

const files = { actors: 'actors.csv', ties: 'ties.csv' };

function parse(actorsCsv: string, tiesCsv: string) {
  const problems = new ProblemList();
  return { actors: parseActors(actorsCsv, files.actors, problems), ties: parseTies(tiesCsv, files.ties, problems), problems };
}

describe('planning an import against the database', () => {
  it('adds what is new, updates what differs and leaves identical actors and ties alone', () => {
    const { actors, ties, problems } = parse(
      'id,type,name\nn1,Enterprise,New\nc1,Enterprise,Renamed\nu1,University,Same\n',
      'source,target,kind,weight,since\nn1,u1,COLLABORATES,1,2005\nu1,c1,COLLABORATES,2,2004\nc1,u1,SUPPLIES,1,2003\n',
    );
    const existing: ExistingState = {
      actors: new Map([
        ['c1', { id: 'c1', type: 'Enterprise', name: 'Old name', employees: 10 }],
        ['u1', { id: 'u1', type: 'University', name: 'Same' }],
      ]),
      otherIds: new Set(),
      ties: new Map([
        [tieKey('c1', 'u1', 'COLLABORATES'), { ref: 'r1', source: 'c1', target: 'u1', kind: 'COLLABORATES', weight: 2, since: 2004 }],
        [tieKey('c1', 'u1', 'SUPPLIES'), { ref: 'r2', source: 'c1', target: 'u1', kind: 'SUPPLIES', weight: 5, since: 2003 }],
      ]),
    };
    const plan = planImport(actors, ties, existing, files, problems);
    expect(problems.total).toBe(0);
    expect(plan.counts).toEqual({ actors: { added: 1, changed: 1, unchanged: 1, removed: 0 }, ties: { added: 1, changed: 1, unchanged: 1, removed: 0 } });
    expect(plan.createActors.map((a) => a.id)).toEqual(['n1']);
    expect(plan.updateActors.map((u) => u.actor.id)).toEqual(['c1']);
    expect(plan.updateTies).toEqual([{ ref: 'r2', weight: 1, since: 2003 }]);
  });

  it('treats a collaboration listed in the other direction as the same tie', () => {
    const { actors, ties, problems } = parse('id,type,name\n', 'source,target,kind,weight,since\nb,a,COLLABORATES,1,2001\n');
    const existing: ExistingState = {
      actors: new Map(),
      otherIds: new Set(['a', 'b']),
      ties: new Map([[tieKey('a', 'b', 'COLLABORATES'), { ref: 'r', source: 'a', target: 'b', kind: 'COLLABORATES', weight: 1, since: 2001 }]]),
    };
    expect(planImport(actors, ties, existing, files, problems).counts.ties).toEqual({ added: 0, changed: 0, unchanged: 1, removed: 0 });
  });

  it('compares only the columns the file carries', () => {
    const { actors, ties, problems } = parse('id,type,name\nc1,Enterprise,Same\n', 'source,target,kind\n');
    const existing: ExistingState = {
      actors: new Map([['c1', { id: 'c1', type: 'Enterprise', name: 'Same', employees: 10, fields: ['robots'] }]]),
      otherIds: new Set(),
      ties: new Map(),
    };
    expect(planImport(actors, ties, existing, files, problems).counts.actors.unchanged).toBe(1);
  });

  it('reports a tie to an actor that is neither in the file nor in the database, with its line', () => {
    const { actors, ties, problems } = parse('id,type,name\nk1,Enterprise,K\n', 'source,target,kind\nk1,ghost,SUPPLIES\nk1,known,SUPPLIES\n');
    const existing: ExistingState = { actors: new Map(), otherIds: new Set(['known']), ties: new Map() };
    const plan = planImport(actors, ties, existing, files, problems);
    expect(problems.items).toMatchObject([{ file: 'ties.csv', line: 2, column: 'target', value: 'ghost' }]);
    expect(plan.createTies).toHaveLength(1);
  });

  it('with replace, removes what the files do not name and clears values the file leaves out', () => {
    const { actors, ties, problems } = parse('id,type,name\nkeep,Enterprise,Keep\n', 'source,target,kind\n');
    const existing: ExistingState = {
      actors: new Map([
        ['keep', { id: 'keep', type: 'Enterprise', name: 'Keep', employees: 10 }],
        ['gone', { id: 'gone', type: 'University', name: 'Gone' }],
      ]),
      otherIds: new Set(),
      ties: new Map([[tieKey('keep', 'gone', 'SUPPLIES'), { ref: 'r9', source: 'keep', target: 'gone', kind: 'SUPPLIES', weight: 1 }]]),
    };
    const plan = planImport(actors, ties, existing, files, problems, { replace: true });
    expect(plan.deleteActors).toEqual(['gone']);
    expect(plan.deleteTies).toEqual(['r9']);
    expect(plan.updateActors.map((u) => u.actor.id)).toEqual(['keep']);
    expect(plan.counts.actors).toEqual({ added: 0, changed: 1, unchanged: 0, removed: 1 });
  });
});

describe('unknown actors on rows that have other problems too', () => {
  it('are still reported, so one pass finds everything', () => {
    const { actors, ties, problems } = parse('id,type,name\nk1,Enterprise,K\n', 'source,target,kind,weight\nk1,ghost,SUPPLIES,heavy\n');
    planImport(actors, ties, { actors: new Map(), otherIds: new Set(), ties: new Map() }, files, problems);
    expect(problems.items.map((x) => `${x.line}:${x.column}`)).toEqual(['2:weight', '2:target']);
  });
});
