/**
 * The watch on a database that does not answer (store/neo4j-client.ts `stallGuard`; issue 13,
 * defect 6: with Neo4j paused, every call waited 20 s and more). Driven by fake work and pings,
 * so that "the database" can be frozen and thawed at will.
 */
import { describe, expect, it } from 'vitest';
import { STALL_DEFAULTS, stallGuard } from '../../server/store/neo4j-client.ts';

const never = () => new Promise<never>(() => undefined);
const after = <T>(ms: number, value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));
const unavailable = () => Object.assign(new Error('unavailable'), { status: 503 });

/** A database that is frozen or not: a ping answers at once, or never while frozen. */
function fakeDatabase() {
  const db = { frozen: false, pings: 0, thaw: [] as Array<() => void> };
  const ping = () => {
    db.pings++;
    if (!db.frozen) return Promise.resolve();
    return new Promise<void>((resolve) => db.thaw.push(resolve));
  };
  return { db, ping };
}

async function elapsed<T>(p: Promise<T>): Promise<{ ms: number; value?: T; error?: Error }> {
  const started = performance.now();
  try {
    const value = await p;
    return { ms: performance.now() - started, value };
  } catch (error) {
    return { ms: performance.now() - started, error: error as Error };
  }
}

describe('the watch on a database that does not answer', () => {
  it('fails ordinary work with a 503 within 2 s when the database is frozen (defaults)', async () => {
    const { db, ping } = fakeDatabase();
    const guard = stallGuard({ ...STALL_DEFAULTS, ping });
    db.frozen = true;
    const r = await elapsed(guard.watch(never, { patient: false, unavailable }));
    expect(r.error?.message).toBe('unavailable');
    expect(r.ms).toBeGreaterThanOrEqual(STALL_DEFAULTS.stallMs + STALL_DEFAULTS.pingMs - 50);
    expect(r.ms).toBeLessThan(2_000);
  });

  it('fails work that comes while an earlier ping already waits by that ping\'s time, not a whole ping more (defaults)', async () => {
    // An actor's page during a pause: its version check waited 1 s, then its query came to a frozen
    // database whose ping had been sent 0.5 s before; it got its 503 after 2.6 s (goal: 2 s).
    const { db, ping } = fakeDatabase();
    const guard = stallGuard({ ...STALL_DEFAULTS, ping });
    db.frozen = true;
    const first = guard.watch(never, { patient: false, unavailable }).catch(() => undefined); // sends the ping at stallMs
    await after(1_000, null);
    const late = await elapsed(guard.watch(never, { patient: false, unavailable }));
    await first;
    expect(late.error?.message).toBe('unavailable');
    expect(db.pings).toBe(1);
    // From the page's start (1 s before this work): within 2 s.
    expect(1_000 + late.ms).toBeLessThan(2_000);
  });

  it('lets long work on a database that answers run to its end', async () => {
    const { db, ping } = fakeDatabase();
    const guard = stallGuard({ stallMs: 100, pingMs: 200, patienceMs: 0, ping });
    const r = await elapsed(guard.watch(() => after(800, 'done'), { patient: false, unavailable }));
    expect(r.value).toBe('done');
    expect(db.pings).toBeGreaterThanOrEqual(3); // it asked, and was told the database answers
  });

  it('costs a healthy database nothing: no ping for work that finishes in time', async () => {
    const { db, ping } = fakeDatabase();
    const guard = stallGuard({ stallMs: 200, pingMs: 200, patienceMs: 0, ping });
    const values = await Promise.all(Array.from({ length: 50 }, (_, i) => guard.watch(() => after(5, i), { patient: false, unavailable })));
    expect(values).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(db.pings).toBe(0);
  });

  it('shares one ping among all the work that waits', async () => {
    const { db, ping } = fakeDatabase();
    const guard = stallGuard({ stallMs: 100, pingMs: 200, patienceMs: 0, ping });
    db.frozen = true;
    const all = await Promise.allSettled(Array.from({ length: 20 }, () => guard.watch(never, { patient: false, unavailable })));
    expect(all.every((r) => r.status === 'rejected')).toBe(true);
    expect(db.pings).toBe(1);
  });

  it('keeps failing work while the database stays silent, sharing the hung ping, and recovers when it answers again', async () => {
    const { db, ping } = fakeDatabase();
    const guard = stallGuard({ stallMs: 300, pingMs: 200, patienceMs: 0, ping });
    db.frozen = true;
    await expect(guard.watch(never, { patient: false, unavailable })).rejects.toThrow('unavailable');
    expect(guard.silentSince()).toBeDefined();
    const again = await elapsed(guard.watch(never, { patient: false, unavailable }));
    expect(again.error?.message).toBe('unavailable');
    expect(again.ms).toBeLessThan(300 + 200 + 250);
    expect(db.pings).toBe(1); // the first ping still hangs: no second connection spent on one
    // Thawed: the hung ping answers, the next work goes through.
    db.frozen = false;
    for (const resolve of db.thaw) resolve();
    expect(await guard.watch(() => after(400, 'back'), { patient: false, unavailable })).toBe('back');
    expect(guard.silentSince()).toBeUndefined();
  });

  it('gives work that was slow on a database that just came back its own stallMs before a ping can fail it', async () => {
    const { db, ping } = fakeDatabase();
    const guard = stallGuard({ stallMs: 300, pingMs: 100, patienceMs: 0, ping });
    db.frozen = true;
    await expect(guard.watch(never, { patient: false, unavailable })).rejects.toThrow('unavailable');
    // Still marked silent, but this work answers within stallMs: it is not failed by the old ping.
    expect(await guard.watch(() => after(150, 'cold but fine'), { patient: false, unavailable })).toBe('cold but fine');
  });

  it('lets patient work wait out a short silence, and fails it after patienceMs', async () => {
    const { db, ping } = fakeDatabase();
    const guard = stallGuard({ stallMs: 100, pingMs: 100, patienceMs: 1_000, ping });
    db.frozen = true;
    // Silent for about 500 ms, then the work ends: the import is not lost.
    const short = guard.watch(() => after(500, 'imported'), { patient: true, unavailable });
    expect(await short).toBe('imported');
    const long = await elapsed(guard.watch(never, { patient: true, unavailable }));
    expect(long.error?.message).toBe('unavailable');
    expect(long.ms).toBeGreaterThanOrEqual(900);
    expect(long.ms).toBeLessThan(2_500);
  });

  it('passes the work\'s own error through unchanged', async () => {
    const { ping } = fakeDatabase();
    const guard = stallGuard({ ...STALL_DEFAULTS, ping });
    const own = new Error('constraint');
    await expect(guard.watch(() => Promise.reject(own), { patient: false, unavailable })).rejects.toBe(own);
  });

  it('tells whether the database answered recently, and not once it looked unavailable since', async () => {
    const { db, ping } = fakeDatabase();
    const guard = stallGuard({ stallMs: 100, pingMs: 100, patienceMs: 0, ping });
    expect(guard.answeredWithin(1_000)).toBe(false); // nothing asked yet
    await guard.watch(() => after(5, 'ok'), { patient: false, unavailable });
    expect(guard.answeredWithin(1_000)).toBe(true);
    await after(60, null);
    expect(guard.answeredWithin(50)).toBe(false); // too long ago for a 50 ms window
    // A query's own error (a constraint, a syntax error) is an answer of the database...
    await guard.watch(() => Promise.reject(new Error('constraint')), { patient: false, unavailable }).catch(() => undefined);
    await guard.watch(() => after(5, 'ok'), { patient: false, unavailable });
    expect(guard.answeredWithin(1_000)).toBe(true);
    // ...a 503 is not: nothing counts as recent until the database answers again.
    await guard.watch(() => Promise.reject(unavailable()), { patient: false, unavailable }).catch(() => undefined);
    expect(guard.answeredWithin(1_000)).toBe(false);
    await guard.noted(Promise.resolve('server info'));
    expect(guard.answeredWithin(1_000)).toBe(true);
    // Frozen: the work fails after the unanswered ping.
    db.frozen = true;
    await guard.watch(never, { patient: false, unavailable }).catch(() => undefined);
    expect(guard.answeredWithin(1_000)).toBe(false);
    for (const thaw of db.thaw) thaw();
  });
});
