/**
 * A member edits its own actor's profile in Chromium against the real server and Neo4j: the demo
 * member (`member`, of ent-00001) logs in, opens "Edit profile" on its actor, finds only the
 * profile's fields, adds a field it seeks, and sees it in the panel at once and after a reload;
 * another actor's panel offers no edit at all. On the way, the panel's target chooser looks for
 * lenders. The sought fields are put back at the end.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { canRun, openClient, screenshot, useClientSession, viewState } from './support.ts';
import { removeUsers, testPrefix, userWithToken } from '../support/test-server.ts';
import { demoCredentials, ensureDemoUser, logIn, removeUser } from './demo-users.ts';

const OWN = 'ent-00001';
const OTHER = 'ent-00002';
const MEMBER_FIELDS = ['fields', 'seeks', 'visibility', 'contact_name', 'contact_email'];

/** The ids the actor seeks, as the server now answers (in the page: with the member's session). */
const seeks = (page: Page, id: string): Promise<string[]> =>
  page.evaluate(async (actor) => ((await (await fetch(`/api/actors/${actor}`)).json()) as { actor: { seeks?: string[] } }).actor.seeks ?? [], id);

describe.runIf(canRun)("a member's profile edit", () => {
  const session = useClientSession();
  const prefix = testPrefix('member-edit');
  const member = demoCredentials('member');
  let page: Page;
  let madeMember = false;
  let coordinator: Record<string, string>;
  let before: string[] = [];
  let added = '';

  beforeAll(async () => {
    madeMember = await ensureDemoUser(session.server.client, 'member');
    coordinator = (await userWithToken(session.server.client, prefix, 'coordinator')).headers;
    page = await session.browser.page();
    await openClient(page, `${session.server.url}/?actor=${OWN}`);
    await logIn(page, member.username, member.password);
  });

  afterAll(async () => {
    if (!session.server) return;
    // The sought fields as they were, through the API (so the derived SEEKS ties follow).
    if (added) {
      const res = await fetch(`${session.server.url}/api/actors/${OWN}`, {
        method: 'PATCH',
        headers: { ...coordinator, 'content-type': 'application/json' },
        body: JSON.stringify({ seeks: before }),
      });
      expect(res.status).toBe(200);
    }
    await removeUsers(session.server.client, prefix);
    if (madeMember) await removeUser(session.server.client, member.username);
  });

  it('offers "Edit profile" on its own actor, with the profile fields only', async () => {
    await page.locator('#panel-title', { hasText: 'Nishihara Mold' }).waitFor();
    before = await seeks(page, OWN);
    await page.locator('#edit-profile-button').click();
    await page.locator('#actor-editor[open]').waitFor();
    const fields = await page.locator('#actor-editor [data-field]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.field));
    expect(fields.sort()).toEqual([...MEMBER_FIELDS].sort());
    expect(await page.locator('#actor-editor #edit-name').count()).toBe(0);
    // No coordinator's tools for a member.
    expect(await page.locator('#edit-actor-button, #delete-actor-button, #edit-ties-button, #admin-menu-button').count()).toBe(0);
    await screenshot(page, 'member-edit-dialog');
  });

  it('saves a newly sought field and shows it in the panel at once', async () => {
    const fields = (await page.evaluate('window.musubi.data.reference.fields')) as { id: string; name: string }[];
    const field = fields.find((f) => !before.includes(f.id))!;
    added = field.id;
    const box = page.locator(`#edit-seeks-${field.id}`);
    expect(await box.isChecked()).toBe(false);
    await box.check();
    await page.click('#actor-editor-save');
    await page.locator('#actor-editor').waitFor({ state: 'detached' });
    expect(await seeks(page, OWN)).toContain(added);
    const sought = page.locator('#actor-panel h3:text-is("Looks for") + ul');
    await sought.locator('li', { hasText: field.name }).waitFor();
    // The focus went back to the button that opened the form.
    await page.waitForFunction(() => document.activeElement?.id === 'edit-profile-button');
    await screenshot(page, 'member-edit-saved');
  });

  it('still shows the change after a reload', async () => {
    const name = ((await page.evaluate('window.musubi.data.reference.fields')) as { id: string; name: string }[]).find((f) => f.id === added)!.name;
    await page.reload();
    // The server lays out the changed network before it sends it: up to a minute or two on a busy machine.
    await page.waitForFunction(() => performance.getEntriesByName('musubi:first-render').length > 0, null, { timeout: 200_000 });
    await page.locator('#panel-title', { hasText: 'Nishihara Mold' }).waitFor();
    await page.locator('#actor-panel h3:text-is("Looks for") + ul li', { hasText: name }).waitFor();
    await page.locator('#edit-profile-button').waitFor();
  }, 240_000);

  it('looks for lenders when the member ticks "Lenders" from the keyboard', async () => {
    const asked = page.waitForRequest((req) => req.url().includes(`/api/actors/${OWN}/suggestions`) && req.url().includes('types=FinancialInstitution'), { timeout: 10_000 });
    await page.focus('#look-type-lenders');
    await page.keyboard.press('Space');
    // The first answer after a write waits for the server's new suggestion index (seconds to a minute).
    const response = await (await asked).response();
    const answer = (await response!.json()) as { suggestions: { type: string }[]; notice?: { text: string } };
    expect(answer.suggestions.every((s) => s.type === 'FinancialInstitution')).toBe(true);
    // The list shows the answer (or the server's reason for an empty one), and the focus stayed.
    if (answer.suggestions.length) await page.locator('#actor-panel .suggestions > li').nth(answer.suggestions.length - 1).waitFor();
    else await page.locator('#actor-panel .panel-section p', { hasText: answer.notice?.text ?? 'No partner to suggest' }).waitFor();
    expect(await page.locator('#actor-panel .suggestions > li').count()).toBe(answer.suggestions.length);
    expect(await page.evaluate('document.activeElement.id')).toBe('look-type-lenders');
    expect(await page.isChecked('#look-type-lenders')).toBe(true);
    await page.waitForURL(/[?&]look=FinancialInstitution/);
    await page.keyboard.press('Space');
    await page.waitForURL((url) => !url.search.includes('look='));
  }, 240_000);

  it("offers no edit on another actor's panel, and the server refuses one", async () => {
    await page.evaluate(`window.musubi.store.set({ selected: ${JSON.stringify(OTHER)}, suggestion: null, path: null })`);
    await page.locator('#actor-panel h3:text-is("Looks for")').waitFor();
    expect((await viewState(page)).selected).toBe(OTHER);
    expect(await page.locator('#edit-profile-button, #edit-actor-button, #delete-actor-button').count()).toBe(0);
    // Not only hidden: the member's session may not write another actor's profile.
    const status = await page.evaluate(async (id) => {
      const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
      const res = await fetch(`/api/actors/${id}`, { method: 'PATCH', headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, body: JSON.stringify({ seeks: ['robots'] }) });
      return res.status;
    }, OTHER);
    expect(status).toBe(403);
  });
});
