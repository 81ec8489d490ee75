/**
 * `npm run user:add -- --username NAME --role admin|coordinator|member [--actor ID] [--name "Display name"]`
 * creates a user (the first admin among them); `--reset-password` sets a new password for an
 * existing user instead. The password is asked for without echo on a terminal, or read from
 * standard input (`echo "$PW" | npm run user:add -- ...`): never from the command line, where
 * other users of the machine could read it.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { authService } from '../server/services/auth-service.ts';
import { runWithDatabase } from './lib/run-with-database.ts';

const USAGE = 'Usage: npm run user:add -- --username NAME --role admin|coordinator|member [--actor ACTOR_ID] [--name "Display name"] [--reset-password]';

let values;
try {
  ({ values } = parseArgs({
    options: {
      username: { type: 'string' },
      role: { type: 'string' },
      actor: { type: 'string' },
      name: { type: 'string' },
      'reset-password': { type: 'boolean', default: false },
    },
  }));
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
  process.exit(2);
}
if (!values.username || (!values.role && !values['reset-password'])) {
  process.stderr.write(`Give --username and --role (or --reset-password).\n${USAGE}\n`);
  process.exit(2);
}

/** The password: typed twice without echo on a terminal, else the first line of standard input. */
async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0];
  }
  const ask = (prompt: string) =>
    new Promise<string>((resolve) => {
      const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
      // Echo nothing of what is typed.
      (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
        if (s.startsWith(prompt)) process.stdout.write(prompt);
      };
      rl.question(prompt, (answer) => {
        rl.close();
        process.stdout.write('\n');
        resolve(answer);
      });
    });
  const first = await ask('Password (10 characters or more): ');
  const again = await ask('Same password again: ');
  if (first !== again) throw new Error('The two passwords differ; nothing was changed.');
  return first;
}

await runWithDatabase(async (db, config) => {
  const password = await readPassword();
  const auth = authService(db.client, { sessionDays: config.auth.sessionDays });
  if (values['reset-password']) {
    const user = await auth.setPassword(values.username!, password);
    await auth.audit(undefined, 'user.password', user.id, null, { username: user.username, via: 'command line' });
    process.stdout.write(`New password set for ${user.username} (${user.role}).\n`);
    return;
  }
  const user = await auth.addUser({ username: values.username, password, role: values.role, actorId: values.actor, displayName: values.name });
  await auth.audit(undefined, 'user.create', user.id, null, { ...user, via: 'command line' });
  process.stdout.write(`Created ${user.role} ${user.username}${user.actorId ? ` (a member of ${user.actorId})` : ''}. Log in at the web client or POST /api/auth/login.\n`);
});
