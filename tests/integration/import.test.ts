import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { importNetwork } from '../../server/services/import-network.ts';
import { AppError } from '../../server/domain/errors.ts';
import { removeActors, removeUsers, startTestServer, testPrefix, userWithToken, type TestServer } from '../support/test-server.ts';

let srv: TestServer;
const p = testPrefix('import');
const file = (name: string, text: string) => ({ name, bytes: Buffer.from(text, 'utf8') });

let coordinator: Record<string, string>;

beforeAll(async () => {
  srv = await startTestServer();
  coordinator = (await userWithToken(srv.client, p, 'coordinator')).headers;
});
afterAll(async () => {
  await removeActors(srv.client, p);
  await removeUsers(srv.client, p);
  await srv.close();
});

async function postImport(actors: Buffer | null, ties: Buffer | null) {
  const form = new FormData();
  if (actors) form.append('actors', new Blob([new Uint8Array(actors)]), 'actors.csv');
  if (ties) form.append('ties', new Blob([new Uint8Array(ties)]), 'ties.csv');
  const res = await fetch(`${srv.url}/api/import`, { method: 'POST', body: form, headers: coordinator });
  return { status: res.status, body: (await res.json()) as any };
}

const goodActors = [
  'id,type,name,name_ja,prefecture,fields,seeks,clusters,employees,website',
  `${p}e1,Enterprise,Kita Gears,北ギア工業,Aichi,precision-machining,robots,greater-nagoya,45,https://kita.example`,
  `${p}u1,University,Minami Robotics Lab,南ロボット研究室,Aichi,robots,,greater-nagoya,,`,
  `${p}f1,FinancialInstitution,Higashi Shinkin,東信用金庫,Gifu,,,,,`,
].join('\n');
const goodTies = [
  'source,target,kind,weight,since',
  `${p}e1,${p}u1,COLLABORATES,3,2004`,
  `${p}f1,${p}e1,FINANCES,1,2006`,
].join('\n');

