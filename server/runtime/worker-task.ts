/**
 * Runs one exported function of a TypeScript module in a worker thread and resolves with what it
 * returns, so that seconds of computation (the suggestions' calibration on a large network) do not
 * hold the server's event loop. The worker registers tsx itself (the project runs TypeScript
 * directly) and inherits no flags from the parent (a test runner's included); once the function
 * has answered, it waits idle for the next task a while (below). Arguments and result cross by
 * structured clone: plain data only.
 */
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/** tsx's ESM registration API (its package exports "./esm/api" → this file for `import`). */
const TSX_ESM_API = pathToFileURL(path.join(path.dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;

/** A worker serves one task at a time, for as long as it is kept; it imports each module once. */
const BOOT = `
const { parentPort, workerData } = require('node:worker_threads');
const ready = import(workerData.tsx).then(({ register }) => register());
parentPort.on('message', async ({ module, name, args }) => {
  let answer;
  try {
    await ready;
    const loaded = await import(module);
    answer = { ok: true, result: name === null ? null : await loaded[name](...args) };
  } catch (err) {
    answer = { ok: false, message: String((err && err.stack) || err) };
  }
  try {
    parentPort.postMessage(answer);
  } catch (err) {
    parentPort.postMessage({ ok: false, message: String((err && err.stack) || err) });
  }
});`;

export class WorkerTaskError extends Error {
  override name = 'WorkerTaskError';
}

/**
 * Idle workers kept for the next task, so that it finds its modules imported and their code
 * compiled by the JIT (a new worker costs about 0.3 s to start and runs its first task cold:
 * detection on the demonstration network 1.6 s in a new worker, 0.9 s in a warm one). A task that
 * finds no idle worker gets a new one, so a long task (a calibration) never makes a short one
 * wait; an idle worker ends after IDLE_MS and never keeps the process alive.
 */
const KEEP_IDLE = 2;
const IDLE_MS = 60_000;
const idle: { worker: Worker; timer: NodeJS.Timeout }[] = [];

/** A worker being started ahead of a task (prepareWorker); a task waits for it rather than start another. */
let starting: Promise<void> | null = null;

/** Workers this module has started since the process began (for logs and tests). */
let started = 0;
export function startedWorkers(): number {
  return started;
}

function newWorker(): Worker {
  started += 1;
  return new Worker(BOOT, { eval: true, execArgv: [], workerData: { tsx: TSX_ESM_API } });
}

async function takeWorker(): Promise<Worker> {
  if (!idle.length && starting) await starting;
  const kept = idle.pop();
  if (kept) {
    clearTimeout(kept.timer);
    kept.worker.ref();
    return kept.worker;
  }
  return newWorker();
}

/**
 * Starts a worker ahead of a task that may come, with `module` imported, and keeps it idle: while a
 * use case reads the network from the database (seconds), the worker's start and imports (about
 * 0.5 s) happen beside it instead of after it. Nothing when a worker is idle or already starting.
 */
export function prepareWorker(module: URL): void {
  if (idle.length || starting) return;
  let worker: Worker;
  try {
    worker = newWorker();
  } catch {
    return; // the task itself will try again, and say why
  }
  starting = new Promise<void>((resolve) => {
    const settle = (kept: boolean) => {
      worker.off('message', onMessage);
      worker.off('error', onFailure);
      worker.off('exit', onFailure);
      if (kept) giveBack(worker);
      else void worker.terminate();
      starting = null;
      resolve();
    };
    const onMessage = (message: { ok: boolean }) => settle(message.ok);
    const onFailure = () => settle(false);
    worker.on('message', onMessage);
    worker.once('error', onFailure);
    worker.once('exit', onFailure);
    worker.postMessage({ module: module.href, name: null, args: [] });
  });
}

function giveBack(worker: Worker): void {
  // Idle, it does not keep the process alive (busy, it does: a script may wait for nothing else).
  worker.unref();
  if (idle.length >= KEEP_IDLE) {
    void worker.terminate();
    return;
  }
  const entry = {
    worker,
    timer: setTimeout(() => {
      const at = idle.indexOf(entry);
      if (at >= 0) idle.splice(at, 1);
      void worker.terminate();
    }, IDLE_MS).unref(),
  };
  idle.push(entry);
}

/** `module`'s export `name` called with `args` in a worker thread (a kept one when one is idle). */
export function runInWorker<T>(module: URL, name: string, args: readonly unknown[]): Promise<T> {
  return takeWorker().then((worker) => new Promise<T>((resolve, reject) => {
    const done = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    const onMessage = (message: { ok: true; result: T } | { ok: false; message: string }) => {
      done();
      giveBack(worker);
      if (message.ok) resolve(message.result);
      else reject(new WorkerTaskError(`${name} failed in its worker: ${message.message}`));
    };
    // A worker that failed or ended is not given back.
    const onError = (err: Error) => {
      done();
      void worker.terminate();
      reject(new WorkerTaskError(`${name} failed in its worker: ${err?.stack ?? err?.message ?? String(err)}`));
    };
    const onExit = (code: number) => {
      done();
      reject(new WorkerTaskError(`the worker running ${name} ended (exit code ${code}) without an answer`));
    };
    worker.on('message', onMessage);
    worker.once('error', onError);
    worker.once('exit', onExit);
    try {
      worker.postMessage({ module: module.href, name, args });
    } catch (err) {
      done();
      giveBack(worker);
      reject(new WorkerTaskError(`${name}: its arguments cannot cross to a worker: ${(err as Error)?.message ?? String(err)}`));
    }
  }), (err: unknown) => {
    throw new WorkerTaskError(`could not start a worker for ${name}: ${(err as Error)?.message ?? String(err)}`);
  });
}
