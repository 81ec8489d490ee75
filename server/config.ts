/**
 * Configuration: read from the environment once, validated, frozen. No other file reads
 * process.env; everything else receives this object.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseEnv } from 'node:util';
import { z } from 'zod';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The folder `vite build` writes the web client to, relative to the project root. */
export const CLIENT_DIST = 'dist/client';

const sizePattern = /^\d+[kmg]$/i;

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['auto', 'json', 'pretty']).default('auto'),
  NEO4J_URI: z
    .string()
    .regex(/^(neo4j|bolt)(\+s|\+ssc)?:\/\/.+/, 'must be a bolt://, bolt+s://, neo4j:// or neo4j+s:// URI')
    .optional(),
  NEO4J_USER: z.string().default('neo4j'),
  NEO4J_PASSWORD: z.string().default(''),
  NEO4J_DATABASE: z.string().optional(),
  NEO4J_QUERY_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(60_000),
  NEO4J_LONG_QUERY_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(86_400_000).default(1_800_000),
  NEO4J_DIR: z.string().default('.neo4j/instance'),
  NEO4J_LIB_DIR: z.string().default('.neo4j/lib'),
  NEO4J_BOLT_PORT: z.coerce.number().int().min(1).max(65535).default(7687),
  NEO4J_HEAP: z.string().regex(sizePattern, 'must look like 512m or 2g').default('2g'),
  NEO4J_PAGECACHE: z.string().regex(sizePattern, 'must look like 512m or 2g').default('512m'),
  NEO4J_JAVA_HOME: z.string().optional(),
  JAVA_HOME: z.string().optional(),
  SEED_ON_EMPTY: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  IMPORT_MAX_MB: z.coerce.number().positive().default(200),
  NETWORK_CHECK_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  SESSION_DAYS: z.coerce.number().positive().max(365).default(14),
  ALLOWED_HOSTS: z.string().default(''),
  COOKIE_SECURE: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  DEMO_USERS: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  INTRODUCTION_DECLINE_DAYS: z.coerce.number().int().min(0).max(3650).default(180),
  SUGGESTION_RANKINGS_KEPT: z.coerce.number().int().min(0).max(100_000).default(500),
});

export type Config = Readonly<{
  port: number;
  host: string;
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  logFormat: 'json' | 'pretty';
  neo4j: Readonly<{
    /** Set when the user points musubi at an existing Neo4j; then nothing is started. */
    uri?: string;
    user: string;
    password: string;
    database?: string;
    /** The time limit of an ordinary transaction (the server's transaction timeout), in ms. */
    queryTimeoutMs: number;
    /** The time limit of long work (an import, reading the whole network), in ms. */
    longQueryTimeoutMs: number;
  }>;
  embedded: Readonly<{
    dataDir: string;
    libDir: string;
    boltPort: number;
    heapMax: string;
    pageCache: string;
    javaHome?: string;
    /** The machine's JAVA_HOME: used for Neo4j only when it is a Java 17 or 21. */
    systemJavaHome?: string;
  }>;
  seedOnEmpty: boolean;
  importMaxBytes: number;
  /** How long a check of the network's version is trusted before the next request asks Neo4j again. */
  networkCheckMs: number;
  /** How many suggestion rankings are kept per network version, most recently asked first (0: none). */
  suggestionRankingsKept: number;
  auth: Readonly<{
    /** How long a login lasts. */
    sessionDays: number;
    /** The host names the server answers to (the Host header; DNS rebinding); empty: loopback names and HOST. */
    allowedHosts: readonly string[];
    /** Send the session cookie only over HTTPS (set behind a TLS proxy). */
    cookieSecure: boolean;
    /** Create the documented demonstration users when the demonstration network is loaded. */
    demoUsers: boolean;
  }>;
  introductions: Readonly<{
    /** How long a target that declined a request stays out of its asker's suggestions, in days (0: not at all). */
    declineDays: number;
  }>;
}>;

/** Error thrown when the environment is invalid; lists every bad setting. */
export class ConfigError extends Error {}

/** Settings from the project's .env file, if there is one; the process environment wins over it. */
function dotEnv(): Record<string, string> {
  const file = path.join(PROJECT_ROOT, '.env');
  return existsSync(file) ? (parseEnv(readFileSync(file, 'utf8')) as Record<string, string>) : {};
}

export function loadConfig(env: NodeJS.ProcessEnv = { ...dotEnv(), ...process.env }, stdoutIsTty = Boolean(process.stdout.isTTY)): Config {
  // An empty variable counts as not set, as in most .env tooling.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}\nSee .env.example for every setting.`);
  }
  const e = parsed.data;
  const resolve = (p: string) => path.resolve(PROJECT_ROOT, p);
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT === 'auto' ? (stdoutIsTty ? 'pretty' : 'json') : e.LOG_FORMAT,
    neo4j: Object.freeze({
      uri: e.NEO4J_URI,
      user: e.NEO4J_USER,
      password: e.NEO4J_PASSWORD,
      database: e.NEO4J_DATABASE,
      queryTimeoutMs: e.NEO4J_QUERY_TIMEOUT_MS,
      longQueryTimeoutMs: e.NEO4J_LONG_QUERY_TIMEOUT_MS,
    }),
    embedded: Object.freeze({
      dataDir: resolve(e.NEO4J_DIR),
      libDir: resolve(e.NEO4J_LIB_DIR),
      boltPort: e.NEO4J_BOLT_PORT,
      heapMax: e.NEO4J_HEAP,
      pageCache: e.NEO4J_PAGECACHE,
      javaHome: e.NEO4J_JAVA_HOME,
      systemJavaHome: e.JAVA_HOME,
    }),
    seedOnEmpty: e.SEED_ON_EMPTY,
    importMaxBytes: Math.round(e.IMPORT_MAX_MB * 1024 * 1024),
    networkCheckMs: e.NETWORK_CHECK_MS,
    suggestionRankingsKept: e.SUGGESTION_RANKINGS_KEPT,
    auth: Object.freeze({
      sessionDays: e.SESSION_DAYS,
      allowedHosts: Object.freeze(allowedHosts(e.ALLOWED_HOSTS, e.HOST)),
      cookieSecure: e.COOKIE_SECURE,
      demoUsers: e.DEMO_USERS,
    }),
    introductions: Object.freeze({ declineDays: e.INTRODUCTION_DECLINE_DAYS }),
  });
}

/** Loopback names always; HOST too unless it listens on every address; then ALLOWED_HOSTS. `*` allows any. */
export function allowedHosts(list: string, host: string): string[] {
  const names = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);
  if (host !== '0.0.0.0' && host !== '::') names.add(host.toLowerCase());
  for (const name of list.split(',').map((n) => n.trim().toLowerCase()).filter(Boolean)) names.add(name);
  return [...names];
}
