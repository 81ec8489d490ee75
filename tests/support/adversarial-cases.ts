/**
 * The tables of the adversarial suite (tests/integration/adversarial.test.ts, issue 13 "The proof"):
 * hostile values for path ids, query parameters, JSON bodies, headers and imported files. Every
 * value is kept as it goes on the wire (already percent-encoded for URLs, bytes for files), so
 * malformed encodings can be sent as they are.
 */
import zlib from 'node:zlib';
import iconv from 'iconv-lite';

/** A hostile text, percent-encoded for a URL (`url`) and as a JavaScript string for JSON bodies (`text`). */
export interface Hostile {
  label: string;
  url: string;
  text: string;
}

const enc = (label: string, text: string): Hostile => ({ label, url: encodeURIComponent(text), text });
/** A value whose URL form cannot be produced by encodeURIComponent (malformed on purpose). */
const raw = (label: string, url: string, text: string): Hostile => ({ label, url, text });

/** Values for every text parameter and path id. */
export const HOSTILE: Hostile[] = [
  enc('combining marks', 'e\u0301\u0301\u0301\u0301 Ｚ̸̡̛'),
  enc('right-to-left', '\u202Eevil\u202C مرحبا שלום'),
  enc('emoji', '🧪👩🏽‍🔬🇯🇵'),
  enc('full-width digits', '１２３４５'),
  enc('NUL', 'a\u0000b'),
  raw('lone surrogate (CESU bytes)', '%ED%A0%80x', '\uD800x'),
  raw('malformed percent-encoding', '%E0%A4%A', '%E0%A4%A'),
  raw('invalid percent escape', '%zz%', '%zz%'),
  raw('overlong UTF-8', '%C0%AF', '\u00C0\u00AF'),
  enc('Cypher injection', "x'}) MATCH (n) DETACH DELETE n //"),
  enc('Cypher injection, double quote', '") RETURN 1 UNION MATCH (n) RETURN n.id AS id //'),
  enc('Cypher injection, backtick', '`) CALL db.labels() YIELD label RETURN label //'),
  enc('Lucene injection', 'name:* OR id:*~ AND "'),
  enc('Lucene special characters', '+-&&||!(){}[]^"~*?:\\/'),
  enc('Lucene wildcard', '*'),
  enc('path traversal', '../../../../etc/passwd'),
  raw('encoded path traversal', '..%2F..%2F..%2Fetc%2Fpasswd', '../../../etc/passwd'),
  raw('double-encoded traversal', '%252e%252e%252fetc', '%2e%2e%2fetc'),
  enc('broken quoting', 'a"b\'c`d\\'),
  enc('formula', '=HYPERLINK("http://evil.example","x")'),
  enc('huge number', '1e309'),
  enc('negative number', '-1'),
  enc('beyond 2^53', '9007199254740993123'),
  enc('NaN', 'NaN'),
  enc('long text', 'x'.repeat(3000)),
  enc('HTML', '<script>alert(1)</script>'),
];

/** Numbers for numeric query parameters. */
export const NUMBERS = ['-1', '-999999999999', '0', '1e309', '99999999999999999999999', '1.5', 'NaN', 'Infinity', '０x10', '１２', '0x10', ' 5 ', '5abc', ''];

/**
 * The query parameters any route might read: each route ignores the ones it does not take, and a
 * new parameter added with one of these names is covered at once.
 */
export const QUERY_NAMES = [
  'q', 'limit', 'offset', 'cursor', 'type', 'types', 'prefecture', 'region', 'cluster', 'field', 'country',
  'by', 'side', 'status', 'actor', 'asOf', 'year', 'from', 'to', 'minSize', 'resolution', 'method',
  'members', 'format', 'lang', 'distance', 'replace', 'seed',
];

/** A JSON-ish body as sent: bytes and headers. */
export interface BodyCase {
  label: string;
  body: string | Uint8Array;
  headers: Record<string, string>;
}

const json = { 'content-type': 'application/json' };
const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const nestedObject = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

