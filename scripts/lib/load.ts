/**
 * Load for `npm run soak` and `npm run faults` (issue 13), the common part: the product started as
 * `npm start` runs it (server/main.ts in a process of its own, real HTTP on loopback) and its
 * resident memory; requests recorded with their latency and status, and the figures per kind of
 * request; the stored network's fingerprint (counts and a checksum of its export). The clients
 * and what they ask are in load-clients.ts, the ledger of acknowledged writes in load-ledger.ts.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { createWriteStream, readFileSync } from 'node:fs';
import { PROJECT_ROOT } from '../../server/config.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------
// The server process

export interface LogLine {
  level: number;
  msg: string;
  time: number;
  [field: string]: unknown;
}

export interface ServerProcess {
  readonly pid: number;
  readonly url: string;
  /** The server's JSON log lines so far (its pino output). */
  readonly logs: LogLine[];
  /** Resolves when the process has exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal: NodeJS.Signals): void;
  /** SIGTERM (the server stops the Neo4j it started), SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * The glibc malloc arenas `npm start` allows the server (package.json: `MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-N}`),
 * read from there so that the load scripts run the server as users do. With glibc's default (8 per
 * core) the worker threads' arenas fragmented: a 6-minute soak ended at 1.69 GB of RSS, +25.7 %
 * after the warm-up; with 2 arenas at 0.93 GB, -21 %, at the same throughput (30 November 2026).
 */
