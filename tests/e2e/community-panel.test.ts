/**
 * The panel of an opened community and the community overview in Chromium (issue 10, defect 10):
 * characteristic fields in the order the panel states, the label's field first; no region at 0%;
 * numbers written one way per language; ties between communities drawn without arrows.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { canRun, openClient, screenshot, useClientSession } from './support.ts';

interface Summary {
  id: number;
  size: number;
  label: { en: string; ja: string };
  characteristicFields: { name: string; share: number; lift: number }[];
}

describe.runIf(canRun)('the community panel', () => {
  const session = useClientSession();
  let page: Page;
  let biggest: Summary;
  beforeAll(async () => {
    page = await session.browser.page({ width: 1366, height: 900 });
    await openClient(page, session.server.url);
    const response = (await page.evaluate(`fetch('/api/communities').then((r) => r.json())`)) as { communities: Summary[] };
    biggest = response.communities.filter((c) => c.characteristicFields.length > 1 && c.size >= 1000).sort((a, b) => b.size - a.size)[0];
  });

  it('ranks the characteristic fields as it says, the label\'s field first, and lists no region at 0%', async (ctx) => {
    if (!biggest) ctx.skip();
    await page.evaluate(`window.musubi.store.set({ view: 'network', community: ${biggest.id} })`);
    await page.locator('#community-title').waitFor({ timeout: 60_000 });
    await page.waitForTimeout(500);
    await screenshot(page, 'community-panel');
    const fields = await page.locator('.community-fields [data-score]').evaluateAll((items) =>
      items.map((i) => ({ name: i.querySelector('.field-name')!.textContent!, score: Number((i as HTMLElement).dataset.score) })),
    );
    expect(fields.length).toBe(biggest.characteristicFields.length);
    // The order shown is the order of the score shown, highest first.
    for (let i = 1; i < fields.length; i++) expect(fields[i].score).toBeLessThanOrEqual(fields[i - 1].score);
    // The label names the first field.
    expect(biggest.label.en).toContain(fields[0].name);
    expect(await page.locator('.community-fields-note').textContent()).toMatch(/network/);
    const regions = await page.locator('.community-regions .chip').allTextContents();
    expect(regions.length).toBeGreaterThan(0);
    for (const r of regions) expect(r).not.toMatch(/(^|\s)0%$/);
  });

  it('writes a community\'s number of actors one way in each language', async (ctx) => {
    if (!biggest) ctx.skip();
    const text = async () => `${await page.locator('#community-title').textContent()} ${await page.locator('#community-panel .panel-other-name').textContent()}`;
    const en = await text();
    expect(en).toContain(`${biggest.size.toLocaleString('en-GB')} actors`);
    expect(en).not.toContain(`${biggest.size} actors`);
    await page.locator('#lang-button').click();
    await page.waitForTimeout(300);
    const ja = await text();
    await screenshot(page, 'community-panel-ja');
    expect(ja).toContain(biggest.size.toLocaleString('ja-JP'));
    expect(ja).not.toContain(`${biggest.size}主体`);
    await page.locator('#lang-button').click();
  });

  it('draws the ties between communities without arrows', async (ctx) => {
    await page.getByRole('tab', { name: 'Communities' }).click();
    const header = page.locator('.communities-header');
    await header.locator('h2, .error-text').first().waitFor({ timeout: 60_000 });
    if (await header.locator('.error-text').count()) ctx.skip();
    await page.waitForFunction(() => Boolean((window as unknown as { musubi: { communitiesView: { renderer(): unknown } } }).musubi.communitiesView.renderer()));
    await page.waitForTimeout(500);
    await screenshot(page, 'communities-overview');
    const drawn = (await page.evaluate(`(() => {
      const r = window.musubi.communitiesView.renderer();
      const g = r.getGraph();
      const types = new Set(g.edges().map((e) => r.getEdgeDisplayData(e).type ?? r.getSettings().defaultEdgeType));
      const programs = r.getSettings().edgeProgramClasses;
      return { graphType: g.type, types: [...types], arrowPrograms: [...types].filter((t) => /arrow/i.test(programs[t]?.name ?? t)) };
    })()`)) as { graphType: string; types: string[]; arrowPrograms: string[] };
    expect(drawn.graphType).toBe('undirected');
    expect(drawn.arrowPrograms).toEqual([]);
  });
});