/** Malformed or wrong bodies for every write route. */
export const BODIES: BodyCase[] = [
  { label: 'truncated JSON', body: '{"name": "x', headers: json },
  { label: 'trailing comma', body: '{"a": 1,}', headers: json },
  { label: 'single quotes', body: "{'a': 1}", headers: json },
  { label: 'JSON array', body: '[1, 2, 3]', headers: json },
  { label: 'JSON null', body: 'null', headers: json },
  { label: 'JSON string', body: '"text"', headers: json },
  { label: 'JSON number', body: '1e309', headers: json },
  { label: 'deep array nesting (100,000)', body: nested(100_000), headers: json },
  { label: 'deep object nesting (20,000)', body: nestedObject(20_000), headers: json },
  { label: 'unknown and prototype fields', body: '{"__proto__": {"role": "admin"}, "constructor": {"prototype": 1}}', headers: json },
  { label: 'huge and negative numbers', body: JSON.stringify({ weight: -1, since: 1e308, year: -99999999999, limit: 1e21 }).replace('1e+308', '1e309'), headers: json },
  { label: 'every field an object', body: JSON.stringify({ id: {}, name: [], actor: { $ne: null }, message: [[[]]] }), headers: json },
  { label: 'lone surrogate escape', body: '{"name": "\\ud800", "message": "\\udfff"}', headers: json },
  { label: 'NUL in strings', body: '{"name": "a\\u0000b", "id": "\\u0000"}', headers: json },
  { label: 'invalid UTF-8 bytes', body: Uint8Array.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d]), headers: json },
  { label: 'BOM then JSON', body: '\uFEFF{"a": 1}', headers: json },
  { label: 'charset latin1', body: '{}', headers: { 'content-type': 'application/json; charset=latin1' } },
  { label: 'charset utf-16', body: iconv.encode('{"a":1}', 'utf16le'), headers: { 'content-type': 'application/json; charset=utf-16' } },
  { label: 'text/plain JSON', body: '{"name": "x"}', headers: { 'content-type': 'text/plain' } },
  { label: 'form-urlencoded', body: 'name=x&id=%00', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
  { label: 'XML', body: '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>', headers: { 'content-type': 'application/xml' } },
  { label: 'no content type', body: '{"name": "x"}', headers: {} },
  { label: 'garbled content type', body: '{}', headers: { 'content-type': ';;;/=\u0001' } },
  { label: 'unknown content encoding', body: '{}', headers: { ...json, 'content-encoding': 'x-unknown' } },
  { label: 'invalid gzip', body: 'not gzip at all', headers: { ...json, 'content-encoding': 'gzip' } },
  { label: 'gzip bomb (1 MB of zeros past the limit)', body: zlib.gzipSync(Buffer.concat([Buffer.from('{"a":"'), Buffer.alloc(3 * 1024 * 1024, 0x30), Buffer.from('"}')])), headers: { ...json, 'content-encoding': 'gzip' } },
  { label: 'oversize body (2 MB)', body: `{"message": "${'x'.repeat(2 * 1024 * 1024)}"}`, headers: json },
  { label: 'multipart body', body: '--b\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--b--\r\n', headers: { 'content-type': 'multipart/form-data; boundary=b' } },
];

/** A hostile header set for a GET: each must leave the answer a 2xx or a JSON 4xx. */
export const HEADERS: { label: string; headers: Record<string, string> }[] = [
  { label: 'Authorization without a token', headers: { authorization: 'Bearer' } },
  { label: 'Authorization Basic', headers: { authorization: 'Basic YWRtaW46YWRtaW4=' } },
  { label: 'forged token', headers: { authorization: 'Bearer musubi_' + 'A'.repeat(40) } },
  { label: 'token with injection', headers: { authorization: "Bearer musubi_x' OR 1=1 //" } },
  { label: 'very long token', headers: { authorization: 'Bearer ' + 'x'.repeat(8000) } },
  { label: 'forged session cookie', headers: { cookie: 'musubi_session=' + 'z'.repeat(64) } },
  { label: 'malformed cookie header', headers: { cookie: 'musubi_session=%E0%A4%A; =; ;;; a=%zz' } },
  { label: 'Accept-Language garbage', headers: { 'accept-language': 'zz-ZZ;q=abc, *;q=-1, ja;q=1e309' } },
  { label: 'Accept only XML', headers: { accept: 'application/xml' } },
  { label: 'If-None-Match garbage', headers: { 'if-none-match': '"\u00ff", W/, *' } },
  { label: 'Range header', headers: { range: 'bytes=-1--5,99999999999999999999-' } },
  { label: 'X-Forwarded-For spoof', headers: { 'x-forwarded-for': '1.2.3.4, ../../etc, <script>' } },
];

/** A file for the importer: the bytes, with the field it is sent as. Each must be rejected whole. */
export interface FileCase {
  label: string;
  files: { field: string; name: string; bytes: Buffer }[];
  query?: string;
}

const csv = (text: string) => Buffer.from(text, 'utf8');

