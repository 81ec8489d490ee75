import { describe, expect, it } from 'vitest';
import { anonymousId, canSee, Redaction, viewerClass, visibleLevels, type Viewer } from '../../server/domain/privacy/redaction.ts';
import { redactDeep, redactKept } from '../../server/domain/privacy/redact-deep.ts';
import { redactNetwork } from '../../server/domain/privacy/redact-network.ts';
import type { Actor } from '../../server/domain/model.ts';

const key = Buffer.alloc(32, 7);
const actors: Actor[] = [
  { id: 'pub', type: 'University', name: 'Open Lab', visibility: 'public' },
  { id: 'mem', type: 'Enterprise', name: 'Members Co', prefecture: 'Gifu', visibility: 'members' },
  { id: 'priv', type: 'Enterprise', name: 'Secret Co', name_ja: '秘密', prefecture: 'Aichi', fields: ['robots'], lat: 35, lon: 137, employees: 12, seeks: ['sensors'], extra: { contact: 'Sato' }, visibility: 'private' },
];
const viewers: Record<string, Viewer> = {
  public: {},
  member: { user: { id: 'u1', username: 'm', role: 'member', actorId: 'pub' } },
  own: { user: { id: 'u2', username: 'o', role: 'member', actorId: 'priv' } },
  coordinator: { user: { id: 'u3', username: 'c', role: 'coordinator' } },
  admin: { user: { id: 'u4', username: 'a', role: 'admin' } },
};

function redactionFor(v: Viewer): Redaction {
  const cls = viewerClass(v);
  return cls === 'privileged' ? Redaction.NONE : Redaction.of(Redaction.forClass(actors, cls, key), v);
}

describe('who sees which actor by name', () => {
  it('follows the three visibilities for every kind of viewer', () => {
    const seen = (v: Viewer) => actors.filter((a) => canSee(v, a)).map((a) => a.id);
    expect(seen(viewers.public)).toEqual(['pub']);
    expect(seen(viewers.member)).toEqual(['pub', 'mem']);
    expect(seen(viewers.own)).toEqual(['pub', 'mem', 'priv']);
    expect(seen(viewers.coordinator)).toEqual(['pub', 'mem', 'priv']);
    expect(seen(viewers.admin)).toEqual(['pub', 'mem', 'priv']);
    expect(visibleLevels(viewers.public)).toEqual(['public']);
    expect(visibleLevels(viewers.member)).toEqual(['public', 'members']);
  });

  it('agrees with the Redaction built for the viewer', () => {
    for (const v of Object.values(viewers)) {
      const r = redactionFor(v);
      for (const a of actors) expect(r.hides(a.id)).toBe(!canSee(v, a));
    }
  });

  it('gives a hidden actor an anonymous id that does not contain its own and depends on the key', () => {
    const r = redactionFor(viewers.public);
    expect(r.id('priv')).toBe(anonymousId('priv', key));
    expect(r.id('priv')).not.toContain('priv');
    expect(anonymousId('priv', Buffer.alloc(32, 8))).not.toBe(r.id('priv'));
    expect(r.ref({ id: 'priv', name: 'Secret Co', name_ja: '秘密', kind: 'x' })).toEqual({ id: r.id('priv'), name: 'An enterprise in Aichi (robots)', name_ja: '愛知県の企業（ロボット）', kind: 'x' });
  });
});

describe('redacting answers', () => {
  it('replaces hidden ids everywhere in an analysis answer, keys included, and leaves numbers', () => {
    const r = redactionFor(viewers.member);
    const out = redactDeep({ brokers: [{ id: 'priv', name: 'Secret Co', type: 'Enterprise', betweenness: 0.5 }], members: { priv: 3, pub: 1 }, ids: ['priv', 'mem'], count: 3 }, r);
    expect(JSON.stringify(out)).not.toMatch(/priv|Secret/);
    expect(out.brokers[0]).toMatchObject({ name: 'An enterprise in Aichi (robots)', betweenness: 0.5 });
    expect(out.ids[1]).toBe('mem');
    expect(out.count).toBe(3);
  });

  it('keeps every actor and tie of an export, a hidden actor without what could identify it', () => {
    const r = redactionFor(viewers.public);
    const ties = [{ source: 'pub', target: 'priv', kind: 'COLLABORATES' as const, weight: 1 }];
    const out = redactNetwork(actors, ties, r);
    expect(out.actors).toHaveLength(3);
    expect(JSON.stringify(out)).not.toMatch(/priv"|Secret|Sato|秘密|Members Co/);
    const hidden = out.actors[2];
    expect(Object.keys(hidden).sort()).toEqual(['fields', 'id', 'name', 'name_ja', 'prefecture', 'type', 'visibility']);
    expect(out.ties[0]).toEqual({ ...ties[0], target: r.id('priv') });
  });

  it('changes nothing for coordinators and admins', () => {
    const data = { id: 'priv', name: 'Secret Co' };
    expect(redactDeep(data, Redaction.NONE)).toBe(data);
  });

  it('redacts a kept answer once per scope of viewers, as redactDeep would, and apart for another scope', () => {
    const userHidden = Redaction.forClass(actors, 'user', key);
    const memberA = { user: { id: 'u5', username: 'a2', role: 'member' as const, actorId: 'pub' } };
    const ofMembersActor = { user: { id: 'u6', username: 'a3', role: 'member' as const, actorId: 'mem' } };
    const [one, same, own] = [viewers.member, memberA, viewers.own].map((v) => Redaction.of(userHidden, v));
    expect(same).toBe(one);
    // A member whose own actor its class sees anyway sees what the other members see.
    expect(Redaction.of(userHidden, ofMembersActor)).toBe(one);
    expect(Redaction.of(userHidden, {})).toBe(one);
    expect(own).not.toBe(one);
    const kept = { brokers: [{ id: 'priv', name: 'Secret Co' }], members: { priv: 3, pub: 1 } };
    const first = redactKept(kept, one);
    expect(first).toEqual(redactDeep(kept, one));
    expect(redactKept(kept, same)).toBe(first);
    // The private actor's own member sees it by name: not the answer kept for the other members.
    const forOwn = redactKept(kept, own);
    expect(forOwn).not.toBe(first);
    expect(forOwn.brokers[0].name).toBe('Secret Co');
    expect(JSON.stringify(first)).not.toMatch(/priv|Secret/);
    // Another version's hidden actors (another map) make another redaction: nothing kept is reused.
    expect(Redaction.of(Redaction.forClass(actors, 'user', key), viewers.member)).not.toBe(one);
    expect(redactKept(kept, Redaction.NONE)).toBe(kept);
  });
});
