/**
 * Regressions (issue 13, defect 3): a rejection repeated the whole header once per missing column
 * (a 100 MB line gave a 314 MB answer); a 1M-column header with no rows was accepted; one actor
 * with 50,000 extra columns was imported (79 s) and then broke the export. Every file is now held
 * to IMPORT_LIMITS, each limit a problem that names it, and every problem list is bounded.
 */
import { describe, expect, it } from 'vitest';
import { readCsvRecords, type CsvSyntaxError } from '../../server/domain/import/csv-records.ts';
import { IMPORT_LIMITS, readTable } from '../../server/domain/import/read-table.ts';
import { parseActors } from '../../server/domain/import/parse-actors.ts';
import { parseTies } from '../../server/domain/import/parse-ties.ts';
import { DEFAULT_PROBLEM_CAP, ProblemList } from '../../server/domain/import/problems.ts';

const spec = { file: 'actors.csv', known: ['id', 'type', 'name'], required: ['id', 'type', 'name'] };
/** The size of the answer a rejection with these problems would send. */
const answerSize = (problems: ProblemList) => JSON.stringify(problems.items).length;

describe('CSV records beyond the limits', () => {
  const limits = { maxRecordChars: 20, maxCells: 3, maxCellChars: 5 };
  const read = (text: string) => {
    const errors: CsvSyntaxError[] = [];
    const records = readCsvRecords(text, (e) => errors.push(e), limits);
    return { records, errors: errors.map((e) => [e.line, e.message]) };
  };

  it('skips a line that is too long, a line with too many cells and a cell too large, and reads on with lines counted right', () => {
    const { records, errors } = read(['a,b', 'x'.repeat(30), '1,2,3,4', 'ok,1', '"toolong",1', '"multi\nline",2', 'end,3'].join('\n'));
    expect(errors).toEqual([
      [2, expect.stringMatching(/longer than 20 characters/)],
      [3, expect.stringMatching(/more than 3 cells/)],
      [5, expect.stringMatching(/cell 1 holds 7 characters, more than the 5/)],
      [6, expect.stringMatching(/cell 1 holds 10 characters/)],
    ]);
    expect(records).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 4, cells: ['ok', '1'] },
      { line: 8, cells: ['end', '3'] },
    ]);
  });

  it('skips a quoted cell running past the line limit whole, without reading its lines as records', () => {
    const { records, errors } = read(['a', `"${'x\n'.repeat(15)}"`, 'b'].join('\n'));
    expect(errors).toEqual([[2, expect.stringMatching(/longer than 20/)]]);
    expect(records).toEqual([{ line: 1, cells: ['a'] }, { line: 18, cells: ['b'] }]);
  });

  it('still names a stray quote rather than the length when the quoting is what is broken', () => {
    const { errors } = read(['a', `x,"${'y'.repeat(40)}`, 'b'].join('\n'));
    expect(errors).toEqual([[2, expect.stringMatching(/never closed/)]]);
  });
});

describe('import files beyond the limits', () => {
  it('rejects a header of a million columns with no rows, quickly and with one short problem', () => {
    const problems = new ProblemList();
    const started = performance.now();
    expect(readTable(`id,type,name${',c'.repeat(1_000_000)}\n`, spec, problems)).toBeNull();
    expect(performance.now() - started).toBeLessThan(1000);
    expect(problems.total).toBe(1);
    expect(problems.items[0]).toMatchObject({ file: 'actors.csv', line: 1 });
    expect(problems.items[0].message).toMatch(/more than 200 cells/);
  });

  it('rejects an actor with 50,000 extra columns, naming the extra-column limit', () => {
    const extras = Array.from({ length: 50_000 }, (_, i) => `x${i}`);
    // Under the column limit too: 150 extra columns already exceed the extra-column limit of 100.
    const problems = new ProblemList();
    expect(parseActors(`id,type,name,${extras.slice(0, 150).join(',')}\na,Enterprise,A${',v'.repeat(150)}\n`, 'actors.csv', problems)).toBeNull();
    expect(problems.items.map((p) => p.message)).toEqual([expect.stringMatching(/150 columns besides id, type, name.*at most 100 are accepted \(x0, x1, x2, x3, x4 and 145 more\)/)]);
    const wide = new ProblemList();
    expect(parseActors(`id,type,name,${extras.join(',')}\na,Enterprise,A${',v'.repeat(50_000)}\n`, 'actors.csv', wide)).toBeNull();
    // The header and the one row, each with more cells than any file may have.
    expect(wide.items.map((p) => [p.line, p.message])).toEqual([
      [1, expect.stringMatching(/more than 200 cells/)],
      [2, expect.stringMatching(/more than 200 cells/)],
    ]);
    expect(IMPORT_LIMITS.maxExtraColumns).toBeLessThan(IMPORT_LIMITS.maxColumns);
  });

  it('accepts a file right at the limits', () => {
    const extras = Array.from({ length: IMPORT_LIMITS.maxExtraColumns }, (_, i) => `x${i}`);
    const problems = new ProblemList();
    const parsed = parseActors(`id,type,name,${extras.join(',')}\na,Enterprise,${'n'.repeat(IMPORT_LIMITS.maxCellChars)}${',v'.repeat(extras.length)}\n`, 'actors.csv', problems);
    expect(problems.items).toEqual([]);
    expect(parsed?.actors[0].name).toHaveLength(IMPORT_LIMITS.maxCellChars);
  });

  it('does not repeat a huge header once per missing column: a 5 MB single-line file gives a small answer', () => {
    const problems = new ProblemList();
    expect(parseTies('x'.repeat(5_000_000), 'ties.csv', problems)).toBeNull();
    expect(problems.items.map((p) => p.message)).toEqual([expect.stringMatching(/longer than 100,000 characters/)]);
    // Under the line limit, a header missing every required column names a few of its columns once.
    const header = Array.from({ length: IMPORT_LIMITS.maxExtraColumns }, (_, i) => `a_rather_long_column_name_${i}`).join(',');
    const missing = new ProblemList();
    parseTies(`${header}\n`, 'ties.csv', missing);
    expect(missing.items.filter((p) => /required column/.test(p.message))).toHaveLength(3);
    expect(answerSize(missing)).toBeLessThan(5000);
  });

  it('bounds every problem: a huge value or name is cut, and at most DEFAULT_PROBLEM_CAP are kept', () => {
    const problems = new ProblemList();
    const rows = Array.from({ length: 1000 }, (_, i) => `a${i},${'T'.repeat(9000)},A`).join('\n');
    parseActors(`id,type,name\n${rows}\n`, 'actors.csv', problems);
    expect(problems.total).toBe(1000);
    expect(problems.items).toHaveLength(DEFAULT_PROBLEM_CAP);
    expect(problems.items[0].value!.length).toBeLessThan(300);
    expect(problems.items[0].message.length).toBeLessThan(600);
    expect(answerSize(problems)).toBeLessThan(250_000);
  });
});
