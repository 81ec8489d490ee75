import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importNetwork } from '../../server/services/import-network.ts';
import { removeActors, startTestServer, testPrefix, type TestServer } from '../support/test-server.ts';

let srv: TestServer;
const p = testPrefix('actors');
const marker = `Zq${Math.random().toString(36).slice(2, 7)}`; // a word only this file's actors carry

beforeAll(async () => {
  srv = await startTestServer();
  const rows = Array.from({ length: 25 }, (_, i) => {
    const n = String(i).padStart(2, '0');
    const type = i % 5 === 0 ? 'University' : 'Enterprise';
    const pref = i % 2 === 0 ? 'Aichi' : 'Fukuoka';
    return `${p}${n},${type},${marker} Precision Works ${n},${marker}精密工業${n},${pref},robots;moulds,,kyushu-silicon`;
  });
  await importNetwork(srv.client, {
    actors: { name: 'actors.csv', bytes: Buffer.from(['id,type,name,name_ja,prefecture,fields,seeks,clusters', ...rows].join('\n')) },
  });
});
afterAll(async () => {
  await removeActors(srv.client, p);
  await srv.close();
});

const ids = (body: any) => body.items.map((i: any) => i.id);

describe('GET /api/actors', () => {
  it('finds actors by a partial English word and by a part of the Japanese name', async () => {
    const en = await srv.get(`/api/actors?q=${marker.toLowerCase()}%20precis&limit=100`);
    expect(en.status).toBe(200);
    expect(ids(en.body)).toHaveLength(25);
    const ja = await srv.get(`/api/actors?q=${encodeURIComponent(`${marker}精密工業07`)}`);
    expect(ids(ja.body)[0]).toBe(`${p}07`);
  });

  it('filters by type and prefecture', async () => {
    const res = await srv.get(`/api/actors?q=${marker}&type=University&prefecture=${encodeURIComponent('愛知県')}&limit=100`);
    expect(ids(res.body).sort()).toEqual([`${p}00`, `${p}10`, `${p}20`]);
  });

  it('filters by cluster and field without text', async () => {
    const res = await srv.get(`/api/actors?cluster=kyushu-silicon&field=moulds&limit=200`);
    expect(ids(res.body).filter((id: string) => id.startsWith(p))).toHaveLength(25);
  });

  it('pages stably: pages do not overlap and together hold every match', async () => {
    for (const q of [`q=${marker}&`, '']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await srv.get(`/api/actors?${q}limit=7${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.status).toBe(200);
        seen.push(...ids(res.body));
        cursor = res.body.nextCursor;
      } while (cursor);
      const mine = seen.filter((id) => id.startsWith(p));
      expect(mine).toHaveLength(25);
      expect(new Set(seen).size).toBe(seen.length);
    }
  });

  it('answers a bad parameter with a 400 that names it', async () => {
    for (const [query, parameter] of [['limit=0', 'limit'], ['type=Spaceship', 'type'], ['cursor=garbage', 'cursor'], ['prefecture=Atlantis', 'prefecture']]) {
      const res = await srv.get(`/api/actors?${query}`);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'invalid_parameter', details: { parameter } });
    }
  });
});

describe('GET /api/actors/:id', () => {
  it('returns the actor with its fields and clusters', async () => {
    const res = await srv.get(`/api/actors/${p}03`);
    expect(res.status).toBe(200);
    expect(res.body.fields.map((f: any) => f.id).sort()).toEqual(['moulds', 'robots']);
    expect(res.body.clusters[0].id).toBe('kyushu-silicon');
  });

  it('answers an unknown id with a 404 in the error format', async () => {
    const res = await srv.get(`/api/actors/${p}missing`);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 'not_found', message: `No actor with id '${p}missing'.`, details: { id: `${p}missing` } } });
  });

  it('answers an unknown API route with a JSON 404 of its own code (no_route), not an unknown thing', async () => {
    const res = await srv.get('/api/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('no_route');
  });
});
