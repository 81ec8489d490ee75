/**
 * `npm run examples:suggestions [-- --reasons 3]`: one example per role from the loaded network
 * (the demonstration network by default), as the API serves it, printed as Markdown: the request,
 * the top suggestion, and its reasons in English and Japanese with their contributions. The
 * examples in README.md and docs/suggestions.md are its output.
 */
import { parseArgs } from 'node:util';
import type { ActorType } from '../server/domain/model.ts';
import { buildCalibratedIndexAsync } from '../server/domain/suggestions/calibrate.ts';
import { suggestPartners } from '../server/domain/suggestions/suggest-partners.ts';
import { readNetwork } from '../server/store/network-store.ts';
import { runWithDatabase } from './lib/run-with-database.ts';

const { values } = parseArgs({ options: { reasons: { type: 'string', default: '99' } } });
const MAX_REASONS = Math.max(1, Number(values.reasons));

/** The askers of the examples (demonstration network ids) and what each asks for. */
const EXAMPLES: { role: string; asker: string; types?: ActorType[] }[] = [
  { role: 'Enterprise → universities and research institutes', asker: 'ent-05345', types: ['University', 'ResearchInstitute'] },
  { role: 'Enterprise → enterprises', asker: 'ent-05345', types: ['Enterprise'] },
  { role: 'Enterprise → financial institutions', asker: 'ent-05345', types: ['FinancialInstitution'] },
  { role: 'Enterprise → incubation managers', asker: 'ent-05345', types: ['IncubationManager'] },
  { role: 'University → enterprises (default)', asker: 'uni-184' },
  { role: 'Research institute → financial institutions (any actor, any type)', asker: 'ri-077', types: ['FinancialInstitution'] },
  { role: 'Financial institution → enterprises (default)', asker: 'fin-078' },
  { role: 'Incubation manager → enterprises (default)', asker: 'im-026' },
  { role: 'Support organisation → enterprises and universities (default)', asker: 'sup-102' },
];

await runWithDatabase(async (db) => {
  const snapshot = await readNetwork(db.client);
  const index = await buildCalibratedIndexAsync(snapshot.actors, snapshot.ties, {});
  const out: string[] = [];
  for (const example of EXAMPLES) {
    if (!index.position.has(example.asker)) {
      out.push(`**${example.role}**: ${example.asker} is not in this network.\n`);
      continue;
    }
    const query = example.types ? `?types=${example.types.join(',')}` : '';
    const result = suggestPartners(index, example.asker, { types: example.types, limit: 1 });
    const top = result.suggestions[0];
    const head = `**${example.role}**: \`GET /api/actors/${example.asker}/suggestions${query}\` — ${result.actor.name} (${result.actor.type})`;
    if (!top) {
      out.push(`${head}: no suggestion.\n`);
      continue;
    }
    out.push(`${head} → **${top.name}** (${top.name_ja ? `${top.name_ja}, ` : ''}${top.type}${top.prefecture ? `, ${top.prefecture}` : ''}), score ${top.score.toFixed(4)}\n`);
    for (const r of top.reasons.slice(0, MAX_REASONS)) {
      out.push(`- ${r.contribution.toFixed(4)} \`${r.kind}\`: ${r.text} / ${r.text_ja}${r.via.length ? ` (via ${r.via.join(', ')})` : ''}`);
    }
    if (top.reasons.length > MAX_REASONS) out.push(`- … ${top.reasons.length - MAX_REASONS} more`);
    out.push('');
  }
  process.stdout.write(out.join('\n') + '\n');
});
