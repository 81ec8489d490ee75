import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, Tie } from '../../server/domain/model.ts';
import { BASELINES } from '../../server/domain/suggestions/baselines.ts';
import { contrastTies } from '../../graph-seeds/contrast-network.ts';
import { evaluate, holdOut, holdOutFromTruth, sampleAskers } from '../../server/domain/suggestions/holdout.ts';
import { areTied, buildSuggestionIndex } from '../../server/domain/suggestions/suggestion-index.ts';
import { readCsvFile } from '../../scripts/lib/read-csv-file.ts';
import { NetworkFileError, readSplit } from '../../scripts/lib/read-network-files.ts';

const ent = (id: string, extra: Partial<Actor> = {}): Actor => ({ id, type: 'Enterprise', name: id, prefecture: 'Aichi', ...extra });
const tie = (source: string, target: string, since = 2005): Tie => ({ source, target, kind: 'COLLABORATES', weight: 1, since });

// a - b - d, a - c - d, c - e, plus x: d and e are two steps from a, through b (2 ties) and c (3 ties).
const actors = ['a', 'b', 'c', 'd', 'e', 'x'].map((id) => ent(id));
const ties = [tie('a', 'b'), tie('a', 'c'), tie('b', 'd'), tie('c', 'd'), tie('c', 'e'), tie('x', 'e')];

describe('link-prediction baselines', () => {
  const index = buildSuggestionIndex(actors, ties);
  const a = index.position.get('a')!;
  const ids = (positions: number[]) => positions.map((p) => index.actors[p].id);

  it('rank the candidates two steps away by the published formulas', () => {
    // CN: d 2, e 1. AA: d 1/ln2 + 1/ln3, e 1/ln3. RA: d 1/2 + 1/3, e 1/3.
    for (const name of ['common neighbours', 'Adamic-Adar', 'resource allocation']) {
      expect(ids(BASELINES[name](index, a, ['Enterprise'], 10)), name).toEqual(['d', 'e']);
    }
    // Jaccard: d 2 / |{b, c}| = 1, e 1 / |{b, c, x}| = 1/3.
    expect(ids(BASELINES.Jaccard(index, a, ['Enterprise'], 10))).toEqual(['d', 'e']);
  });

  it('break equal scores by degree, then by id', () => {
    // a - h, and h - n, h - m, h - p, p - q: n, m and p share one partner with a; p has two ties, m and n one.
    const people = ['a', 'h', 'n', 'm', 'p', 'q'].map((id) => ent(id));
    const net = buildSuggestionIndex(people, [tie('a', 'h'), tie('h', 'n'), tie('h', 'm'), tie('h', 'p'), tie('p', 'q')]);
    const got = BASELINES['common neighbours'](net, net.position.get('a')!, ['Enterprise'], 10).map((v) => net.actors[v].id);
    expect(got).toEqual(['p', 'm', 'n']);
  });

  it('rank by degree for popularity, leaving out the asker and its partners', () => {
    // Degrees: c 3, d 2, e 2, x 1; b and c are a's partners.
    expect(ids(BASELINES.popularity(index, a, ['Enterprise'], 10))).toEqual(['d', 'e', 'x']);
  });

  it('agree with an independent count of common neighbours on a random network', () => {
    const many = Array.from({ length: 60 }, (_, i) => ent(`n${String(i).padStart(2, '0')}`));
    const links: Tie[] = [];
    for (let i = 0; i < 60; i++) for (let j = i + 1; j < 60; j++) if ((i * 7 + j * 13) % 11 === 0) links.push(tie(many[i].id, many[j].id));
    const ix = buildSuggestionIndex(many, links);
    const adj = new Map(many.map((m) => [m.id, new Set<string>()]));
    for (const l of links) adj.get(l.source)!.add(l.target), adj.get(l.target)!.add(l.source);
    const degree = (id: string) => adj.get(id)!.size;
    for (const u of many.slice(0, 10)) {
      const counts = many
        .filter((v) => v.id !== u.id && !adj.get(u.id)!.has(v.id))
        .map((v) => [v.id, [...adj.get(u.id)!].filter((z) => adj.get(v.id)!.has(z)).length] as const)
        .filter(([, c]) => c > 0)
        .sort((p, q) => q[1] - p[1] || degree(q[0]) - degree(p[0]) || (p[0] < q[0] ? -1 : 1));
      const got = BASELINES['common neighbours'](ix, ix.position.get(u.id)!, ['Enterprise'], 100).map((p) => ix.actors[p].id);
      expect(got).toEqual(counts.map(([id]) => id));
    }
  });
});