describe('importing CSV files', () => {
  it('rejects files with errors at several places, locating every one, and writes nothing', async () => {
    const before = (await srv.get('/api/stats')).body;
    const badActors = [
      'id,type,name,prefecture,lat,lon',
      `${p}b1,Enterprise,Fine,Aichi,,`,
      `${p}b2,Starship,Odd,Aichi,,`,
      `${p}b3,University,,Kyoto,,`,
      `${p}b4,Enterprise,Far,Aichi,135,`,
    ].join('\n');
    const badTies = ['source,target,kind,weight,since', `${p}b1,${p}nobody,SUPPLIES,1,2005`, `${p}b1,${p}b4,LIKES,x,2005`].join('\n');
    const { status, body } = await postImport(Buffer.from(badActors), Buffer.from(badTies));
    expect(status).toBe(422);
    expect(body.error.code).toBe('import_rejected');
    const located = body.error.details.problems.map((x: any) => `${x.file}:${x.line}:${x.column}`);
    expect(located).toEqual(
      expect.arrayContaining(['actors.csv:3:type', 'actors.csv:4:name', 'actors.csv:5:lat', 'ties.csv:2:target', 'ties.csv:3:kind', 'ties.csv:3:weight']),
    );
    expect((await srv.get('/api/stats')).body).toEqual(before);
    expect((await srv.get(`/api/actors/${p}b1`)).status).toBe(404);
  });

  // Regression (issue 10, defect 11): an unclosed quote hid the file's other problems, and ties.csv
  // was told that the actor on that line did not exist.
  it('reports an unclosed quote on its line, the file\'s other problems, and no missing actor for the unreadable file', async () => {
    const actors = ['id,type,name', `${p}q1,Enterprise,"Acme`, `${p}q2,Starship,Beta`, `${p}q3,University,Gamma`].join('\n');
    const ties = ['source,target,kind', `${p}q1,${p}q3,COLLABORATES`, `${p}q3,${p}q2,LIKES`].join('\n');
    const { status, body } = await postImport(Buffer.from(actors), Buffer.from(ties));
    expect(status).toBe(422);
    const problems: any[] = body.error.details.problems;
    expect(problems.find((x) => x.file === 'actors.csv' && x.line === 2)?.message).toMatch(/never closed/);
    expect(problems.map((x) => `${x.file}:${x.line}:${x.column ?? ''}`)).toEqual(expect.arrayContaining(['actors.csv:3:type', 'ties.csv:3:kind']));
    expect(problems.filter((x) => /unknown actor/.test(x.message))).toEqual([]);
    expect(problems.find((x) => x.file === 'ties.csv' && x.line === 0)?.message).toMatch(/line 2 could not be checked/);
  });

  it('lands a valid import whole and reports what it added', async () => {
    const before = (await srv.get('/api/stats')).body;
    const { status, body } = await postImport(Buffer.from(goodActors), Buffer.from(goodTies));
    expect(status).toBe(200);
    expect(body.actors).toEqual({ added: 3, changed: 0, unchanged: 0, removed: 0 });
    expect(body.ties).toEqual({ added: 2, changed: 0, unchanged: 0, removed: 0 });
    expect(body.notices.join(' ')).toContain('website');
    const after = (await srv.get('/api/stats')).body;
    expect(after.actors.Enterprise - before.actors.Enterprise).toBe(1);
    expect(after.ties.COLLABORATES - before.ties.COLLABORATES).toBe(1);
    const actor = (await srv.get(`/api/actors/${p}e1`)).body;
    expect(actor.actor).toMatchObject({ name: 'Kita Gears', name_ja: '北ギア工業', prefecture: 'Aichi', employees: 45, extra: { website: 'https://kita.example' } });
    expect(actor.clusters.map((c: any) => c.id)).toEqual(['greater-nagoya']);
    expect(actor.ties.map((t: any) => `${t.kind}:${t.id}:${t.direction}`).sort()).toEqual([`COLLABORATES:${p}u1:out`, `FINANCES:${p}f1:in`]);
  });

  it('changes nothing when the same files are imported twice', async () => {
    const before = (await srv.get('/api/stats')).body;
    const { body } = await postImport(Buffer.from(goodActors), Buffer.from(goodTies));
    expect(body.actors).toEqual({ added: 0, changed: 0, unchanged: 3, removed: 0 });
    expect(body.ties).toEqual({ added: 0, changed: 0, unchanged: 2, removed: 0 });
    expect((await srv.get('/api/stats')).body).toEqual(before);
  });

  it('updates changed actors and ties, and lets ties name actors already in the database', async () => {
    const report = await importNetwork(srv.client, {
      actors: file('actors.csv', `id,type,name\n${p}e1,Enterprise,Kita Gears Renamed\n${p}n1,SupportOrganization,Aichi Promotion\n`),
      ties: file('ties.csv', `source,target,kind,weight,since\n${p}u1,${p}e1,COLLABORATES,5,2004\n${p}n1,${p}u1,SUPPORTS,1,2008\n`),
    });
    expect(report.actors).toEqual({ added: 1, changed: 1, unchanged: 0, removed: 0 });
    expect(report.ties).toEqual({ added: 1, changed: 1, unchanged: 0, removed: 0 });
    const actor = (await srv.get(`/api/actors/${p}e1`)).body;
    expect(actor.actor.name).toBe('Kita Gears Renamed');
    expect(actor.actor.employees).toBe(45); // a column the file left out is untouched
    expect(actor.ties.find((t: any) => t.kind === 'COLLABORATES').weight).toBe(5);
  });

  it('imports a Shift_JIS file with Japanese names', async () => {
    const text = `id,type,name,name_ja,prefecture\n${p}sj1,Enterprise,Sakura Moulds,桜金型製作所,大阪府\n`;
    const { status, body } = await postImport(iconv.encode(text, 'cp932'), null);
    expect(status).toBe(200);
    expect(body.encoding.actors).toBe('shift_jis');
    const actor = (await srv.get(`/api/actors/${p}sj1`)).body.actor;
    expect(actor).toMatchObject({ name_ja: '桜金型製作所', prefecture: 'Osaka' });
    const found = (await srv.get(`/api/actors?q=${encodeURIComponent('金型')}&limit=50`)).body.items.map((i: any) => i.id);
    expect(found).toContain(`${p}sj1`);
  });

  it('rejects an import through the library API with the same located problems', async () => {
    const attempt = importNetwork(srv.client, { ties: file('links.csv', `source,target,kind\n${p}e1,${p}zz,SUPPLIES\n`) });
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({ details: { problems: [{ file: 'links.csv', line: 2, column: 'target' }] } });
  });

  it('answers a request without files with a 400 that says what to send', async () => {
    const { status, body } = await postImport(null, null);
    expect(status).toBe(400);
    expect(body.error.message).toContain("'actors'");
  });
});
