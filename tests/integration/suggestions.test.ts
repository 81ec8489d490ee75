/**
 * Partner suggestions over HTTP against the real Neo4j: a small hand-built network whose right
 * answers are known, one per role. Other test files' data may share the database, so every
 * question is asked inside this file's own cluster (a prefixed cluster id, removed afterwards).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importNetwork } from '../../server/services/import-network.ts';
import { roleKey } from '../../server/domain/suggestions/roles.ts';
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
    expect(kinds).toEqual(expect.arrayContaining(['offers', 'place']));
    // The shared partner is named when its part carries a tenth of the score; smaller, it is in `other`.
    const shared = body.suggestions[0].reasons.find((r: any) => r.kind === 'shared-partners');
    if (shared) expect(shared.via[0]).toBe(id('e2'));
    else expect(kinds).toContain('other');
    // The answer says which method ranked the role, and how it was chosen.
    expect(body.method).toEqual([expect.objectContaining({ role: 'enterprise>academic', method: expect.any(String), label: expect.objectContaining({ en: expect.any(String), ja: expect.any(String) }) })]);
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

  it('answers a suggestion asked again with the same bytes and ETag, and 304 to a client that has them', async () => {
    const path = `${srv.url}/api/actors/${encodeURIComponent(id('e1'))}/suggestions?cluster=${cl}&types=University`;
    const first = await fetch(path);
    const firstText = await first.text();
    const etag = first.headers.get('etag');
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toMatch(/^application\/json/);
    expect(etag).toMatch(/^W\/"/);
    expect(JSON.parse(firstText).suggestions.length).toBeGreaterThan(0);
    // The second answer is the kept one, sent without being encoded or hashed again.
    const again = await fetch(path);
    expect(again.headers.get('etag')).toBe(etag);
    expect(Number(again.headers.get('content-length'))).toBe(Buffer.byteLength(firstText));
    expect(await again.text()).toBe(firstText);
    // fetch adds `Cache-Control: no-cache` to a conditional request unless one is given (a browser's reload sends max-age=0).
    const cached = await fetch(path, { headers: { 'If-None-Match': etag!, 'Cache-Control': 'max-age=0' } });
    expect(cached.status).toBe(304);
    // Another question is another answer.
    const other = await fetch(path.replace('types=University', 'types=Enterprise'));
    expect(other.headers.get('etag')).not.toBe(etag);
  });

  it('adds each suggestion\'s contributions up to its score, best first within each role', async () => {
    const { body } = await ask('e1', 'types=Enterprise,University,FinancialInstitution');
    // Roles (each served by the method its check chose on the whole database, which other test
    // files share) are interleaved rank by rank, and a structural method's list may be filled by a
    // longer walk and then the engine: scores compare only within one role and one method.
    const methodOf = new Map<string, string>(body.method.map((m: any) => [m.role, m.method]));
    const byRoleAndMethod = new Map<string, number[]>();
    const methodsSeen = new Map<string, string[]>();
    for (const s of body.suggestions) {
      const role = roleKey('Enterprise', s.type);
      expect(methodOf.get(role)).toBeDefined();
      const seen = methodsSeen.get(role) ?? [];
      if (seen.at(-1) !== s.method) methodsSeen.set(role, [...seen, s.method]);
      const key = `${role} ${s.method}`;
      byRoleAndMethod.set(key, [...(byRoleAndMethod.get(key) ?? []), s.score]);
    }
    for (const [role, seen] of methodsSeen) {
      // The role's own method leads; each filling method comes after it, in one block.
      expect(seen[0]).toBe(methodOf.get(role));
      expect(new Set(seen).size).toBe(seen.length);
    }
    for (const scores of byRoleAndMethod.values()) expect([...scores].sort((a, b) => b - a)).toEqual(scores);
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

describe('actors abroad', () => {
  // A network as European data gives it: a country, no prefecture; coordinates for some.
  const q = testPrefix('suggestions-abroad');
  const clAbroad = `${q}cluster`;
  const aid = (name: string) => q + name;
  // name, type, country, region as written, lat, lon, fields
  const ABROAD: [string, string, string, string, string, string, string][] = [
    ['de1', 'Enterprise', 'DE', 'Bayern', '48.137', '11.575', 'robots'],
    ['de2', 'University', 'DE', 'Bayern', '48.249', '11.651', 'fuel-cells'],
    ['de3', 'Enterprise', 'DE', '', '52.52', '13.405', 'robots'],
    ['de4', 'ResearchInstitute', 'DE', '', '', '', 'fuel-cells'],
    ['fr1', 'University', 'FR', '', '48.857', '2.352', 'fuel-cells'],
    ['fr2', 'Enterprise', 'FR', '', '', '', 'gears'],
    ['uk1', 'University', 'UK', '', '', '', 'robots'],
    ['jp1', 'Enterprise', '', '', '', '', 'gears'],
    ['jp2', 'University', 'JP', '', '', '', 'fuel-cells'],
  ];
  const LINKS: [string, string][] = [['de1', 'de3'], ['de3', 'fr1'], ['de1', 'fr2'], ['jp1', 'de3'], ['jp1', 'uk1'], ['fr2', 'jp2']];
  const askAbroad = (who: string, query: string) => get(`/actors/${encodeURIComponent(aid(who))}/suggestions?cluster=${clAbroad}&${query}`);
  const own = (body: any) => body.suggestions.map((s: any) => s.id.slice(q.length));
  const texts = (body: any) => body.suggestions.flatMap((s: any) => s.reasons.flatMap((r: any) => [r.text, r.text_ja]));

  beforeAll(async () => {
    const actors = ['id,type,name,country,prefecture,lat,lon,fields,seeks,clusters', ...ABROAD.map(([n, t, c, r, lat, lon, f]) => `${aid(n)},${t},${n.toUpperCase()},${c},${r},${lat},${lon},${f},fuel-cells,${clAbroad}`)];
    const ties = ['source,target,kind,weight,since', ...LINKS.map(([s, t]) => `${aid(s)},${aid(t)},COLLABORATES,1,2016`)];
    await importNetwork(srv.client, { actors: file('actors.csv', actors.join('\n')), ties: file('ties.csv', ties.join('\n')) });
  });

  afterAll(async () => {
    await removeActors(srv.client, q);
    await srv.client.write((tx) => tx.run('MATCH (c:Cluster) WHERE c.id STARTS WITH $q DETACH DELETE c', { q }));
  });

  it('keeps to the countries asked, in either list form, and carries the country of actors abroad', async () => {
    const de = await askAbroad('jp1', 'types=Enterprise,University,ResearchInstitute&country=de');
    expect(de.status).toBe(200);
    expect(new Set(own(de.body))).toEqual(new Set(['de1', 'de2', 'de4']));
    expect(de.body.suggestions.every((s: any) => s.country === 'DE')).toBe(true);
    const commas = await askAbroad('de1', 'types=Enterprise,University&country=FR,JP');
    const repeated = await askAbroad('de1', 'types=Enterprise,University&country=FR&country=jp');
    expect(new Set(own(commas.body))).toEqual(new Set(['fr1', 'jp1', 'jp2']));
    expect(own(repeated.body)).toEqual(own(commas.body));
    // An actor without a country is in Japan, and its suggestion carries no country.
    expect(commas.body.suggestions.find((s: any) => s.id === aid('jp1'))).not.toHaveProperty('country');
    // CORDIS writes UK for the United Kingdom.
    expect(own((await askAbroad('de1', 'types=University&country=GB')).body)).toEqual(['uk1']);
  });

  it('answers a malformed country code with a 400 that names country', async () => {
    for (const query of ['country=Germany', 'country=DE,F', 'country=DE&country=123']) {
      const { status, body } = await askAbroad('de1', query);
      expect(status, query).toBe(400);
      expect(body.error.details.parameter, query).toBe('country');
    }
  });

  it('explains an empty answer for a region or prefecture of Japan instead of returning a silent empty list', async () => {
    const region = await askAbroad('de1', 'region=kanto');
    expect(region.status).toBe(200);
    expect(region.body.suggestions).toEqual([]);
    expect(region.body.notice).toMatchObject({ code: 'no_actor_in_region', parameter: 'region' });
    expect(region.body.notice.text).toContain('Kanto');
    expect(region.body.notice.text_ja).toContain('関東');
    const prefecture = await askAbroad('de1', 'prefecture=Aichi');
    expect(prefecture.body.notice).toMatchObject({ code: 'no_actor_in_prefecture', parameter: 'prefecture' });
    // A country code where a prefecture belongs is a mistake the 400 points out.
    const mistaken = await askAbroad('de1', 'prefecture=DE');
    expect(mistaken.status).toBe(400);
    expect(mistaken.body.error.details.parameter).toBe('prefecture');
    expect(mistaken.body.error.message).toContain('country=DE');
    // A non-empty answer carries no notice.
    expect((await askAbroad('de1', 'country=DE')).body).not.toHaveProperty('notice');
  });

  it('refuses maxKm for an asker without any place, and measures only between actors with one', async () => {
    const { status, body } = await askAbroad('jp1', 'maxKm=500');
    expect(status).toBe(400);
    expect(body.error.details.parameter).toBe('maxKm');
    expect(body.error.message).toContain('no location');
    // From Munich: Garching and Paris have coordinates; the lab and the college without any are left out.
    expect(new Set(own((await askAbroad('de1', 'types=University,ResearchInstitute&maxKm=800')).body))).toEqual(new Set(['de2', 'fr1']));
    const none = await askAbroad('de1', 'types=University&country=GB&maxKm=2000');
    expect(none.body.notice).toMatchObject({ code: 'no_actor_with_location', parameter: 'maxKm' });
  });

  it('says where a candidate abroad is, and never claims a prefecture', async () => {
    const { body } = await askAbroad('de1', 'types=University,ResearchInstitute');
    const lab = body.suggestions.find((s: any) => s.id === aid('de2'));
    expect(lab.reasons.find((r: any) => r.kind === 'place')).toMatchObject({ text: expect.stringMatching(/^Same region \(Bayern, Germany\), \d+ km away$/), text_ja: expect.stringMatching(/^同じ地域（ドイツ・Bayern）、約\d+ km$/) });
    const asked = [body, (await askAbroad('jp1', '')).body, (await askAbroad('de3', 'types=University')).body, (await askAbroad('fr1', 'types=Enterprise')).body];
    for (const b of asked) {
      for (const text of texts(b)) expect(text).not.toMatch(/prefecture|Nearby|県|近くにあります/);
    }
  });
});
