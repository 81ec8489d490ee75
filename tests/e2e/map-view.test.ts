/**
 * The map view and the PNG export in Chromium (issue 10, defects 12 and 13): Japan's prefectures
 * drawn from the map shipped with the client (no request leaves the machine), shaded by a chosen
 * measure with its legend and the map's source credited; actors abroad labelled by country; a
 * saved PNG that carries the legend and a caption, not only the graph's canvas.
 */
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ARTIFACTS, canRun, openClient, screenshot, useClientSession } from './support.ts';

/** Pixels of a canvas layer of the graph whose colour is not grey (a shaded prefecture). */
const SHADED_PIXELS = `(() => {
  const r = window.musubi.graphView.renderer;
  r.refresh({ skipIndexation: true });
  const canvas = r.getContainer().querySelector('canvas.sigma-mapBase');
  if (!canvas) return 0;
  const px = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let n = 0;
  for (let i = 0; i < px.length; i += 4) {
    const [red, green, blue, alpha] = [px[i], px[i + 1], px[i + 2], px[i + 3]];
    if (alpha > 200 && Math.max(red, green, blue) - Math.min(red, green, blue) > 12) n++;
  }
  return n;
})()`;

describe.runIf(canRun)('the map view', () => {
  const session = useClientSession();
  let page: Page;
  const outside: string[] = [];
  beforeAll(async () => {
    page = await session.browser.page();
    // The product works offline: every request must stay on the product's own server.
    await page.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === '127.0.0.1' || url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
      outside.push(url.href);
      return route.abort();
    });
    await openClient(page, session.server.url);
    await page.getByRole('tab', { name: 'Map' }).click();
  });

  it('draws the prefectures from the shipped map, shaded by a chosen measure, with a legend and the credit of its source', async () => {
    await page.locator('.map-controls .map-legend li').first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(300);
    await screenshot(page, 'map');
    const byActors = (await page.evaluate(SHADED_PIXELS)) as number;
    // Japan's land covers a good part of the stage once drawn; the old discs were grey.
    expect(byActors).toBeGreaterThan(40_000);
    const credit = await page.locator('.map-credit').textContent();
    expect(credit).toContain('Global Map Japan');
    expect(credit).toContain('国土地理院');
    const legendActors = await page.locator('.map-controls .map-legend').textContent();
    await page.locator('.map-controls select').selectOption('ties');
    await page.waitForTimeout(200);
    expect(await page.locator('.map-controls .map-legend').textContent()).not.toBe(legendActors);
    await page.locator('.map-controls select').selectOption('density');
    await page.waitForTimeout(200);
    await screenshot(page, 'map-density');
    expect((await page.evaluate(SHADED_PIXELS)) as number).toBeGreaterThan(40_000);
    await page.locator('#lang-button').click();
    await page.waitForTimeout(200);
    expect(await page.locator('.map-controls').textContent()).toMatch(/密度/);
    await screenshot(page, 'map-ja');
    await page.locator('#lang-button').click();
    await page.locator('.map-controls select').selectOption('actors');
    expect(outside).toEqual([]);
  });

  it('labels the actors abroad by country in an inset of their own', async () => {
    const places = (await page.evaluate(`(() => {
      const r = window.musubi.graphView.renderer;
      return window.musubi.data.reference.places.filter((p) => p.id !== 'unknown').map((p) => ({ id: p.id, ...r.graphToViewport({ x: p.x, y: p.y }) }));
    })()`)) as { id: string; x: number; y: number }[];
    expect(places.length).toBeGreaterThan(0);
    // Text ink (dark grey) just beside each country's group, at the map's first zoom.
    const ink = (await page.evaluate(`((places) => {
      const r = window.musubi.graphView.renderer;
      r.refresh({ skipIndexation: true });
      const canvas = r.getContainer().querySelector('canvas.sigma-mapLabels');
      const ratio = canvas.width / r.getDimensions().width;
      const ctx = canvas.getContext('2d');
      return places.map((p) => {
        const x = Math.max(0, Math.round((p.x - 90) * ratio));
        const y = Math.max(0, Math.round((p.y - 40) * ratio));
        const px = ctx.getImageData(x, y, Math.round(180 * ratio), Math.round(80 * ratio)).data;
        let n = 0;
        for (let i = 0; i < px.length; i += 4) if (px[i + 3] > 200 && px[i] < 140 && px[i + 1] < 140 && px[i + 2] < 150) n++;
        return n;
      });
    })(${JSON.stringify(places)})`)) as number[];
    ink.forEach((n, i) => expect(n, places[i].id).toBeGreaterThan(20));
  });
});

describe.runIf(canRun)('Save PNG', () => {
  const session = useClientSession();
  let page: Page;
  beforeAll(async () => {
    page = await session.browser.page();
    await openClient(page, session.server.url);
  });

  it('saves the legend and a caption (title, filters, date) with the drawing', async () => {
    await page.locator('#filters details[data-facet="types"] input[value="University"]').check();
    await page.waitForTimeout(300);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#png-button').click()]);
    const png = await readFile((await download.path())!);
    const stage = (await page.evaluate(`window.musubi.graphView.renderer.getDimensions()`)) as { width: number; height: number };
    const university = (await page.evaluate(`window.musubi.data.reference.types.find((t) => t.id === 'University').color`)) as string;
    const picture = (await page.evaluate(
      `(async ([b64, color, stage]) => {
        const img = new Image();
        img.src = 'data:image/png;base64,' + b64;
        await img.decode();
        const c = document.createElement('canvas');
        c.width = img.width; c.height = img.height;
        const ctx = c.getContext('2d');
        ctx.drawImage(img, 0, 0);
        const hex = (h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
        const [r, g, b] = hex(color);
        const count = (x, y, w, h, test) => {
          if (w <= 0 || h <= 0) return 0;
          const px = ctx.getImageData(x, y, w, h).data;
          let n = 0;
          for (let i = 0; i < px.length; i += 4) if (test(px[i], px[i + 1], px[i + 2])) n++;
          return n;
        };
        const dark = (R, G, B) => R < 120 && G < 120 && B < 130;
        const legendColour = (R, G, B) => Math.abs(R - r) < 8 && Math.abs(G - g) < 8 && Math.abs(B - b) < 8;
        return {
          width: img.width, height: img.height,
          // Outside the graph's own rectangle (below or beside it): the caption and the legend.
          textOutside: count(0, stage.height, img.width, img.height - stage.height, dark) + count(stage.width, 0, img.width - stage.width, img.height, dark),
          legendDots: count(stage.width, 0, img.width - stage.width, img.height, legendColour),
        };
      })(${JSON.stringify([png.toString('base64'), university, stage])})`,
    )) as { width: number; height: number; textOutside: number; legendDots: number };
    // The image is larger than the graph's canvas: a legend column beside it, a caption under it.
    expect(picture.width).toBeGreaterThan(stage.width);
    expect(picture.height).toBeGreaterThan(stage.height);
    expect(picture.textOutside).toBeGreaterThan(500);
    expect(picture.legendDots).toBeGreaterThan(20);
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(path.join(ARTIFACTS, 'saved-view.png'), png);
  });
});
