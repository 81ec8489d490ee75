/**
 * A matching event in Chromium against the real server and Neo4j (issue 12): the coordinator
 * creates a small event in the browser (a meeting longer than its session is refused next to the
 * field), adds demonstration actors as participants by name with the actor picker (keys and mouse,
 * several at once; the demonstration member's actor among them) and proposes meetings with
 * pickers among the participants; the member logs in, finds the event from the Events tab, accepts
 * one (Back returns to the list) and changes its availability, offers and seeks (a form with no
 * slot ticked is refused in the browser); the coordinator schedules and sees the meetings placed with the
 * solver's gap, opens the member's agenda, records the outcome `collaborating`, and the new tie
 * shows among the actor's ties. The event, its participants and meetings, the tie and the users
 * the test made are removed afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { canRun, openEvent, screenshot, useClientSession } from './support.ts';
import { removeUsers, testPrefix, userWithToken } from '../support/test-server.ts';
import { ensureDemoUser, logInAfresh as logIn, logOut, removeUser, type DemoUsername } from './demo-users.ts';

/** The demonstration member's actor (README, "First login"). */
const MEMBER_ACTOR = 'ent-00001';

/**
 * Takes `id` in the actor picker `input` after typing `text`: the arrow key moves the highlight
 * until it is on `id`, Enter takes it.
 */
async function pickWithKeys(page: Page, input: string, text: string, id: string): Promise<void> {
  await page.fill(input, text);
  await page.locator(`${input}-list li[data-id="${id}"]`).waitFor({ timeout: 30_000 });
  for (let i = 0; i < 10; i++) {
    const active = await page.getAttribute(input, 'aria-activedescendant');
    if (active && (await page.getAttribute(`#${active}`, 'data-id')) === id) break;
    await page.press(input, 'ArrowDown');
  }
  await page.press(input, 'Enter');
  await page.locator(`${input}-chosen li[data-id="${id}"]`).waitFor();
}

