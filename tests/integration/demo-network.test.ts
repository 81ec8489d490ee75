/**
 * The demonstration network end to end: seeding an empty database, the program's counts, and an
 * export that imports into an empty database with the same counts and the same ties. These tests
 * replace the whole network, so they run only on the Neo4j the test command started itself.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import Graph from 'graphology';
import gexf from 'graphology-gexf';
import { PROJECT_ROOT } from '../../server/config.ts';
import { importNetwork } from '../../server/services/import-network.ts';
import { loadDemoNetwork, seedDemoIfEmpty } from '../../server/services/seed-demo.ts';
import { removeUsers, startTestServer, userWithToken, type TestServer } from '../support/test-server.ts';

let srv: TestServer;
const seedDir = path.join(PROJECT_ROOT, 'graph-seeds/demo');

beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => srv.close());

describe.runIf(inject('neo4j').owned)('the demonstration network', () => {
  it('is seeded into an empty database with the program figures, and never over existing data', async () => {
    await srv.client.write((tx) => tx.run('MATCH (n) WHERE NOT n:Prefecture DETACH DELETE n'));
    const report = await seedDemoIfEmpty(srv.client, seedDir);
    expect(report?.actors.added).toBeGreaterThan(11_000);
    const stats = (await srv.get('/api/stats')).body;
    expect(stats.actors).toMatchObject({ Enterprise: 9800, University: 290, IncubationManager: 400, FinancialInstitution: 447 });
    expect(stats.clusters).toBe(17);
    expect(stats.prefectures).toBe(47);
    expect(await seedDemoIfEmpty(srv.client, seedDir)).toBeNull();
  });

  it("exports CSV (a coordinator's: every actor by name) that imports into an empty database with the same counts and the same ties", async () => {
    const coordinator = (await userWithToken(srv.client, 'demo-', 'coordinator')).headers;
    const stats = (await srv.get('/api/stats')).body;
    const actorsCsv = (await srv.get('/api/export/actors.csv', coordinator)).text;
    const tiesCsv = (await srv.get('/api/export/ties.csv', coordinator)).text;
    expect(tiesCsv.split('\n').length - 2).toBe(Object.values(stats.ties as Record<string, number>).reduce((a, b) => a + b, 0));

    await srv.client.write((tx) => tx.run('MATCH (n) WHERE NOT (n:Prefecture OR n:User OR n:ApiToken) DETACH DELETE n'));
    expect((await srv.get('/api/stats')).body.actors.Enterprise).toBe(0);
    const report = await importNetwork(srv.client, {
      actors: { name: 'actors.csv', bytes: Buffer.from(actorsCsv) },
      ties: { name: 'ties.csv', bytes: Buffer.from(tiesCsv) },
    });
    expect(report.actors.changed + report.ties.changed).toBe(0);
    expect((await srv.get('/api/stats')).body).toEqual(stats);
    expect((await srv.get('/api/export/ties.csv', coordinator)).text).toBe(tiesCsv);
    expect((await srv.get('/api/export/actors.csv', coordinator)).text).toBe(actorsCsv);
    await removeUsers(srv.client, 'demo-');
  });

  it('exports GEXF that graphology-gexf reads back with every actor and tie', async () => {
    const stats = (await srv.get('/api/stats')).body;
    const res = await srv.get('/api/export/network.gexf');
    expect(res.status).toBe(200);
    const graph = gexf.parse(Graph, res.text, { allowUndeclaredAttributes: true });
    const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
    expect(graph.order).toBe(sum(stats.actors));
    expect(graph.size).toBe(sum(stats.ties));
    const anyEnterprise = graph.findNode((_n, attrs) => attrs.type === 'Enterprise');
    expect(anyEnterprise).toBeDefined();
  });

  it('reloads the demonstration network over existing data only when asked to replace it', async () => {
    const report = await loadDemoNetwork(srv.client, seedDir, { replace: true });
    expect(report.replaced).toBe(true);
    expect((await srv.get('/api/stats')).body.actors.Enterprise).toBe(9800);
  });
});
