/**
 * The one place that holds the Neo4j driver. Sessions are opened per unit of work and closed in
 * `finally`; driver errors are translated into the service's own errors at this boundary.
 *
 * Every unit of work has a time limit on the server (the transaction timeout) and a watch on
 * this side (issue 13, defect 6): a paused or frozen Neo4j cannot enforce its own timeout, and
 * its open connections neither answer nor close. When a unit of work has waited `stallMs`, one
 * shared ping (`RETURN 1`) asks whether the database answers at all: if it does, the work is
 * just long and goes on; if it does not within `pingMs`, the work fails as "unavailable" (503)
 * — at once for ordinary work, after `patienceMs` of silence for patient work (imports, whole-
 * network reads), which a short pause should not lose.
 */
import neo4j, { type Driver, type ManagedTransaction, type Session, type Transaction } from 'neo4j-driver';
import { AppError, stopping, unavailable } from '../domain/errors.ts';
import { answerWithin } from '../runtime/answer-within.ts';

export interface Neo4jSettings {
  uri: string;
  user: string;
  password: string;
  database?: string;
  /** The server-side time limit of an ordinary transaction, in ms (NEO4J_QUERY_TIMEOUT_MS). */
  queryTimeoutMs?: number;
  /** The time limit of patient work (imports, whole-network reads), in ms (NEO4J_LONG_QUERY_TIMEOUT_MS). */
  longQueryTimeoutMs?: number;
  /** The watch on a database that does not answer (defaults: STALL_DEFAULTS). */
  stall?: Partial<StallOptions>;
}

export interface ServerInfo {
  version: string;
  edition: string;
  address: string;
}

export type Work<T> = (tx: ManagedTransaction) => Promise<T>;

/** The driver's types and its integer, for the rest of store/: this file is the only one that imports the driver. */
export type { QueryResult, Transaction } from 'neo4j-driver';
/** A Neo4j integer (Cypher INTEGER): a JavaScript number would be stored as a FLOAT. */
export const neo4jInt = (n: number) => neo4j.int(n);

export interface Neo4jClient {
  read<T>(work: Work<T>): Promise<T>;
  write<T>(work: Work<T>): Promise<T>;
  /** One explicit write transaction for work that must land whole or not at all. */
  inTransaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T>;
  serverInfo(timeoutMs: number): Promise<ServerInfo>;
  /**
   * Whether the database answered some work (or a ping) of this process within the last `ms`,
   * with no sign of it being unavailable since: a health check need not ask it again.
   */
  answeredWithin(ms: number): boolean;
  /** Whether the database's last ping went unanswered (and no work was answered since). */
  silent(): boolean;
  /**
   * The same database for long work (an import, reading the whole network): the long time limit,
   * and a database that stops answering is waited for `patienceMs` before the work fails.
   */
  patient(): Neo4jClient;
  close(): Promise<void>;
}

/** How long a request may wait for a connection before it is told the database is unavailable. */
const CONNECT_TIMEOUT_MS = 5_000;

export const QUERY_TIMEOUT_DEFAULTS = Object.freeze({ queryTimeoutMs: 60_000, longQueryTimeoutMs: 30 * 60_000 });

export interface StallOptions {
  /** How long a unit of work runs before the database is asked whether it answers at all. */
  stallMs: number;
  /** How long that ping may take (time this process could listen: answer-within.ts). */
  pingMs: number;
  /** How long patient work waits out a database that does not answer. */
  patienceMs: number;
}

/** Ordinary work on a frozen database fails after about stallMs + pingMs: within 2 s. */
/** A ping older than this is given up, and the next round sends a new one. */
const MAX_PING_AGE_MS = 5_000;
/** The shortest wait on a ping already sent (answer-within.ts: time to read what arrived while the loop was held). */
const FRESH_LOOK_MS = 200;

export const STALL_DEFAULTS: Readonly<StallOptions> = Object.freeze({ stallMs: 500, pingMs: 1_000, patienceMs: 30_000 });

