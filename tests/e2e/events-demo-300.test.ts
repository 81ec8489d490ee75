/**
 * Issue 12, "Done means" 1, in Chromium: the 300-participant event of the demonstration network
 * (tests/support/demo-event.ts — participants, proposals from the suggestions, requests, answers —
 * set up through the API, with the demonstration member's actor among the participants), then in
 * the browser: the coordinator opens the event and sees the requests per participant, runs the
 * schedule and sees the meetings placed and the solver's gap, reads the timetable, opens a
 * participant's printable agenda and downloads its .ics, records the outcome `collaborating` and
 * finds the new tie in the actor panel of the network view; the member opens its own agenda and
 * calendar. The schedule, timetable, agenda, meeting and outcome parts only (not the forms that
 * add participants or state availability). Everything made is removed afterwards.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { EventMeeting } from '../../server/contract/api.ts';
import { apiCall } from '../support/api-call.ts';
import { icsUtc, parseIcs, removeDemoEvent, setUpDemoEvent, type DemoEvent } from '../support/demo-event.ts';
import { testPrefix } from '../support/test-server.ts';
import { ensureDemoUser, logInAfresh as logIn, logOut, removeUser, type DemoUsername } from './demo-users.ts';
import { canRun, openEvent, screenshot, useClientSession } from './support.ts';
import { PAGE_SIZE } from '../../client/src/panels/event-meetings.ts';

/** The demonstration member's actor (README, "First login"): a participant here. */
const MEMBER_ACTOR = 'ent-00001';
const log = (line: string) => process.stderr.write(`events-demo-300 e2e: ${line}\n`);

