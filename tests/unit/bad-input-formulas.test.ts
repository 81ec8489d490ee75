/**
 * Regression (issue 13, defect 5): cells starting with = + - @, tab, CR or their full-width forms
 * were exported verbatim and ran as formulas in a spreadsheet (OWASP "CSV injection"). They are now
 * prefixed with ' on export and read back exactly on import; plain numbers stay numbers.
 */
import { describe, expect, it } from 'vitest';
import { csvLine, formatActorsCsv, formatTiesCsv, neutraliseFormula, restoreNeutralised } from '../../server/domain/csv/columns.ts';
import { readCsvRecords } from '../../server/domain/import/csv-records.ts';
import { parseActors } from '../../server/domain/import/parse-actors.ts';
import { parseTies } from '../../server/domain/import/parse-ties.ts';
import { ProblemList } from '../../server/domain/import/problems.ts';
import { formatMetricsCsv } from '../../server/domain/metrics/metrics-csv.ts';
import type { GroupMetrics, GroupMetricsResult } from '../../server/domain/metrics/group-metrics.ts';
import type { Actor, Tie } from '../../server/domain/model.ts';

const FORMULAS = ['=HYPERLINK("http://evil.example","x")', '+1+1', '-2+3+cmd|\' /C calc\'!A0', '@SUM(A1:A2)', '\tx', '\r=1', '＝1+1', '＋1', '－1', '＠SUM(A1)'];

/** What a spreadsheet would see as the first character of each cell, after CSV unquoting. */
const cellsOf = (csv: string) => readCsvRecords(csv).map((r) => r.cells);
/** A cell a spreadsheet runs as a formula: one starting with a formula character that is not a plain number. */
const live = (cell: string) => /^[=+\-@\t\r＝＋－＠]/.test(cell) && !/^[+-]?\d+(\.\d+)?$/.test(cell);

describe('exported cells are neutralised against spreadsheet formulas', () => {
  it('prefixes every formula start with an apostrophe, in any column of actors.csv and ties.csv', () => {
    const actors: Actor[] = FORMULAS.map((f, i) => ({ id: `${f}${i}`, type: 'Enterprise', name: f, name_ja: f, fields: [f], extra: { note: f } }));
    const ties: Tie[] = [{ source: FORMULAS[0], target: FORMULAS[3], kind: 'SUPPLIES', weight: 1 }];
    const cells = [...cellsOf(formatActorsCsv(actors)), ...cellsOf(formatTiesCsv(ties))].flat();
    expect(cells.filter(live)).toEqual([]);
    expect(cells).toContain(`'${FORMULAS[0]}`);
    expect(cells).toContain(`'＝1+1`);
  });

  it('neutralises metrics.csv too (group names and ids are free text)', () => {
    const group = (id: string): GroupMetrics => ({
      id, name: id, name_ja: id, actors: 1, tiesInside: 0, weightInside: 0, density: 0, averageDegree: -0.5, internalAverageDegree: 0,
      clustering: 0, industryAcademiaShare: 0, tiesOutside: 0, externalShare: 0, partners: [{ id: '=x', ties: 1 }], components: 1,
      largestComponent: 1, brokers: [{ id: '@b', name: 'b', type: 'Enterprise', betweenness: 0 }],
    });
    const result = { by: 'field', network: group('all'), groups: [group('=cmd'), group('＠x')] } as unknown as GroupMetricsResult;
    const cells = cellsOf(formatMetricsCsv(result)).flat();
    expect(cells.filter(live)).toEqual([]);
    expect(cells).toContain('-0.5');
  });

  it('leaves plain numbers as numbers: lon=-0.12 stays a number a spreadsheet can compute with', () => {
    const actors: Actor[] = [{ id: 'london', type: 'Enterprise', name: 'London', country: 'GB', prefecture: 'London', lat: 51.5, lon: -0.12 }];
    expect(formatActorsCsv(actors)).toContain(',51.5,-0.12,');
    expect(csvLine(['-3', '+4', '-1e-7', '-', '-x'])).toBe("-3,+4,-1e-7,'-,'-x\n");
  });

  it('reads every exported value back exactly, apostrophes already in the data included', () => {
    const values = [...FORMULAS.filter((f) => f.trim() === f), "'=already", "''+2", "'-5", "it's", "'", 'plain', '-7.5'];
    for (const v of values) expect(restoreNeutralised(neutraliseFormula(v))).toBe(v);
    const actors: Actor[] = values.map((v, i) => ({ id: `a${i}`, type: 'Enterprise', name: v, extra: { note: v } }));
    const ties: Tie[] = [{ source: 'a0', target: 'a1', kind: 'COLLABORATES', weight: 2 }];
    const problems = new ProblemList();
    expect(parseActors(formatActorsCsv(actors), 'actors.csv', problems)?.actors).toEqual(actors);
    expect(parseTies(formatTiesCsv(ties), 'ties.csv', problems)?.ties).toEqual(ties);
    expect(problems.total).toBe(0);
  });

  it('reads a hand-neutralised number back as the number', () => {
    const problems = new ProblemList();
    const parsed = parseActors("id,type,name,country,prefecture,lat,lon\nx,Enterprise,X,GB,London,51.5,'-0.12\n", 'actors.csv', problems);
    expect(problems.items).toEqual([]);
    expect(parsed?.actors[0].lon).toBe(-0.12);
  });
});
