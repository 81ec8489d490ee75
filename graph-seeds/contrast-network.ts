/**
 * A contrast network for the evaluation: the same actors and the same number of ties per year,
 * kind and pair of types as a template network, but who ties with whom is drawn by a process of
 * its own that shares nothing with the seed generator's (graph-seeds/): no hidden fitness, no
 * caps, no lender or incubation rules, no complementarity kernel. Each new tie starts at an
 * actor drawn by linear preferential attachment (Barabási & Albert 1999) and finds its partner
 * by one of three mechanisms (Jackson & Rogers 2007, "meeting strangers and friends of
 * friends"): a partner of a partner (triadic closure through anyone), a place drawn by a
 * gravity kernel exp(−d / 120 km), or a shared field of work (homophily, not complementarity).
 * If the suggestion weights only fitted the seed generator, they would fail here.
 */
import type { Actor, ActorType, Tie } from '../server/domain/model.ts';
import { distanceKm } from '../server/domain/reference/geo.ts';
import { seededRng } from '../server/domain/graph/seeded-rng.ts';

export interface ContrastOptions {
  seed: number;
  /** Shares of the three mechanisms; the rest is plain preferential attachment. */
  closure: number;
  place: number;
  field: number;
  placeScaleKm: number;
}

export const CONTRAST_DEFAULTS: Readonly<ContrastOptions> = { seed: 1, closure: 0.35, place: 0.3, field: 0.2, placeScaleKm: 120 };

export function contrastTies(actors: readonly Actor[], template: readonly Tie[], partial: Partial<ContrastOptions> = {}): Tie[] {
  const o = { ...CONTRAST_DEFAULTS, ...partial };
  const random = seededRng(o.seed);
  const pick = <T>(list: readonly T[]): T | undefined => (list.length ? list[Math.floor(random() * list.length)] : undefined);
  const byId = new Map(actors.map((a) => [a.id, a]));
  const partners = new Map<string, string[]>(actors.map((a) => [a.id, []]));
  // Stub lists: an actor appears once, plus once per tie: drawing from it is linear attachment.
  const stubs = new Map<ActorType, string[]>();
  const byTypeField = new Map<string, string[]>();
  const byTypePlace = new Map<string, { lat: number; lon: number; ids: string[] }>();
  const push = <K>(m: Map<K, string[]>, k: K, id: string) => (m.get(k) ?? m.set(k, []).get(k)!).push(id);
  for (const a of actors) {
    push(stubs, a.type, a.id);
    for (const f of a.fields ?? []) push(byTypeField, `${a.type}/${f}`, a.id);
    if (a.lat !== undefined && a.lon !== undefined) {
      const key = `${a.type}/${a.prefecture ?? a.country}`;
      const place = byTypePlace.get(key) ?? byTypePlace.set(key, { lat: a.lat, lon: a.lon, ids: [] }).get(key)!;
      place.ids.push(a.id);
    }
  }
  const places = [...byTypePlace.entries()];

  const byPlace = (u: Actor, type: ActorType): string | undefined => {
    if (u.lat === undefined || u.lon === undefined) return undefined;
    const options = places.filter(([k]) => k.startsWith(type + '/'));
    const w = options.map(([, p]) => p.ids.length * Math.exp(-distanceKm(u.lat!, u.lon!, p.lat, p.lon) / o.placeScaleKm));
    let r = random() * w.reduce((s, x) => s + x, 0);
    for (let i = 0; i < options.length; i++) if ((r -= w[i]) <= 0) return pick(options[i][1].ids);
    return undefined;
  };
  const byClosure = (u: Actor, type: ActorType): string | undefined => {
    for (let tries = 0; tries < 8; tries++) {
      const z = pick(partners.get(u.id)!);
      const v = z === undefined ? undefined : pick(partners.get(z)!);
      if (v !== undefined && byId.get(v)!.type === type) return v;
    }
    return undefined;
  };
  const byField = (u: Actor, type: ActorType): string | undefined => {
    const f = pick([...(u.fields ?? []), ...(u.seeks ?? [])]);
    return f === undefined ? undefined : pick(byTypeField.get(`${type}/${f}`) ?? []);
  };

  const ordered = [...template].sort((a, b) => (a.since ?? 0) - (b.since ?? 0));
  const out: Tie[] = [];
  for (const t of ordered) {
    const sourceType = byId.get(t.source)?.type;
    const targetType = byId.get(t.target)?.type;
    if (!sourceType || !targetType) continue;
    for (let attempt = 0; attempt < 50; attempt++) {
      const u = byId.get(pick(stubs.get(sourceType)!)!)!;
      const r = random();
      const mechanism = r < o.closure ? byClosure : r < o.closure + o.place ? byPlace : r < o.closure + o.place + o.field ? byField : undefined;
      const v = mechanism?.(u, targetType) ?? pick(stubs.get(targetType)!)!;
      if (v === u.id || partners.get(u.id)!.includes(v)) continue;
      out.push({ ...t, source: u.id, target: v });
      partners.get(u.id)!.push(v);
      partners.get(v)!.push(u.id);
      stubs.get(sourceType)!.push(u.id);
      stubs.get(targetType)!.push(v);
      break;
    }
  }
  return out;
}
