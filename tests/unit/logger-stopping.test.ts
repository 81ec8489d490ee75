/**
 * Work that the stop cut short is logged at debug, without its stack; every other warning as it was
 * (server/logger.ts `quietWhenStopping`).
 */
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { quietWhenStopping } from '../../server/logger.ts';
import { stopping, unavailable } from '../../server/domain/errors.ts';

function capture(level: string) {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { lines, log: pino({ level, hooks: { logMethod: quietWhenStopping } }, stream) };
}

describe('the log while the product stops', () => {
  it('puts a warning caused by the stop down to debug, and leaves other warnings alone', async () => {
    const { lines, log } = capture('debug');
    log.warn({ err: stopping(), what: 'the communities' }, 'could not prepare the communities ahead of requests');
    log.warn({ err: unavailable('Neo4j does not answer') }, 'the network layout could not be stored');
    log.warn('a warning without an error');
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines.map((l) => [l.level, l.msg])).toEqual([
      [20, 'could not prepare the communities ahead of requests'],
      [40, 'the network layout could not be stored'],
      [40, 'a warning without an error'],
    ]);
    expect(lines[0]).toMatchObject({ what: 'the communities', stopping: true });
    expect(lines[0].err).toBeUndefined();
    expect(lines[1].err).toMatchObject({ code: 'database_unavailable' });
  });

  it('says nothing of it at the default level', async () => {
    const { lines, log } = capture('info');
    log.warn({ err: stopping() }, 'the communities could not be stored with the actors');
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines).toEqual([]);
  });
});
