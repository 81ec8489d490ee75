/**
 * The drawing's payload for viewers who may not see some actors by name: the same nodes and
 * edges (counts and structure stay whole), hidden actors under their anonymous ids and names.
 */
import type { GraphPayload } from '../layout/graph-payload.ts';
import type { Redaction } from './redaction.ts';

export function redactGraphPayload(payload: GraphPayload, redaction: Redaction): GraphPayload {
  if (!redaction.hidesAny) return payload;
  const { id, name, name_ja } = payload.nodes;
  const ids = id.slice();
  const names = name.slice();
  const namesJa = name_ja.slice();
  for (let i = 0; i < ids.length; i++) {
    const stand = redaction.stand(ids[i]);
    if (!stand) continue;
    ids[i] = stand.id;
    names[i] = stand.name;
    namesJa[i] = stand.name_ja;
  }
  return { ...payload, nodes: { ...payload.nodes, id: ids, name: names, name_ja: namesJa } };
}
