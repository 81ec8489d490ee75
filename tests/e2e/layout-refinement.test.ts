/**
 * The drawing after a larger import, in Chromium (issue 13): the page opened right after it shows
 * every earlier actor where it was and the new ones beside their partners, at once; the refined
 * layout then arrives by itself (the client asks HEAD /api/graph until it is there) and the
 * actors move to it without a reload. What the test imported is removed at the end.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { canRun, openClient, screenshot, useClientSession } from './support.ts';
import { removeActors, testPrefix } from '../support/test-server.ts';
import { importNetwork } from '../../server/services/import-network.ts';
import { readNetwork } from '../../server/store/network-store.ts';
import { PLACE_SHARE } from '../../server/domain/layout/draw-network.ts';

type Positions = Record<string, [number, number]>;
const POSITIONS = `(() => {
  const g = window.musubi.data.graph;
  const out = {};
  g.forEachNode((id, a) => { out[id] = [a.fx, a.fy]; });
  return out;
})()`;

describe.runIf(canRun)('the drawing after a larger import', () => {
  const session = useClientSession();
  const prefix = testPrefix('refine-e2e');

  afterAll(async () => {
    if (session.server) await removeActors(session.server.client, prefix);
  });

  it('shows the placed drawing at once and moves to the refined one by itself', async () => {
    const before = await session.browser.page();
    await openClient(before, session.server.url);
    const was = (await before.evaluate(POSITIONS)) as Positions;
    await before.close();

    const network = await readNetwork(session.server.client);
    const partners = network.actors.filter((a) => (a.visibility ?? 'public') === 'public').map((a) => a.id);
    const count = Math.ceil(PLACE_SHARE * network.actors.length * 1.3);
    const newcomers = Array.from({ length: count }, (_, i) => `${prefix}${i}`);
    const file = (name: string, lines: string[]) => ({ name, bytes: Buffer.from(`${lines.join('\n')}\n`) });
    await importNetwork(session.server.client, {
      actors: file('actors.csv', ['id,type,name,prefecture', ...newcomers.map((id, i) => `${id},Enterprise,Newcomer ${i},Aichi`)]),
      ties: file('ties.csv', ['source,target,kind,weight,since', ...newcomers.map((id, i) => `${id},${partners[(i * 37) % partners.length]},COLLABORATES,1,2024`)]),
    });

    const page = await session.browser.page();
    await openClient(page, session.server.url);
    expect(await page.evaluate('window.musubi.data.layout.refining')).toBe(true);
    const placed = (await page.evaluate(POSITIONS)) as Positions;
    for (const id of newcomers) expect(placed[id], id).toBeTruthy();
    // Every earlier actor where it was: the picture did not move under the import.
    const moved = Object.keys(was).filter((id) => placed[id][0] !== was[id][0] || placed[id][1] !== was[id][1]);
    expect(moved).toEqual([]);
    await screenshot(page, 'layout-placed');

    await page.waitForFunction(() => (window as unknown as { musubi: { data: { layout: { refining: boolean } } } }).musubi.data.layout.refining === false, null, { timeout: 120_000 });
    const refined = (await page.evaluate(POSITIONS)) as Positions;
    expect(Object.keys(refined).length).toBe(Object.keys(placed).length);
    expect(Object.keys(refined).filter((id) => refined[id][0] !== placed[id][0] || refined[id][1] !== placed[id][1]).length).toBeGreaterThan(0);
    await screenshot(page, 'layout-refined');
    await page.close();
  });
});