/** Files the importer must reject whole (their ids start with `p`, so a leak would be found and removed). */
export function importCases(p: string, known: string): FileCase[] {
  const actors = (rows: string, header = 'id,type,name,name_ja,prefecture,fields') => ({ field: 'actors', name: 'actors.csv', bytes: csv(`${header}\n${rows}\n`) });
  const ties = (rows: string) => ({ field: 'ties', name: 'ties.csv', bytes: csv(`source,target,kind,weight,since\n${rows}\n`) });
  const tie = (weight: string, since = '2010') => ties(`${known},${known.replace(/a$/, 'b')},COLLABORATES,${weight},${since}`);
  const bytes = (field: string, b: Buffer) => ({ field, name: `${field}.csv`, bytes: b });
  return [
    { label: 'unknown actor type', files: [actors(`${p}x1,Dragon,X,,Aichi,robots`)] },
    { label: 'missing id', files: [actors(`,Enterprise,X,,Aichi,robots`)] },
    { label: 'missing name column', files: [actors(`${p}x1,Enterprise`, 'id,type')] },
    { label: 'duplicate ids', files: [actors(`${p}x1,Enterprise,X,,Aichi,robots\n${p}x1,Enterprise,Y,,Aichi,robots`)] },
    { label: 'unclosed quote', files: [actors(`${p}x1,Enterprise,"X,,Aichi,robots\n${p}x2,Enterprise,Y,,Aichi,robots`)] },
    { label: 'quote inside an unquoted cell', files: [actors(`${p}x1,Enterprise,X"Y"Z,,Aichi,robots\n${p}x2,Dragon,Y,,Aichi,robots`)] },
    { label: 'NUL bytes and an unknown type', files: [actors(`${p}x1\u0000,Enterprise\u0000,X\u0000,,Aichi,robots`)] },
    { label: 'lone surrogate bytes (invalid UTF-8)', files: [bytes('actors', Buffer.concat([csv(`id,type,name\n${p}x1,Enterprise,`), Buffer.from([0xed, 0xa0, 0x80]), csv('\n')]))] },
    { label: 'BOM then invalid UTF-8', files: [bytes('actors', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), csv('id,type,name\n'), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), csv('\n')]))] },
    { label: 'UTF-8 with one Shift_JIS line', files: [bytes('actors', Buffer.concat([csv(`id,type,name,name_ja\n${p}x1,Enterprise,X,精密工業\n`), iconv.encode(`${p}x2,Enterprise,Y,金型製作所\n`, 'Shift_JIS')]))] },
    { label: 'UTF-16 file', files: [bytes('actors', iconv.encode(`id,type,name\n${p}x1,Dragon,X\n`, 'utf16le'))] },
    { label: 'binary garbage', files: [bytes('actors', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)))] },
    { label: 'empty file', files: [bytes('actors', Buffer.alloc(0))] },
    { label: 'formula cells and an unknown type', files: [actors(`${p}x1,Enterprise,=cmd|'/c calc'!A1,＝SUM(A1),Aichi,+robots\n${p}x2,Dragon,@x,,Aichi,-robots`)] },
    { label: 'Cypher injection in a type', files: [actors(`${p}x1,"Enterprise`+'`'+`) DETACH DELETE (n",X,,Aichi,robots`)] },
    { label: 'injection in a tie kind', files: [ties(`${known},${known.replace(/a$/, 'b')},COLLABORATES]->() DETACH DELETE n//,1,2010`)] },
    { label: 'tie to unknown actors', files: [ties(`${p}nobody,${p}none,COLLABORATES,1,2010`)] },
    { label: 'tie weight 1e309', files: [tie('1e309')] },
    { label: 'tie weight negative', files: [tie('-5')] },
    { label: 'tie weight NaN', files: [tie('NaN')] },
    { label: 'tie weight full-width digits', files: [tie('１２')] },
    { label: 'tie since negative', files: [tie('1', '-2010')] },
    { label: 'tie since beyond 2^53', files: [tie('1', '9007199254740993123')] },
    { label: 'tie since with combining marks', files: [tie('1', '2010\u0301')] },
    { label: 'unknown tie kind', files: [ties(`${known},${known.replace(/a$/, 'b')},LOVES,1,2010`)] },
    { label: 'a 20,000-column header', files: [actors(`${p}x1,Enterprise,X`, `id,type,name,${Array.from({ length: 20_000 }, (_, i) => `c${i}`).join(',')}`)] },
    { label: 'path traversal as the file name', files: [{ field: 'actors', name: '../../../../etc/passwd', bytes: csv(`id,type,name\n${p}x1,Dragon,X\n`) }] },
    { label: 'unknown file field', files: [{ field: 'people', name: 'actors.csv', bytes: csv(`id,type,name\n${p}x1,Enterprise,X\n`) }] },
    { label: 'three files', files: [actors(`${p}x1,Dragon,X,,Aichi,robots`), ties(''), { field: 'actors', name: 'again.csv', bytes: csv('id\n') }] },
    { label: 'replace with an invalid file', query: '?replace=true', files: [actors(`${p}x1,Dragon,X,,Aichi,robots`)] },
    { label: 'replace with no file', query: '?replace=true', files: [] },
    { label: 'replace=maybe', query: '?replace=maybe', files: [actors(`${p}x1,Enterprise,X,,Aichi,robots`)] },
  ];
}
