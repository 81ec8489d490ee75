/**
 * The one cache of everything computed from a version of the network: the snapshot itself, the
 * suggestion index, the communities and metrics, the drawing's payload. Every entry belongs to
 * the network version it was computed from; when the version moves (an import, an edit), or a
 * write says so (`invalidate`), every older entry goes at once.
 *
 * - Concurrent callers of one key share one computation.
 * - A failed computation is not kept: the next caller tries again.
 * - Bounded: each group of keys (the part before the first `|`, e.g. `suggestions|2016`) keeps
 *   at most its limit of entries, the least recently used going first.
 *
 * Pure of I/O: what to compute, and how to learn the current version, is the callers' business.
 */

export interface VersionCacheOptions {
  /** Entries kept per group (the key's part before the first '|'); `default` for groups not named. */
  limits: { default: number } & Record<string, number>;
  /** How long getOrPrevious waits for the current version's value before the older one answers, in ms. */
  waitMs: number;
  /**
   * After a computation of getOrPrevious ends, the next one of that key (a newer version's, while
   * the older value serves) starts no sooner than this many times as long as it took: each key
   * then takes at most 1 / (1 + rest) of a core, and requests keep the rest under a stream of writes.
   */
  rest: number;
}

export const VERSION_CACHE_DEFAULTS: VersionCacheOptions = {
  // The suggestion index of a large network weighs hundreds of megabytes: the current one and a few years.
  // The drawing: the whole payload, and its redacted copies for classes of viewers (and members of private actors).
  // The GEXF export: about 14 MB on the demonstration network, per class of viewers.
  limits: { default: 48, snapshot: 1, suggestions: 5, graph: 1, 'graph-for': 4, gexf: 2 },
  // Long enough for what a small network prepares (a writer then reads its write), short enough
  // that a request never waits out the tens of seconds of a large network's index.
  waitMs: 5_000,
  rest: 1,
};

export interface CacheHit<T> {
  value: T;
  /** Whether the value was there (or being computed) before this call. */
  cached: boolean;
}

export interface CacheAnswer<T> extends CacheHit<T> {
  /** Set when the value is an older version's, served while this version's is computed. */
  staleFrom?: number;
}

export interface VersionCache {
  /** The value of `key` for network `version`, computed by `compute` when not there. */
  get<T>(version: number, key: string, compute: () => T | Promise<T>): Promise<CacheHit<T>>;
  /**
   * `get`, except that while `version`'s value is being computed, the last value computed for
   * `key` (an older version's) is answered at once, marked `staleFrom`. One computation of `key`
   * runs at a time: writes in quick succession do not pile up computations of versions already
   * superseded; when one ends, the newest version asked for is computed next. A caller waits
   * `waitMs` (the cache's, by default) for this version's value before taking the older one (a small
   * network's is ready by then, so a writer reads its write); without an older value, as long as it
   * takes (and a failure reaches it). For results that take seconds and that an older
   * version answers well enough meanwhile (the suggestion index, the drawing, the communities).
   */
  getOrPrevious<T>(version: number, key: string, compute: () => T | Promise<T>, options?: { waitMs?: number }): Promise<CacheAnswer<T>>;
  /** Whether `key` holds a value (or one being computed) for the version the entries belong to. */
  has(key: string): boolean;
  /** Forgets every entry: a write happened. */
  invalidate(): void;
  /** The version the entries belong to (undefined before the first entry or after invalidate). */
  readonly version: number | undefined;
  /** How many entries are kept, per group (for tests and the log). */
  sizes(): Record<string, number>;
}

