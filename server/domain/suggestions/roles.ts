/**
 * Roles: who looks for whom. Actor types fall into five groups with one part each in the
 * cluster's work (DOMAIN.md); a role is an asker group looking for a target group, and each role
 * has its own weights (weights.ts) because, for example, a lender is chosen by place and a lab
 * by what it offers.
 */
import type { ActorType } from '../model.ts';

export const ROLE_GROUPS = ['enterprise', 'academic', 'finance', 'incubation', 'support'] as const;
export type RoleGroup = (typeof ROLE_GROUPS)[number];

const GROUP_OF: Readonly<Record<ActorType, RoleGroup>> = {
  Enterprise: 'enterprise',
  University: 'academic',
  ResearchInstitute: 'academic',
  FinancialInstitution: 'finance',
  IncubationManager: 'incubation',
  SupportOrganization: 'support',
};

export function roleGroup(type: ActorType): RoleGroup {
  return GROUP_OF[type];
}

/** The types of a group, in ACTOR_TYPES order. */
export function typesOfGroup(group: RoleGroup): ActorType[] {
  return (Object.keys(GROUP_OF) as ActorType[]).filter((t) => GROUP_OF[t] === group);
}

/** "enterprise>academic": the key of the weights for an asker of one type and a candidate of another. */
export type RoleKey = `${RoleGroup}>${RoleGroup}`;

export function roleKey(asker: ActorType, candidate: ActorType): RoleKey {
  return `${GROUP_OF[asker]}>${GROUP_OF[candidate]}`;
}

/** Weights by role; a role left out falls back to its prior (weights.ts). */
export type RoleWeights<T> = Partial<Record<RoleKey, T>>;

/** Types an intermediary can hold to count as a broker: their job is to introduce. */
export const BROKER_TYPES: ReadonlySet<ActorType> = new Set(['IncubationManager', 'FinancialInstitution', 'SupportOrganization']);

/**
 * What each type looks for when it does not say: an enterprise its industry-academia and
 * business partners (lenders, IMs and support bodies are asked for by name); schools,
 * institutes, lenders and IMs the enterprises they serve; support bodies firms and schools.
 */
export const DEFAULT_TARGETS: Readonly<Record<ActorType, readonly ActorType[]>> = {
  Enterprise: ['University', 'ResearchInstitute', 'Enterprise'],
  University: ['Enterprise'],
  ResearchInstitute: ['Enterprise'],
  FinancialInstitution: ['Enterprise'],
  IncubationManager: ['Enterprise'],
  SupportOrganization: ['Enterprise', 'University'],
};
