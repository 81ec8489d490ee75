/**
 * Who sees which actor by name. `public` actors are seen by everyone, `members` actors by
 * logged-in users, `private` actors by their own members, coordinators and admins. To everyone
 * else a hidden actor is an anonymous node: "An enterprise in Aichi (robots)" under an id that
 * does not lead back to it (a keyed hash, the key held by the server process only). Counts and
 * densities still include it; only its identity goes.
 *
 * A `Redaction` answers, for one viewer, "is this id hidden, and what stands in its place": the
 * services pass every actor id and name they answer with through it. Pure, given the key.
 */
import { createHmac } from 'node:crypto';
import { perObject } from '../per-object.ts';
import type { User } from '../auth/roles.ts';
import type { Actor, ActorType, Visibility } from '../model.ts';
import { ACTOR_TYPE_NAMES } from '../reference/actor-types.ts';
import { findField } from '../reference/fields.ts';
import { findPrefecture } from '../reference/prefectures.ts';
import { countryInSentence, countryName, HOME_COUNTRY } from '../reference/countries.ts';

/** Who is looking: the logged-in user, or the public viewer. */
export interface Viewer {
  user?: User;
}

export const PUBLIC_VIEWER: Viewer = {};

/** The three sets of actors a viewer can see: the public's, any logged-in user's, everyone's. */
export type ViewerClass = 'public' | 'user' | 'privileged';

export function viewerClass(viewer: Viewer): ViewerClass {
  const role = viewer.user?.role;
  if (!role) return 'public';
  return role === 'member' ? 'user' : 'privileged';
}

/**
 * Viewers that see the same actors by name share a scope: their class and, for a member, its own
 * actor (seen by its member where the class would hide it). An answer redacted for one viewer may
 * be kept for others of its scope.
 */
export function viewerScope(viewer: Viewer): string {
  return `${viewerClass(viewer)}|${viewer.user?.actorId ?? ''}`;
}

/** Whether `viewer` may see an actor of this visibility by name. */
export function canSee(viewer: Viewer, actor: { id: string; visibility?: Visibility }): boolean {
  const v = actor.visibility ?? 'public';
  if (v === 'public') return true;
  const user = viewer.user;
  if (!user) return false;
  if (v === 'members' || user.role !== 'member') return true;
  return user.actorId === actor.id;
}

/** The visibilities a viewer sees in full (the store filters searches by them). */
export function visibleLevels(viewer: Viewer): Visibility[] {
  const c = viewerClass(viewer);
  return c === 'public' ? ['public'] : c === 'user' ? ['public', 'members'] : ['public', 'members', 'private'];
}

export interface Stand {
  id: string;
  name: string;
  name_ja: string;
}

/** "An enterprise in Aichi (robots)" / "愛知県の企業（ロボット）": what a hidden actor shows instead of its name. */
export function anonymousName(actor: { type: ActorType; prefecture?: string; country?: string; fields?: readonly string[] }): { name: string; name_ja: string } {
  const one = ACTOR_TYPE_NAMES[actor.type]?.one ?? { en: 'organisation', ja: '組織' };
  const pref = actor.prefecture ? findPrefecture(actor.prefecture) : undefined;
  const abroad = actor.country && actor.country !== HOME_COUNTRY ? countryName(actor.country) : undefined;
  const place = pref ? { en: pref.id, ja: pref.name_ja } : abroad ? { en: countryInSentence(abroad.en), ja: abroad.ja } : undefined;
  const field = actor.fields?.[0] ? findField(actor.fields[0]) : undefined;
  const article = /^(?:[aeio]|u(?!ni))/i.test(one.en) ? 'An' : 'A';
  const en = `${article} ${one.en}${place ? ` in ${place.en}` : ''}${field ? ` (${field.name.toLowerCase()})` : ''}`;
  const ja = `${place ? `${place.ja}の` : ''}${one.ja}${field ? `（${field.name_ja}）` : ''}`;
  return { name: en, name_ja: ja };
}

export class Redaction {
  /** Nothing hidden: coordinators and admins. */
  static readonly NONE = new Redaction(new Map(), undefined);

  private constructor(
    private readonly hidden: ReadonlyMap<string, Stand>,
    /** A member's own actor: seen by its member even where the member's class would hide it. */
    private readonly own: string | undefined,
  ) {}

  /**
   * The hidden actors of a network for a class of viewers, with what stands in their place
   * (`key`: the process's secret for the anonymous ids).
   */
  static forClass(actors: Iterable<Actor>, cls: ViewerClass, key: Buffer): ReadonlyMap<string, Stand> {
    const hidden = new Map<string, Stand>();
    if (cls === 'privileged') return hidden;
    for (const a of actors) {
      const v = a.visibility ?? 'public';
      if (v === 'public' || (v === 'members' && cls === 'user')) continue;
      hidden.set(a.id, { id: anonymousId(a.id, key), ...anonymousName(a) });
    }
    return hidden;
  }

  /**
   * The redaction of these hidden actors for a viewer: the same object for every viewer who sees
   * the same actors while `hidden` is the same map, so that what is redacted for one of them can be
   * kept for the others (redact-deep.ts, `redactKept`). A member's own actor sets a member apart
   * only when it is one of the hidden.
   */
  static of(hidden: ReadonlyMap<string, Stand>, viewer: Viewer): Redaction {
    if (hidden.size === 0) return Redaction.NONE;
    const byOwn = Redaction.made(hidden);
    const actorId = viewer.user?.actorId;
    const own = actorId !== undefined && hidden.has(actorId) ? actorId : undefined;
    let made = byOwn.get(own);
    if (!made) byOwn.set(own, (made = new Redaction(hidden, own)));
    return made;
  }

  private static readonly made = perObject((_hidden: ReadonlyMap<string, Stand>) => new Map<string | undefined, Redaction>());

  get hidesAny(): boolean {
    return this.hidden.size > 0;
  }

  hides(id: string): boolean {
    return id !== this.own && this.hidden.has(id);
  }

  /** The id to answer with: the anonymous one for a hidden actor. */
  id(id: string): string {
    return (id !== this.own && this.hidden.get(id)?.id) || id;
  }

  /** What stands in place of a hidden actor, or undefined when it is seen. */
  stand(id: string): Stand | undefined {
    return id === this.own ? undefined : this.hidden.get(id);
  }

  /** `{ id, name, name_ja }` with a hidden actor's anonymous id and names in place of its own. */
  ref<T extends { id: string; name: string; name_ja?: string }>(r: T): T {
    const s = this.stand(r.id);
    return s ? { ...r, id: s.id, name: s.name, name_ja: s.name_ja } : r;
  }
}

/** A hidden actor's id: `anon-` and a keyed hash, the same within one server process. */
export function anonymousId(id: string, key: Buffer): string {
  return `anon-${createHmac('sha256', key).update(id).digest('base64url').slice(0, 16)}`;
}
