/**
 * The dashboard and the community overview in Chromium: every chart drawn from the server's
 * metrics with its numbers downloadable as CSV; the communities as a graph of their own.
 */
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { canRun, openClient, screenshot, useClientSession, viewState } from './support.ts';

const CHARTS = ['density-by-region', 'density-by-cluster', 'ties-per-year', 'industry-academia-share', 'community-composition', 'top-brokers'];

describe.runIf(canRun)('the dashboard', () => {
  const session = useClientSession();
  let page: Page;
  beforeAll(async () => {
    page = await session.browser.page({ width: 1366, height: 900 });
    await openClient(page, session.server.url);
  });

  it('draws every chart, or says which part of the server is missing', async () => {
    await page.getByRole('tab', { name: 'Dashboard' }).click();
    // The metrics over time are computed for every year on the first request.
    await page.waitForFunction((n) => document.querySelectorAll('.chart-card[data-ready]').length === n, CHARTS.length, { timeout: 110_000 });
    await screenshot(page, 'dashboard');
    const cards = (await page.evaluate(`[...document.querySelectorAll('.chart-card')].map((card) => {
      const canvas = card.querySelector('canvas');
      let inked = 0;
      if (canvas && canvas.width) {
        const px = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        for (let i = 3; i < px.length; i += 4) if (px[i] > 0) inked++;
      }
      return { id: card.dataset.chart, ready: card.dataset.ready, inked, message: card.querySelector('.error-text')?.textContent ?? '' };
    })`)) as { id: string; ready: string; inked: number; message: string }[];
    expect(cards.map((c) => c.id)).toEqual(CHARTS);
    for (const card of cards) {
      if (card.ready === 'error') {
        // A server without the analysis routes: the card says so instead of breaking.
        expect(card.message, card.id).toMatch(/not available on this server/);
        process.stderr.write(`dashboard: ${card.id} not drawn: ${card.message}\n`);
      } else {
        expect(card.ready, card.id).toBe('true');
        expect(card.inked, card.id).toBeGreaterThan(2_000);
      }
    }
  });

  it('downloads the numbers of a chart as CSV', async (ctx) => {
    const card = page.locator('.chart-card[data-chart="density-by-region"]');
    if ((await card.getAttribute('data-ready')) !== 'true') ctx.skip();
    const [download] = await Promise.all([page.waitForEvent('download'), card.getByRole('button', { name: 'CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('density-by-region.csv');
    const text = (await readFile((await download.path())!, 'utf8')).replace(/^\ufeff/, '');
    const [header, ...rows] = text.trim().split(/\r\n/);
    expect(header).toBe('Region,id,Density,Partners inside the group per actor,actors,tiesInside');
    expect(rows.map((r) => r.split(',')[1])).toEqual(expect.arrayContaining(['hokkaido', 'kanto', 'okinawa']));
    for (const row of rows) expect(Number(row.split(',')[2])).toBeGreaterThanOrEqual(0);
  });

  it('shows the communities as a graph of their own and opens one in the network', async (ctx) => {
    await page.getByRole('tab', { name: 'Communities' }).click();
    const header = page.locator('.communities-header');
    await header.locator('h2, .error-text').first().waitFor({ timeout: 60_000 });
    if (await header.locator('.error-text').count()) {
      expect(await header.textContent()).toMatch(/not available on this server/);
      process.stderr.write('GET /api/communities is not offered by this server: the overview says so\n');
      ctx.skip();
    }
    await page.waitForFunction(() => Boolean((window as unknown as { musubi: { communitiesView: { renderer(): unknown } } }).musubi.communitiesView.renderer()));
    await page.waitForTimeout(500);
    await screenshot(page, 'communities');
    const biggest = (await page.evaluate(`(() => {
      const r = window.musubi.communitiesView.renderer();
      const g = r.getGraph();
      const node = g.nodes().sort((a, b) => g.getNodeAttribute(b, 'members') - g.getNodeAttribute(a, 'members'))[0];
      const p = r.framedGraphToViewport(r.getNodeDisplayData(node));
      const box = r.getContainer().getBoundingClientRect();
      return { id: g.getNodeAttribute(node, 'community'), members: g.getNodeAttribute(node, 'members'), x: box.left + p.x, y: box.top + p.y, count: g.order };
    })()`)) as { id: number; members: number; x: number; y: number; count: number };
    expect(biggest.count).toBeGreaterThan(1);
    await page.mouse.move(biggest.x, biggest.y);
    await page.mouse.click(biggest.x, biggest.y);
    await page.locator('#community-title').waitFor();
    const state = await viewState(page);
    expect(state).toMatchObject({ view: 'network', community: biggest.id });
    await page.waitForTimeout(800);
    await screenshot(page, 'community-opened');
  });
});
