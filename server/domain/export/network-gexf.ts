/**
 * The network as GEXF 1.3 for Gephi (https://gexf.net/schema.html): actors as nodes (type,
 * prefecture, position, fields, clusters), ties as edges (kind, weight, first year). Colours
 * follow the actor types. The file is checked against the format's schema in
 * tests/unit/network-gexf.test.ts.
 */
import type { Actor, ActorType, Tie } from '../model.ts';

/** One colour per actor type, shared with the legend of the web client. */
export const TYPE_COLORS: Record<ActorType, string> = {
  Enterprise: '#4e79a7',
  University: '#e15759',
  ResearchInstitute: '#f28e2b',
  IncubationManager: '#59a14f',
  FinancialInstitution: '#b07aa1',
  SupportOrganization: '#9c755f',
};

/** graphology-gexf writes GEXF 1.2 (with a malformed viz namespace) unless asked for 1.3. */
export const GEXF_VERSION = '1.3';

/**
 * The document graphology-gexf would write from a graphology graph of the network (GEXF 1.3, no indentation, edges
 * numbered instead of graphology's generated keys), written directly as text: graphology-gexf took
 * 1.0-1.5 s on the demonstration network, this a small fraction of that (the test compares the two
 * read back, on the demonstration network).
 */
export function networkGexf(actors: Iterable<Actor>, ties: Iterable<Tie>): string {
  const nodes: { actor: Actor; values: [string, string][] }[] = [];
  // Declared in the order first met, only those some actor has (graphology-gexf leaves out empty values).
  const declared: string[] = [];
  for (const a of actors) {
    const values: [string, string][] = [];
    const put = (name: string, value: string) => {
      if (value === '') return;
      if (!declared.includes(name)) declared.push(name);
      values.push([name, value]);
    };
    put('name_ja', a.name_ja ?? '');
    put('type', a.type);
    put('prefecture', a.prefecture ?? '');
    put('country', a.country ?? 'JP');
    put('fields', (a.fields ?? []).join(';'));
    put('seeks', (a.seeks ?? []).join(';'));
    put('clusters', (a.clusters ?? []).join(';'));
    nodes.push({ actor: a, values });
  }
  // graphology-gexf writes an actor's values in the order they were declared.
  const model = declared;
  const rank = new Map(model.map((name, i) => [name, i]));
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    `<gexf version="${GEXF_VERSION}" xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd">`,
    '<meta/><graph defaultedgetype="directed">',
  ];
  if (model.length) {
    out.push('<attributes class="node">');
    for (const name of model) out.push(`<attribute id="${name}" title="${name}" type="string"/>`);
    out.push('</attributes>');
  }
  const tieList = [...ties];
  if (tieList.length) out.push('<attributes class="edge"><attribute id="since" title="since" type="integer"/></attributes>');
  out.push('<nodes>');
  for (const { actor: a, values } of nodes) {
    out.push(`<node id="${attribute(a.id)}" label="${attribute(a.name)}">`);
    if (model.length) {
      const byModel = values.sort((x, y) => rank.get(x[0])! - rank.get(y[0])!);
      out.push(byModel.length ? '<attvalues>' : '<attvalues/>');
      for (const [name, value] of byModel) out.push(`<attvalue for="${name}" value="${attribute(value)}"/>`);
      if (byModel.length) out.push('</attvalues>');
    }
    out.push(`<viz:color hex="${TYPE_COLORS[a.type]}"/>`);
    if (a.lat !== undefined && a.lon !== undefined) out.push(`<viz:position x="${a.lon}" y="${a.lat}"/>`);
    out.push('</node>');
  }
  out.push('</nodes>');
  if (tieList.length) {
    out.push('<edges>');
    tieList.forEach((t, k) => {
      const type = t.kind === 'COLLABORATES' ? ' type="undirected"' : '';
      out.push(
        `<edge id="${k}"${type} source="${attribute(t.source)}" target="${attribute(t.target)}" weight="${t.weight}" kind="${t.kind}">` +
          `<attvalues><attvalue for="since" value="${t.since ?? 0}"/></attvalues></edge>`,
      );
    });
    out.push('</edges>');
  }
  out.push('</graph></gexf>');
  return out.join('');
}

/**
 * Text as an XML attribute value: markup and the whitespace an attribute would fold escaped, what
 * XML 1.0 cannot hold left out (control characters, U+FFFE, U+FFFF), a lone surrogate written as
 * U+FFFD (as graphology-gexf's output reads back).
 */
function attribute(text: string): string {
  if (!NEEDS_CARE.test(text)) return text; // most names and ids: nothing to do
  return text.replace(INVALID_XML, '').replace(LONE_SURROGATE, '\uFFFD').replace(/[&<>"\t\n\r]/g, (c) => ESCAPES[c]);
}
// eslint-disable-next-line no-control-regex
const NEEDS_CARE = /[&<>"\u0000-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\t': '&#x9;', '\n': '&#xA;', '\r': '&#xD;' };
