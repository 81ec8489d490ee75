/**
 * Regressions (issue 13, defects 1 and 4): a UTF-8 byte-order mark followed by invalid UTF-8 threw a
 * TypeError in decodeText (a 500); a UTF-8 file with one CP932 line was decoded whole as Shift_JIS
 * and stored as mojibake. A file is now read in one encoding as a whole, or rejected with its line.
 */
import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { decodeText } from '../../server/domain/import/decode-text.ts';
import { AppError } from '../../server/domain/errors.ts';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const utf8 = (text: string) => Buffer.from(text, 'utf8');
const sjis = (text: string) => iconv.encode(text, 'cp932');

/** The import rejection decodeText throws, or a failure naming what happened instead. */
function rejection(bytes: Buffer, file = 'actors.csv'): AppError {
  try {
    const decoded = decodeText(bytes, file);
    throw new Error(`decoded as ${decoded.encoding}: ${JSON.stringify(decoded.text.slice(0, 80))}`);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return err;
  }
}
const problem = (err: AppError) => (err.details as { problems: { file: string; line: number; message: string }[] }).problems[0];

describe('decoding an uploaded file', () => {
  it('rejects a byte-order mark followed by invalid UTF-8 as a 422 naming the line, not a TypeError', () => {
    const err = rejection(Buffer.concat([BOM, utf8('id,type,name\nx1,Enterprise,精密\n'), Buffer.from([0x90, 0xb8, 0x96, 0xa7, 0x0a])]));
    expect(err.status).toBe(422);
    expect(err.code).toBe('import_rejected');
    expect(problem(err)).toMatchObject({ file: 'actors.csv', line: 3 });
    expect(problem(err).message).toMatch(/line 3 is not valid UTF-8.*byte-order mark/);
  });

  it('rejects a UTF-8 file with one Shift_JIS line, naming that line', () => {
    const bytes = Buffer.concat([utf8('id,type,name,name_ja\nx1,Enterprise,A,精密工業\nx2,University,B,東北大学\n'), sjis('x3,Enterprise,C,北ギア工業\n'), utf8('x4,Enterprise,D,南\n')]);
    const err = rejection(bytes);
    expect(err.status).toBe(422);
    expect(problem(err).line).toBe(4);
    expect(problem(err).message).toMatch(/line 4 is not UTF-8.*rest of the file is UTF-8/);
  });

  it('rejects a Shift_JIS file with one UTF-8 line, naming the UTF-8 line', () => {
    const bytes = Buffer.concat([sjis('id,type,name,name_ja\nx1,Enterprise,A,精密工業\nx2,University,B,東北大学\n'), utf8('x3,Enterprise,C,北ギア工業\n'), sjis('x4,Enterprise,D,南部\n')]);
    const err = rejection(bytes);
    expect(problem(err).line).toBe(4);
    expect(problem(err).message).toMatch(/line 4 is UTF-8 while the rest of the file is not/);
  });

  it('rejects bytes valid in neither encoding, counting \\r\\n, \\n and \\r line breaks as the CSV reader does', () => {
    const err = rejection(Buffer.concat([utf8('id,type,name\r\nx1,Enterprise,A\rx2,Enterprise,B\n'), Buffer.from([0x78, 0x33, 0x2c, 0x85, 0x40, 0xa0, 0x0a])]));
    expect(problem(err).line).toBe(4);
    expect(problem(err).message).toMatch(/neither UTF-8 nor Shift_JIS/);
  });

  it('tells a UTF-16 file apart', () => {
    expect(problem(rejection(Buffer.from('\ufeffid,type,name\n', 'utf16le'))).message).toMatch(/UTF-16/);
  });

  it('still reads a whole file in either encoding, half-width kana and all', () => {
    const text = 'id,type,name,name_ja\nx1,Enterprise,A,ｷﾀｷﾞｱ工業\nx2,University,B,東北大学\n';
    expect(decodeText(sjis(text))).toEqual({ text, encoding: 'shift_jis' });
    expect(decodeText(utf8(text))).toEqual({ text, encoding: 'utf-8' });
    expect(decodeText(Buffer.concat([BOM, utf8(text)]))).toEqual({ text, encoding: 'utf-8-bom' });
  });
});
