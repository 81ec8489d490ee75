/**
 * What the end-to-end tests share: the product's server over the test Neo4j with the
 * demonstration network and the built client, and Debian's Chromium driven by playwright-core
 * (no browser download). Screenshots go to test-artifacts/e2e/.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, inject } from 'vitest';
import { pino } from 'pino';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CLIENT_DIST, PROJECT_ROOT } from '../../server/config.ts';
import { createApp } from '../../server/app.ts';
import { createNeo4jClient, type Neo4jClient } from '../../server/store/neo4j-client.ts';
import { ensureSchema } from '../../server/store/schema.ts';
import { loadDemoNetwork } from '../../server/services/seed-demo.ts';
import { readStats } from '../../server/store/stats-store.ts';

export const ARTIFACTS = path.join(PROJECT_ROOT, 'test-artifacts/e2e');
export const DEMO = { actors: 11_317, ties: 50_000 };

/** The flags the project runs Chromium with: headless, software WebGL, nothing phoning home. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const CHROMIUM_PATH = '/usr/bin/chromium';

export interface ClientServer {
  url: string;
  client: Neo4jClient;
  close(): Promise<void>;
}

/** True when the tests may load the demonstration network (the Neo4j the test run started). */
export const canRun = inject('neo4j').owned;

/** What the browser tests of one `describe` share (read inside the tests: set before them). */
export interface ClientSession {
  server: ClientServer;
  browser: TestBrowser;
}

/** The server and a browser for the tests of one `describe`: started before them, closed after them. */
export function useClientSession(): ClientSession {
  const session = {} as ClientSession;
  beforeAll(async () => {
    session.server = await startClientServer();
    session.browser = await launchBrowser();
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.server?.close();
  });
  return session;
}

/**
 * The server as `npm start` runs it, over the test Neo4j holding the demonstration network
 * (loaded again when other test files replaced or emptied it).
 */
export async function startClientServer(): Promise<ClientServer> {
  const client = createNeo4jClient(inject('neo4j'));
  await ensureSchema(client);
  if (!(await holdsDemoNetwork(client))) {
    await loadDemoNetwork(client, path.join(PROJECT_ROOT, 'graph-seeds/demo'), { replace: true });
  }
  await ensureClientBuilt();
  const app = createApp({ client, log: pino({ level: 'silent' }), importMaxBytes: 200 * 1024 * 1024 });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The first request computes (or reads) the layout; the tests should not time it.
  const warm = await fetch(`${url}/api/graph`);
  if (!warm.ok) throw new Error(`GET /api/graph answered ${warm.status}: ${await warm.text()}`);
  await warm.arrayBuffer();
  return {
    url,
    client,
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await client.close();
    },
  };
}

async function holdsDemoNetwork(client: Neo4jClient): Promise<boolean> {
  const stats = await readStats(client);
  const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
  return sum(stats.actors) === DEMO.actors && sum(stats.ties) === DEMO.ties;
}

/** Builds the client when dist/client is missing or older than a source file of the client. */
async function ensureClientBuilt(): Promise<void> {
  const index = path.join(PROJECT_ROOT, CLIENT_DIST, 'index.html');
  const built = existsSync(index) ? statSync(index).mtimeMs : 0;
  if (built && newestMtime(path.join(PROJECT_ROOT, 'client')) <= built) return;
  const { build } = await import('vite');
  await build({ configFile: path.join(PROJECT_ROOT, 'vite.config.ts'), logLevel: 'warn' });
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

export interface TestBrowser {
  context: BrowserContext;
  /** A new page; storage (the remembered language) is shared by the pages of one browser. */
  page(viewport?: { width: number; height: number }): Promise<Page>;
  close(): Promise<void>;
}

/** Debian's Chromium with a fresh user-data-dir, removed on close. */
export async function launchBrowser(): Promise<TestBrowser> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`${CHROMIUM_PATH} is missing: apt-get install chromium fonts-noto-cjk`);
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'musubi-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
    acceptDownloads: true,
  });
  return {
    context,
    async page(viewport = { width: 1280, height: 800 }) {
      const page = await context.newPage();
      await page.setViewportSize(viewport);
      page.on('pageerror', (err) => process.stderr.write(`page error: ${err.message}\n`));
      return page;
    },
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Opens the client and waits until the network is on screen. */
export async function openClient(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForFunction(() => performance.getEntriesByName('musubi:first-render').length > 0, null, { timeout: 60_000 });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
}

/**
 * Non-white pixels of the network drawing: sigma's layers composed the way the PNG export does,
 * right after a synchronous render (WebGL keeps no drawing buffer).
 */
export function drawnPixels(page: Page): Promise<number> {
  return page.evaluate(`(() => {
    const r = window.musubi.graphView.renderer;
    const { width, height } = r.getDimensions();
    const out = document.createElement('canvas');
    out.width = width; out.height = height;
    const ctx = out.getContext('2d');
    r.refresh({ skipIndexation: true });
    for (const c of r.getContainer().querySelectorAll('canvas')) if (c.width) ctx.drawImage(c, 0, 0, width, height);
    const px = ctx.getImageData(0, 0, width, height).data;
    let n = 0;
    for (let i = 0; i < px.length; i += 4) if (px[i + 3] > 0 && (px[i] < 235 || px[i + 1] < 235 || px[i + 2] < 235)) n++;
    return n;
  })()`);
}

/** The client's view state, evaluated in the page (without the loaded communities). */
export function viewState(page: Page): Promise<Record<string, unknown>> {
  return page.evaluate('JSON.parse(JSON.stringify({ ...window.musubi.store.get(), communities: undefined }))');
}

/** A box on the page, in the network container's pixels. */
export interface TextBox {
  text: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/**
 * Every text the network's canvas layers draw in one synchronous render (labels, cards, map
 * names), with its box: read from the canvas calls themselves, whatever draws them.
 */
export function drawnTexts(page: Page): Promise<TextBox[]> {
  return page.evaluate(`(() => {
    const r = window.musubi.graphView.renderer;
    const texts = [];
    const original = CanvasRenderingContext2D.prototype.fillText;
    CanvasRenderingContext2D.prototype.fillText = function (text, x, y) {
      if (this.canvas.closest && this.canvas.closest('#graph')) {
        const m = this.measureText(text);
        const left = this.textAlign === 'center' ? x - m.width / 2 : this.textAlign === 'right' || this.textAlign === 'end' ? x - m.width : x;
        texts.push({ text, x1: left, y1: y - m.actualBoundingBoxAscent, x2: left + m.width, y2: y + m.actualBoundingBoxDescent });
      }
      return original.apply(this, arguments);
    };
    try {
      r.refresh({ skipIndexation: true });
    } finally {
      CanvasRenderingContext2D.prototype.fillText = original;
    }
    return texts;
  })()`);
}

/** Opens an event from the Events tab's list (two history entries: the tab, the event) and waits for its meetings. */
export async function openEvent(page: Page, id: string, timeoutMs = 30_000): Promise<void> {
  await page.click('#events-tab');
  const open = page.locator(`#ev-list .ev-open[data-event="${id}"]`);
  await open.waitFor({ timeout: timeoutMs });
  await open.click();
  await page.locator('#ev-meetings-card').waitFor({ timeout: timeoutMs * 2 });
}
