import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { SYMMETRIC_TIE_KINDS, type Actor, type Tie } from '../../server/domain/model.ts';
import { findPrefecture } from '../../server/domain/reference/prefectures.ts';
import { distanceKm } from '../../server/domain/reference/geo.ts';
import { generateNetwork, generateSeedCsv, type SeedCsv, type SeedNetwork } from '../../graph-seeds/generator/generate-network.ts';
import { DEFAULT_SEED, FIRST_YEAR, LAST_YEAR, PROGRAM_COUNTS } from '../../graph-seeds/generator/options.ts';

const DEMO = fileURLToPath(new URL('../../graph-seeds/demo/', import.meta.url));
const sha256 = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');
const SLOW = 60_000;

let csv: SeedCsv;
let net: SeedNetwork;
let byId: Map<string, Actor>;
let degree: Map<string, number>;

beforeAll(() => {
  csv = generateSeedCsv();
  net = generateNetwork();
  byId = new Map(net.actors.map((a) => [a.id, a]));
  degree = new Map(net.actors.map((a) => [a.id, 0]));
  for (const t of net.ties) {
    degree.set(t.source, degree.get(t.source)! + 1);
    degree.set(t.target, degree.get(t.target)! + 1);
  }
}, SLOW);

const tieKey = (t: Tie) => `${t.source}|${t.target}|${t.kind}`;

describe('seed generator: reproducibility', () => {
  it('reproduces the committed demo files byte for byte with the default seed', () => {
    expect(sha256(csv.actorsCsv)).toBe(sha256(readFileSync(join(DEMO, 'actors.csv'))));
    expect(sha256(csv.tiesCsv)).toBe(sha256(readFileSync(join(DEMO, 'ties.csv'))));
  });

  it('uses 20060401 as the default seed', () => {
    expect(DEFAULT_SEED).toBe(20060401);
    expect(generateSeedCsv({ seed: 20060401 }).tiesCsv).toBe(csv.tiesCsv);
  }, SLOW);

  it('gives a different network for a different seed', () => {
    const other = generateNetwork({ seed: 7 });
    expect(sha256(generateSeedCsv({ seed: 7 }).tiesCsv)).not.toBe(sha256(csv.tiesCsv));
    const mine = new Set(net.ties.map(tieKey));
    const shared = other.ties.filter((t) => mine.has(tieKey(t))).length;
    // Some ties recur (a venture's tie to its parent, strong local ties) but most differ.
    expect(shared / other.ties.length).toBeLessThan(0.5);
    expect(other.actors.map((a) => a.name)).not.toEqual(net.actors.map((a) => a.name));
  }, SLOW);
});