describe.runIf(canRun)('a matching event of 300 demonstration actors in the browser', { timeout: 300_000 }, () => {
  const session = useClientSession();
  const prefix = testPrefix('events300b');
  const call = apiCall(() => session.server.url);
  const madeDemoUsers: DemoUsername[] = [];
  const madeTies: [string, string][] = [];
  let demo: DemoEvent;
  let page: Page;
  let ev = '';
  let placed: EventMeeting[] = [];
  const placedOf = (id: string) => placed.filter((m) => m.requester.id === id || m.target.id === id).sort((a, b) => a.slot!.index - b.slot!.index);
  const nameOf = (id: string) => demo.participants.find((x) => x.id === id)!;

  beforeAll(async () => {
    const started = performance.now();
    for (const username of ['member', 'coordinator'] as const) if (await ensureDemoUser(session.server.client, username)) madeDemoUsers.push(username);
    demo = await setUpDemoEvent(session.server.url, session.server.client, prefix, { include: [MEMBER_ACTOR], log });
    ev = `/api/events/${demo.event.id}`;
    log(`set up ${demo.requests.length} requests, ${demo.requests.filter((r) => r.status === 'accepted').length} accepted, in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    page = await session.browser.page({ width: 1400, height: 900 });
  }, 900_000);

  afterAll(async () => {
    if (!session.server) return;
    for (const [a, b] of madeTies) {
      for (const [x, y] of [[a, b], [b, a]]) await call('DELETE', `/api/ties/COLLABORATES/${encodeURIComponent(x)}/${encodeURIComponent(y)}`, demo.staff.next());
    }
    await removeDemoEvent(session.server.client, demo?.event.id, prefix);
    for (const username of madeDemoUsers) await removeUser(session.server.client, username);
  });

  it('shows the coordinator the event with its 300 participants and the requests per participant', async () => {
    await logIn(page, session.server.url, 'coordinator');
    await openEvent(page, demo.event.id, 60_000);
    await page.locator('#events', { hasText: '300 participants · 40 tables · at most 12 meetings each' }).waitFor();
    await page.waitForFunction(() => document.querySelectorAll('#co-counts tr[data-actor]').length === 300, null, { timeout: 60_000 });
    // The member's actor's row: what it sent, received and had accepted, as the setup made them.
    const cells = await page.locator(`#co-counts tr[data-actor="${MEMBER_ACTOR}"] td`).allTextContents();
    const mine = demo.requests.filter((r) => r.requester === MEMBER_ACTOR || r.target === MEMBER_ACTOR);
    expect(cells.slice(0, 4)).toEqual([
      String(demo.requests.filter((r) => r.requester === MEMBER_ACTOR).length),
      String(demo.requests.filter((r) => r.target === MEMBER_ACTOR).length),
      String(mine.filter((r) => r.status === 'accepted').length),
      '0',
    ]);
    expect(mine.length).toBeGreaterThan(0);
    const accepted = demo.requests.filter((r) => r.status === 'accepted').length;
    expect(await page.textContent('#co-not-scheduled')).toContain(`(now ${accepted.toLocaleString('en-GB')})`);
    // Thousands of meetings: a page of them, with how many there are, and "Show more".
    expect(Number(await page.getAttribute('#ev-meeting-count', 'data-found'))).toBe(demo.requests.length);
    expect(await page.locator('#ev-meetings .ev-meeting').count()).toBe(PAGE_SIZE);
    await page.click('#ev-meetings-more');
    expect(await page.locator('#ev-meetings .ev-meeting').count()).toBe(2 * PAGE_SIZE);
    // Found by a participant: every meeting of the member's actor, and only those.
    await page.fill('#ev-meeting-filter', MEMBER_ACTOR);
    await page.waitForFunction((n) => document.getElementById('ev-meeting-count')?.dataset.found === String(n), mine.length);
    expect(await page.locator('#ev-meetings .ev-meeting').count()).toBe(Math.min(mine.length, PAGE_SIZE));
    await page.fill('#ev-meeting-filter', '');
  });

  it('runs the schedule and shows the meetings placed, the gap and those left out with why', async () => {
    const started = performance.now();
    await page.click('#co-schedule');
    const summary = page.locator('#co-schedule-summary');
    await summary.waitFor({ timeout: 240_000 });
    log(`schedule shown ${((performance.now() - started) / 1000).toFixed(1)} s after the click`);
    const stored = (await call('GET', ev)).body.schedule;
    const accepted = demo.requests.filter((r) => r.status === 'accepted').length;
    expect(stored.accepted).toBe(accepted);
    expect(Number(await summary.getAttribute('data-placed'))).toBe(stored.placed);
    expect(Number(await summary.getAttribute('data-gap'))).toBe(stored.gap);
    const text = (await summary.textContent())!;
    expect(text).toContain(`${stored.placed.toLocaleString('en-GB')} of ${accepted.toLocaleString('en-GB')} accepted meetings placed`);
    expect(text).toMatch(/gap \d+\.\d%/);
    log(text);
    // 640 table places against ~1,900 accepted meetings: nearly every table is used.
    expect(stored.placed).toBeGreaterThanOrEqual(Math.floor(0.95 * 640));
    expect(await page.locator('#co-unplaced li').count()).toBe(stored.unplaced.length);
    expect(stored.placed + stored.unplaced.length).toBe(accepted);
    placed = ((await call('GET', `${ev}/meetings`, demo.coordinator)).body.meetings as EventMeeting[]).filter((m) => m.slot);
    expect(placed).toHaveLength(stored.placed);
    await screenshot(page, 'events-demo-300-scheduled');
  });

  it('lays out the timetable, 40 tables by 16 slots, on the page and printable', async () => {
    await page.waitForFunction((n) => document.querySelectorAll('#co-timetable-table td[data-meeting]').length === n, placed.length, { timeout: 60_000 });
    expect(await page.locator('#co-timetable-table tbody tr').count()).toBe(16);
    expect(await page.locator('#co-timetable-table thead th').count()).toBe(41);
    const some = placed[0];
    const row = page.locator('#co-timetable-table tbody tr').nth(some.slot!.index);
    expect(await row.locator('td').nth(some.slot!.table - 1).getAttribute('data-meeting')).toBe(some.id);
    const [printable] = await Promise.all([page.context().waitForEvent('page'), page.click('#co-timetable-html')]);
    await printable.waitForLoadState();
    expect(await printable.locator('h2').first().textContent()).toBe('Timetable');
    expect(await printable.locator('td br').count()).toBe(placed.length);
    await printable.close();
  });

  it('opens a participant’s printable agenda and downloads its calendar', async () => {
    const busiest = [...demo.participants].sort((a, b) => placedOf(b.id).length - placedOf(a.id).length || (a.id < b.id ? -1 : 1))[0];
    const mine = placedOf(busiest.id);
    expect(mine.length).toBeGreaterThan(3);
    const [agenda] = await Promise.all([page.context().waitForEvent('page'), page.click(`#co-counts a[data-agenda="${busiest.id}"]`)]);
    await agenda.waitForLoadState();
    const rows = await agenda.locator('tbody tr').allTextContents();
    expect(rows).toHaveLength(mine.length);
    mine.forEach((m, i) => {
      const partner = nameOf(m.requester.id === busiest.id ? m.target.id : m.requester.id);
      expect(rows[i]).toContain(`${m.slot!.start}–${m.slot!.end}`);
      expect(rows[i]).toContain(partner.name);
    });
    await agenda.close();
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(`#co-counts tr[data-actor="${busiest.id}"] a[download]`)]);
    expect(download.suggestedFilename()).toMatch(/\.ics$/);
    const events = parseIcs(readFileSync((await download.path())!, 'utf8'));
    expect(events).toHaveLength(mine.length);
    for (const m of mine) expect(events.find((e) => e.uid === `${m.id}@musubi`)?.start).toBe(icsUtc(m.slot!.date, m.slot!.start));
  });

  it('records a collaboration that the network view shows as a new tie', async () => {
    const year = Number(demo.settings.date.slice(0, 4));
    let chosen: EventMeeting | undefined;
    for (const m of [...placed].sort((a, b) => (a.id < b.id ? -1 : 1))) {
      const detail = (await call('GET', `/api/actors/${m.requester.id}`)).body;
      // Not tied yet, and few enough ties that the panel lists the new one (strongest 60 first).
      if (detail.tieCount < 50 && !detail.ties.some((t: { id: string }) => t.id === m.target.id)) {
        chosen = m;
        break;
      }
    }
    expect(chosen).toBeDefined();
    const [a, b] = [chosen!.requester.id, chosen!.target.id];
    madeTies.push([a, b]);
    const item = `#ev-meetings .ev-meeting[data-meeting="${chosen!.id}"]`;
    // The coordinator finds the meeting by one side's id (ids are unique; names need not be).
    // The list is drawn again once typing pauses (150 ms), with each meeting's form reset: wait
    // for that before choosing the outcome, or a choice made before it would be lost.
    const all = Number(await page.getAttribute('#ev-meeting-count', 'data-found'));
    await page.fill('#ev-meeting-filter', `${a} ${b}`);
    await page.waitForFunction((n) => Number(document.getElementById('ev-meeting-count')?.dataset.found) < n, all, { timeout: 30_000 });
    await page.locator(item).waitFor({ timeout: 30_000 });
    await page.locator(item).scrollIntoViewIfNeeded();
    await page.selectOption(`${item} [data-field="outcome"]`, 'collaborating');
    await page.selectOption(`${item} [data-field="tieKind"]`, 'COLLABORATES');
    // Timed in parts, so that a slow or failed step says which part it was (the write, or the
    // list reloaded after it) and what the page told the user.
    const clicked = performance.now();
    const answered = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/event-meetings/${chosen!.id}/outcome`), { timeout: 110_000 });
    await page.click(`${item} [data-action="outcome"]`);
    const answer = await answered;
    log(`outcome recorded: HTTP ${answer.status()} ${((performance.now() - clicked) / 1000).toFixed(1)} s after the click`);
    expect(answer.status(), await answer.text()).toBe(200);
    expect(((await answer.json()) as EventMeeting).outcome?.value).toBe('collaborating');
    const marked = page.locator(`${item}[data-outcome="collaborating"]`);
    const failed = page.locator(`${item} .error-text:not(:empty)`);
    await marked.or(failed).first().waitFor({ timeout: 110_000 });
    if (await failed.isVisible()) throw new Error(`the page said: ${await failed.textContent()}`);
    log(`the list shows the outcome ${((performance.now() - clicked) / 1000).toFixed(1)} s after the click`);
    const tie = ((await call('GET', `/api/actors/${a}`)).body.ties as { id: string; kind: string; since?: number }[]).find((t) => t.id === b);
    expect(tie).toMatchObject({ kind: 'COLLABORATES', since: year });
    // The report counts it: one collaboration, one tie formed within 6 months of the event.
    await page.locator('#co-report-lines', { hasText: '1 held, 0 no-shows, 0 follow-ups, 1 collaborating' }).waitFor({ timeout: 60_000 });
    expect(await page.getAttribute('#co-report-lines', 'data-ties-12')).toBe('1');

    await page.evaluate((id) => (window as unknown as { musubi: { store: { set(s: object): void } } }).musubi.store.set({ view: 'network', event: null, selected: id }), a);
    await page.locator('#actor-panel .ties li', { hasText: nameOf(b).name }).waitFor({ timeout: 120_000 });
    await screenshot(page, 'events-demo-300-tie');
    await logOut(page);
  });

  it('shows the member its own agenda, as a page and as a calendar file', async () => {
    await logIn(page, session.server.url, 'member');
    await openEvent(page, demo.event.id, 60_000);
    const own = demo.requests.filter((r) => r.requester === MEMBER_ACTOR || r.target === MEMBER_ACTOR);
    await page.waitForFunction((n) => document.querySelectorAll('#ev-meetings .ev-meeting').length === n, own.length, { timeout: 60_000 });
    const mine = placedOf(MEMBER_ACTOR);
    expect(mine.length).toBeGreaterThan(0);
    const [agenda] = await Promise.all([page.context().waitForEvent('page'), page.click('#ev-agenda-html-en')]);
    await agenda.waitForLoadState();
    expect(await agenda.locator('tbody tr').count()).toBe(mine.length);
    for (const m of mine) expect(await agenda.textContent('body')).toContain(nameOf(m.requester.id === MEMBER_ACTOR ? m.target.id : m.requester.id).name);
    await agenda.close();
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#ev-agenda-ics-ja')]);
    const events = parseIcs(readFileSync((await download.path())!, 'utf8'));
    expect(events.map((e) => e.uid).sort()).toEqual(mine.map((m) => `${m.id}@musubi`).sort());
    log(`the member's agenda: ${mine.length} meetings`);
    await logOut(page);
  });
});
