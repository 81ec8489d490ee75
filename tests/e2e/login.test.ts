/**
 * Logging in and out in Chromium against the real server and Neo4j: the public viewer sees
 * "Log in"; a wrong password is told inside the form; the right one shows the user and the role;
 * logging out brings "Log in" back. GET /api/auth/me in the page follows each step, and a hidden
 * actor's panel says it is not public without asking the server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { canRun, openClient, screenshot, useClientSession } from './support.ts';
import { removeUsers, testPrefix, userWithToken } from '../support/test-server.ts';

interface Me {
  user: { username: string; role: string } | null;
  csrfToken: string | null;
}

const me = (page: Page): Promise<Me> => page.evaluate(async () => (await fetch('/api/auth/me')).json() as Promise<Me>);

describe.runIf(canRun)('logging in and out', () => {
  const session = useClientSession();
  const prefix = testPrefix('login');
  let page: Page;
  let account: { username: string; password: string };

  beforeAll(async () => {
    account = await userWithToken(session.server.client, prefix, 'coordinator');
    page = await session.browser.page();
    await openClient(page, session.server.url);
  });
  afterAll(async () => {
    if (session.server) await removeUsers(session.server.client, prefix);
  });

  it('shows the public viewer a "Log in" button', async () => {
    await page.locator('#login-button', { hasText: 'Log in' }).waitFor();
    expect(await page.locator('#logout-button').count()).toBe(0);
    expect(await me(page)).toEqual({ user: null, csrfToken: null });
  });

  it('tells a hidden actor is not public, without asking the server for it', async () => {
    const anon = (await page.evaluate('window.musubi.data.graph.nodes().find((id) => id.startsWith("anon-")) ?? null')) as string | null;
    if (!anon) return; // A network without hidden actors: nothing to show.
    const asked: string[] = [];
    const listener = (req: { url(): string }) => {
      if (req.url().includes(`/api/actors/${anon}`)) asked.push(req.url());
    };
    page.on('request', listener);
    await page.evaluate(`window.musubi.store.set({ selected: ${JSON.stringify(anon)} })`);
    await page.locator('#panel-not-public', { hasText: 'This actor is not public' }).waitFor();
    await page.waitForTimeout(500);
    page.off('request', listener);
    expect(asked).toEqual([]);
    await page.evaluate('window.musubi.store.set({ selected: null })');
  });

  it('opens a dialog from the keyboard and closes it with Escape', async () => {
    await page.focus('#login-button');
    await page.keyboard.press('Enter');
    await page.locator('#login-dialog[open]').waitFor();
    expect(await page.evaluate('document.activeElement.id')).toBe('login-username');
    await page.keyboard.press('Escape');
    await page.locator('#login-dialog:not([open])').waitFor({ state: 'attached' });
    expect(await page.evaluate('document.activeElement.id')).toBe('login-button');
  });

  it('shows a wrong password as an error inside the form', async () => {
    await page.click('#login-button');
    await page.fill('#login-username', account.username);
    await page.fill('#login-password', 'not the password');
    await page.click('#login-submit');
    const error = page.locator('#login-dialog #login-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('Wrong user name or password');
    expect((await me(page)).user).toBeNull();
    await screenshot(page, 'login-wrong-password');
  });

  it('logs in with the right password and shows the user name and role', async () => {
    await page.fill('#login-password', account.password);
    await Promise.all([page.waitForEvent('load', { timeout: 60_000 }), page.click('#login-submit')]);
    await page.waitForFunction(() => performance.getEntriesByName('musubi:first-render').length > 0, null, { timeout: 60_000 });
    const user = page.locator('#account-user');
    await user.waitFor();
    expect(await user.textContent()).toBe(`${account.username} (coordinator)`);
    await page.locator('#logout-button', { hasText: 'Log out' }).waitFor();
    expect(await page.locator('#login-button').count()).toBe(0);
    const state = await me(page);
    expect(state.user?.username).toBe(account.username);
    expect(state.user?.role).toBe('coordinator');
    expect(state.csrfToken).toBeTruthy();
    await screenshot(page, 'login-logged-in');
  });

  it('logs out and shows "Log in" again', async () => {
    await Promise.all([page.waitForEvent('load', { timeout: 60_000 }), page.click('#logout-button')]);
    await page.locator('#login-button', { hasText: 'Log in' }).waitFor();
    expect(await page.locator('#account-user').count()).toBe(0);
    expect(await me(page)).toEqual({ user: null, csrfToken: null });
  });
});
