/**
 * The one place that holds the Neo4j driver. Sessions are opened per unit of work and closed in
 * `finally`; driver errors are translated into the service's own errors at this boundary.
 */
import neo4j, { type Driver, type ManagedTransaction, type Session, type Transaction } from 'neo4j-driver';
import { AppError, unavailable } from '../domain/errors.ts';

export interface Neo4jSettings {
  uri: string;
  user: string;
  password: string;
  database?: string;
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
  close(): Promise<void>;
}

/** How long a request may wait for the database before it is told the database is unavailable. */
const CONNECT_TIMEOUT_MS = 2_000;

export function createNeo4jClient(settings: Neo4jSettings): Neo4jClient {
  const auth = settings.password ? neo4j.auth.basic(settings.user, settings.password) : undefined;
  const driver: Driver = neo4j.driver(settings.uri, auth, {
    disableLosslessIntegers: true,
    connectionTimeout: CONNECT_TIMEOUT_MS,
    connectionAcquisitionTimeout: CONNECT_TIMEOUT_MS + 1_000,
    maxTransactionRetryTime: CONNECT_TIMEOUT_MS,
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

  return {
    read: (work) => withSession('READ', (s) => s.executeRead(work)),
    write: (work) => withSession('WRITE', (s) => s.executeWrite(work)),
    inTransaction: (work) =>
      withSession('WRITE', async (s) => {
        const tx = s.beginTransaction();
        try {
          const result = await work(tx);
          await tx.commit();
          return result;
        } catch (err) {
          if (tx.isOpen()) await tx.rollback().catch(() => undefined);
          throw err;
        }
      }),
    async serverInfo(timeoutMs) {
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
    },
    close: () => driver.close(),
  };
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
  if (code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
    return new AppError('conflict', e.message ?? 'A uniqueness rule was broken.', 409);
  }
  return err;
}
