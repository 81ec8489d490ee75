/**
 * The ledger of a load's acknowledged writes (issue 13: none may be lost): what each write that
 * was answered 2xx must have left in the database, checked at the end in Neo4j itself: actors
 * (present or not, name, fields), ties (and weight), introduction requests and event meetings
 * (status), event participants.
 */
import type { Neo4jClient } from '../../server/store/neo4j-client.ts';

export type Expectation =
  | { what: 'actor'; id: string; present: boolean; name?: string; fields?: string[] }
  | { what: 'tie'; a: string; b: string; present: boolean; weight?: number }
  | { what: 'introduction'; id: string; status: string }
  | { what: 'participant'; actor: string }
  | { what: 'meeting'; id: string; status: string };

export interface LedgerCheck {
  /** Write requests answered 2xx. */
  acknowledged: number;
  /** Things those writes left (an actor, a tie, a request's status...), each checked. */
  checked: number;
  verified: number;
  /** Things whose last write got no clear answer (no answer, or an error): not checked. */
  uncertain: number;
  /** What did not hold, in words (the first 30). */
  missing: string[];
}

/**
 * Every acknowledged write, as what it must have left: the last acknowledged write of a thing
 * decides. A thing whose write was not acknowledged (no answer, 5xx, 503) may or may not have
 * been written: it is set aside and never written again.
 */
export class Ledger {
  acknowledged = 0;
  private readonly expected = new Map<string, Expectation>();
  private readonly doubted = new Set<string>();

  expect(key: string, e: Expectation): void {
    if (this.doubted.has(key)) return;
    this.expected.set(key, e);
  }

  doubt(key: string): void {
    this.expected.delete(key);
    this.doubted.add(key);
  }

  isDoubted(key: string): boolean {
    return this.doubted.has(key);
  }

  /** Checks every expectation in the database itself (whatever the server's state). */
  async verify(client: Neo4jClient, eventId: string): Promise<LedgerCheck> {
    const missing: string[] = [];
    let verified = 0;
    const judge = (ok: boolean, text: () => string) => {
      if (ok) verified++;
      else if (missing.length < 30) missing.push(text());
    };
    const all = [...this.expected.values()];
    const of = <W extends Expectation['what']>(what: W) => all.filter((e): e is Extract<Expectation, { what: W }> => e.what === what);
    /** Runs `cypher` over `items` (as $items) in batches; rows keyed by their `key` column. */
    const lookup = async (cypher: string, items: unknown[], params: Record<string, unknown> = {}) => {
      const rows = new Map<string, Record<string, any>>();
      for (const batch of chunks(items, 2_000)) {
        const result = await client.read((tx) => tx.run(cypher, { ...params, items: batch }));
        for (const r of result.records) rows.set(r.get('key') as string, r.toObject());
      }
      return rows;
    };

    const actors = of('actor');
    const foundActors = await lookup('UNWIND $items AS id OPTIONAL MATCH (a:Actor {id: id}) RETURN id AS key, a IS NOT NULL AS present, a.name AS name, a.fields AS fields', actors.map((e) => e.id));
    for (const e of actors) {
      const f = foundActors.get(e.id)!;
      const fields: string[] = f.fields ?? [];
      judge(f.present === e.present && (e.name === undefined || f.name === e.name) && (e.fields === undefined || same(fields, e.fields)), () =>
        `actor ${e.id}: expected ${e.present ? `present${e.name ? ` named '${e.name}'` : ''}${e.fields ? ` with fields ${e.fields.join(';')}` : ''}` : 'absent'}, found ${f.present ? `present named '${f.name}' with fields ${fields.join(';')}` : 'absent'}`,
      );
    }

    const ties = of('tie');
    const foundTies = await lookup(
      "UNWIND $items AS t OPTIONAL MATCH (:Actor {id: t.a})-[r:COLLABORATES]-(:Actor {id: t.b}) RETURN t.a + '|' + t.b AS key, collect(r.weight) AS weights",
      ties.map((t) => ({ a: t.a, b: t.b })),
    );
    for (const e of ties) {
      const weights: number[] = foundTies.get(`${e.a}|${e.b}`)?.weights ?? [];
      judge(e.present ? weights.length === 1 && (e.weight === undefined || Math.abs(weights[0] - e.weight) < 1e-9) : weights.length === 0, () =>
        `tie COLLABORATES ${e.a}–${e.b}: expected ${e.present ? `present with weight ${e.weight}` : 'absent'}, found ${weights.length ? `weights ${weights.join(', ')}` : 'none'}`,
      );
    }

    const intros = of('introduction');
    const foundIntros = await lookup('UNWIND $items AS id OPTIONAL MATCH (i:Introduction {id: id}) RETURN id AS key, i.status AS status', intros.map((e) => e.id));
    for (const e of intros) {
      const status = foundIntros.get(e.id)?.status;
      judge(status === e.status, () => `introduction ${e.id}: expected status ${e.status}, found ${status ?? 'none'}`);
    }

    const participants = of('participant');
    const foundParticipants = await lookup('UNWIND $items AS a OPTIONAL MATCH (p:EventParticipant {eventId: $eventId, actorId: a}) RETURN a AS key, p IS NOT NULL AS present', participants.map((e) => e.actor), { eventId });
    for (const e of participants) judge(foundParticipants.get(e.actor)?.present === true, () => `participant ${e.actor} of event ${eventId}: not registered`);

    const meetings = of('meeting');
    const foundMeetings = await lookup('UNWIND $items AS id OPTIONAL MATCH (m:EventMeeting {id: id}) RETURN id AS key, m.status AS status', meetings.map((e) => e.id));
    for (const e of meetings) {
      const status = foundMeetings.get(e.id)?.status;
      judge(status === e.status, () => `meeting ${e.id}: expected status ${e.status}, found ${status ?? 'none'}`);
    }
    return { acknowledged: this.acknowledged, checked: all.length, verified, uncertain: this.doubted.size, missing };
  }
}

function same(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
}

function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** The ledger's key of an undirected (COLLABORATES) tie. */
export const tieKey = (a: string, b: string) => (a < b ? `tie:${a}|${b}` : `tie:${b}|${a}`);
/** The ends of an undirected tie in a fixed order. */
export const tieEnds = (a: string, b: string) => (a < b ? { a, b } : { a: b, b: a });