function startMallocArenas(): string {
  const start = (JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
  const found = /MALLOC_ARENA_MAX=\$\{MALLOC_ARENA_MAX:-(\d+)\}/.exec(start);
  if (!found) throw new Error(`package.json's start script no longer sets MALLOC_ARENA_MAX: ${start}`);
  return found[1];
}

/**
 * Starts server/main.ts as `npm start` does (without rebuilding the web client), with `env` over
 * this process's environment, its log appended to `logFile`; resolves once `/api/health` answers.
 */
export async function startServer(options: { env: Record<string, string>; port: number; logFile: string; timeoutMs?: number }): Promise<ServerProcess> {
  const env = { MALLOC_ARENA_MAX: startMallocArenas(), ...process.env, ...options.env, PORT: String(options.port), HOST: '127.0.0.1', LOG_FORMAT: 'json' };
  // SERVER_NODE_ARGS: extra Node options for the server alone (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to see where its time goes).
  const nodeArgs = (process.env.SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'server/main.ts'], { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const file = createWriteStream(options.logFile, { flags: 'a' });
  const logs: LogLine[] = [];
  let rest = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    file.write(chunk);
    const lines = (rest + chunk.toString('utf8')).split('\n');
    rest = lines.pop()!;
    for (const line of lines) {
      try {
        logs.push(JSON.parse(line) as LogLine);
      } catch {
        // Not a log line (a progress bar): kept in the file only.
      }
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => file.write(chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let gone = false;
  void exited.then(() => {
    gone = true;
    file.end();
  });
  // Whatever ends this script, the server (and through it its Neo4j) goes too.
  const orphanGuard = () => child.kill('SIGTERM');
  process.on('exit', orphanGuard);
  void exited.then(() => process.off('exit', orphanGuard));

  const url = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 600_000);
  for (;;) {
    if (gone) throw new Error(`The server exited during start-up; its log: ${options.logFile}\n${tail(options.logFile)}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The server did not answer /api/health in time; its log: ${options.logFile}`);
    }
    const healthy = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(3_000) }).then((r) => r.ok, () => false);
    if (healthy) break;
    await sleep(500);
  }
  return {
    pid: child.pid!,
    url,
    logs,
    exited,
    kill: (signal) => void child.kill(signal),
    async stop(graceMs = 90_000) {
      if (gone) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/** The resident memory of a process in KiB (VmRSS of /proc/PID/status); undefined once it is gone. */
export function rssKb(pid: number): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** How often the server prepared the suggestion index (its log: one line per role, same ms) and how long that took. */
export function indexPreparations(logs: readonly LogLine[]): { count: number; p50Ms: number; maxMs: number } {
  const ms: number[] = [];
  let last: number | undefined;
  for (const line of logs) {
    if (!line.msg.startsWith('suggestions:') || typeof line.ms !== 'number') continue;
    if (line.ms !== last) ms.push(line.ms);
    last = line.ms;
  }
  const sorted = ms.sort((a, b) => a - b);
  return { count: sorted.length, p50Ms: quantile(sorted, 0.5), maxMs: sorted.at(-1) ?? NaN };
}

// ---------------------------------------------------------------------------------------------
// Requests and their figures

/** A user as the clients send it: the headers of its API token. */
export interface Caller {
  username: string;
  headers: Record<string, string>;
}

export interface Call {
  /** What the request is, for the figures (`suggestions`, `import`, ...). */
  kind: string;
  method?: string;
  path: string;
  /** The user; the public viewer when left out. */
  as?: Caller;
  json?: unknown;
  form?: FormData;
  headers?: Record<string, string>;
  /** The statuses that count as success (default 200). */
  expect?: readonly number[];
}

export interface Sample {
  kind: string;
  /** The method and path, for the reports. */
  request: string;
  /** When the request was sent (performance.now()). */
  at: number;
  ms: number;
  /** 0: no answer (connection error or time-out). */
  status: number;
  /** Whether the answer carried X-Musubi-Stale: true. */
  stale: boolean;
  /** Sent without a user (what memory may serve while the database is away). */
  anonymous: boolean;
  write: boolean;
  expected: boolean;
  /** For an unexpected answer: the start of its body, or the connection error. */
  detail?: string;
}

export interface Answer extends Sample {
  body: any;
  text: string;
  headers?: Headers;
  error?: string;
}

/** Everything the clients sent and got, and the first unexpected answers in detail. */
export class Recorder {
  readonly samples: Sample[] = [];
  readonly unexpected: string[] = [];
  /** Answers with an expected status but a wrong content (a step that answered another status). */
  flagged = 0;
  /** The most unexpected answers kept in detail. */
  static readonly DETAILS = 40;

  add(sample: Sample, detail: () => string): void {
    this.samples.push(sample);
    if (!sample.expected) this.note(detail());
  }

  /** An answer whose status was right but whose content was not. */
  flag(detail: string): void {
    this.flagged++;
    this.note(detail);
  }

  private note(detail: string): void {
    if (this.unexpected.length < Recorder.DETAILS) this.unexpected.push(detail);
  }

  /** Figures per kind of request (all kinds together last), over the samples `keep` accepts. */
  figures(keep: (s: Sample) => boolean = () => true): KindFigures[] {
    const byKind = new Map<string, Sample[]>();
    const all: Sample[] = [];
    for (const s of this.samples) {
      if (!keep(s)) continue;
      all.push(s);
      const list = byKind.get(s.kind) ?? [];
      list.push(s);
      byKind.set(s.kind, list);
    }
    const rows = [...byKind].sort(([a], [b]) => a.localeCompare(b)).map(([kind, list]) => kindFigures(kind, list));
    return [...rows, kindFigures('all', all)];
  }
}

export interface KindFigures {
  kind: string;
  requests: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

function kindFigures(kind: string, samples: readonly Sample[]): KindFigures {
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  return {
    kind,
    requests: samples.length,
    errors: samples.filter((s) => !s.expected).length,
    p50: quantile(ms, 0.5),
    p95: quantile(ms, 0.95),
    p99: quantile(ms, 0.99),
    max: ms.length ? ms[ms.length - 1] : NaN,
  };
}

/** The nearest-rank quantile of sorted values (NaN for none). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** Sends one request, records it, and answers it (never throws: no answer is status 0). */
export async function send(base: string, call: Call, recorder: Recorder, timeoutMs = 30_000): Promise<Answer> {
  const method = call.method ?? 'GET';
  const headers: Record<string, string> = { ...(call.as?.headers ?? {}), ...(call.headers ?? {}) };
  let body: string | FormData | undefined;
  if (call.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(call.json);
  } else if (call.form) body = call.form;
  const at = performance.now();
  let answer: Omit<Answer, 'expected'>;
  try {
    const res = await fetch(base + call.path, { method, headers, body, signal: AbortSignal.timeout(timeoutMs) });
    const text = await res.text();
    let json: unknown;
    if ((res.headers.get('content-type') ?? '').includes('json')) {
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
    }
    answer = { kind: call.kind, request: `${method} ${call.path}`, at, ms: performance.now() - at, status: res.status, stale: res.headers.get('x-musubi-stale') === 'true', anonymous: !call.as, write: method !== 'GET', body: json, text, headers: res.headers };
  } catch (err) {
    const error = (err as Error & { cause?: Error }).cause?.message ?? (err as Error).message;
    answer = { kind: call.kind, request: `${method} ${call.path}`, at, ms: performance.now() - at, status: 0, stale: false, anonymous: !call.as, write: method !== 'GET', body: undefined, text: '', error };
  }
  const expected = (call.expect ?? [200]).includes(answer.status);
  const full: Answer = { ...answer, expected };
  const { text, error, ms, status } = full;
  recorder.add(strip(full), () => `${method} ${call.path}${call.as ? ` (as ${call.as.username})` : ''} → ${status || error}${full.stale ? ' (X-Musubi-Stale)' : ''} after ${ms.toFixed(0)} ms: ${text.slice(0, 300)}`);
  return full;
}

function strip(a: Answer): Sample {
  const sample: Sample = { kind: a.kind, request: a.request, at: a.at, ms: a.ms, status: a.status, stale: a.stale, anonymous: a.anonymous, write: a.write, expected: a.expected };
  if (!a.expected) sample.detail = a.error ?? a.text.slice(0, 200);
  return sample;
}

/** A plain-text table: the first row is the header; numbers right-aligned. */
export function formatTable(rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  const cells = rows.map((r) => r.map((c) => (typeof c === 'number' ? (Number.isInteger(c) ? String(c) : c.toFixed(1)) : c)));
  const widths = cells[0].map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[], header: boolean) => r.map((c, i) => (i === 0 || header || Number.isNaN(Number(c)) ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(cells[0], true), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map((r) => line(r, false))].join('\n');
}

/** The figures as table rows (ms with one decimal). */
export function figureRows(figures: readonly KindFigures[]): Array<Array<string | number>> {
  return [
    ['kind', 'requests', 'errors', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'],
    ...figures.map((f) => [f.kind, f.requests, f.errors, f.p50, f.p95, f.p99, f.max]),
  ];
}

// ---------------------------------------------------------------------------------------------
// The stored network's fingerprint

export interface NetworkState {
  actors: number;
  ties: number;
  /** SHA-256 of the admin's actors.csv and ties.csv exports, lines sorted (the export's order is not part of the state). */
  actorsSha: string;
  tiesSha: string;
}

/** Counts and export checksums of the stored network, read through the API as `admin` (who sees every actor). */
export async function networkState(base: string, admin: Caller): Promise<NetworkState> {
  const recorder = new Recorder();
  const get = async (path: string) => {
    const a = await send(base, { kind: 'state', path, as: admin }, recorder, 300_000);
    if (a.status !== 200) throw new Error(`GET ${path}: ${a.status || a.error} ${a.text.slice(0, 200)}`);
    return a;
  };
  const stats = (await get('/api/stats')).body as { actors: Record<string, number>; ties: Record<string, number> };
  const sum = (counts: Record<string, number>) => Object.values(counts).reduce((s, n) => s + n, 0);
  const digest = (text: string) => {
    const [header, ...lines] = text.trimEnd().split('\n');
    return createHash('sha256').update([header, ...lines.sort()].join('\n')).digest('hex');
  };
  return {
    actors: sum(stats.actors),
    ties: sum(stats.ties),
    actorsSha: digest((await get('/api/export/actors.csv')).text),
    tiesSha: digest((await get('/api/export/ties.csv')).text),
  };
}

export function sameState(a: NetworkState, b: NetworkState): boolean {
  return a.actors === b.actors && a.ties === b.ties && a.actorsSha === b.actorsSha && a.tiesSha === b.tiesSha;
}
