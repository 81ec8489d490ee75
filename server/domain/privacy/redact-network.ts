/**
 * The network as an export gives it to a viewer who may not see some actors by name: every actor
 * and tie stays (the structure is what an analyst needs), a hidden actor keeps only its type,
 * place, country and fields under its anonymous id and name — no coordinates, size, founding
 * year, sought fields, facility or extra columns that could identify it.
 */
import type { Actor, Tie } from '../model.ts';
import type { Redaction } from './redaction.ts';

export function redactNetwork(actors: readonly Actor[], ties: readonly Tie[], redaction: Redaction): { actors: Actor[]; ties: Tie[] } {
  if (!redaction.hidesAny) return { actors: [...actors], ties: [...ties] };
  return {
    actors: actors.map((a) => {
      const s = redaction.stand(a.id);
      if (!s) return a;
      const kept: Actor = { id: s.id, type: a.type, name: s.name, name_ja: s.name_ja, visibility: a.visibility };
      if (a.prefecture) kept.prefecture = a.prefecture;
      if (a.country) kept.country = a.country;
      if (a.fields) kept.fields = a.fields;
      return kept;
    }),
    ties: ties.map((t) => (redaction.hides(t.source) || redaction.hides(t.target) ? { ...t, source: redaction.id(t.source), target: redaction.id(t.target) } : t)),
  };
}
