/**
 * Regression (issue 10, defect 6): the GEXF export said version="1.2" with a malformed viz
 * namespace (http:///www.gexf.net/1.1draft/viz) while the README promises GEXF 1.3. The export is
 * checked against the GEXF 1.3 schema shipped in tests/fixtures/gexf-1.3 (see its README), with
 * Debian's xmllint (libxml2-utils, installed by .ci/run).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import Graph from 'graphology';
import gexf from 'graphology-gexf';
import type { Actor, Tie } from '../../server/domain/model.ts';
import { networkGexf, TYPE_COLORS } from '../../server/domain/export/network-gexf.ts';
import { parseActors } from '../../server/domain/import/parse-actors.ts';
import { parseTies } from '../../server/domain/import/parse-ties.ts';
import { ProblemList } from '../../server/domain/import/problems.ts';

/** The network as a graphology graph, as the export wrote it through graphology-gexf before: the reference. */
function networkGraph(actors: Iterable<Actor>, ties: Iterable<Tie>): Graph {
  const graph = new Graph({ type: 'mixed', multi: true });
  for (const a of actors) {
    graph.addNode(a.id, {
      label: a.name,
      name_ja: a.name_ja ?? '',
      type: a.type,
      prefecture: a.prefecture ?? '',
      country: a.country ?? 'JP',
      fields: (a.fields ?? []).join(';'),
      seeks: (a.seeks ?? []).join(';'),
      clusters: (a.clusters ?? []).join(';'),
      color: TYPE_COLORS[a.type],
      ...(a.lat !== undefined && a.lon !== undefined ? { x: a.lon, y: a.lat } : {}),
    });
  }
  for (const t of ties) {
    const attributes = { kind: t.kind, weight: t.weight, since: t.since ?? 0 };
    if (t.kind === 'COLLABORATES') graph.addUndirectedEdge(t.source, t.target, attributes);
    else graph.addDirectedEdge(t.source, t.target, attributes);
  }
  return graph;
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SCHEMA = path.join(root, 'tests/fixtures/gexf-1.3/gexf.rng');

/** xmllint's verdict on `xml` against the GEXF 1.3 schema: its exit code and its messages. */
function validate(xml: string): { ok: boolean; messages: string } {
  // The schema is RELAX NG, which knows nothing of xsi:schemaLocation: gexf.net advises removing
  // it before validating (it is there for XSD-aware readers).
  const plain = xml.replace(/ xmlns:xsi="[^"]*"/, '').replace(/ xsi:schemaLocation="[^"]*"/, '');
  const run = spawnSync('xmllint', ['--noout', '--relaxng', SCHEMA, '-'], { input: plain, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (run.error) throw new Error(`xmllint is needed for this test (Debian: apt-get install libxml2-utils): ${run.error.message}`);
  return { ok: run.status === 0, messages: run.stderr.slice(0, 2000) };
}

const actors: Actor[] = [
  { id: 'e1', type: 'Enterprise', name: 'Kita & "Gears" <Co>', name_ja: '北ギア工業', prefecture: 'Aichi', fields: ['robots', 'fuel-cells'], clusters: ['tama'], lat: 35.18, lon: 136.91 },
  { id: 'u1', type: 'University', name: "Minami's Lab" },
  { id: 'f1', type: 'FinancialInstitution', name: 'Higashi Shinkin', country: 'JP', prefecture: 'Gifu', lat: 35.39, lon: 136.72 },
];
const ties: Tie[] = [
  { source: 'e1', target: 'u1', kind: 'COLLABORATES', weight: 2.5, since: 2004 },
  { source: 'f1', target: 'e1', kind: 'FINANCES', weight: 1 },
  { source: 'u1', target: 'e1', kind: 'SUPPLIES', weight: 1, since: 2010 },
];

describe('the GEXF export', () => {
  it('declares GEXF 1.3 with the 1.3 namespaces', () => {
    const xml = networkGexf(actors, ties);
    const root = xml.match(/<gexf [^>]*>/)?.[0] ?? '';
    expect(root).toContain('version="1.3"');
    expect(root).toContain('xmlns="http://gexf.net/1.3"');
    expect(root).toContain('xmlns:viz="http://gexf.net/1.3/viz"');
    expect(xml).not.toContain('1.1draft');
  });

  it('is valid against the GEXF 1.3 schema, awkward names included', () => {
    const result = validate(networkGexf(actors, ties));
    expect(result.messages).not.toMatch(/error/i);
    expect(result.ok).toBe(true);
  });

  it('is valid for the demonstration network (its first 1,500 actors and their ties)', () => {
    // A slice: libxml2 takes about 10 s for the whole network on a 2-core machine.
    const problems = new ProblemList();
    const demo = path.join(root, 'graph-seeds/demo');
    const demoActors = parseActors(readFileSync(path.join(demo, 'actors.csv'), 'utf8'), 'actors.csv', problems)!.actors.slice(0, 1500);
    const ids = new Set(demoActors.map((a) => a.id));
    const demoTies = parseTies(readFileSync(path.join(demo, 'ties.csv'), 'utf8'), 'ties.csv', problems)!.ties.filter((t) => ids.has(t.source) && ids.has(t.target));
    expect(problems.total).toBe(0);
    expect(demoTies.length).toBeGreaterThan(100);
    const result = validate(networkGexf(demoActors, demoTies));
    expect(result.messages).not.toMatch(/error/i);
    expect(result.ok).toBe(true);
  });

  it('keeps every actor and tie, with colours and positions, when read back', () => {
    const back = gexf.parse(Graph, networkGexf(actors, ties));
    expect(back.order).toBe(actors.length);
    expect(back.size).toBe(ties.length);
    expect(back.getNodeAttribute('e1', 'label')).toBe(actors[0].name);
    expect(back.getNodeAttribute('e1', 'color')).toBe('#4e79a7');
    expect(back.getNodeAttribute('e1', 'x')).toBeCloseTo(136.91);
  });

  it('reads back as the document of graphology-gexf does (names with markup, control characters, surrogates)', () => {
    const problems = new ProblemList();
    const demo = path.join(root, 'graph-seeds/demo');
    const awkward: Actor[] = [
      ...actors,
      { id: 'x&<1>', type: 'SupportOrganization', name: 'Tab\there, line\nbreak, \u0001bell, lone \ud800 surrogate, emoji 🏭', seeks: ['robots'], lat: 1e-7, lon: -0 },
    ];
    const demoActors = [...awkward, ...parseActors(readFileSync(path.join(demo, 'actors.csv'), 'utf8'), 'actors.csv', problems)!.actors.slice(0, 800)];
    const ids = new Set(demoActors.map((a) => a.id));
    const demoTies = [...ties, { source: 'x&<1>', target: 'e1', kind: 'SUPPORTS', weight: 0.125 } as Tie, ...parseTies(readFileSync(path.join(demo, 'ties.csv'), 'utf8'), 'ties.csv', problems)!.ties.filter((t) => ids.has(t.source) && ids.has(t.target))];
    const ours = gexf.parse(Graph, networkGexf(demoActors, demoTies));
    // graphology-gexf writes control characters as they are (XML 1.0 cannot hold them; ours leaves
    // them out) and a lone surrogate as it is (UTF-8 makes it U+FFFD, as ours writes it).
    // eslint-disable-next-line no-control-regex
    const xmlable = demoActors.map((a) => ({ ...a, name: a.name.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '') }));
    const theirs = gexf.parse(Graph, gexf.write(networkGraph(xmlable, demoTies), { pretty: false, version: '1.3' }).replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'));
    expect(ours.order).toBe(demoActors.length);
    expect(ours.size).toBe(demoTies.length);
    expect(ours.nodes()).toEqual(theirs.nodes());
    for (const n of theirs.nodes()) expect(ours.getNodeAttributes(n)).toEqual(theirs.getNodeAttributes(n));
    const edges = (g: Graph) => g.mapEdges((_e, attr, source, target, _sa, _ta, undirected) => ({ source, target, undirected, attr }));
    expect(edges(ours)).toEqual(edges(theirs));
    expect(validate(networkGexf(awkward, demoTies.slice(0, 4))).ok).toBe(true);
  });

  it('is checked by a schema that can fail: the old 1.2 output and a bad weight are rejected', () => {
    const old = gexf.write(networkGraph(actors, ties), { pretty: false });
    expect(validate(old).ok).toBe(false);
    expect(validate(networkGexf(actors, ties).replace('weight="2.5"', 'weight="heavy"')).ok).toBe(false);
  });
});
