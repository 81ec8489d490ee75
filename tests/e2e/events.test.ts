/**
 * A matching event in Chromium against the real server and Neo4j (issue 12): the coordinator
 * creates a small event in the browser (a meeting longer than its session is refused next to the
 * field), adds demonstration actors as participants (the demonstration member's actor among them)
 * and proposes meetings; the member logs in, finds the event from the Events tab and accepts one
 * (Back returns to the list); the coordinator schedules and sees the meetings placed with the
 * solver's gap, opens the member's agenda, records the outcome `collaborating`, and the new tie
 * shows among the actor's ties. The event, its participants and meetings, the tie and the users
 * the test made are removed afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { canRun, openClient, screenshot, useClientSession } from './support.ts';
import { removeUsers, testPrefix, userWithToken } from '../support/test-server.ts';
import { demoCredentials, ensureDemoUser, logIn as logInDialog, removeUser, type DemoUsername } from './demo-users.ts';

/** The demonstration member's actor (README, "First login"). */
const MEMBER_ACTOR = 'ent-00001';

async function logIn(page: Page, url: string, username: DemoUsername): Promise<void> {
  const account = demoCredentials(username);
  await page.context().clearCookies();
  await openClient(page, url);
  await logInDialog(page, account.username, account.password);
}

async function logOut(page: Page): Promise<void> {
  await Promise.all([page.waitForEvent('load', { timeout: 60_000 }), page.click('#logout-button')]);
  await page.locator('#login-button').waitFor();
}

/** Opens the event from the Events tab's list (two history entries: the tab, the event). */
async function openEvent(page: Page, id: string): Promise<void> {
  await page.click('#events-tab');
  const open = page.locator(`#ev-list .ev-open[data-event="${id}"]`);
  await open.waitFor({ timeout: 30_000 });
  await open.click();
  await page.locator('#ev-meetings-card').waitFor({ timeout: 30_000 });
}

