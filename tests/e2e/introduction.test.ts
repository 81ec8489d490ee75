/**
 * One introduction from request to collaboration, in Chromium against the real server and Neo4j:
 * the demonstration member asks for an introduction from one of its actor's suggestions; the
 * coordinator, told by the bell, approves it; the target's member accepts it; the coordinator
 * records the collaboration; the member then finds the new tie among its actor's ties. Each
 * step is checked in the page and against the API. The request, its notifications, the tie and
 * the users the test made are removed afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { canRun, screenshot, useClientSession } from './support.ts';
import { removeUsers, testPrefix, userWithToken } from '../support/test-server.ts';
import { demoCredentials, ensureDemoUser, logInAfresh as logIn, logOut, removeUser, type DemoUsername } from './demo-users.ts';

interface Account {
  username: string;
  password: string;
}

/** The demonstration member's actor (README, "First login"). */
const MEMBER_ACTOR = 'ent-00001';

/** Opens the request from the bell: the notification about it is there, unread. */
async function openFromBell(page: Page, id: string): Promise<void> {
  await page.locator('#notifications-count:not([hidden])').waitFor({ timeout: 30_000 });
  await page.click('#notifications-button');
  const item = page.locator(`#notification-list .notification.unread[data-introduction="${id}"]`).first();
  await item.waitFor();
  await item.click();
  await page.locator(`#intro-detail [data-introduction="${id}"]`).waitFor();
}

/** Takes a step of the request from its buttons and waits until the page shows the new status. */
async function takeStep(page: Page, id: string, action: string, status: string, fill?: () => Promise<void>): Promise<void> {
  await page.click(`#intro-detail [data-action="${action}"]`);
  await fill?.();
  await page.click(`#intro-detail [data-confirm="${action}"]`);
  await page.locator(`#intro-detail [data-introduction="${id}"][data-status="${status}"]`).waitFor();
}

