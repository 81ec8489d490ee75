import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = new URL('../..', import.meta.url).pathname;

/** dependency-cruiser over the rooms `npm run lint` checks, as JSON. */
async function cruise(cwd: string, ...paths: string[]) {
  const config = `${ROOT}.dependency-cruiser.cjs`;
  const { stdout } = await run('npx', ['depcruise', ...paths, '--config', config, '--output-type', 'json'], { cwd, maxBuffer: 64 * 1024 * 1024 }).catch(
    (err: { stdout?: string }) => ({ stdout: err.stdout ?? '' }), // violations end with a non-zero exit
  );
  return JSON.parse(stdout) as { summary: { violations: { rule: { name: string }; from: string; to: string }[] } };
}

describe('the house rules (.dependency-cruiser.cjs)', () => {
  it('hold over server, client, scripts and the seeds', async () => {
    const result = await cruise(ROOT, 'server', 'client/src', 'scripts', 'graph-seeds');
    expect(result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)).toEqual([]);
  }, 120_000);

  it('catch a room that imports where it may not', async () => {
    // tests/fixtures/house-rules/ is a miniature of the tree (the rules match paths) that breaks three rules.
    const result = await cruise(`${ROOT}tests/fixtures/house-rules`, 'server', 'scripts');
    const names = result.summary.violations.map((v) => v.rule.name).sort();
    expect(names).toEqual(['domain-is-pure', 'driver-in-one-file', 'scripts-not-through-routes']);
  }, 120_000);
});
