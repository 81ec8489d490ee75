/**
 * Supervision of a server process (issue 13, defect 7): when the process exits without being asked
 * to, the exit is logged with its code or signal and the process is launched again after a delay
 * that doubles with each failed attempt (capped: `maxDelayMs`), until it answers. `stop()` ends the
 * supervision first, so a deliberate stop is never undone. Used by embedded-neo4j.ts; knows nothing
 * of Neo4j.
 */
import type { ChildProcess } from 'node:child_process';
import type { RuntimeLog } from './neo4j-jars.ts';
import { terminate } from './processes.ts';

export type RestartOptions = {
  /** The wait before the first attempt after an exit, doubled after each failed attempt. */
  firstDelayMs: number;
  /** The longest wait between two attempts. */
  maxDelayMs: number;
};

export const RESTART_DEFAULTS: Readonly<RestartOptions> = Object.freeze({ firstDelayMs: 1_000, maxDelayMs: 30_000 });

export interface SupervisedProcess {
  /** Launches the process (a new one each time). */
  launch(): Promise<ChildProcess>;
  /** Resolves once the launched process answers; rejects when it will not. */
  ready(child: ChildProcess): Promise<void>;
  /** Grace before a process that does not stop is killed. */
  stopGraceMs: number;
  /** Restart policy; undefined: an unasked exit is logged and left. */
  restart?: RestartOptions;
  name: string;
  log: RuntimeLog;
  /** Added to the log line of an unasked exit (e.g. where the process's logs are). */
  detail?: Record<string, unknown>;
}

export interface Supervisor {
  /** The process now (a new one after each restart). */
  readonly child: ChildProcess;
  /** How many times the process was started again after an unasked exit. */
  readonly restarts: number;
  /** Whether `stop` was called. */
  readonly stopping: boolean;
  /** Ends the supervision, then stops the process; `after` runs once it is gone (whether it had died already, whether it had to be killed). */
  stop(after: (stopped: ChildProcess, how: { dead: boolean; forced: boolean }) => Promise<void>): Promise<void>;
}

const seconds = (since: number) => Math.round((Date.now() - since) / 100) / 10;

/** Launches the process, waits until it answers (rejecting as `ready` does) and supervises it from then on. */
export async function supervise(p: SupervisedProcess): Promise<Supervisor> {
  let child: ChildProcess;
  let restarts = 0;
  let stopping: Promise<void> | undefined;
  let restartTimer: NodeJS.Timeout | undefined;
  // The processes that answered once: only their exits are restarted.
  const up = new WeakSet<ChildProcess>();

  async function run(): Promise<ChildProcess> {
    const started = await p.launch();
    child = started;
    // An exit during start-up is the starter's to report (ready); one after it answered is the supervisor's.
    started.once('exit', (code, sig) => {
      if (stopping || started !== child || !up.has(started)) return;
      unaskedExit(started.pid as number, code, sig);
    });
    return started;
  }

  /** Logs an exit nobody asked for and starts the process again, waiting longer after each failure. */
  function unaskedExit(pid: number, code: number | null, sig: NodeJS.Signals | null, attempt = 1): void {
    const restart = p.restart;
    if (!restart) {
      p.log(`${p.name} exited unexpectedly; it is not restarted (restart: false)`, { pid, code, signal: sig });
      return;
    }
    const delayMs = Math.min(restart.maxDelayMs, restart.firstDelayMs * 2 ** (attempt - 1));
    p.log(`${p.name} exited unexpectedly; restarting it`, { pid, code, signal: sig, attempt, delayMs, ...p.detail });
    restartTimer = setTimeout(() => {
      restartTimer = undefined;
      if (stopping) return;
      const t0 = Date.now();
      void (async () => {
        const next = await run();
        try {
          await p.ready(next);
          if (stopping) return;
          up.add(next);
          restarts++;
          p.log(`${p.name} restarted`, { pid: next.pid, attempt, restarts, seconds: seconds(t0) });
        } catch (err) {
          if (stopping) return;
          // Give this attempt up (a process still starting is stopped first), then try again after a longer wait.
          if (next.exitCode === null && next.signalCode === null) await terminate(next, p.stopGraceMs);
          p.log(`${p.name} did not come back on this attempt`, { attempt, error: (err as Error).message.split('\n')[0] });
          unaskedExit(next.pid as number, next.exitCode, next.signalCode, attempt + 1);
        }
      })().catch((err: Error) => {
        p.log(`${p.name} could not be started again`, { attempt, error: err.message });
        if (!stopping) unaskedExit(pid, null, null, attempt + 1);
      });
    }, delayMs);
    restartTimer.unref?.();
  }

  const supervisor: Supervisor = {
    get child() {
      return child;
    },
    get restarts() {
      return restarts;
    },
    get stopping() {
      return stopping !== undefined;
    },
    stop: (after) =>
      (stopping ??= (async () => {
        clearTimeout(restartTimer);
        const stopped = child;
        const dead = stopped.exitCode !== null || stopped.signalCode !== null;
        const forced = await terminate(stopped, p.stopGraceMs);
        await after(stopped, { dead, forced });
      })()),
  };
  await run();
  await p.ready(child!);
  up.add(child!);
  return supervisor;
}
