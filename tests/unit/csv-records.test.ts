import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, readCsvRecords } from '../../server/domain/import/csv-records.ts';

describe('reading CSV records', () => {
  it('keeps the line each record starts on, across quoted line breaks and CRLF', () => {
    const records = readCsvRecords('a,b\r\n"x\ny",2\r\n\r\nlast,"q""uote"');
    expect(records).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['x\ny', '2'] },
      { line: 5, cells: ['last', 'q"uote'] },
    ]);
  });

  it('keeps empty cells and skips lines that hold only separators', () => {
    expect(readCsvRecords('a,,c\n,,\n')).toEqual([{ line: 1, cells: ['a', '', 'c'] }]);
  });

  it('drops a byte-order mark before the header', () => {
    expect(readCsvRecords('\ufeffid\nx\n')[0].cells).toEqual(['id']);
  });

  it('locates a quote that is never closed', () => {
    expect(() => readCsvRecords('a,b\n1,"open\n2,3\n')).toThrow(CsvSyntaxError);
    try {
      readCsvRecords('a,b\n1,"open\n2,3\n');
    } catch (err) {
      expect((err as CsvSyntaxError).line).toBe(2);
    }
  });

  it('rejects text after a closing quote', () => {
    expect(() => readCsvRecords('"a"b,c\n')).toThrow(/after a closing quote/);
  });
});