export function createVersionCache(options: Partial<VersionCacheOptions> = {}): VersionCache {
  const limits = { ...VERSION_CACHE_DEFAULTS.limits, ...options.limits };
  const defaultWaitMs = options.waitMs ?? VERSION_CACHE_DEFAULTS.waitMs;
  const rest = options.rest ?? VERSION_CACHE_DEFAULTS.rest;
  let version: number | undefined;
  // Per group, insertion order = least recently used first.
  const groups = new Map<string, Map<string, Promise<unknown>>>();

  const groupOf = (key: string) => {
    const bar = key.indexOf('|');
    return bar < 0 ? key : key.slice(0, bar);
  };

  /** Per key served by getOrPrevious: the last value computed, the computation running, the next one wanted. */
  interface Recent {
    last?: { version: number; value: unknown };
    running?: { version: number; done: Promise<unknown> };
    next?: { version: number; compute: () => unknown };
    /** Callers waiting for a value of at least their version. */
    waiting: Waiter[];
  }
  interface Waiter {
    version: number;
    resolve: () => void;
    fail: (err: unknown) => void;
  }
  const recent = new Map<string, Recent>();
  /** `value` of `networkVersion` is the newest of `key`: kept, and the callers waiting for it told. */
  const settle = (state: Recent, networkVersion: number, value: unknown) => {
    if (state.last && state.last.version > networkVersion) return;
    state.last = { version: networkVersion, value };
    const still = [];
    for (const w of state.waiting) if (w.version <= networkVersion) w.resolve();
    else still.push(w);
    state.waiting = still;
  };

  const self: VersionCache = {
    get version() {
      return version;
    },

    async getOrPrevious<T>(networkVersion: number, key: string, compute: () => T | Promise<T>, options: { waitMs?: number } = {}): Promise<CacheAnswer<T>> {
      const waitMs = options.waitMs ?? defaultWaitMs;
      let state = recent.get(key);
      if (!state) recent.set(key, (state = { waiting: [] }));
      const current = state;
      const last = current.last as { version: number; value: T } | undefined;
      if (last && last.version > networkVersion) return self.get(networkVersion, key, compute);
      if (last && last.version === networkVersion) return self.get(networkVersion, key, () => last.value);
      // This version's value is computed now, or after the one running (an older value, if any, stands in).
      const start = (v: number, work: () => unknown) => {
        const began = performance.now();
        const done = self.get(v, key, work);
        current.running = { version: v, done };
        done
          .then(
            ({ value }) => settle(current, v, value),
            (err: unknown) => {
              // A failure is not kept. Callers with no older value to take are told now (they try again).
              if (current.last) return;
              const still = [];
              for (const w of current.waiting) if (w.version <= v) w.fail(err);
              else still.push(w);
              current.waiting = still;
            },
          )
          .finally(() => {
            // The next computation waits its turn: rest × this one's time, while the value just made serves.
            const pause = current.last ? rest * (performance.now() - began) : 0;
            const goOn = () => {
              current.running = undefined;
              const next = current.next;
              current.next = undefined;
              if (next && (!current.last || next.version > current.last.version)) start(next.version, next.compute);
            };
            if (pause > 0 && current.next) {
              current.running = { version: v, done };
              setTimeout(goOn, pause);
            } else goOn();
          });
      };
      if (current.running === undefined) start(networkVersion, compute);
      else if (current.running.version < networkVersion && (!current.next || current.next.version < networkVersion)) current.next = { version: networkVersion, compute };
      else if (current.running.version === networkVersion && !last) return self.get(networkVersion, key, compute);
      // Wait for this version's value (or a newer one), behind the computation running if need be;
      // with nothing older to answer, as long as it takes.
      const patience = current.last ? waitMs : Infinity;
      if (patience > 0) {
        let timer: ReturnType<typeof setTimeout> | undefined;
        let entry: Waiter | undefined;
        const fresh = await new Promise<boolean>((resolve, reject) => {
          entry = { version: networkVersion, resolve: () => resolve(true), fail: reject };
          current.waiting.push(entry);
          if (patience !== Infinity) timer = setTimeout(() => resolve(false), patience);
        }).finally(() => {
          clearTimeout(timer);
          current.waiting = current.waiting.filter((w) => w !== entry);
        });
        const now = current.last as { version: number; value: T };
        if (fresh) return { value: now.value, cached: false };
      }
      const older = current.last as { version: number; value: T };
      return { value: older.value, cached: true, staleFrom: older.version };
    },

    async get<T>(networkVersion: number, key: string, compute: () => T | Promise<T>): Promise<CacheHit<T>> {
      if (networkVersion !== version) {
        // Entries of another version are never served again; a call for an older version (a
        // request that started before a write) computes without disturbing the newer entries.
        if (version !== undefined && networkVersion < version) return { value: await compute(), cached: false };
        groups.clear();
        version = networkVersion;
      }
      const group = groupOf(key);
      let entries = groups.get(group);
      if (!entries) groups.set(group, (entries = new Map()));
      const found = entries.get(key) as Promise<T> | undefined;
      if (found) {
        entries.delete(key);
        entries.set(key, found);
        return { value: await found, cached: true };
      }
      const entry = Promise.resolve().then(compute);
      entries.set(key, entry);
      const own = entries;
      entry.catch(() => {
        if (own.get(key) === entry) own.delete(key);
      });
      const limit = limits[group] ?? limits.default;
      while (entries.size > limit) entries.delete(entries.keys().next().value!);
      const value = await entry;
      // Whoever computed it, it is the newest value of a key that getOrPrevious serves.
      const state = recent.get(key);
      if (state) settle(state, networkVersion, value);
      return { value, cached: false };
    },

    has(key) {
      return groups.get(groupOf(key))?.has(key) ?? false;
    },

    invalidate() {
      groups.clear();
      version = undefined;
    },

    sizes() {
      return Object.fromEntries([...groups].map(([g, e]) => [g, e.size]));
    },
  };
  return self;
}