describe('seed generator: actors', () => {
  it('has the program\'s counts by type', () => {
    const counts = net.stats.actorsByType;
    expect(counts.Enterprise).toBe(9800);
    expect(counts.University).toBe(290);
    expect(counts.IncubationManager).toBe(400);
    expect(counts.FinancialInstitution).toBe(447);
    expect(counts.ResearchInstitute).toBeGreaterThanOrEqual(150);
    expect(counts.ResearchInstitute).toBeLessThanOrEqual(200);
    expect(counts.SupportOrganization).toBeGreaterThanOrEqual(150);
    expect(counts.SupportOrganization).toBeLessThanOrEqual(250);
    expect(counts).toEqual(PROGRAM_COUNTS);
  });

  it('puts the 400 IMs in 300 facilities and some enterprises in those facilities', () => {
    const ims = net.actors.filter((a) => a.type === 'IncubationManager');
    expect(ims.every((a) => /^fac-\d{3}$/.test(a.facility ?? ''))).toBe(true);
    const facilities = new Set(ims.map((a) => a.facility));
    expect(facilities.size).toBe(300);
    const incubated = net.actors.filter((a) => a.type === 'Enterprise' && a.facility);
    expect(incubated.length).toBeGreaterThan(100);
    expect(incubated.every((a) => facilities.has(a.facility))).toBe(true);
  });

  it('sorts actors by id and gives readable, unique ids and names', () => {
    const ids = net.actors.map((a) => a.id);
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => /^ent-\d{5}$/.test(id))).toHaveLength(9800);
    expect(new Set(net.actors.map((a) => a.name)).size).toBe(ids.length);
    expect(new Set(net.actors.map((a) => a.name_ja)).size).toBe(ids.length);
  });

  it('places every Japanese actor within 25 km of its prefectural capital, and a few partners abroad', () => {
    const abroad = net.actors.filter((a) => a.country !== 'JP');
    expect(abroad.length).toBeGreaterThan(0);
    expect(abroad.length).toBeLessThanOrEqual(10);
    expect(abroad.every((a) => a.prefecture === undefined && a.lat !== undefined)).toBe(true);
    expect(abroad.some((a) => a.country === 'IT' && a.clusters?.includes('tama'))).toBe(true);
    for (const a of net.actors.filter((x) => x.country === 'JP')) {
      const p = findPrefecture(a.prefecture ?? '');
      expect(p, a.id).toBeDefined();
      expect(distanceKm(p!.lat, p!.lon, a.lat!, a.lon!), a.id).toBeLessThanOrEqual(25);
    }
  });

  it('gives enterprises headcounts that are mostly SME-sized and heavy-tailed', () => {
    const employees = net.actors.filter((a) => a.type === 'Enterprise').map((a) => a.employees!).sort((a, b) => a - b);
    const inRange = employees.filter((e) => e >= 5 && e <= 300).length;
    expect(inRange / employees.length).toBeGreaterThan(0.8);
    expect(employees[employees.length - 1]).toBeGreaterThan(10 * employees[Math.floor(employees.length / 2)]);
  });

  it('makes about 30% of university ventures cluster members', () => {
    const ventures = new Set(net.ties.filter((t) => t.kind === 'SPUN_OFF_FROM').map((t) => t.source));
    const members = [...ventures].filter((id) => byId.get(id)!.clusters!.length > 0).length;
    expect(ventures.size).toBeGreaterThan(200);
    expect(members / ventures.size).toBeGreaterThan(0.2);
    expect(members / ventures.size).toBeLessThan(0.4);
  });
});