// Each step logs in (a page load of the whole network) and some reload the network: minutes on a busy machine.
describe.runIf(canRun)('an introduction from request to collaboration', { timeout: 240_000 }, () => {
  const session = useClientSession();
  const prefix = testPrefix('intro');
  let page: Page;
  let member: Account;
  let coordinator: Account;
  let targetMember: Account;
  let api: Record<string, string>;
  let target = '';
  let targetName = '';
  let introductionId = '';

  const get = async (path: string) => {
    const res = await fetch(session.server.url + path, { headers: api });
    return { status: res.status, body: (await res.json()) as any };
  };

  /** The demonstration users this file made (the database had none): removed at the end. */
  const madeDemoUsers: DemoUsername[] = [];

  beforeAll(async () => {
    for (const username of ['member', 'coordinator'] as const) if (await ensureDemoUser(session.server.client, username)) madeDemoUsers.push(username);
    member = demoCredentials('member');
    expect(demoCredentials('member').actorId).toBe(MEMBER_ACTOR);
    coordinator = demoCredentials('coordinator');
    api = (await userWithToken(session.server.client, prefix, 'coordinator')).headers;
    // The first suggestions build the suggestion index (seconds on a busy machine): not the browser's wait.
    expect((await get(`/api/actors/${MEMBER_ACTOR}/suggestions?limit=10`)).status).toBe(200);
    page = await session.browser.page();
  });

  afterAll(async () => {
    if (!session.server) return;
    if (target) {
      for (const [source, end] of [[MEMBER_ACTOR, target], [target, MEMBER_ACTOR]]) {
        await fetch(`${session.server.url}/api/ties/COLLABORATES/${source}/${encodeURIComponent(end)}`, { method: 'DELETE', headers: api });
      }
    }
    if (introductionId) {
      await session.server.client.write((tx) => tx.run('MATCH (n:Notification {introductionId: $id}) DELETE n', { id: introductionId }));
      await session.server.client.write((tx) => tx.run('MATCH (i:Introduction {id: $id}) DETACH DELETE i', { id: introductionId }));
    }
    await removeUsers(session.server.client, prefix);
    for (const username of madeDemoUsers) await removeUser(session.server.client, username);
  });

  it('lets the member ask for an introduction from a suggestion of its own actor', async () => {
    await logIn(page, session.server.url, member);
    await page.evaluate(`window.musubi.store.set({ selected: ${JSON.stringify(MEMBER_ACTOR)} })`);
    const ask = page.locator('#actor-panel .ask-intro-button').first();
    await ask.waitFor({ timeout: 60_000 });
    target = (await ask.locator('xpath=..').getAttribute('data-target'))!;
    expect(target).toBeTruthy();
    expect(target.startsWith('anon-')).toBe(false);

    await ask.click();
    await page.locator('#ask-dialog[open]').waitFor();
    expect(await page.evaluate('document.activeElement.id')).toBe('ask-message');
    // An empty message is told inside the dialog, not sent.
    await page.click('#ask-submit');
    expect(await page.locator('#ask-error').textContent()).toContain('Write a short message');
    await page.fill('#ask-message', 'We make injection moulds and look for a partner to test a new resin. Could we talk?');
    expect(await page.locator('#ask-count').textContent()).toMatch(/^\d+ \/ 1,?000$/);
    await page.click('#ask-submit');
    await page.locator('#ask-dialog:not([open])').waitFor({ state: 'attached' });
    const requested = page.locator(`#actor-panel .ask-intro[data-target="${target}"] .intro-status`);
    await requested.waitFor();
    expect(await requested.textContent()).toBe('Introduction requested');
    await screenshot(page, 'introduction-requested');

    const listed = await get(`/api/introductions?actor=${MEMBER_ACTOR}&status=requested`);
    expect(listed.status).toBe(200);
    const request = listed.body.introductions.find((x: any) => x.target.id === target);
    expect(request).toBeDefined();
    expect(request.asker.id).toBe(MEMBER_ACTOR);
    expect(request.message).toContain('new resin');
    introductionId = request.id;
    targetName = request.target.name;
    await logOut(page);
  });

  it('lets the coordinator open the request from the bell and approve it', async () => {
    // The target's side: a member of the actor asked for (made before the approval, so it is told).
    targetMember = await userWithToken(session.server.client, prefix, 'member', target);

    await logIn(page, session.server.url, coordinator);
    await openFromBell(page, introductionId);
    // The URL follows the view a quarter of a second later (url-history.ts debounces it).
    await page.waitForFunction((id) => new URL(location.href).searchParams.get('request') === id, introductionId);
    expect(await page.locator('#intro-detail [data-action]').evaluateAll((b) => b.map((x) => x.getAttribute('data-action')))).toEqual(expect.arrayContaining(['approve', 'decline']));
    await takeStep(page, introductionId, 'approve', 'approved');
    await screenshot(page, 'introduction-approved');

    // Opening the notification marked it read.
    const notes = (await page.evaluate(async () => (await fetch('/api/notifications')).json())) as { notifications: { introductionId: string; read: boolean }[] };
    expect(notes.notifications.filter((n) => n.introductionId === introductionId).every((n) => n.read)).toBe(true);

    // Back returns to the view before the request was opened, Forward to the request.
    await page.goBack();
    await page.waitForFunction(() => (window as any).musubi.store.get().view !== 'introductions');
    await page.goForward();
    await page.locator(`#intro-detail [data-introduction="${introductionId}"][data-status="approved"]`).waitFor();
    await logOut(page);
  });

  it('lets the target accept with its own login', async () => {
    await logIn(page, session.server.url, targetMember);
    await openFromBell(page, introductionId);
    const actions = await page.locator('#intro-detail [data-action]').evaluateAll((b) => b.map((x) => x.getAttribute('data-action')));
    expect(actions.sort()).toEqual(['accept', 'refuse']);
    // Declining offers the fixed reasons.
    await page.click('#intro-detail [data-action="refuse"]');
    expect(await page.locator('#intro-refuse-reason option').evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value))).toEqual(['too_early', 'benefit_unclear', 'no_capacity', 'other']);
    await page.keyboard.press('Escape');
    await page.locator('#intro-refuse-reason').waitFor({ state: 'detached' });
    await takeStep(page, introductionId, 'accept', 'accepted');
    await logOut(page);
  });

  it('lets the coordinator find the request with the filters and record the collaboration', async () => {
    await logIn(page, session.server.url, coordinator);
    await page.click('#introductions-tab');
    await page.locator('#intro-list').waitFor();
    await page.selectOption('#intro-filter-status', 'accepted');
    // The list narrows to accepted requests, this one among them.
    await page.waitForFunction((id) => {
      const items = [...document.querySelectorAll('#intro-list .intro-item')];
      return items.some((x) => x.getAttribute('data-introduction') === id) && items.every((x) => x.querySelector('[data-status]')?.getAttribute('data-status') === 'accepted');
    }, introductionId);
    expect(await page.locator('#intro-filter-status option:checked').textContent()).toMatch(/\(\d+\)$/);
    await page.click(`#intro-list .intro-item[data-introduction="${introductionId}"]`);
    await page.locator(`#intro-detail [data-introduction="${introductionId}"]`).waitFor();
    // The follow-up and the CSV for the program.
    await page.locator('#intro-followup-table').waitFor();
    expect(await page.getAttribute('#introductions-csv', 'href')).toBe('/api/introductions.csv');

    await takeStep(page, introductionId, 'collaborating', 'collaborating', async () => {
      expect(await page.inputValue('#intro-collaborating-date')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      await page.selectOption('#intro-collaborating-kind', 'COLLABORATES');
    });
    // The drawn network is asked for again and holds the new tie; the page says so, without an error.
    const told = page.locator('#message:not([hidden])', { hasText: /new tie|error/ });
    await told.waitFor({ timeout: 60_000 });
    expect(await told.textContent()).toContain('The new tie is in the network now.');
    expect(await page.evaluate(([a, b]) => (window as any).musubi.data.graph.hasEdge(a, b), [MEMBER_ACTOR, target])).toBe(true);
    await screenshot(page, 'introduction-collaborating');
    await logOut(page);
  });

  it('shows the member the new tie among its actor’s ties', async () => {
    const actor = await get(`/api/actors/${MEMBER_ACTOR}`);
    const tie = actor.body.ties.find((x: any) => x.id === target);
    expect(tie?.kind).toBe('COLLABORATES');
    expect(tie?.since).toBe(new Date().getFullYear());

    await logIn(page, session.server.url, member);
    await page.evaluate(`window.musubi.store.set({ view: 'network', selected: ${JSON.stringify(MEMBER_ACTOR)} })`);
    const row = page.locator('#actor-panel .ties li', { hasText: targetName });
    await row.waitFor({ timeout: 60_000 });
    expect(await row.locator('.tie-kind').textContent()).toContain('collaborates');
    // The request itself reads "collaborating" in the member's Introductions view, reached from the
    // keyboard (arrow keys move between the tabs shown: left of the first is the last), in English
    // and in Japanese.
    await page.focus('.views [data-view="network"]');
    await page.keyboard.press('ArrowLeft');
    expect(await page.evaluate('document.activeElement.id')).toBe('introductions-tab');
    const status = page.locator(`#intro-list .intro-item[data-introduction="${introductionId}"] [data-status="collaborating"]`);
    await status.waitFor();
    expect(await status.textContent()).toBe('collaborating');
    await page.click('#lang-button');
    await page.locator('#introductions-tab', { hasText: '紹介' }).waitFor();
    expect(await status.textContent()).toBe('連携中');
    await page.click('#lang-button');
    await logOut(page);
  });
});
