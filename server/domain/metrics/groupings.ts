/**
 * The ways the network is cut into groups for policymakers: by region (METI bureau), prefecture,
 * cluster project, technology field and actor type. An actor is in one region, prefecture and
 * type, but may be in several clusters and fields (or none): groups of those may overlap.
 */
import { ACTOR_TYPES, type ActorType } from '../model.ts';
import type { ActorNode } from '../graph/network-graph.ts';
import { findCluster } from '../reference/clusters.ts';
import { findField } from '../reference/fields.ts';
import { findPrefecture } from '../reference/prefectures.ts';
import { findRegion } from '../reference/regions.ts';
import { ACTOR_TYPE_NAMES } from '../reference/actor-types.ts';

export const GROUPINGS = ['region', 'prefecture', 'cluster', 'field', 'type'] as const;
export type Grouping = (typeof GROUPINGS)[number];

/** Id of the group of actors that have no value for the grouping (abroad, no cluster, no field). */
export const NO_GROUP = 'none';

/** The groups an actor belongs to under a grouping; [NO_GROUP] when it has no value. */
export function groupsOf(actor: ActorNode, by: Grouping): readonly string[] {
  let ids: readonly string[];
  switch (by) {
    case 'region':
      ids = actor.region ? [actor.region] : [];
      break;
    case 'prefecture':
      ids = actor.prefecture ? [actor.prefecture] : [];
      break;
    case 'cluster':
      ids = actor.clusters;
      break;
    case 'field':
      ids = actor.fields;
      break;
    case 'type':
      ids = [actor.type];
      break;
  }
  return ids.length ? ids : [NO_GROUP];
}

/** English and Japanese names of a group; the id itself where musubi has no reference name. */
export function groupName(by: Grouping, id: string): { name: string; name_ja: string } {
  if (id === NO_GROUP) {
    const none: Record<Grouping, { name: string; name_ja: string }> = {
      region: { name: 'Abroad or unknown', name_ja: '海外・不明' },
      prefecture: { name: 'Abroad or unknown', name_ja: '海外・不明' },
      cluster: { name: 'In no cluster project', name_ja: 'クラスター未所属' },
      field: { name: 'No field given', name_ja: '分野未登録' },
      type: { name: 'Unknown type', name_ja: '種別不明' },
    };
    return none[by];
  }
  const found = (() => {
    switch (by) {
      case 'region':
        return findRegion(id);
      case 'prefecture': {
        const p = findPrefecture(id);
        return p && { name: p.id, name_ja: p.name_ja };
      }
      case 'cluster':
        return findCluster(id);
      case 'field':
        return findField(id);
      case 'type':
        return (ACTOR_TYPES as readonly string[]).includes(id) ? ACTOR_TYPE_NAMES[id as ActorType] : undefined;
    }
  })();
  return found ? { name: found.name, name_ja: found.name_ja } : { name: id, name_ja: id };
}
