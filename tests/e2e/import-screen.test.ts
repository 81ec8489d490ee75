/**
 * The coordinator's import screen in Chromium against the real server and Neo4j: the demo
 * coordinator logs in, opens "Import" (a history entry), uploads files with mistakes and sees each
 * problem in a table with its file, line and column, nothing written; then good files, and sees
 * what was added while the drawn network grows by the new actors. Back closes the screen. Then the
 * coordinator edits the new actor (a refused value is told next to its field) and removes its tie.
 * What the test imported is deleted through the API at the end.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { canRun, openClient, screenshot, useClientSession, viewState } from './support.ts';
import { removeActors, removeUsers, testPrefix, userWithToken } from '../support/test-server.ts';
import { demoCredentials, ensureDemoUser, logIn, removeUser } from './demo-users.ts';

const csv = (name: string, lines: string[]) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(`${lines.join('\n')}\n`) });

/** The import table's rows as text cells. */
const rows = (page: Page, table: string): Promise<string[][]> =>
  page.locator(`${table} tbody tr`).evaluateAll((trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent ?? '')));

describe.runIf(canRun)("the coordinator's import screen", () => {
  const session = useClientSession();
  const prefix = testPrefix('import-screen');
  const coordinator = demoCredentials('coordinator');
  const ids = [`${prefix}a`, `${prefix}b`];
  let page: Page;
  let madeCoordinator = false;
  let cleaner: Record<string, string>;

  beforeAll(async () => {
    madeCoordinator = await ensureDemoUser(session.server.client, 'coordinator');
    cleaner = (await userWithToken(session.server.client, prefix, 'coordinator')).headers;
    page = await session.browser.page();
    await openClient(page, session.server.url);
    await logIn(page, coordinator.username, coordinator.password);
  });

  afterAll(async () => {
    if (!session.server) return;
    // Through the API, so the server's network version moves; then whatever might be left.
    for (const id of ids) await fetch(`${session.server.url}/api/actors/${encodeURIComponent(id)}`, { method: 'DELETE', headers: cleaner });
    await removeActors(session.server.client, prefix);
    await removeUsers(session.server.client, prefix);
    if (madeCoordinator) await removeUser(session.server.client, coordinator.username);
  });

  it('opens from the top bar as a history entry, focused on its title', async () => {
    expect(await page.locator('#work-screen').isHidden()).toBe(true);
    // From the keyboard: the "Manage" menu opens with Enter, its first item is the import.
    await page.focus('#admin-menu-button');
    await page.keyboard.press('Enter');
    expect(await page.evaluate('document.activeElement.id')).toBe('import-button');
    await page.keyboard.press('Enter');
    await page.locator('#work-screen #import-form').waitFor();
    expect((await viewState(page)).screen).toBe('import');
    await page.waitForURL(/[?&]screen=import/);
    expect(await page.evaluate('document.activeElement.id')).toBe('import-title');
    expect(await page.locator('#admin-menu-list').isHidden()).toBe(true);
  });

  it('lists the problems of bad files with file, line and column, and writes nothing', async () => {
    const before = (await page.evaluate('window.musubi.data.graph.order')) as number;
    await page.setInputFiles('#import-actors', csv('actors.csv', ['id,type,name,prefecture', `${ids[0]},Spaceship,Bad Type Ltd.,Aichi`, `${ids[1]},Enterprise,,Mars`]));
    await page.setInputFiles('#import-ties', csv('ties.csv', ['source,target,kind,weight,since', `${ids[0]},${ids[1]},COLLABORATES,abc,2020`]));
    await page.click('#import-submit');
    await page.locator('#import-problems').waitFor({ timeout: 60_000 });
    const problems = await rows(page, '#import-problems');
    const at = (file: string, line: string, column: string) => problems.find((r) => r[0] === file && r[1] === line && r[2] === column);
    expect(at('actors.csv', '2', 'type')?.[3]).toBe('Spaceship');
    expect(at('actors.csv', '3', 'name')).toBeTruthy();
    expect(at('actors.csv', '3', 'prefecture')?.[3]).toBe('Mars');
    expect(at('ties.csv', '2', 'weight')?.[3]).toBe('abc');
    expect(await page.locator('#import-rejected').textContent()).toContain('nothing was written');
    expect(await page.locator('#import-counts').count()).toBe(0);
    // Nothing written: the server knows neither actor.
    expect(await page.evaluate(async (id) => (await fetch(`/api/actors/${id}`)).status, ids[0])).toBe(404);
    expect(await page.evaluate('window.musubi.data.graph.order')).toBe(before);
    await screenshot(page, 'import-rejected');
  });

  it('imports good files, reports what was added and draws the new actors', async () => {
    const before = (await page.evaluate('window.musubi.data.graph.order')) as number;
    await page.setInputFiles('#import-actors', csv('actors.csv', ['id,type,name,name_ja,prefecture,fields', `${ids[0]},Enterprise,Import Test Alpha Ltd.,インポート試験アルファ,Aichi,robots`, `${ids[1]},University,Import Test Beta University,インポート試験ベータ大学,Gifu,`]));
    await page.setInputFiles('#import-ties', csv('ties.csv', ['source,target,kind,weight,since', `${ids[0]},${ids[1]},COLLABORATES,2,2021`]));
    await page.click('#import-submit');
    await page.locator('#import-counts').waitFor({ timeout: 60_000 });
    const counts = Object.fromEntries((await rows(page, '#import-counts')).map((r) => [r[0], r.slice(1).map(Number)]));
    // added, changed, unchanged, removed
    expect(counts.Actors).toEqual([2, 0, 0, 0]);
    expect(counts.Ties).toEqual([1, 0, 0, 0]);
    expect(await page.locator('#import-problems').count()).toBe(0);
    // The network is loaded again (once the server has laid it out: seconds to a minute on a busy
    // machine): the drawing holds the new actors and their tie.
    const started = Date.now();
    const outcome = page.locator('#import-status .ok-text, #import-status .error-text');
    await outcome.waitFor({ timeout: 240_000 });
    process.stderr.write(`network loaded again ${Date.now() - started} ms after the report\n`);
    expect(await outcome.textContent()).toContain('The network shown is the new one');
    expect(await page.evaluate('window.musubi.data.graph.order')).toBe(before + 2);
    expect(await page.evaluate(`window.musubi.data.graph.hasEdge(${JSON.stringify(ids[0])}, ${JSON.stringify(ids[1])})`)).toBe(true);
    await screenshot(page, 'import-done');
  }, 300_000);

  it('closes with Back, and the new actor opens from the search', async () => {
    await page.goBack();
    await page.locator('#work-screen').waitFor({ state: 'hidden' });
    expect((await viewState(page)).screen).toBeNull();
    await page.fill('#search-input', 'Import Test Alpha');
    await page.locator('#search-list [role=option]', { hasText: 'Import Test Alpha Ltd.' }).first().click();
    await page.locator('#panel-title', { hasText: 'Import Test Alpha Ltd.' }).waitFor();
    // A coordinator's panel offers the editors.
    await page.locator('#edit-actor-button').waitFor();
    await page.locator('#edit-ties-button').waitFor();
  });

  it("edits the imported actor: the server's message shows next to the field, then the fix is saved", async () => {
    await page.click('#edit-actor-button');
    await page.locator('#actor-editor[open]').waitFor();
    await page.fill('#edit-founded', '19x5');
    await page.click('#actor-editor-save');
    const error = page.locator('#edit-founded-error');
    await error.waitFor();
    expect(await error.textContent()).toContain("'19x5' is not a whole number");
    expect(await page.getAttribute('#edit-founded', 'aria-invalid')).toBe('true');
    expect(await page.evaluate('document.activeElement.id')).toBe('edit-founded');
    await screenshot(page, 'actor-editor-problem');
    await page.fill('#edit-founded', '1995');
    await page.click('#actor-editor-save');
    await page.locator('#actor-editor').waitFor({ state: 'detached' });
    await page.locator('#actor-panel .facts dd', { hasText: '1995' }).waitFor();
  });

  it('removes the imported tie in the tie editor after a confirmation', async () => {
    await page.click('#edit-ties-button');
    await page.locator('#tie-editor[open]').waitFor();
    const row = page.locator('#tie-editor .ties.removable li', { hasText: 'Import Test Beta University' });
    await row.getByRole('button').click();
    await page.locator('#confirm-dialog[open]').waitFor();
    await page.click('#confirm-yes');
    await page.locator('#tie-editor-status', { hasText: 'Tie removed.' }).waitFor();
    await row.waitFor({ state: 'detached', timeout: 60_000 });
    const stored = await page.evaluate(async (id) => (await (await fetch(`/api/actors/${id}`)).json()) as { tieCount?: number }, ids[0]);
    expect(stored.tieCount, JSON.stringify(stored).slice(0, 300)).toBe(0);
    await page.keyboard.press('Escape');
    await page.locator('#tie-editor').waitFor({ state: 'detached' });
  }, 180_000);
});
