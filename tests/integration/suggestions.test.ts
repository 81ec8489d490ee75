/**
 * Partner suggestions over HTTP against the real Neo4j: a small hand-built network whose right
 * answers are known, one per role. Other test files' data may share the database, so every
 * question is asked inside this file's own cluster (a prefixed cluster id, removed afterwards).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importNetwork } from '../../server/store/import-network.ts';
import { removeActors, startTestServer, testPrefix, type TestServer } from '../support/test-server.ts';

let srv: TestServer;
const p = testPrefix('suggestions');
const cl = `${p}cluster`;
const id = (name: string) => p + name;
const file = (name: string, text: string) => ({ name, bytes: Buffer.from(text, 'utf8') });

// name, type, prefecture, fields, seeks
const ACTORS: [string, string, string, string, string][] = [
  ['e1', 'Enterprise', 'Aichi', 'gears', 'fuel-cells'],
  ['e2', 'Enterprise', 'Aichi', 'precision-machining', 'gears'],
  ['e3', 'Enterprise', 'Aichi', 'fuel-cells', 'gears'],
  ['e4', 'Enterprise', 'Okinawa', 'food-local-resources', ''],
  ['e5', 'Enterprise', 'Aichi', 'robots', 'fuel-cells'],
  ['e6', 'Enterprise', 'Aichi', 'gears', ''],
  ['e7', 'Enterprise', 'Aichi', 'moulds', 'fuel-cells'],
  ['e8', 'Enterprise', 'Aichi', 'moulds', 'fuel-cells'],
  ['e9', 'Enterprise', 'Aichi', 'gears', ''],
  ['u1', 'University', 'Aichi', 'fuel-cells', ''],
  ['u2', 'University', 'Hokkaido', 'robots', ''],
  ['r1', 'ResearchInstitute', 'Okinawa', 'biotechnology', ''],
  ['f1', 'FinancialInstitution', 'Aichi', 'business-support-services', 'gears'],
  ['f2', 'FinancialInstitution', 'Hokkaido', 'business-support-services', 'food-local-resources'],
  ['im1', 'IncubationManager', 'Aichi', 'business-support-services', ''],
  ['im2', 'IncubationManager', 'Kagoshima', 'business-support-services', ''],
  ['s1', 'SupportOrganization', 'Aichi', 'business-support-services', ''],
  ['s2', 'SupportOrganization', 'Hokkaido', 'business-support-services', ''],
];
// source, target, kind, weight, since
const TIES: [string, string, string, number, number][] = [
  ['e1', 'e2', 'COLLABORATES', 3, 2004],
  ['e1', 'e6', 'SUPPLIES', 2, 2006],
  ['e1', 'e9', 'SUPPLIES', 2, 2006],
  ['e3', 'e2', 'SUPPLIES', 2, 2005],
  ['e2', 'u1', 'COLLABORATES', 3, 2005],
  ['e3', 'u1', 'COLLABORATES', 2, 2005],
  ['e5', 'e3', 'COLLABORATES', 2, 2006],
  ['e7', 'e2', 'COLLABORATES', 2, 2004],
  ['e4', 'u2', 'COLLABORATES', 1, 2005],
  ['f1', 'e2', 'FINANCES', 3, 2005],
  ['f1', 'e6', 'FINANCES', 3, 2006],
  ['f2', 'e4', 'FINANCES', 2, 2006],
  ['im1', 'e2', 'SUPPORTS', 3, 2005],
  ['s1', 'e6', 'SUPPORTS', 2, 2006],
  ['s1', 'e2', 'SUPPORTS', 2, 2006],
  // Known only from 2009: an asOf of 2007 does not see it.
  ['e8', 'u1', 'COLLABORATES', 2, 2009],
];

async function get(path: string) {
  const { status, body } = await srv.get('/api' + path);
  return { status, body };
}
const ask = (who: string, query: string) => get(`/actors/${encodeURIComponent(id(who))}/suggestions?cluster=${cl}&${query}`);
const ids = (body: any) => body.suggestions.map((s: any) => s.id.slice(p.length));

beforeAll(async () => {
  srv = await startTestServer();
  const actors = ['id,type,name,name_ja,prefecture,fields,seeks,clusters', ...ACTORS.map(([n, t, pref, f, s]) => `${id(n)},${t},${n.toUpperCase()} ${pref},${n}・${pref},${pref},${f},${s},${cl}`)];
  const ties = ['source,target,kind,weight,since', ...TIES.map(([s, t, k, w, y]) => `${id(s)},${id(t)},${k},${w},${y}`)];
  await importNetwork(srv.client, { actors: file('actors.csv', actors.join('\n')), ties: file('ties.csv', ties.join('\n')) });
});

afterAll(async () => {
  await removeActors(srv.client, p);
  await srv.client.write((tx) => tx.run('MATCH (c:Cluster) WHERE c.id STARTS WITH $p DETACH DELETE c', { p }));
  await srv.close();
});

describe('partner suggestions, one role at a time', () => {
  it('finds an enterprise the nearby lab that offers what it seeks, introduced by a shared partner', async () => {
    const { status, body } = await ask('e1', 'types=University,ResearchInstitute');
    expect(status).toBe(200);
    expect(body.actor).toMatchObject({ id: id('e1'), type: 'Enterprise' });
    expect(ids(body)[0]).toBe('u1');
    const kinds = body.suggestions[0].reasons.map((r: any) => r.kind);
    expect(kinds).toEqual(expect.arrayContaining(['offers', 'place', 'shared-partners']));
    expect(body.suggestions[0].reasons.find((r: any) => r.kind === 'shared-partners').via[0]).toBe(id('e2'));
    expect(body.suggestions[0].reasons.find((r: any) => r.kind === 'offers').text_ja).toContain('燃料電池');
  });

  it('finds an enterprise a complementary firm through its partner, never one it already works with', async () => {
    const { body } = await ask('e1', 'types=Enterprise');
    expect(ids(body)[0]).toBe('e3');
    expect(ids(body)).not.toContain('e2');
    expect(ids(body)).not.toContain('e6');
    expect(ids(body)).not.toContain('e1');
  });

  it('finds an enterprise the local lender that finances its partners and its field', async () => {
    const { body } = await ask('e1', 'types=FinancialInstitution');
    expect(ids(body)).toEqual(['f1', 'f2']);
    expect(body.suggestions[0].reasons.find((r: any) => r.kind === 'place').text).toBe('Same prefecture (Aichi), less than 1 km away');
  });

  it('finds an enterprise the incubation manager and the support body next door', async () => {
    expect(ids((await ask('e1', 'types=IncubationManager')).body)[0]).toBe('im1');
    expect(ids((await ask('e1', 'types=SupportOrganization')).body)[0]).toBe('s1');
  });

  it('finds a university the enterprises that seek what it offers', async () => {
    const { body } = await ask('u1', '');
    expect(body.types).toEqual(['Enterprise']);
    expect(new Set(ids(body).slice(0, 3))).toEqual(new Set(['e1', 'e5', 'e7']));
    expect(body.suggestions[0].reasons.map((r: any) => r.kind)).toContain('seeks');
  });

  it('finds a lender the firm in its field that its borrowers work with', async () => {
    expect(ids((await ask('f1', 'types=Enterprise')).body)[0]).toBe('e1');
  });

  it('suggests from the ties known up to asOf', async () => {
    expect(ids((await ask('e8', 'types=University')).body)).not.toContain('u1');
    const { body } = await ask('e8', 'types=University&asOf=2007');
    expect(body.asOf).toBe(2007);
    expect(ids(body)[0]).toBe('u1');
  });

  it('keeps to the filters', async () => {
    expect(ids((await ask('e1', 'types=Enterprise&prefecture=愛知県')).body).every((x: string) => ['e3', 'e5', 'e7', 'e8'].includes(x))).toBe(true);
    expect(ids((await ask('e1', 'types=Enterprise&region=chubu&maxKm=60')).body)).toEqual(expect.arrayContaining(['e3']));
    expect(ids((await ask('e1', 'types=University&field=robots')).body)).toEqual(['u2']);
    expect((await ask('e1', 'types=University&limit=1')).body.suggestions).toHaveLength(1);
  });

  it('adds each suggestion\'s contributions up to its score, best first', async () => {
    const { body } = await ask('e1', 'types=Enterprise,University,FinancialInstitution');
    const scores = body.suggestions.map((s: any) => s.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    for (const s of body.suggestions) expect(s.reasons.reduce((a: number, r: any) => a + r.contribution, 0)).toBeCloseTo(s.score, 6);
  });
});

describe('bad requests', () => {
  it('answers an unknown actor with 404', async () => {
    const { status, body } = await get(`/actors/${id('nobody')}/suggestions`);
    expect(status).toBe(404);
    expect(body.error.code).toBe('not_found');
  });

  it('answers each bad parameter with a 400 that names it', async () => {
    const cases: [string, string][] = [
      ['types', 'types=University,Starship'],
      ['limit', 'limit=0'],
      ['limit', 'limit=101'],
      ['region', 'region=atlantis'],
      ['prefecture', 'prefecture=Atlantis'],
      ['maxKm', 'maxKm=-5'],
      ['maxKm', 'maxKm=far'],
      ['asOf', 'asOf=20x1'],
    ];
    for (const [parameter, query] of cases) {
      const { status, body } = await get(`/actors/${id('e1')}/suggestions?${query}`);
      expect(status, query).toBe(400);
      expect(body.error.details.parameter, query).toBe(parameter);
    }
  });
});
