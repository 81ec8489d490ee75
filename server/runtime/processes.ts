/**
 * Small process helpers for the runtime: whether a pid lives, signalling, waiting for an exit.
 */
import type { ChildProcess } from 'node:child_process';

/** SIGTERM, then SIGKILL after graceMs; resolves true when SIGKILL was needed. */
export async function terminate(child: ChildProcess, graceMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return false;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const graceOver = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), graceMs)));
  // The timer is cleared either way, so a finished stop never holds the event loop open.
  const outcome = await Promise.race([exited.then(() => 'exited' as const), graceOver]).finally(() => clearTimeout(timer));
  if (outcome === 'exited') return false;
  child.kill('SIGKILL');
  await exited;
  return true;
}

export async function waitGone(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await sleep(200);
  }
  return !isAlive(pid);
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // Already gone.
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