export function createNeo4jClient(settings: Neo4jSettings): Neo4jClient {
  const auth = settings.password ? neo4j.auth.basic(settings.user, settings.password) : undefined;
  const limits = { ...QUERY_TIMEOUT_DEFAULTS, ...withoutUndefined({ queryTimeoutMs: settings.queryTimeoutMs, longQueryTimeoutMs: settings.longQueryTimeoutMs }) };
  const driver: Driver = neo4j.driver(settings.uri, auth, {
    disableLosslessIntegers: true,
    connectionTimeout: CONNECT_TIMEOUT_MS,
    connectionAcquisitionTimeout: CONNECT_TIMEOUT_MS * 2,
    maxTransactionRetryTime: 2_000,
    logging: { level: 'error', logger: () => undefined },
  });
  const sessionConfig = (mode: 'READ' | 'WRITE') => ({
    database: settings.database,
    defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
  });

  async function withSession<T>(mode: 'READ' | 'WRITE', use: (s: Session) => Promise<T>): Promise<T> {
    const session = driver.session(sessionConfig(mode));
    try {
      return await use(session);
    } catch (err) {
      throw translateError(err);
    } finally {
      await session.close().catch(() => undefined);
    }
  }

  const guard = stallGuard({
    ...STALL_DEFAULTS,
    ...withoutUndefined(settings.stall ?? {}),
    ping: () => withSession('READ', (s) => s.run('RETURN 1').then(() => undefined)),
  });
  const silent = () => unavailable(`Neo4j at ${settings.uri} does not answer (paused, overloaded or cut off). musubi will reconnect when it is back.`);

  // After close(), whatever fails failed because the product is stopping (stopping(), not a fault).
  let closed = false;
  function client(patient: boolean): Neo4jClient {
    const config = { timeout: patient ? limits.longQueryTimeoutMs : limits.queryTimeoutMs };
    const watched = <T>(work: () => Promise<T>) =>
      guard.watch(work, { patient, unavailable: silent }).catch((err: unknown) => {
        throw closed ? stopping() : err;
      });
    const self: Neo4jClient = {
      read: (work) => watched(() => withSession('READ', (s) => s.executeRead(work, config))),
      write: (work) => watched(() => withSession('WRITE', (s) => s.executeWrite(work, config))),
      inTransaction: (work) =>
        watched(() =>
          withSession('WRITE', async (s) => {
            const tx = s.beginTransaction(config);
            try {
              const result = await work(tx);
              await tx.commit();
              return result;
            } catch (err) {
              if (tx.isOpen()) await tx.rollback().catch(() => undefined);
              throw err;
            }
          }),
        ),
      serverInfo: (timeoutMs) => guard.noted(serverInfo(timeoutMs)),
      answeredWithin: (ms) => guard.answeredWithin(ms),
      silent: () => guard.silentSince() !== undefined,
      patient: () => (patient ? self : client(true)),
      close: () => {
        closed = true;
        return driver.close();
      },
    };
    return self;
  }

  async function serverInfo(timeoutMs: number): Promise<ServerInfo> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(unavailable(`Neo4j at ${settings.uri} did not answer within ${timeoutMs} ms.`)),
        timeoutMs,
      );
    });
    const query = withSession('READ', (s) =>
      s.executeRead(async (tx) => {
        const r = await tx.run('CALL dbms.components() YIELD name, versions, edition RETURN versions[0] AS version, edition');
        return { version: String(r.records[0].get('version')), edition: String(r.records[0].get('edition')) };
      }),
    );
    try {
      const info = await Promise.race([query, timeout]);
      return { ...info, address: settings.uri };
    } finally {
      clearTimeout(timer);
      query.catch(() => undefined);
    }
  }

  return client(false);
}

export interface StallGuard {
  /**
   * Settles as `work` does, or rejects with `unavailable()` once the database has not answered
   * a ping while the work waited (ordinary work), or for `patienceMs` (patient work).
   */
  watch<T>(work: () => Promise<T>, options: { patient: boolean; unavailable: () => Error }): Promise<T>;
  /** Whether the last ping went unanswered (undefined: none asked yet, or answered). */
  silentSince(): number | undefined;
  /** Whether work or a ping was answered within the last `ms`, and nothing said "unavailable" since. */
  answeredWithin(ms: number): boolean;
  /** `asked` (work outside `watch`, like a health check's query), its answer or failure noted. */
  noted<T>(asked: Promise<T>): Promise<T>;
}

/**
 * The watch described at the top of this file, over any `ping`: one ping at a time is shared by
 * all the work waiting; none is sent while work finishes within `stallMs`, so a healthy database
 * pays nothing. A ping to a frozen database hangs: the next rounds wait on that same ping (up to
 * MAX_PING_AGE_MS old), so a freeze holds at most a few connections with pings.
 */
