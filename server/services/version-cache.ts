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
}

export const VERSION_CACHE_DEFAULTS: VersionCacheOptions = {
  // The suggestion index of a large network weighs hundreds of megabytes: the current one and a few years.
  // The drawing: the whole payload, and its redacted copies for classes of viewers (and members of private actors).
  limits: { default: 48, snapshot: 1, suggestions: 5, graph: 1, 'graph-for': 4 },
};

export interface CacheHit<T> {
  value: T;
  /** Whether the value was there (or being computed) before this call. */
  cached: boolean;
}

export interface VersionCache {
  /** The value of `key` for network `version`, computed by `compute` when not there. */
  get<T>(version: number, key: string, compute: () => T | Promise<T>): Promise<CacheHit<T>>;
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
  let version: number | undefined;
  // Per group, insertion order = least recently used first.
  const groups = new Map<string, Map<string, Promise<unknown>>>();

  const groupOf = (key: string) => {
    const bar = key.indexOf('|');
    return bar < 0 ? key : key.slice(0, bar);
  };

  return {
    get version() {
      return version;
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
      return { value: await entry, cached: false };
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
}
