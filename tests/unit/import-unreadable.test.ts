/**
 * Regression (issue 10, defect 11): a CSV with an unclosed quote hid that file's other problems,
 * and the other file was then told that an actor on line 2 of the first file did not exist.
 */
import { describe, expect, it } from 'vitest';
import { readCsvRecords, type CsvSyntaxError } from '../../server/domain/import/csv-records.ts';
import { parseActors } from '../../server/domain/import/parse-actors.ts';
import { parseTies } from '../../server/domain/import/parse-ties.ts';
import { planImport, type ExistingState } from '../../server/domain/import/plan-import.ts';
import { ProblemList, type ImportProblem } from '../../server/domain/import/problems.ts';

const files = { actors: 'actors.csv', ties: 'ties.csv' };
const nothingStored = (): ExistingState => ({ actors: new Map(), otherIds: new Set(), ties: new Map() });
const where = (p: ImportProblem) => `${p.file}:${p.line}${p.column ? `:${p.column}` : ''}`;

function check(actorsCsv: string, tiesCsv: string, existing = nothingStored()) {
  const problems = new ProblemList();
  const actors = parseActors(actorsCsv, files.actors, problems);
  const ties = parseTies(tiesCsv, files.ties, problems);
  planImport(actors, ties, existing, files, problems);
  return problems.items;
}

describe('an import whose CSV holds a quote that is never closed', () => {
  const actorsCsv = ['id,type,name', 'a1,Enterprise,"Acme', 'a2,Spaceship,Beta', 'a3,Enterprise,', 'a4,University,Delta'].join('\n');
  const tiesCsv = ['source,target,kind', 'a1,a4,COLLABORATES', 'a4,nobody,SUPPLIES', 'a2,a3,SUPPLIES', 'a4,a4,COLLABORATES'].join('\n');

  it('reports the unclosed quote on its line and still the other problems of that file', () => {
    const problems = check(actorsCsv, tiesCsv);
    expect(problems.find((p) => p.file === 'actors.csv' && p.line === 2)?.message).toMatch(/quoted cell is never closed/);
    expect(problems.map(where)).toEqual(expect.arrayContaining(['actors.csv:3:type', 'actors.csv:4:name', 'ties.csv:5:target']));
  });

  it('does not call the actors of the unreadable file missing, but says they could not be checked', () => {
    const problems = check(actorsCsv, tiesCsv);
    expect(problems.filter((p) => /unknown actor/.test(p.message))).toEqual([]);
    const unchecked = problems.filter((p) => p.file === 'ties.csv' && /could not be checked/.test(p.message));
    expect(unchecked).toHaveLength(1);
    // Line 2 names a1 (on the unreadable line), line 3 names 'nobody'; a2, a3, a4 were read.
    expect(unchecked[0].message).toMatch(/lines 2, 3 could not be checked/);
    expect(unchecked[0].message).toContain('actors.csv could not be read whole');
  });

  it('still calls an actor missing when the actors file was read whole', () => {
    const problems = check(['id,type,name', 'a4,University,Delta'].join('\n'), ['source,target,kind', 'a4,nobody,SUPPLIES'].join('\n'));
    expect(problems.map((p) => `${where(p)} ${p.message}`)).toEqual([
      "ties.csv:2:target unknown actor 'nobody': it is neither in actors.csv nor in the database",
    ]);
  });

  it('treats a header it cannot read like a file it cannot read: nothing else is called missing', () => {
    const problems = check(['id,"type,name', 'a1,Enterprise,Acme'].join('\n'), ['source,target,kind', 'a1,b1,SUPPLIES'].join('\n'));
    expect(problems.map(where)).toEqual(['actors.csv:1', 'ties.csv:0']);
  });

  it('counts actors the database holds as known even when the actors file is unreadable', () => {
    const existing = nothingStored();
    existing.otherIds.add('stored');
    const problems = check(['id,type,name', 'a1,Enterprise,"Acme'].join('\n'), ['source,target,kind', 'stored,a1,SUPPLIES', 'stored,stored2,SUPPLIES'].join('\n'), existing);
    expect(problems.find((p) => p.file === 'ties.csv')?.message).toMatch(/lines 2, 3 could not be checked/);
  });
});

describe('reading CSV records past a malformed one', () => {
  it('reports a stray quote on the line it opens and reads the lines after it', () => {
    const errors: CsvSyntaxError[] = [];
    const records = readCsvRecords('id,name\nx1,"Stray\nx2,"Good, Inc"\nx3,Plain\n', (err) => errors.push(err));
    expect(errors.map((e) => e.line)).toEqual([2]);
    expect(errors[0].message).toMatch(/opened on line 2/);
    expect(records).toEqual([
      { line: 1, cells: ['id', 'name'] },
      { line: 3, cells: ['x2', 'Good, Inc'] },
      { line: 4, cells: ['x3', 'Plain'] },
    ]);
  });

  it('goes on after text that follows a closing quote, with the lines counted right', () => {
    const errors: CsvSyntaxError[] = [];
    const records = readCsvRecords('a,b\r\n"x"y,1\r\n"multi\nline",2\r\n', (err) => errors.push(err));
    expect(errors.map((e) => [e.line, e.message])).toEqual([[2, expect.stringMatching(/after a closing quote/)]]);
    expect(records).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 3, cells: ['multi\nline', '2'] },
    ]);
  });

  it('still throws at the first malformed record when no handler is given', () => {
    expect(() => readCsvRecords('a\n"open\n')).toThrow(/never closed/);
  });
});
