/**
 * Builds the actor search as Cypher with parameters: a full-text query over English and Japanese
 * names when there is text, filters, and keyset pagination that stays stable across pages.
 * Pure: tested without a database.
 */
import type { ActorType, Visibility } from '../domain/model.ts';
import { ACTOR_NAME_INDEX } from './schema.ts';
import type { Query } from './query.ts';

export interface ActorSearch {
  q?: string;
  type?: ActorType;
  prefecture?: string;
  cluster?: string;
  field?: string;
  limit: number;
  /**
   * The visibilities the asker sees by name (privacy: a hidden actor is never found by its name,
   * nor listed); all when absent. `own`: a member's own actor, always found.
   */
  visible?: readonly Visibility[];
  own?: string;
  /** Position after which the page starts: the last item of the previous page. */
  after?: { score?: number; id: string };
}

const LUCENE_SPECIAL = /[+\-!(){}[\]^"~*?:\\/&|]/g;
const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]/;
const CJK_RUNS = /([\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]+|[^\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]+)/g;

/**
 * The English stop words of Lucene's CJKAnalyzer (EnglishAnalyzer.ENGLISH_STOP_WORDS_SET): it
 * indexes none of them, so a required "of" would match no name ("Institute of Devices").
 */
const STOP_WORDS = new Set('a an and are as at be but by for if in into is it no not of on or such that the their then there these they this to was will with'.split(' '));

/**
 * Turns what a user typed into a Lucene query for the CJK analyzer: Latin words match as
 * prefixes ("mach" finds "Machining"); Japanese runs match as phrases of bigrams, so "精密"
 * finds "田中精密工業"; a lone kanji or kana matches the bigrams that start or end with it.
 * Every part must match, except English stop words, which the index does not hold (typed alone,
 * one is a prefix: "the" finds "Thermal"). Returns null when nothing searchable is left.
 */
export function luceneQuery(text: string): string | null {
  const parts: string[] = [];
  const stops: string[] = [];
  for (const word of text.normalize('NFKC').split(/\s+/)) {
    for (const run of word.match(CJK_RUNS) ?? []) {
      const clean = run.replace(LUCENE_SPECIAL, ' ').trim().toLowerCase();
      if (!clean) continue;
      for (const token of clean.split(/\s+/)) {
        if (CJK.test(token)) parts.push(token.length === 1 ? `(${token}* OR *${token})` : `"${token}"`);
        else if (STOP_WORDS.has(token)) stops.push(`${token}*`);
        else parts.push(`(${token} OR ${token}*)`);
      }
    }
  }
  if (!parts.length && stops.length) return stops.map((p) => `(${p})`).join(' AND ');
  return parts.length ? parts.join(' AND ') : null;
}

const FILTERS = `($type IS NULL OR a.type = $type)
  AND ($prefecture IS NULL OR a.prefecture = $prefecture)
  AND ($cluster IS NULL OR $cluster IN a.clusters)
  AND ($field IS NULL OR $field IN a.fields)
  AND ($visible IS NULL OR coalesce(a.visibility, 'public') IN $visible OR a.id = $own)`;

const RETURN_ITEM = `a { .id, .type, .name, .name_ja, .prefecture, .clusters, .fields } AS item`;

export function actorSearchQuery(s: ActorSearch): Query {
  const params: Record<string, unknown> = {
    type: s.type ?? null,
    prefecture: s.prefecture ?? null,
    cluster: s.cluster ?? null,
    field: s.field ?? null,
    visible: s.visible ?? null,
    own: s.own ?? null,
    limit: s.limit + 1, // one more than asked tells whether there is a next page
    afterId: s.after?.id ?? null,
    afterScore: s.after?.score ?? null,
  };
  const lucene = s.q ? luceneQuery(s.q) : null;
  if (lucene) {
    params.lucene = lucene;
    return {
      cypher: `CALL db.index.fulltext.queryNodes('${ACTOR_NAME_INDEX}', $lucene) YIELD node AS a, score
        WHERE ${FILTERS}
          AND ($afterId IS NULL OR score < $afterScore OR (score = $afterScore AND a.id > $afterId))
        WITH a, score ORDER BY score DESC, a.id ASC LIMIT toInteger($limit)
        RETURN ${RETURN_ITEM}, score`,
      params,
    };
  }
  return {
    cypher: `MATCH (a:Actor) WHERE ${FILTERS} AND ($afterId IS NULL OR a.id > $afterId)
      WITH a ORDER BY a.id ASC LIMIT toInteger($limit)
      RETURN ${RETURN_ITEM}, null AS score`,
    params,
  };
}
