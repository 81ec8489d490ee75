/**
 * The web client's first frame in headless Chromium (`npm run bench:client`): one first visit (a
 * new browser context, nothing cached) and the marks the client sets on its way to the first
 * frame, in ms after navigation; and the same right after an import through the API, on a Neo4j
 * of its own (the product's data is never touched), to show how soon a user sees a network that
 * has just changed (issue 13: at most 3 s).
 */
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { pino } from 'pino';
import type { Browser, Page } from 'playwright-core';
import { loadConfig, PROJECT_ROOT } from '../../server/config.ts';
import { createApp } from '../../server/app.ts';
import { authService } from '../../server/services/auth-service.ts';
import { loadDemoNetwork } from '../../server/services/seed-demo.ts';
import type { Neo4jClient } from '../../server/store/neo4j-client.ts';
import { readNetwork } from '../../server/store/network-store.ts';
import { seededRng } from '../../server/domain/graph/seeded-rng.ts';
import { communitiesWrittenBack, inTemporaryFolder, withOwnNeo4j } from './bench-network.ts';
import { csvForm } from './load-world.ts';

export const MARKS = ['graph-loaded', 'graph-built', 'sigma-drawn', 'first-render'] as const;
export type Marks = Record<(typeof MARKS)[number], number>;

/** The product's content security policy forbids eval, which Playwright's string predicates use: the benchmark, not the page, bypasses it. */
export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
  return context.newPage();
}

/**
 * A first visit of `url` (in `page`, else a new context's): the marks in ms after navigation, and
 * the first frame's time on the machine's clock (ms since the epoch, as Date.now()).
 */
export async function firstVisit(browser: Browser, url: string, given?: Page): Promise<{ page: Page; marks: Marks; firstFrameAt: number }> {
  const page = given ?? (await newPage(browser));
  await page.goto(url);
  await page.waitForFunction('performance.getEntriesByName("musubi:first-render").length > 0', null, { timeout: 120_000 });
  const marks = (await page.evaluate(`Object.fromEntries(${JSON.stringify(MARKS)}.map((m) => [m, Math.round(performance.getEntriesByName('musubi:' + m)[0].startTime)]))`)) as Marks;
  const origin = (await page.evaluate('performance.timeOrigin')) as number;
  return { page, marks, firstFrameAt: Math.round(origin + marks['first-render']) };
}

export interface AfterImportRow {
  import: string;
  actorsAdded: number;
  tiesAdded: number;
  importMs: number;
  /** From the import's answer to the first frame of the new network on screen. */
  firstFrameMs: number;
  /** The same from the page's navigation (right after the answer). */
  afterNavigationMs: number;
  /** The client's marks on the way, in ms after navigation. */
  marks: Marks;
  /** How the drawing served first came (payload.layout) and whether a refinement followed. */
  layout: { reused: number; computedMs: number; refining: boolean };
  /** When the refined drawing was served (ms after the import's answer), if one followed. */
  refinedAfterMs: number | null;
}

/**
 * The demonstration network imported into a Neo4j of its own and drawn once (its layout stored),
 * then for each import (through POST /api/import, as an admin, so that the server prepares what
 * follows a write as the product does): the import, at once a first visit, and the time to the
 * first frame of the network with the import in it.
 */