describe('temporal hold-out', () => {
  const later = [...ties, tie('a', 'd', 2008), tie('a', 'x', 2009), tie('a', 'b', 2009), tie('b', 'e', 2011)];

  it('takes the pairs first tied after the cut-off as the truth, not the pairs already tied', () => {
    const h = holdOut(actors, later, 2007);
    const truthOf = (id: string) => [...(h.truth.get(h.index.position.get(id)!) ?? [])].map((p) => h.index.actors[p].id).sort();
    expect(truthOf('a')).toEqual(['d', 'x']);
    expect(truthOf('e')).toEqual(['b']);
    expect(areTied(h.index, 'a', 'd')).toBe(false);
    expect(holdOut(actors, later, 2007, 2009).truth.has(h.index.position.get('e')!)).toBe(false);
  });

  it('computes hit@10, recall and MRR@20 from the rankings', () => {
    const h = holdOut(actors, later, 2007, 2009);
    const role = { targets: ['Enterprise'] as const };
    // A ranker that puts x first, e second, d third, a fourth (never the asker itself).
    const ranker = (index: typeof h.index, u: number) => ['x', 'e', 'd', 'a'].map((id) => index.position.get(id)!).filter((v) => v !== u);
    const { askers } = sampleAskers(h, { askers: ['Enterprise'], targets: ['Enterprise'] }, 10, 7);
    const run = evaluate(h, role, ranker, askers);
    // Askers with new partners: a {d, x}, d {a}, x {a}. a: both found, first at rank 1. d: a at rank 3 (x, e, a). x: a at rank 3 (e, d, a).
    expect(run.metrics.askers).toBe(3);
    expect(run.metrics.hitAt10).toBe(1);
    expect(run.metrics.recallAt10).toBe(1);
    expect(run.metrics.mrrAt20).toBeCloseTo((1 + 1 / 3 + 1 / 3) / 3, 10);
    expect(run.top10.length).toBe(3);
    expect(run.metrics.coverage).toBeCloseTo(4 / 30, 10); // x, e, d, a over 3 lists of 10 slots
  });
});

describe('a split given as a known network and later pairs', () => {
  it('keeps only pairs between known actors that are not tied yet, and bounds them by year', () => {
    const index = buildSuggestionIndex(actors, ties);
    const pairs = [
      { source: 'a', target: 'd', year: 2008 },
      { source: 'd', target: 'a', year: 2009 }, // the same pair again
      { source: 'a', target: 'b', year: 2008 }, // already tied
      { source: 'a', target: 'zz', year: 2008 }, // zz is not in the known network
      { source: 'e', target: 'b', year: 2011 },
    ];
    const h = holdOutFromTruth(index, pairs);
    expect(h.counts).toEqual({ given: 4, kept: 2, unknownActor: 1, alreadyTied: 1, afterUntil: 0 });
    const truthOf = (id: string) => [...(h.truth.get(index.position.get(id)!) ?? [])].map((p) => index.actors[p].id).sort();
    expect(truthOf('a')).toEqual(['d']);
    expect(truthOf('b')).toEqual(['e']);
    expect(h.cutoff).toBe(2005);
    expect(holdOutFromTruth(index, pairs, { until: 2010 }).counts).toMatchObject({ kept: 1, afterUntil: 1 });
  });

  it('samples askers by a seeded shuffle: the same seed the same askers, at most the number asked', () => {
    const many = Array.from({ length: 50 }, (_, i) => ent(`s${i}`));
    const index = buildSuggestionIndex(many, []);
    const pairs = many.slice(1).map((m) => ({ source: many[0].id, target: m.id }));
    const h = holdOutFromTruth(index, pairs);
    const role = { askers: ['Enterprise'], targets: ['Enterprise'] } as const;
    const first = sampleAskers(h, role, 10, 7);
    expect(first.eligible).toBe(50);
    expect(first.askers.length).toBe(10);
    expect(sampleAskers(h, role, 10, 7).askers.map(([u]) => u)).toEqual(first.askers.map(([u]) => u));
    expect(sampleAskers(h, role, 10, 8).askers.map(([u]) => u)).not.toEqual(first.askers.map(([u]) => u));
  });
});

