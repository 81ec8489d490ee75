/**
 * Builds the whole population of actors, in the exact counts asked for, and gives them stable,
 * readable ids ("ent-00001", "uni-001"). Types are laid out in id order (ent, fin, im, ri, sup,
 * uni) so that an agent's index order is its id order.
 */
import { ACTOR_TYPES, type ActorType } from '../../server/domain/model.ts';
import { buildResearchInstitutes, buildUniversities } from './actors-academia.ts';
import { buildEnterprises } from './actors-enterprises.ts';
import { buildFacilities, buildFinancialInstitutions, buildIncubationManagers } from './actors-intermediaries.ts';
import { buildSupportOrganizations } from './actors-support.ts';
import { newAgent, type Agent, type Facility } from './agents.ts';
import { CLUSTER_BIT, FIELD_BIT, maskOf, seeksFor } from './field-profiles.ts';
import { OVERSEAS_PARTNERS } from './geography.ts';
import { NameBook } from './names.ts';
import type { Rng } from './rng.ts';
import { logNormal } from './sampling.ts';

/** Id prefix and minimum number width of each type. */
export const ID_FORMAT: Readonly<Record<ActorType, { prefix: string; width: number }>> = {
  Enterprise: { prefix: 'ent', width: 5 },
  FinancialInstitution: { prefix: 'fin', width: 3 },
  IncubationManager: { prefix: 'im', width: 3 },
  ResearchInstitute: { prefix: 'ri', width: 3 },
  SupportOrganization: { prefix: 'sup', width: 3 },
  University: { prefix: 'uni', width: 3 },
};

/** Types in the order of their id prefixes. */
const ID_ORDER: readonly ActorType[] = [...ACTOR_TYPES].sort((a, b) =>
  ID_FORMAT[a].prefix < ID_FORMAT[b].prefix ? -1 : 1);

/** Overseas partners are only added when a type has room for them (at least 50 actors). */
const MIN_FOR_OVERSEAS = 50;

export interface Population {
  agents: Agent[];
  ids: string[];
  facilities: Facility[];
}

function overseasAgent(rng: Rng, p: (typeof OVERSEAS_PARTNERS)[number]): Agent {
  const a = newAgent(p.type, 'overseas', { name: p.name, name_ja: p.name_ja }, -1, -1);
  a.country = p.country;
  a.lat = p.lat;
  a.lon = p.lon;
  a.fields = maskOf(p.fields, FIELD_BIT);
  a.seeks = maskOf(seeksFor(rng, p.fields), FIELD_BIT);
  a.partnerCluster = CLUSTER_BIT.get(p.cluster)!;
  // Overseas partners carry the cluster project they exchange with.
  a.clusters = 1 << a.partnerCluster;
  a.founded = p.type === 'Enterprise' ? rng.between(1950, 1995) : rng.between(1980, 2004);
  if (p.type === 'Enterprise') a.employees = Math.round(logNormal(rng, 60, 0.6));
  // Few but active firms and schools: each exchange programme brings them several contacts.
  // An overseas association reaches Japanese firms through the cluster secretariat, less often.
  a.fitness = p.type === 'SupportOrganization' ? 0.5 : 3;
  return a;
}

/** Every actor of the network, `counts[type]` of each, plus the incubation facilities. */
export function buildPopulation(rng: Rng, counts: Readonly<Record<ActorType, number>>, facilityCount: number): Population {
  const names = new NameBook(rng.fork('names'));
  const overseas: Record<ActorType, Agent[]> = Object.fromEntries(ACTOR_TYPES.map((t) => [t, []])) as never;
  const overseasRng = rng.fork('overseas');
  for (const p of OVERSEAS_PARTNERS) {
    if (counts[p.type] < MIN_FOR_OVERSEAS) continue;
    names.take(p);
    overseas[p.type].push(overseasAgent(overseasRng, p));
  }
  const domestic = (t: ActorType) => counts[t] - overseas[t].length;

  const facilities = buildFacilities(facilityCount);
  const universities = buildUniversities(rng.fork('universities'), names, domestic('University'));
  const byType: Record<ActorType, Agent[]> = {
    University: universities,
    ResearchInstitute: buildResearchInstitutes(rng.fork('institutes'), names, domestic('ResearchInstitute')),
    Enterprise: buildEnterprises(rng.fork('enterprises'), names, domestic('Enterprise'), universities, facilities),
    IncubationManager: buildIncubationManagers(rng.fork('managers'), names, domestic('IncubationManager'), facilities),
    FinancialInstitution: buildFinancialInstitutions(rng.fork('lenders'), names, domestic('FinancialInstitution')),
    SupportOrganization: buildSupportOrganizations(rng.fork('support'), names, domestic('SupportOrganization')),
  };

  const agents: Agent[] = [];
  const ids: string[] = [];
  for (const t of ID_ORDER) {
    const list = [...byType[t], ...overseas[t]];
    const { prefix, width } = ID_FORMAT[t];
    const w = Math.max(width, String(list.length).length);
    list.forEach((a, i) => {
      agents.push(a);
      ids.push(`${prefix}-${String(i + 1).padStart(w, '0')}`);
    });
  }
  return { agents, ids, facilities };
}
