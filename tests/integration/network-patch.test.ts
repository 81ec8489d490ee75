/**
 * The server's own writes patch its snapshot (store/write-import.ts → domain/graph/network-patch.ts):
 * after each kind of write, the patched snapshot equals a whole read of the database, and the
 * network was read whole only once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { networkSource, type NetworkSource } from '../../server/services/network-source.ts';
import { importNetwork } from '../../server/services/import-network.ts';
import { editService } from '../../server/services/edit-service.ts';
import { privacyService } from '../../server/services/privacy-service.ts';
import { readNetwork } from '../../server/store/network-store.ts';
import { PATCH_MAX_ACTORS, PATCH_MAX_SHARE } from '../../server/store/write-import.ts';
import type { NetworkPatch } from '../../server/domain/graph/network-patch.ts';
import type { User } from '../../server/domain/auth/roles.ts';
import { removeActors, startTestServer, testPrefix, type TestServer } from '../support/test-server.ts';

let srv: TestServer;
const p = testPrefix('patch');
const file = (name: string, text: string) => ({ name, bytes: Buffer.from(text, 'utf8') });
const admin: User = { id: `${p}admin`, username: `${p}admin`, role: 'admin' };

beforeAll(async () => {
  srv = await startTestServer();
});

afterAll(async () => {
  await removeActors(srv.client, p);
  await srv.close();
});

describe("the server's own writes", () => {
  it('patch the snapshot to what a whole read gives, for every kind of write, reading the network whole once', async () => {
    const logged: string[] = [];
    const log = { info: (_: unknown, message: string) => logged.push(message) } as never;
    const source: NetworkSource = networkSource(srv.client, { checkMs: 0, log });
    const edits = editService(srv.client, source, privacyService(source));
    await source.snapshot();
    const imported = async (files: Parameters<typeof importNetwork>[1], replace = false) => {
      await importNetwork(srv.client, files, { replace, onPatch: (patch) => source.changed(patch) });
    };
    const same = async (what: string) => {
      const patched = await source.snapshot();
      const whole = await readNetwork(srv.client);
      expect(patched.version, what).toBe(whole.version);
      expect(patched.actors, what).toEqual(whole.actors);
      expect(patched.ties, what).toEqual(whole.ties);
    };

    await imported({
      actors: file('actors.csv', `id,type,name,prefecture,fields\n${p}a,Enterprise,A,Aichi,robotics\n${p}b,University,B,Gifu,\n${p}c,Enterprise,C,Mie,materials;robotics\n`),
      ties: file('ties.csv', `source,target,kind,weight,since\n${p}a,${p}b,COLLABORATES,2,2019\n${p}c,${p}a,SUPPLIES,1,\n`),
    });
    await same('an import of new actors and ties');
    await imported({ actors: file('actors.csv', `id,type,name,prefecture\n${p}b,ResearchInstitute,B renamed,Gifu\n`) });
    await same('an import that changes an actor and its type');
    await imported({ ties: file('ties.csv', `source,target,kind,weight,since\n${p}a,${p}b,COLLABORATES,5,2018\n${p}b,${p}c,COLLABORATES,1,2021\n`) });
    await same('an import that changes a tie and adds one');
    await edits.createActor(admin, { id: `${p}d`, type: 'FinancialInstitution', name: 'D', prefecture: 'Aichi' });
    await edits.putTie(admin, { source: `${p}d`, target: `${p}a`, kind: 'FINANCES' }, { weight: 3, since: 2022 });
    await same('edits: a new actor and a new tie');
    await edits.updateActor(admin, `${p}a`, { name: 'A2', fields: 'materials' });
    await edits.putTie(admin, { source: `${p}c`, target: `${p}a`, kind: 'SUPPLIES' }, { weight: 4 });
    await same('edits: an actor and a tie changed');
    await edits.deleteTie(admin, { source: `${p}b`, target: `${p}c`, kind: 'COLLABORATES' });
    await same('edits: a tie removed');
    await edits.deleteActor(admin, `${p}a`);
    await same('edits: an actor removed with the ties into and out of it');

    expect(logged.filter((m) => m === 'network read')).toHaveLength(1);
    expect(logged.filter((m) => m === 'network patched')).toHaveLength(9);
  });

  it('patches a write of more than PATCH_MAX_ACTORS actors when they are at most a quarter of those stored, not a larger one', async () => {
    // The database may hold other files' actors: the counts here are relative to what it holds.
    const stored = (await readNetwork(srv.client, { ties: false })).actors.length;
    const many = Math.max(PATCH_MAX_ACTORS + 401, Math.ceil(((PATCH_MAX_ACTORS + 400) / PATCH_MAX_SHARE - stored) * 1.05));
    const ids = Array.from({ length: many }, (_, i) => `${p}m${i}`);
    const patches: (NetworkPatch | null)[] = [];
    const onPatch = (patch: NetworkPatch | null) => patches.push(patch);
    // A network of its own: more actors than a patch may touch.
    await importNetwork(srv.client, { actors: file('actors.csv', ['id,type,name', ...ids.map((id) => `${id},Enterprise,M`)].join('\n') + '\n') }, { onPatch });
    if (many > Math.max(PATCH_MAX_ACTORS, stored * PATCH_MAX_SHARE)) expect(patches[0]).toBeNull();
    // Ties from PATCH_MAX_ACTORS + 400 of them: more than the fixed limit, under a quarter of all.
    const sources = ids.slice(0, PATCH_MAX_ACTORS + 400);
    const source = networkSource(srv.client, { checkMs: 0 });
    await source.snapshot();
    await importNetwork(srv.client, { ties: file('ties.csv', ['source,target,kind,weight,since', ...sources.map((id, i) => `${id},${ids[(i + 1) % ids.length]},COLLABORATES,1,2020`)].join('\n') + '\n') }, { onPatch: (patch) => (onPatch(patch), source.changed(patch)) });
    expect(patches[1]?.actors.length).toBe(sources.length);
    const patched = await source.snapshot();
    const whole = await readNetwork(srv.client);
    expect(patched.version).toBe(whole.version);
    expect(patched.ties).toEqual(whole.ties);
  }, 120_000);

  it('reads the whole network when a write comes from elsewhere, and when a patch is missing', async () => {
    const logged: string[] = [];
    const log = { info: (_: unknown, message: string) => logged.push(message) } as never;
    const source = networkSource(srv.client, { checkMs: 0, log });
    const before = await source.snapshot();
    // Another process writes (no patch), then this server writes: its patch does not follow the
    // snapshot held, so the next caller reads the whole network.
    await importNetwork(srv.client, { actors: file('actors.csv', `id,type,name\n${p}x,Enterprise,X\n`) });
    await importNetwork(srv.client, { actors: file('actors.csv', `id,type,name\n${p}y,Enterprise,Y\n`) }, { onPatch: (patch) => source.changed(patch) });
    const after = await source.snapshot();
    expect(after.version).toBe(before.version + 2);
    expect(after.actors.map((a) => a.id)).toEqual(expect.arrayContaining([`${p}x`, `${p}y`]));
    expect(logged.filter((m) => m === 'network read')).toHaveLength(2);
    expect(logged.filter((m) => m === 'network patched')).toHaveLength(0);
  });
});