describe('reading a split directory', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'musubi-split-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads actors, ties and truth, plain or gzip-compressed', async () => {
    const split = path.join(dir, 'split');
    await mkdir(split);
    await writeFile(path.join(split, 'actors.csv.gz'), gzipSync('id,type,name,country,fields\nf1,Enterprise,Firm 1,DE,LEIT\nu1,University,Uni 1,FR,ERC;MSCA\nf2,Enterprise,Firm 2,DE,\n'));
    await writeFile(path.join(split, 'ties.csv'), 'source,target,kind,weight,since\nf1,u1,COLLABORATES,2,2015\n');
    await writeFile(path.join(split, 'truth.csv.gz'), gzipSync('source,target,year\nf2,u1,2017\nf1,u1,2016\n'));
    const read = await readSplit(split);
    expect(read.actors.map((a) => a.id)).toEqual(['f1', 'u1', 'f2']);
    expect(read.actors[1].fields).toEqual(['ERC', 'MSCA']);
    expect(read.ties).toEqual([{ source: 'f1', target: 'u1', kind: 'COLLABORATES', weight: 2, since: 2015 }]);
    expect(read.truth).toEqual([{ source: 'f2', target: 'u1', year: 2017 }, { source: 'f1', target: 'u1', year: 2016 }]);
    const h = holdOutFromTruth(buildSuggestionIndex(read.actors, read.ties), read.truth);
    expect(h.counts).toMatchObject({ given: 2, kept: 1, alreadyTied: 1 });
  });

  it('names a missing file and the problems of a bad truth file', async () => {
    const split = path.join(dir, 'bad');
    await mkdir(split);
    await writeFile(path.join(split, 'actors.csv'), 'id,type,name\nf1,Enterprise,F\n');
    await writeFile(path.join(split, 'ties.csv'), 'source,target,kind\n');
    await expect(readSplit(split)).rejects.toThrow(/truth\.csv \(or \.csv\.gz\) is missing/);
    await writeFile(path.join(split, 'truth.csv'), 'source,target,year\nf1,,2017\nf1,f2,soon\n');
    await expect(readSplit(split)).rejects.toThrow(NetworkFileError);
    await expect(readSplit(split)).rejects.toThrow(/truth\.csv, line 3, column year: 'soon' is not a year/);
  });

  it('gunzips a file by its name or by its bytes, and names it without .gz', async () => {
    const byName = path.join(dir, 'a.csv.gz');
    const byBytes = path.join(dir, 'b.csv');
    const plain = path.join(dir, 'c.csv');
    await writeFile(byName, gzipSync('id\n1\n'));
    await writeFile(byBytes, gzipSync('id\n2\n'));
    await writeFile(plain, 'id\n3\n');
    const text = async (f: string) => {
      const file = await readCsvFile(f);
      return [file.name, Buffer.from(file.bytes).toString('utf8')];
    };
    expect(await text(byName)).toEqual(['a.csv', 'id\n1\n']);
    expect(await text(byBytes)).toEqual(['b.csv', 'id\n2\n']);
    expect(await text(plain)).toEqual(['c.csv', 'id\n3\n']);
  });
});

describe('contrast network', () => {
  it('keeps the actors, the number of ties, their kinds and years, and repeats with its seed', () => {
    const many = Array.from({ length: 80 }, (_, i) => ent(`c${i}`, { fields: [i % 2 ? 'robots' : 'gears'], lat: 35 + (i % 7) / 10, lon: 137 }));
    const template = Array.from({ length: 150 }, (_, k) => tie(`c${k % 80}`, `c${(k * 7 + 3) % 80}`, 2001 + (k % 10))).filter((t) => t.source !== t.target);
    const a = contrastTies(many, template, { seed: 5 });
    expect(a.length).toBe(template.length);
    expect(a.map((t) => t.since).sort()).toEqual(template.map((t) => t.since).sort());
    expect(contrastTies(many, template, { seed: 5 })).toEqual(a);
    expect(contrastTies(many, template, { seed: 6 })).not.toEqual(a);
    const pairs = new Set(a.map((t) => [t.source, t.target].sort().join('|')));
    expect(pairs.size).toBe(a.length);
  });
});