export async function firstRenderAfterImports(browser: Browser, log: (line: string) => void): Promise<AfterImportRow[]> {
  return inTemporaryFolder('bench-client', (dir) =>
    withOwnNeo4j(dir, '2g', async (client) => {
      log('Importing the demonstration network into a Neo4j of its own...');
      await loadDemoNetwork(client, path.join(PROJECT_ROOT, 'graph-seeds/demo'));
      const { url, close } = await serve(client);
      try {
        log('Drawing it once (the layout every later drawing starts from)...');
        const first = await fetch(`${url}/api/graph`);
        const drawnActors = ((await first.json()) as { nodes: { id: string[] } }).nodes.id.length;
        // Partners of the new actors: actors an import may name (the drawing shows hidden ones anonymous).
        const ids = (await readNetwork(client)).actors.map((a) => a.id);
        const auth = authService(client, { sessionDays: 1 });
        const admin = await auth.addUser({ username: 'bench-client-admin', password: 'bench-client-password-13', role: 'admin' });
        const { token } = await auth.createToken(admin, 'bench');
        const rows: AfterImportRow[] = [];
        const imports = [
          { name: 'a few new actors (40, 3 ties each)', actors: 40, extraTies: 0 },
          { name: 'a larger import (600 new actors, 3 ties each, 2,000 more ties)', actors: 600, extraTies: 2_000 },
        ];
        for (const [i, spec] of imports.entries()) {
          const files = importFiles(ids, spec.actors, spec.extraTies, `bench-${i}-`, 7 + i);
          // Quiet first, as a server is when someone imports: what the last write set off (the
          // drawing, the suggestion index, the communities) is prepared.
          for (const route of ['/api/graph', `/api/actors/${encodeURIComponent(ids[0])}/suggestions`, '/api/communities']) {
            const res = await fetch(url + route);
            if (!res.ok) throw new Error(`GET ${route} answered ${res.status}`);
            await res.arrayBuffer();
          }
          // The reference communities are written onto the actors after their answer: that too.
          await communitiesWrittenBack(`${url}/api/communities`);
          // The browser is open, as a user's would be: only the navigation follows the import.
          const page = await newPage(browser);
          const started = Date.now();
          const res = await fetch(`${url}/api/import`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: csvForm(files) });
          if (!res.ok) throw new Error(`POST /api/import answered ${res.status}: ${await res.text()}`);
          const answeredAt = Date.now();
          const visit = await firstVisit(browser, url, page);
          const shown = (await visit.page.evaluate('window.musubi.data.graph.order')) as number;
          const expected = drawnActors + imports.slice(0, i + 1).reduce((sum, x) => sum + x.actors, 0);
          if (shown !== expected) throw new Error(`the first drawing after the import shows ${shown} actors, not ${expected}`);
          const layout = (await visit.page.evaluate('window.musubi.data.layout')) as AfterImportRow['layout'];
          let refinedAfterMs: number | null = null;
          if (layout.refining) {
            await visit.page.waitForFunction('window.musubi.data.layout && !window.musubi.data.layout.refining', null, { timeout: 120_000 });
            refinedAfterMs = Date.now() - answeredAt;
          }
          await visit.page.context().close();
          rows.push({
            import: spec.name,
            actorsAdded: spec.actors,
            tiesAdded: spec.actors * 3 + spec.extraTies,
            importMs: answeredAt - started,
            firstFrameMs: visit.firstFrameAt - answeredAt,
            afterNavigationMs: visit.marks['first-render'],
            marks: visit.marks,
            layout: { reused: layout.reused, computedMs: layout.computedMs, refining: Boolean(layout.refining) },
            refinedAfterMs,
          });
        }
        return rows;
      } finally {
        await close();
      }
    }),
  );
}

async function serve(client: Neo4jClient): Promise<{ url: string; close(): Promise<void> }> {
  // As `npm start` serves: the preparations after a write run in the background (warm).
  const app = createApp({ client, log: process.env.BENCH_LOG ? pino({ level: 'info' }, pino.destination(process.env.BENCH_LOG)) : pino({ level: 'silent' }), importMaxBytes: 50 * 1024 * 1024, networkCheckMs: loadConfig().networkCheckMs, warm: true });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** New actors, each tied to 3 actors drawn from the network, and `extraTies` ties between drawn actors. */
function importFiles(ids: readonly string[], actors: number, extraTies: number, prefix: string, seed: number): { actors: string; ties: string } {
  const rng = seededRng(seed);
  const pick = () => ids[Math.floor(rng() * ids.length)];
  const actorLines = ['id,type,name,prefecture'];
  const tieLines = ['source,target,kind,weight,since'];
  for (let i = 0; i < actors; i++) {
    const id = `${prefix}${i}`;
    actorLines.push(`${id},Enterprise,Bench Newcomer ${i},Aichi`);
    for (const partner of new Set([pick(), pick(), pick()])) tieLines.push(`${id},${partner},COLLABORATES,1,2024`);
  }
  for (let i = 0; i < extraTies; i++) {
    const [a, b] = [pick(), pick()];
    if (a !== b) tieLines.push(`${a},${b},COLLABORATES,1,2024`);
  }
  return { actors: actorLines.join('\n') + '\n', ties: tieLines.join('\n') + '\n' };
}
