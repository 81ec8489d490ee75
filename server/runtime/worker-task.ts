/**
 * Runs one exported function of a TypeScript module in a worker thread and resolves with what it
 * returns, so that seconds of computation (the suggestions' calibration on a large network) do not
 * hold the server's event loop. The worker registers tsx itself (the project runs TypeScript
 * directly), inherits no flags from the parent (a test runner's included), and ends when the
 * function has answered. Arguments and result cross by structured clone: plain data only.
 */
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/** tsx's ESM registration API (its package exports "./esm/api" → this file for `import`). */
const TSX_ESM_API = pathToFileURL(path.join(path.dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;

const BOOT = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const { register } = await import(workerData.tsx);
  register();
  const module = await import(workerData.module);
  return module[workerData.name](...workerData.args);
})().then(
  (result) => parentPort.postMessage({ ok: true, result }),
  (err) => parentPort.postMessage({ ok: false, message: String((err && err.stack) || err) }),
);`;

export class WorkerTaskError extends Error {
  override name = 'WorkerTaskError';
}

/** `module`'s export `name` called with `args` in a worker thread of its own. */
export function runInWorker<T>(module: URL, name: string, args: readonly unknown[]): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const worker = new Worker(BOOT, { eval: true, execArgv: [], workerData: { tsx: TSX_ESM_API, module: module.href, name, args } });
    worker.once('message', (message: { ok: true; result: T } | { ok: false; message: string }) => {
      settled = true;
      if (message.ok) resolve(message.result);
      else reject(new WorkerTaskError(`${name} failed in its worker: ${message.message}`));
      void worker.terminate();
    });
    worker.once('error', (err) => {
      if (settled) return;
      settled = true;
      reject(new WorkerTaskError(`${name} failed in its worker: ${err?.stack ?? err?.message ?? String(err)}`));
    });
    worker.once('exit', (code) => {
      if (settled) return;
      settled = true;
      reject(new WorkerTaskError(`the worker running ${name} ended (exit code ${code}) without an answer`));
    });
  });
}
