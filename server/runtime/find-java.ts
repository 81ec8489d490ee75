/**
 * Picks the Java runtime for the project's own Neo4j. Neo4j 5.26 runs only on Java 17 or 21
 * (its bootloader prints "Please use Java(TM) 17 or Java(TM) 21"), and machines often carry
 * several JDKs, so the choice is made explicitly instead of trusting whatever `java` is first
 * on PATH.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, realpath } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** Java major versions Neo4j 5.26 supports, most preferred first. */
export const SUPPORTED_JAVA_MAJORS: readonly number[] = [21, 17];

export type JavaRuntime = {
  /** Absolute path of the `java` executable (or `java` when only found on PATH). */
  javaBin: string;
  /** Major version: 17, 21, ... */
  version: number;
  /** Full version as printed by `java -version`, e.g. "17.0.15". */
  versionText: string;
  /** The runtime's own java.home. */
  home: string;
};

type Probe = JavaRuntime | { javaBin: string; error: string };

/** Folders that hold one JDK per subfolder on common Linux and macOS installs. */
const JVM_PARENT_DIRS = [
  '/usr/lib/jvm',
  '/usr/lib64/jvm',
  '/usr/java',
  '/usr/local/lib/jvm',
  '/opt/java',
  '/opt/jdk',
  '/Library/Java/JavaVirtualMachines',
  path.join(os.homedir(), '.sdkman/candidates/java'),
  path.join(os.homedir(), '.jdks'),
];

const INSTALL_HINT =
  'Install one: apt-get install openjdk-17-jre-headless (Debian/Ubuntu; or openjdk-21-jre-headless), ' +
  'brew install openjdk@21 (macOS), or set NEO4J_JAVA_HOME to the home of a Java 17 or 21.';

/**
 * Finds a Java 17 or 21: `preferredHome` (NEO4J_JAVA_HOME) first and strictly, then JAVA_HOME
 * if it is 17 or 21, then the usual JDK folders (21 before 17), then `java` on PATH.
 * Throws an Error that lists what was found and what to install.
 */
export async function findJava(
  preferredHome?: string,
  options: { javaHome?: string; searchDirs?: readonly string[] } = {},
): Promise<JavaRuntime> {
  // JAVA_HOME (the JDK-wide convention) arrives through the configuration.
  const javaHome = options.javaHome;
  if (preferredHome) {
    // An explicit choice that does not work is an error, never silently replaced by another JDK.
    const probe = await probeJava(javaBinIn(preferredHome));
    if ('error' in probe) {
      throw new Error(`NEO4J_JAVA_HOME=${preferredHome} is not a usable Java home: ${probe.error}. ${INSTALL_HINT}`);
    }
    if (!SUPPORTED_JAVA_MAJORS.includes(probe.version)) {
      throw new Error(
        `NEO4J_JAVA_HOME=${preferredHome} is Java ${probe.version}, but Neo4j 5.26 needs Java 17 or 21. ${INSTALL_HINT}`,
      );
    }
    return probe;
  }

  const rejected: Probe[] = [];
  if (javaHome) {
    const probe = await probeJava(javaBinIn(javaHome));
    if (isSupported(probe)) return probe;
    rejected.push(probe);
  }

  const found = await probeAll(await candidateBins(options.searchDirs ?? JVM_PARENT_DIRS));
  const usable = found.filter(isSupported).sort((a, b) => rank(a) - rank(b));
  if (usable.length > 0) return usable[0];
  rejected.push(...found);

  const onPath = await probeJava('java');
  if (isSupported(onPath)) return onPath;
  if (!('error' in onPath) || !/ENOENT/.test(onPath.error)) rejected.push(onPath);

  throw new Error(`Neo4j 5.26 needs Java 17 or 21; found ${describe(rejected)}. ${INSTALL_HINT}`);
}

/** Parses the major version from `java -version` text ("1.8.0_292" -> 8, "17.0.15" -> 17, "21" -> 21). */
export function parseJavaMajor(versionText: string): number | undefined {
  const m = /^(\d+)(?:\.(\d+))?/.exec(versionText.trim());
  if (!m) return undefined;
  const first = Number(m[1]);
  return first === 1 && m[2] !== undefined ? Number(m[2]) : first;
}

function isSupported(probe: Probe): probe is JavaRuntime {
  return !('error' in probe) && SUPPORTED_JAVA_MAJORS.includes(probe.version);
}

function rank(java: JavaRuntime): number {
  return SUPPORTED_JAVA_MAJORS.indexOf(java.version);
}

function javaBinIn(home: string): string {
  return path.join(home, 'bin', process.platform === 'win32' ? 'java.exe' : 'java');
}

/** `bin/java` of every JDK folder under the parent folders, deduplicated through symlinks. */
async function candidateBins(parents: readonly string[]): Promise<string[]> {
  const seen = new Set<string>();
  const bins: string[] = [];
  for (const parent of parents) {
    let entries: string[];
    try {
      entries = (await readdir(parent)).sort();
    } catch {
      continue;
    }
    for (const entry of entries) {
      // macOS bundles keep the JDK home under Contents/Home.
      for (const home of [path.join(parent, entry), path.join(parent, entry, 'Contents', 'Home')]) {
        const bin = javaBinIn(home);
        if (!existsSync(bin)) continue;
        const real = await realpath(bin).catch(() => bin);
        if (seen.has(real)) continue;
        seen.add(real);
        bins.push(bin);
      }
    }
  }
  return bins;
}

async function probeAll(bins: string[]): Promise<JavaRuntime[]> {
  const probes = await Promise.all(bins.map(probeJava));
  return probes.filter((p): p is JavaRuntime => !('error' in p));
}

/** Runs `java -XshowSettings:properties -version`, which reports both the version and java.home. */
function probeJava(javaBin: string): Promise<Probe> {
  return new Promise((resolve) => {
    execFile(javaBin, ['-XshowSettings:properties', '-version'], { timeout: 20_000 }, (err, stdout, stderr) => {
      const text = `${stderr}\n${stdout}`;
      const versionText = /version "([^"]+)"/.exec(text)?.[1];
      const version = versionText ? parseJavaMajor(versionText) : undefined;
      if (versionText === undefined || version === undefined) {
        const reason = err ? ((err as NodeJS.ErrnoException).code ?? err.message) : 'no version in its output';
        resolve({ javaBin, error: `${javaBin}: ${reason}` });
        return;
      }
      const home = /^\s*java\.home = (.+)$/m.exec(text)?.[1]?.trim() ?? path.dirname(path.dirname(javaBin));
      // Name the runtime by its real home rather than by whichever symlink led to it.
      const realBin = existsSync(javaBinIn(home)) ? javaBinIn(home) : javaBin;
      resolve({ javaBin: realBin, version, versionText, home });
    });
  });
}

function describe(rejected: Probe[]): string {
  if (rejected.length === 0) return 'no Java at all';
  const parts = rejected.map((p) => ('error' in p ? `unusable (${p.error})` : `${p.versionText} (${p.home})`));
  return `only: ${[...new Set(parts)].join(', ')}`;
}