describe.runIf(canRun)('a matching event from creation to a new tie', { timeout: 300_000 }, () => {
  const session = useClientSession();
  const prefix = testPrefix('events');
  const tag = prefix.replace(/[^a-z0-9]/gi, '').slice(-6);
  let page: Page;
  let api: Record<string, string>;
  /** Two demonstration actors not tied to the member's actor: the member's meetings. */
  const partners: { id: string; name: string }[] = [];
  let eventId = '';
  let accepted = '';
  let declined = '';
  const madeDemoUsers: DemoUsername[] = [];

  const call = async (method: string, path: string) => {
    const res = await fetch(session.server.url + path, { method, headers: api });
    const text = await res.text();
    return { status: res.status, text, body: (() => { try { return JSON.parse(text); } catch { return undefined; } })() as any };
  };

  beforeAll(async () => {
    for (const username of ['member', 'coordinator'] as const) if (await ensureDemoUser(session.server.client, username)) madeDemoUsers.push(username);
    api = (await userWithToken(session.server.client, prefix, 'coordinator')).headers;
    const tied = new Set(((await call('GET', `/api/actors/${MEMBER_ACTOR}`)).body.ties as { id: string }[]).map((t) => t.id));
    // The first suggestions build the suggestion index: not the browser's wait.
    const suggested = (await call('GET', `/api/actors/${MEMBER_ACTOR}/suggestions?limit=10`)).body.suggestions as { id: string; name: string }[];
    for (const s of suggested) if (!s.id.startsWith('anon-') && !tied.has(s.id) && partners.length < 2) partners.push({ id: s.id, name: s.name });
    expect(partners).toHaveLength(2);
    page = await session.browser.page();
  });

  afterAll(async () => {
    if (!session.server) return;
    for (const [a, b] of [[partners[0]?.id, MEMBER_ACTOR], [MEMBER_ACTOR, partners[0]?.id]]) {
      if (a && b) await fetch(`${session.server.url}/api/ties/COLLABORATES/${encodeURIComponent(a)}/${encodeURIComponent(b)}`, { method: 'DELETE', headers: api });
    }
    if (eventId) {
      await session.server.client.write((tx) =>
        tx.run(
          `MATCH (e:MatchingEvent {id: $id})
           OPTIONAL MATCH (p:EventParticipant {eventId: e.id}) OPTIONAL MATCH (m:EventMeeting {eventId: e.id})
           DETACH DELETE p, m, e`,
          { id: eventId },
        ),
      );
    }
    await removeUsers(session.server.client, prefix);
    for (const username of madeDemoUsers) await removeUser(session.server.client, username);
  });

  it('lets the coordinator create an event, add participants and propose meetings', async () => {
    await logIn(page, session.server.url, 'coordinator');
    await page.click('#events-tab');
    await page.locator('#ev-new').click();
    await page.locator('#ev-form').waitFor();
    await page.fill('#ev-f-name', `Matching day ${tag}`);
    await page.fill('#ev-f-name_ja', `ビジネスマッチング ${tag}`);
    await page.fill('#ev-f-venue', 'Nagoya');
    await page.fill('#ev-f-tables', '3');
    await page.fill('#ev-f-maxMeetingsPerParticipant', '4');
    await page.fill('#ev-f-sessions-0--start', '13:00');
    await page.fill('#ev-f-sessions-0--end', '14:00');
    // A meeting longer than its session: the server's 400 is shown next to that field.
    await page.fill('#ev-f-sessions-0--meetingMinutes', '90');
    await page.click('#ev-f-submit');
    const fieldError = page.locator('#ev-f-sessions-0--meetingMinutes-error');
    await page.waitForFunction(() => (document.getElementById('ev-f-sessions-0--meetingMinutes-error')?.textContent ?? '') !== '');
    expect(await fieldError.textContent()).toContain('sessions[0].meetingMinutes');
    expect(await page.getAttribute('#ev-f-sessions-0--meetingMinutes', 'aria-invalid')).toBe('true');
    expect(await page.evaluate('document.activeElement.id')).toBe('ev-f-sessions-0--meetingMinutes');
    expect((await call('GET', '/api/events')).body.events.some((e: any) => e.name === `Matching day ${tag}`)).toBe(false);

    await page.fill('#ev-f-sessions-0--meetingMinutes', '20');
    await page.click('#ev-f-submit');
    await page.locator('#ev-coordinator').waitFor({ timeout: 30_000 });
    eventId = await page.evaluate(() => (window as any).musubi.store.get().event as string);
    const created = await call('GET', `/api/events/${eventId}`);
    expect(created.body.name).toBe(`Matching day ${tag}`);
    expect(created.body.slots).toHaveLength(3);

    for (const actor of [MEMBER_ACTOR, ...partners.map((p) => p.id)]) {
      await page.fill('#co-actor', actor);
      await page.click('#co-add');
      await page.locator(`#ev-participants li[data-actor="${actor}"]`).waitFor();
    }
    const proposals = [[partners[0].id, MEMBER_ACTOR], [partners[1].id, MEMBER_ACTOR], [partners[0].id, partners[1].id]];
    for (const [i, [from, to]] of proposals.entries()) {
      await page.fill('#co-requester', from);
      await page.fill('#co-target', to);
      await page.click('#co-propose');
      await page.waitForFunction((n) => document.querySelectorAll('#ev-meetings .ev-meeting').length === n, i + 1);
    }
    const meetings = (await call('GET', `/api/events/${eventId}/meetings`)).body.meetings as any[];
    accepted = meetings.find((m) => m.requester.id === partners[0].id && m.target.id === MEMBER_ACTOR).id;
    declined = meetings.find((m) => m.requester.id === partners[1].id && m.target.id === MEMBER_ACTOR).id;
    expect(meetings.every((m) => m.status === 'requested' && m.proposedBy === 'coordinator')).toBe(true);
    // Per participant: the member's actor received two requests.
    const received = page.locator(`#co-counts tr[data-actor="${MEMBER_ACTOR}"] td`).nth(1);
    await received.waitFor();
    expect(await received.textContent()).toBe('2');
    await screenshot(page, 'events-coordinator');
    await logOut(page);
  });

  it('lets the member accept one meeting and decline another; Back returns to the list', async () => {
    await logIn(page, session.server.url, 'member');
    await openEvent(page, eventId);
    expect(await page.locator(`#ev-meetings .ev-meeting[data-meeting="${accepted}"] [data-action]`).evaluateAll((b) => b.map((x) => x.getAttribute('data-action')))).toEqual(expect.arrayContaining(['accept', 'decline']));
    await page.click(`#ev-meetings .ev-meeting[data-meeting="${accepted}"] [data-action="accept"]`);
    await page.locator(`#ev-meetings .ev-meeting[data-meeting="${accepted}"][data-status="accepted"]`).waitFor();
    await page.click(`#ev-meetings .ev-meeting[data-meeting="${declined}"] [data-action="decline"]`);
    await page.locator(`#ev-meetings .ev-meeting[data-meeting="${declined}"][data-status="declined"]`).waitFor();
    // The member's own part: registered, its suggestions (or why there are none) and its agenda links.
    await page.locator('#ev-registered').waitFor();
    await page.locator('#ev-suggestions, #ev-no-suggestions').first().waitFor();
    expect(await page.getAttribute('#ev-agenda-ics-ja', 'href')).toBe(`/api/events/${eventId}/agenda?lang=ja&format=ics`);
    const statuses = (await call('GET', `/api/events/${eventId}/meetings`)).body.meetings.map((m: any) => [m.id, m.status]);
    expect(statuses).toEqual(expect.arrayContaining([[accepted, 'accepted'], [declined, 'declined']]));

    await page.goBack();
    await page.locator(`#ev-list .ev-open[data-event="${eventId}"]`).waitFor();
    expect(await page.evaluate(() => (window as any).musubi.store.get().event)).toBeNull();
    await page.goForward();
    await page.locator(`#ev-meetings .ev-meeting[data-meeting="${accepted}"]`).waitFor();
    // In Japanese too.
    await page.click('#lang-button');
    await page.locator('#events-tab', { hasText: 'イベント' }).waitFor();
    await page.locator(`#ev-meetings .ev-meeting[data-meeting="${accepted}"] .ev-status`, { hasText: '承諾済み' }).waitFor();
    await page.click('#lang-button');
    await page.locator('#events-tab', { hasText: 'Events' }).waitFor();
    await logOut(page);
  });

  it('lets the coordinator schedule, open the agenda and record a collaboration that becomes a tie', async () => {
    await logIn(page, session.server.url, 'coordinator');
    await openEvent(page, eventId);
    await page.click('#co-schedule');
    const summary = page.locator('#co-schedule-summary');
    await summary.waitFor({ timeout: 60_000 });
    expect(Number(await summary.getAttribute('data-placed'))).toBe(1);
    const gap = Number(await summary.getAttribute('data-gap'));
    expect(gap).toBeGreaterThanOrEqual(0);
    expect(await summary.textContent()).toMatch(/1 of 1 accepted meetings placed .* gap \d+\.\d%/);
    await page.locator(`#co-timetable-table td[data-meeting="${accepted}"]`).waitFor();
    const placed = (await call('GET', `/api/events/${eventId}/meetings`)).body.meetings.find((m: any) => m.id === accepted);
    expect(placed.slot.table).toBeGreaterThanOrEqual(1);
    await page.locator(`#ev-meetings .ev-meeting[data-meeting="${accepted}"] .ev-slot`).waitFor();

    // The member's agenda: a printable page in a new tab naming the partner.
    const [agenda] = await Promise.all([page.context().waitForEvent('page'), page.click(`#co-counts a[data-agenda="${MEMBER_ACTOR}"]`)]);
    await agenda.waitForLoadState();
    expect(await agenda.textContent('body')).toContain(partners[0].name);
    await agenda.close();

    const item = `#ev-meetings .ev-meeting[data-meeting="${accepted}"]`;
    await page.selectOption(`${item} [data-field="outcome"]`, 'collaborating');
    await page.selectOption(`${item} [data-field="tieKind"]`, 'COLLABORATES');
    await page.click(`${item} [data-action="outcome"]`);
    await page.locator(`${item}[data-outcome="collaborating"]`).waitFor();
    await page.locator('#co-report-lines').waitFor();
    expect(await page.getAttribute('#co-report-csv', 'href')).toBe(`/api/events/${eventId}/report.csv`);
    await screenshot(page, 'events-scheduled');

    const actor = await call('GET', `/api/actors/${MEMBER_ACTOR}`);
    const tie = actor.body.ties.find((t: any) => t.id === partners[0].id);
    expect(tie?.kind).toBe('COLLABORATES');
    expect(tie?.since).toBe(Number(placed.slot.date.slice(0, 4)));
    await page.evaluate(`window.musubi.store.set({ view: 'network', event: null, selected: ${JSON.stringify(MEMBER_ACTOR)} })`);
    await page.locator('#actor-panel .ties li', { hasText: partners[0].name }).waitFor({ timeout: 60_000 });
    await logOut(page);
  });
});