describe.runIf(canRun)('a matching event from creation to a new tie', { timeout: 300_000 }, () => {
  const session = useClientSession();
  const prefix = testPrefix('events');
  const tag = prefix.replace(/[^a-z0-9]/gi, '').slice(-6);
  let page: Page;
  let api: Record<string, string>;
  /** Two demonstration actors not tied to the member's actor: the member's meetings. */
  const partners: { id: string; name: string; name_ja: string }[] = [];
  /** The member's actor's names. */
  let member = { name: '', name_ja: '' };
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
    const own = (await call('GET', `/api/actors/${MEMBER_ACTOR}`)).body;
    member = { name: own.actor.name, name_ja: own.actor.name_ja };
    const tied = new Set((own.ties as { id: string }[]).map((t) => t.id));
    // The first suggestions build the suggestion index: not the browser's wait.
    const suggested = (await call('GET', `/api/actors/${MEMBER_ACTOR}/suggestions?limit=10`)).body.suggestions as { id: string; name: string }[];
    for (const s of suggested) if (!s.id.startsWith('anon-') && !tied.has(s.id) && partners.length < 2) partners.push({ id: s.id, name: s.name, name_ja: '' });
    expect(partners).toHaveLength(2);
    for (const p of partners) p.name_ja = (await call('GET', `/api/actors/${p.id}`)).body.actor.name_ja;
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

    // Participants by name (the server's search; Japanese names: English ones with a stop word
    // such as "of" are not found): the member's actor with the keys; the first partner with the
    // mouse; the second after Escape closed the list and cleared the box.
    expect(await page.getAttribute('#co-actor', 'role')).toBe('combobox');
    await pickWithKeys(page, '#co-actor', member.name_ja, MEMBER_ACTOR);
    await page.fill('#co-actor', partners[0].name_ja);
    await page.locator(`#co-actor-list li[data-id="${partners[0].id}"]`).click();
    await page.locator(`#co-actor-chosen li[data-id="${partners[0].id}"]`).waitFor();
    await page.fill('#co-actor', partners[1].name_ja);
    await page.locator(`#co-actor-list li[data-id="${partners[1].id}"]`).waitFor({ timeout: 30_000 });
    await page.press('#co-actor', 'Escape');
    expect(await page.getAttribute('#co-actor', 'aria-expanded')).toBe('false');
    await page.press('#co-actor', 'Escape');
    expect(await page.inputValue('#co-actor')).toBe('');
    // Escape in the box never leaves the event.
    expect(await page.evaluate(() => (window as any).musubi.store.get().event)).toBe(eventId);
    await pickWithKeys(page, '#co-actor', partners[1].name_ja, partners[1].id);
    expect(await page.locator('#co-actor-chosen li').evaluateAll((li) => li.map((x) => x.getAttribute('data-id')))).toEqual([MEMBER_ACTOR, partners[0].id, partners[1].id]);
    await page.fill('#co-actor', partners[0].name_ja);
    await page.locator(`#co-actor-list li[data-id="${partners[0].id}"]`).waitFor({ timeout: 30_000 });
    await screenshot(page, 'events-picker');
    await page.press('#co-actor', 'Escape');
    await page.press('#co-actor', 'Escape');
    await page.click('#co-add');
    for (const actor of [MEMBER_ACTOR, ...partners.map((p) => p.id)]) await page.locator(`#ev-participants li[data-actor="${actor}"]`).waitFor();
    expect(((await call('GET', `/api/events/${eventId}/participants`)).body.participants as any[]).map((p) => p.actor.id).sort()).toEqual([MEMBER_ACTOR, ...partners.map((p) => p.id)].sort());
    // A registered actor is offered again, but cannot be taken twice.
    await page.fill('#co-actor', member.name);
    await page.locator(`#co-actor-list li[data-id="${MEMBER_ACTOR}"][aria-disabled="true"]`).waitFor({ timeout: 30_000 });
    await page.press('#co-actor', 'Escape');

    // Meetings: both sides picked among the participants.
    const proposals = [[partners[0], { id: MEMBER_ACTOR, name: member.name }], [partners[1], { id: MEMBER_ACTOR, name: member.name }], [partners[0], partners[1]]];
    for (const [i, [from, to]] of proposals.entries()) {
      await pickWithKeys(page, '#co-requester', from.name, from.id);
      await pickWithKeys(page, '#co-target', to.name, to.id);
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

    // Its availability, offers and seeks: every slot to begin with (the coordinator added it).
    const mine = async () => ((await call('GET', `/api/events/${eventId}/participants`)).body.participants as any[]).find((p) => p.actor.id === MEMBER_ACTOR);
    const before = await mine();
    expect(await page.textContent('#ev-my-part')).toContain('3 of 3 slots');
    await page.click('#ev-participation > summary');
    expect(await page.isChecked('#ev-part-session-s1')).toBe(true);
    // No slot at all is refused before anything is sent.
    await page.uncheck('#ev-part-session-s1');
    expect(await page.isChecked('#ev-part-slot-1')).toBe(false);
    await page.click('#ev-part-save');
    await page.waitForFunction(() => (document.getElementById('ev-part-availability-error')?.textContent ?? '') !== '');
    expect((await mine()).availability).toEqual(before.availability);
    // The first and last slots; a tag typed with a comma, one with Enter, one left typed; a seek removed.
    await page.check('#ev-part-session-s1');
    await page.uncheck('#ev-part-slot-1');
    expect(await page.evaluate(() => (document.getElementById('ev-part-session-s1') as HTMLInputElement).indeterminate)).toBe(true);
    await page.fill('#ev-part-offers', `prototype moulds ${tag},`);
    await page.fill('#ev-part-offers', '試作金型');
    await page.press('#ev-part-offers', 'Enter');
    await page.locator('#ev-part-offers-tags li[data-tag="試作金型"]').waitFor();
    const dropped = before.seeks[0] as string;
    await page.click(`#ev-part-seeks-tags li[data-tag="${dropped}"] button`);
    await page.fill('#ev-part-seeks', 'sensor partners');
    await page.click('#ev-part-save');
    await page.locator('#ev-announce', { hasText: 'saved' }).waitFor();
    const after = await mine();
    expect(after.availability).toEqual([{ session: 's1', from: '13:00', to: '13:20' }, { session: 's1', from: '13:40', to: '14:00' }]);
    expect(after.offers).toEqual([...before.offers, `prototype moulds ${tag}`, '試作金型']);
    expect(after.seeks).toEqual([...before.seeks.filter((x: string) => x !== dropped), 'sensor partners']);
    expect(await page.textContent('#ev-my-part')).toContain('2 of 3 slots');
    await page.click('#ev-participation > summary');
    expect(await page.isChecked('#ev-part-slot-0')).toBe(true);
    expect(await page.isChecked('#ev-part-slot-1')).toBe(false);
    await screenshot(page, 'events-participation');

    await page.goBack();
    await page.locator(`#ev-list .ev-open[data-event="${eventId}"]`).waitFor();
    expect(await page.evaluate(() => (window as any).musubi.store.get().event)).toBeNull();
    await page.goForward();
    await page.locator(`#ev-meetings .ev-meeting[data-meeting="${accepted}"]`).waitFor();
    // In Japanese too.
    await page.click('#lang-button');
    await page.locator('#events-tab', { hasText: 'イベント' }).waitFor();
    await page.locator(`#ev-meetings .ev-meeting[data-meeting="${accepted}"] .ev-status`, { hasText: '承諾済み' }).waitFor();
    expect(await page.textContent('#ev-my-part')).toContain('3 枠中 2 枠');
    expect(await page.textContent('#ev-participation > summary')).toContain('面談できる枠');
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
    // A coordinator changes a participant's availability from the participants' list.
    const row = `#ev-participants li[data-actor="${partners[1].id}"]`;
    await page.click(`${row} details > summary`);
    await page.uncheck(`${row} input[data-slot="0"]`);
    await page.click(`${row} button[type="submit"]`);
    await page.locator('#ev-announce', { hasText: 'is saved' }).waitFor();
    const other = ((await call('GET', `/api/events/${eventId}/participants`)).body.participants as any[]).find((p) => p.actor.id === partners[1].id);
    expect(other.availability).toEqual([{ session: 's1', from: '13:20', to: '14:00' }]);
    await page.evaluate(`window.musubi.store.set({ view: 'network', event: null, selected: ${JSON.stringify(MEMBER_ACTOR)} })`);
    await page.locator('#actor-panel .ties li', { hasText: partners[0].name }).waitFor({ timeout: 60_000 });
    await logOut(page);
  });
});
