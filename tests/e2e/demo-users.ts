/**
 * The demonstration's documented users (README, "First login") for the browser tests that log in
 * as them: made for the test file when the database has none (and removed by it afterwards), and
 * logging in through the client's own dialog.
 */
import type { Page } from 'playwright-core';
import { authService } from '../../server/services/auth-service.ts';
import { DEMO_USERS } from '../../server/services/seed-demo.ts';
import type { Neo4jClient } from '../../server/store/neo4j-client.ts';
import { openClient } from './support.ts';

export type DemoUsername = (typeof DEMO_USERS)[number]['username'];

export function demoCredentials(username: DemoUsername): { username: string; password: string; actorId?: string } {
  return DEMO_USERS.find((u) => u.username === username)!;
}

/** Makes the demonstration user `username` when the database has none; true when it made it. */
export async function ensureDemoUser(client: Neo4jClient, username: DemoUsername): Promise<boolean> {
  const auth = authService(client, { sessionDays: 1 });
  if (await auth.hasUser(username)) return false;
  await auth.addUser(DEMO_USERS.find((u) => u.username === username)!);
  return true;
}

/** Removes exactly the user `username`, with its sessions and tokens. */
export async function removeUser(client: Neo4jClient, username: string): Promise<void> {
  await client.write((tx) =>
    tx.run(
      `MATCH (u:User {username: $username})
       OPTIONAL MATCH (s:Session {userId: u.id}) OPTIONAL MATCH (t:ApiToken {userId: u.id})
       DETACH DELETE s, t, u`,
      { username },
    ),
  );
}

/** Logs in through the top bar's dialog and waits for the page to come back with the network drawn. */
export async function logIn(page: Page, username: string, password: string): Promise<void> {
  await page.click('#login-button');
  await page.fill('#login-username', username);
  await page.fill('#login-password', password);
  await Promise.all([page.waitForEvent('load', { timeout: 60_000 }), page.click('#login-submit')]);
  await page.waitForFunction(() => performance.getEntriesByName('musubi:first-render').length > 0, null, { timeout: 60_000 });
  await page.locator('#account-user', { hasText: username }).waitFor();
}

/** Opens the client afresh (no session nor view left from the step before) and logs in as `who`. */
export async function logInAfresh(page: Page, url: string, who: DemoUsername | { username: string; password: string }): Promise<void> {
  const account = typeof who === 'string' ? demoCredentials(who) : who;
  await page.context().clearCookies();
  await openClient(page, url);
  await logIn(page, account.username, account.password);
}

/** Logs out through the top bar and waits for the page to come back logged out. */
export async function logOut(page: Page): Promise<void> {
  await Promise.all([page.waitForEvent('load', { timeout: 60_000 }), page.click('#logout-button')]);
  await page.locator('#login-button').waitFor();
}
