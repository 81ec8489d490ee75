/**
 * The mapping between an Actor and the properties of its node, used by every query that writes
 * or reads actors. Extra columns of a user's file are kept as string properties named x_<column>.
 */
import { ACTOR_TYPES, type Actor, type ActorType } from '../domain/model.ts';
import { ACTOR_COLUMNS } from '../domain/csv/columns.ts';

export const EXTRA_PREFIX = 'x_';
/** Properties musubi keeps on actor nodes for its own use; never exported as columns. */
const INTERNAL = new Set(['community', 'layout_x', 'layout_y', 'degree']);
const STANDARD = new Set<string>(ACTOR_COLUMNS);

type Props = Record<string, unknown>;

/** Properties of a new actor node (absent values are simply not set). */
export function actorProps(a: Actor): Props {
  const props: Props = {};
  for (const c of ACTOR_COLUMNS) {
    const v = (a as unknown as Props)[c];
    if (v !== undefined) props[c] = v;
  }
  for (const [k, v] of Object.entries(a.extra ?? {})) props[EXTRA_PREFIX + k] = v;
  return props;
}

/**
 * Properties to write over an existing actor: every column present in the file, null where the
 * cell is empty (which removes the property), nothing for columns the file leaves out.
 */
export function actorUpdateProps(a: Actor, columns: readonly string[]): Props {
  const props: Props = {};
  const all = actorProps(a);
  for (const c of columns) {
    if (c === 'id') continue;
    const key = STANDARD.has(c) ? c : EXTRA_PREFIX + c;
    props[key] = all[key] ?? null;
  }
  return props;
}

/** Rebuilds an Actor from a node's properties. */
export function actorFromProps(props: Props): Actor {
  const type = props.type as ActorType;
  const actor: Actor = { id: String(props.id), type: ACTOR_TYPES.includes(type) ? type : 'Enterprise', name: String(props.name ?? '') };
  const out = actor as unknown as Props;
  for (const c of ACTOR_COLUMNS) {
    if (c === 'id' || c === 'type' || c === 'name') continue;
    const v = props[c];
    if (v !== undefined && v !== null) out[c] = Array.isArray(v) ? v.map(String) : v;
  }
  for (const [k, v] of Object.entries(props)) {
    if (k.startsWith(EXTRA_PREFIX) && !INTERNAL.has(k) && v !== null) (actor.extra ??= {})[k.slice(EXTRA_PREFIX.length)] = String(v);
  }
  return actor;
}
