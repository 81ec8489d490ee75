/**
 * Loopback port helpers for the project's own Neo4j: pick a free port (tests) and tell whether
 * a given port is taken (so a clash is reported by name instead of as a Neo4j start failure).
 */
import net from 'node:net';

const LOOPBACK = '127.0.0.1';

/** A TCP port on 127.0.0.1 that was free a moment ago (the OS picks it; the socket is closed). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ host: LOOPBACK, port: 0, exclusive: true }, () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error('free-port: the OS did not report a TCP port'));
        return;
      }
      server.close((err) => (err ? reject(err) : resolve(address.port)));
    });
  });
}

/**
 * True when something already listens on 127.0.0.1:port. Tries to bind rather than connect,
 * because binding is what Neo4j will do, and a bind also catches a socket bound but not yet
 * accepting.
 */
export function isPortInUse(port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') resolve(true);
      else reject(err);
    });
    server.listen({ host: LOOPBACK, port, exclusive: true }, () => server.close(() => resolve(false)));
  });
}

/** Resolves once a TCP connection to 127.0.0.1:port succeeds, false after timeoutMs. */
export function canConnect(port: number, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: LOOPBACK, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
