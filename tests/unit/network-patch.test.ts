import { describe, expect, it } from 'vitest';
import { applyNetworkPatch, byText, tieOrder, type NetworkState } from '../../server/domain/graph/network-patch.ts';
import type { Actor, Tie } from '../../server/domain/model.ts';
import { seededRng } from '../../server/domain/graph/seeded-rng.ts';

const actor = (id: string, name = id): Actor => ({ id, type: 'Enterprise', name });
const tie = (source: string, target: string, weight = 1, kind: Tie['kind'] = 'COLLABORATES'): Tie => ({ source, target, kind, weight });
const sorted = (s: NetworkState): NetworkState => ({ actors: [...s.actors].sort((x, y) => byText(x.id, y.id)), ties: [...s.ties].sort(tieOrder) });

describe('a network patch', () => {
  it('replaces touched actors and their outgoing ties, drops removed actors and the ties into them, keeps the read order', () => {
    const base = sorted({
      actors: ['a', 'b', 'c', 'd'].map((id) => actor(id)),
      ties: [tie('a', 'b'), tie('a', 'c'), tie('b', 'd'), tie('c', 'd'), tie('d', 'a', 2, 'SUPPLIES')],
    });
    const after = applyNetworkPatch(base, {
      version: 2,
      removed: ['c'],
      // b renamed and its tie to d gone; e new, tied to a and b; d's outgoing ties unchanged but re-read
      actors: [actor('e'), actor('b', 'B2')],
      ties: [tie('e', 'b', 3), tie('e', 'a')],
    });
    expect(after).toEqual({
      actors: [actor('a'), actor('b', 'B2'), actor('d'), actor('e')],
      ties: [tie('a', 'b'), tie('d', 'a', 2, 'SUPPLIES'), tie('e', 'a'), tie('e', 'b', 3)],
    });
    // The base is not changed.
    expect(base.actors).toHaveLength(4);
    expect(base.ties).toHaveLength(5);
  });

  it('gives what a whole read of the written network gives, for random writes', () => {
    const rng = seededRng(11);
    const pick = <T>(xs: T[]) => xs[Math.floor(rng() * xs.length)];
    let ids = Array.from({ length: 40 }, (_, i) => `n${i}`);
    // "The database": actors by id, outgoing ties by source.
    const db = new Map<string, { actor: Actor; out: Tie[] }>(ids.map((id) => [id, { actor: actor(id), out: [] }]));
    const whole = (): NetworkState => sorted({ actors: [...db.values()].map((r) => r.actor), ties: [...db.values()].flatMap((r) => r.out) });
    for (let i = 0; i < 120; i++) {
      const source = pick(ids);
      db.get(source)!.out.push(tie(source, pick(ids), 1 + Math.floor(rng() * 3)));
    }
    // Keep one tie per (source, target, kind), as the store does.
    for (const r of db.values()) r.out = [...new Map(r.out.map((t) => [`${t.target}|${t.kind}`, t])).values()];
    let state = whole();
    for (let version = 1; version <= 30; version++) {
      const touched = new Set<string>();
      const removed: string[] = [];
      const next = `m${version}`;
      db.set(next, { actor: actor(next), out: [tie(next, pick(ids))] });
      ids.push(next);
      touched.add(next);
      const gone = pick(ids.filter((id) => id !== next));
      db.delete(gone);
      ids = ids.filter((id) => id !== gone);
      removed.push(gone);
      for (const r of db.values()) r.out = r.out.filter((t) => t.target !== gone);
      const renamed = pick(ids);
      db.get(renamed)!.actor = actor(renamed, `${renamed}-v${version}`);
      touched.add(renamed);
      const source = pick(ids);
      const target = pick(ids);
      const row = db.get(source)!;
      row.out = [...row.out.filter((t) => t.target !== target), tie(source, target, version)];
      touched.add(source);
      touched.delete(gone);
      const rows = [...touched].map((id) => db.get(id)!);
      state = applyNetworkPatch(state, { version, removed, actors: rows.map((r) => r.actor), ties: rows.flatMap((r) => r.out) });
      expect(state).toEqual(whole());
    }
  });
});