export function stallGuard(options: StallOptions & { ping: () => Promise<unknown> }): StallGuard {
  const o = options;
  if (!(o.stallMs > 0) || !(o.pingMs > 0) || !(o.patienceMs >= 0)) {
    throw new Error(`neo4j-client: stallMs and pingMs must be > 0 and patienceMs >= 0, got ${o.stallMs}, ${o.pingMs}, ${o.patienceMs}.`);
  }
  let probe: Promise<boolean> | undefined;
  let silentSince: number | undefined;
  // A ping to a frozen database hangs, holding a connection: the next round waits on the same
  // one (its answer is the first sign the database is back) unless it is older than MAX_PING_AGE_MS.
  let ping: { answer: Promise<unknown>; at: number } | undefined;
  // When the database last answered, and last looked unavailable (performance.now()).
  let answeredAt: number | undefined;
  let failedAt: number | undefined;
  const answered = () => (answeredAt = performance.now());
  const failed = (err?: unknown) => {
    if (err === undefined || (err as { status?: unknown } | null)?.status === 503) failedAt = performance.now();
  };

  /** True when the database answered a ping within pingMs. */
  function answers(): Promise<boolean> {
    if (!ping || performance.now() - ping.at > MAX_PING_AGE_MS) {
      const current: { answer: Promise<unknown>; at: number } = { answer: Promise.resolve().then(o.ping), at: performance.now() };
      current.answer.then(
        () => undefined,
        () => undefined,
      ).finally(() => {
        if (ping === current) ping = undefined;
      });
      ping = current;
    }
    const answer = ping.answer;
    // A ping gets pingMs from when it was sent, not from each round that waits on it: work that
    // comes to a frozen database after the last round gave up fails when that ping's time is up,
    // not a whole pingMs later (an actor's page met a version check's timeout and then a full
    // second more: 503 after 2.6 s).
    // At least FRESH_LOOK_MS, so that an answer waiting unread while the event loop was held is still heard.
    const left = Math.max(Math.min(FRESH_LOOK_MS, o.pingMs), ping.at + o.pingMs - performance.now());
    probe ??= answerWithin(answer, left, () => new Error('no answer'))
      .then(
        () => {
          silentSince = undefined;
          answered();
          return true;
        },
        () => {
          silentSince ??= performance.now();
          failed();
          return false;
        },
      )
      .finally(() => (probe = undefined));
    return probe;
  }

  return {
    silentSince: () => silentSince,
    answeredWithin: (ms) => answeredAt !== undefined && performance.now() - answeredAt < ms && (failedAt === undefined || failedAt < answeredAt),
    noted(asked) {
      asked.then(answered, failed);
      return asked;
    },
    watch(work, { patient, unavailable: fail }) {
      const running = work();
      return new Promise((resolve, reject) => {
        let done = false;
        let timer: NodeJS.Timeout | undefined;
        const finish = () => {
          done = true;
          clearTimeout(timer);
        };
        running.then(
          (value) => {
            silentSince = undefined; // the database answered this work
            answered();
            if (done) return;
            finish();
            resolve(value);
          },
          (err: unknown) => {
            failed(err);
            if (done) return;
            finish();
            reject(err);
          },
        );
        const look = async () => {
          if (done) return;
          const heard = await answers();
          if (done) return;
          if (!heard && (!patient || performance.now() - (silentSince ?? 0) >= o.patienceMs)) {
            finish();
            reject(fail());
            return;
          }
          timer = setTimeout(look, o.stallMs);
        };
        // Work gets stallMs of its own before any ping can fail it, even while the database is known
        // silent: a query on a database that just came back (cold, compiling its plans) may be slow.
        timer = setTimeout(look, o.stallMs);
      });
    },
  };
}

function withoutUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Maps a driver error to an AppError; anything unexpected passes through as a bug (500). */
export function translateError(err: unknown): unknown {
  if (err instanceof AppError) return err;
  const e = err as { code?: string; message?: string };
  const code = e?.code ?? '';
  if (
    code === 'ServiceUnavailable' ||
    code === 'SessionExpired' ||
    code === 'Neo.TransientError.General.DatabaseUnavailable' ||
    /connect|ECONNREFUSED|acquisition/i.test(e?.message ?? '') && !code.startsWith('Neo.ClientError')
  ) {
    return unavailable(`The database is unavailable: ${e?.message ?? code}. musubi will reconnect when it is back.`);
  }
  if (code.startsWith('Neo.ClientError.Transaction.TransactionTimedOut')) {
    return new AppError('query_timeout', 'The database took longer than its time limit for this work (NEO4J_QUERY_TIMEOUT_MS) and stopped it; nothing was written.', 503);
  }
  if (code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
    return new AppError('conflict', e.message ?? 'A uniqueness rule was broken.', 409);
  }
  return err;
}
