/**
 * Reads the whole network for export, in a stable order (actors by id, ties by source, target,
 * kind) so that an export is the same file every time the network is the same.
 */
import { TIE_KINDS, type Actor, type Tie } from '../domain/model.ts';
import { actorFromProps } from './actor-record.ts';
import type { Neo4jClient } from './neo4j-client.ts';

export async function readAllActors(client: Neo4jClient): Promise<Actor[]> {
  const res = await client.read((tx) => tx.run('MATCH (a:Actor) RETURN properties(a) AS p ORDER BY a.id'));
  return res.records.map((r) => actorFromProps(r.get('p')));
}

export async function readAllTies(client: Neo4jClient): Promise<Tie[]> {
  const res = await client.read((tx) =>
    tx.run(
      `MATCH (a:Actor)-[t:${TIE_KINDS.join('|')}]->(b:Actor)
       RETURN a.id AS source, b.id AS target, type(t) AS kind, t.weight AS weight, t.since AS since
       ORDER BY source, target, kind`,
    ),
  );
  return res.records.map((r) => {
    const tie: Tie = { source: r.get('source'), target: r.get('target'), kind: r.get('kind'), weight: r.get('weight') ?? 1 };
    const since = r.get('since');
    if (since !== null) tie.since = since;
    return tie;
  });
}