describe('seed generator: ties', () => {
  it('forms between 45,000 and 55,000 ties for the default counts', () => {
    expect(net.ties.length).toBeGreaterThanOrEqual(45_000);
    expect(net.ties.length).toBeLessThanOrEqual(55_000);
  });

  it('has no self loops, no duplicate (source, target, kind) and no symmetric tie in both directions', () => {
    expect(net.ties.filter((t) => t.source === t.target)).toEqual([]);
    expect(new Set(net.ties.map(tieKey)).size).toBe(net.ties.length);
    const symmetric = new Set(net.ties.filter((t) => SYMMETRIC_TIE_KINDS.has(t.kind)).map(tieKey));
    const reversed = net.ties.filter((t) => SYMMETRIC_TIE_KINDS.has(t.kind) && symmetric.has(`${t.target}|${t.source}|${t.kind}`));
    expect(reversed).toEqual([]);
  });

  it('names existing actors at both ends and sorts by (source, target, kind)', () => {
    expect(net.ties.every((t) => byId.has(t.source) && byId.has(t.target))).toBe(true);
    const keys = net.ties.map(tieKey);
    expect(keys).toEqual([...keys].sort());
  });

  it('dates ties 2001-2010, never before either actor was founded, and grows year on year', () => {
    const wrong = net.ties.filter((t) =>
      t.since! < FIRST_YEAR || t.since! > LAST_YEAR ||
      t.since! < (byId.get(t.source)!.founded ?? 0) || t.since! < (byId.get(t.target)!.founded ?? 0));
    expect(wrong).toEqual([]);
    const perYear = net.stats.tiesByYear;
    for (let y = FIRST_YEAR + 1; y <= LAST_YEAR; y++) expect(perYear[y]).toBeGreaterThan(perYear[y - 1]);
  });

  it('weighs ties 1..5 with at most one decimal', () => {
    expect(net.ties.every((t) => t.weight >= 1 && t.weight <= 5 && Math.round(t.weight * 10) === t.weight * 10)).toBe(true);
  });

  it('connects the kinds to the right types of actor', () => {
    const types = (t: Tie) => `${t.kind}:${byId.get(t.source)!.type}>${byId.get(t.target)!.type}`;
    const allowed = new Set([
      'COLLABORATES:Enterprise>University', 'COLLABORATES:Enterprise>ResearchInstitute', 'COLLABORATES:Enterprise>Enterprise',
      'SUPPLIES:Enterprise>Enterprise', 'FINANCES:FinancialInstitution>Enterprise', 'SUPPORTS:IncubationManager>Enterprise',
      'SUPPORTS:SupportOrganization>Enterprise', 'SUPPORTS:SupportOrganization>University', 'SPUN_OFF_FROM:Enterprise>University',
    ]);
    expect([...new Set(net.ties.map(types))].filter((k) => !allowed.has(k))).toEqual([]);
  });

  it('has heavy-tailed degrees: the maximum is at least ten times the median', () => {
    const values = [...degree.values()].sort((a, b) => a - b);
    const median = values[Math.floor(values.length / 2)];
    expect(median).toBeGreaterThan(0);
    expect(values[values.length - 1]).toBeGreaterThanOrEqual(10 * median);
  });

  it('joins enterprises to academics that offer what they seek in most collaborations', () => {
    const academic = net.ties.filter((t) => t.kind === 'COLLABORATES' && byId.get(t.target)!.type !== 'Enterprise');
    const matched = academic.filter((t) => {
      const offered = new Set(byId.get(t.target)!.fields);
      return byId.get(t.source)!.seeks!.some((f) => offered.has(f));
    });
    expect(academic.length).toBeGreaterThan(5000);
    expect(matched.length / academic.length).toBeGreaterThan(0.6);
  });

  it('closes triangles: later ties join actors with a common partner far more often than chance', () => {
    const neighbours = new Map<string, Set<string>>(net.actors.map((a) => [a.id, new Set()]));
    for (const t of net.ties) {
      if (t.since! > 2008) continue;
      neighbours.get(t.source)!.add(t.target);
      neighbours.get(t.target)!.add(t.source);
    }
    const closes = (a: string, b: string) => [...neighbours.get(a)!].some((x) => neighbours.get(b)!.has(x));
    const later = net.ties.filter((t) => t.since! > 2008);
    const closing = later.filter((t) => closes(t.source, t.target)).length / later.length;
    const ids = net.actors.map((a) => a.id);
    let chance = 0;
    for (let k = 0; k < 5000; k++) chance += closes(ids[(k * 7919) % ids.length], ids[(k * 104729 + 17) % ids.length]) ? 1 : 0;
    expect(closing).toBeGreaterThan(0.2);
    expect(closing).toBeLessThan(0.8);
    expect(closing).toBeGreaterThan(5 * (chance / 5000));
  });

  it('keeps lending local: most shinkin and regional-bank loans stay in the prefecture', () => {
    const loans = net.ties.filter((t) => t.kind === 'FINANCES');
    const local = loans.filter((t) => byId.get(t.source)!.prefecture === byId.get(t.target)!.prefecture);
    expect(local.length / loans.length).toBeGreaterThan(0.6);
  });
});

describe('seed generator: options', () => {
  it('produces exactly the asked numbers of actors and ties, types in the program\'s proportions', () => {
    const small = generateNetwork({ actors: 3000, ties: 20_000, seed: 3 });
    expect(small.actors).toHaveLength(3000);
    expect(small.ties).toHaveLength(20_000);
    const share = small.stats.actorsByType.Enterprise / 3000;
    expect(share).toBeCloseTo(9800 / 11317, 2);
    expect(small.stats.actorsByType.University).toBe(Math.round((3000 * 290) / 11317));
  }, SLOW);

  it('rejects bad options with a message naming the generator', () => {
    expect(() => generateNetwork({ actors: 10 })).toThrow(/graph-seeds: actors/);
    expect(() => generateNetwork({ ties: -1 })).toThrow(/graph-seeds: ties/);
    expect(() => generateNetwork({ seed: 1.5 })).toThrow(/graph-seeds: seed/);
  });

  it('says so when the ties cannot fit among the actors', () => {
    expect(() => generateNetwork({ actors: 200, ties: 200_000 })).toThrow(/graph-seeds: 200000 ties do not fit among 200 actors/);
  }, SLOW);
});
