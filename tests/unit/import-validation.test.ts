import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { decodeText } from '../../server/domain/import/decode-text.ts';
import { parseActors } from '../../server/domain/import/parse-actors.ts';
import { parseTies } from '../../server/domain/import/parse-ties.ts';
import { ProblemList } from '../../server/domain/import/problems.ts';
import { formatActorsCsv, formatTiesCsv } from '../../server/domain/csv/columns.ts';
import type { Actor, Tie } from '../../server/domain/model.ts';

const where = (p: ProblemList) => p.items.map((i) => `${i.file}:${i.line}:${i.column ?? ''}`);

describe('actors.csv validation', () => {
  it('reports every bad row with its line and column, not only the first', () => {
    const csv = [
      'id,type,name,prefecture,lat,lon,employees',
      'a1,Enterprise,Alpha,Aichi,35.1,136.9,12',
      'a2,Spaceship,Beta,Aichi,,,',
      'a3,University,,Tokyo,,,',
      'a4,Enterprise,Delta,Atlantis,95,10,-3',
      'a1,Enterprise,Again,Osaka,,,',
    ].join('\n');
    const problems = new ProblemList();
    const parsed = parseActors(csv, 'actors.csv', problems);
    expect(where(problems)).toEqual([
      'actors.csv:3:type',
      'actors.csv:4:name',
      'actors.csv:5:prefecture',
      'actors.csv:5:lat',
      'actors.csv:5:employees',
      'actors.csv:6:id',
    ]);
    expect(problems.items[5].message).toContain('first on line 2');
    expect(parsed?.actors.map((a) => a.id)).toEqual(['a1']);
  });

  it('reports a missing required column on the header line', () => {
    const problems = new ProblemList();
    expect(parseActors('id,name\nx,X\n', 'actors.csv', problems)).toBeNull();
    expect(where(problems)).toEqual(['actors.csv:1:type']);
  });

  it('counts lines from the start of a record even when a quoted cell holds line breaks', () => {
    const csv = 'id,type,name\nq1,Enterprise,"Two\nlines"\nq2,Robot,Bad\n';
    const problems = new ProblemList();
    parseActors(csv, 'actors.csv', problems);
    expect(where(problems)).toEqual(['actors.csv:4:type']);
  });

  it('accepts prefectures by English, Japanese and ISO names and stores the canonical id', () => {
    const csv = 'id,type,name,prefecture\nx1,Enterprise,A,aichi\nx2,Enterprise,B,愛知県\nx3,Enterprise,C,JP-23\n';
    const problems = new ProblemList();
    const parsed = parseActors(csv, 'actors.csv', problems)!;
    expect(problems.total).toBe(0);
    expect(parsed.actors.map((a) => a.prefecture)).toEqual(['Aichi', 'Aichi', 'Aichi']);
  });

  it('keeps unknown extra columns as extra properties', () => {
    const problems = new ProblemList();
    const parsed = parseActors('id,type,name,website\nx,Enterprise,X,https://x.example\n', 'actors.csv', problems)!;
    expect(parsed.extraColumns).toEqual(['website']);
    expect(parsed.actors[0].extra).toEqual({ website: 'https://x.example' });
  });

  it('stops listing problems at the cap but counts them all', () => {
    const rows = Array.from({ length: 300 }, (_, i) => `b${i},Nope,Name`);
    const problems = new ProblemList(50);
    parseActors(['id,type,name', ...rows].join('\n'), 'actors.csv', problems);
    expect(problems.items).toHaveLength(50);
    expect(problems.total).toBe(300);
  });
});

describe('ties.csv validation', () => {
  it('reports unknown kinds, bad numbers, self-ties and duplicates with their lines', () => {
    const csv = [
      'source,target,kind,weight,since',
      'a,b,COLLABORATES,2,2005',
      'a,b,FRIENDS,1,2005',
      'a,c,SUPPLIES,heavy,2005',
      'a,c,FINANCES,1,20x5',
      'a,a,SUPPORTS,1,2005',
      'b,a,collaborates,3,2006',
    ].join('\n');
    const problems = new ProblemList();
    const parsed = parseTies(csv, 'ties.csv', problems)!;
    expect(where(problems)).toEqual(['ties.csv:3:kind', 'ties.csv:4:weight', 'ties.csv:5:since', 'ties.csv:6:target', 'ties.csv:7:target']);
    expect(parsed.ties).toEqual([{ source: 'a', target: 'b', kind: 'COLLABORATES', weight: 2, since: 2005 }]);
  });

  it('defaults the weight to 1 and leaves since out when empty', () => {
    const problems = new ProblemList();
    const parsed = parseTies('source,target,kind\na,b,SUPPLIES\n', 'ties.csv', problems)!;
    expect(parsed.ties).toEqual([{ source: 'a', target: 'b', kind: 'SUPPLIES', weight: 1 }]);
  });
});

describe('text encodings', () => {
  const text = 'id,type,name,name_ja\nj1,Enterprise,Tanaka Seimitsu,田中精密工業株式会社\n';

  it('reads Shift_JIS (CP932) as Excel in Japan writes it', () => {
    const decoded = decodeText(iconv.encode(text, 'cp932'));
    expect(decoded.encoding).toBe('shift_jis');
    expect(decoded.text).toBe(text);
  });

  it('reads UTF-8 with and without a byte-order mark', () => {
    expect(decodeText(Buffer.from(text, 'utf8'))).toEqual({ text, encoding: 'utf-8' });
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]))).toEqual({ text, encoding: 'utf-8-bom' });
  });
});

describe('the CSV format round-trips', () => {
  it('parses what it writes back into the same actors and ties', () => {
    const actors: Actor[] = [
      {
        id: 'r1', type: 'University', name: 'Lab, "North"', name_ja: '北研究所', prefecture: 'Hokkaido', country: 'JP',
        lat: 43.0642, lon: 141.3469, fields: ['robots', 'fuel-cells'], seeks: ['semiconductors'], clusters: ['hokkaido'],
        founded: 1950, visibility: 'public', extra: { website: 'https://n.example' },
      },
      { id: 'r2', type: 'Enterprise', name: 'Plain', employees: 40 },
    ];
    const ties: Tie[] = [{ source: 'r1', target: 'r2', kind: 'COLLABORATES', weight: 2.5, since: 2004 }];
    const problems = new ProblemList();
    expect(parseActors(formatActorsCsv(actors), 'actors.csv', problems)?.actors).toEqual(actors);
    expect(parseTies(formatTiesCsv(ties), 'ties.csv', problems)?.ties).toEqual(ties);
    expect(problems.total).toBe(0);
  });
});
