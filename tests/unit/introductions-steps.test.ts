import { describe, expect, it } from 'vitest';
import type { User } from '../../server/domain/auth/roles.ts';
import { AppError } from '../../server/domain/errors.ts';
import {
  actionsFor,
  applyStep,
  canView,
  checkOutcomeDate,
  checkStep,
  INTRODUCTION_ACTIONS,
  INTRODUCTION_STATUSES,
  STEP_RULES,
  tieEnds,
  type IntroductionAction,
  type IntroductionRecord,
  type IntroductionStatus,
  type StepRecord,
} from '../../server/domain/introductions/introduction-steps.ts';
import { viewIntroduction } from '../../server/domain/introductions/introduction-view.ts';
import { notificationText, REASON_TEXTS } from '../../server/domain/introductions/introduction-texts.ts';
import type { Actor } from '../../server/domain/model.ts';
import { Redaction, viewerClass, type Viewer } from '../../server/domain/privacy/redaction.ts';

const users = {
  asker: { id: 'u-a', username: 'asker.member', role: 'member', actorId: 'ent' },
  target: { id: 'u-t', username: 'target.member', role: 'member', actorId: 'lab' },
  third: { id: 'u-x', username: 'third.member', role: 'member', actorId: 'other' },
  coordinator: { id: 'u-c', username: 'coord', role: 'coordinator' },
  admin: { id: 'u-adm', username: 'root', role: 'admin' },
} satisfies Record<string, User>;

const T0 = '2026-03-02T09:00:00.000Z';

function request(status: IntroductionStatus = 'requested', extra: Partial<IntroductionRecord> = {}): IntroductionRecord {
  return {
    id: 'i1',
    status,
    askerId: 'ent',
    targetId: 'lab',
    viaIds: [],
    askerType: 'Enterprise',
    targetType: 'University',
    message: 'We look for a partner in sensors.',
    requestedById: users.asker.id,
    requestedByName: users.asker.username,
    createdAt: T0,
    updatedAt: T0,
    history: [{ at: T0, status: 'requested', byId: users.asker.id, byName: users.asker.username, side: 'asker' }],
    ...extra,
  };
}

/** Walks the request through `actions`, each taken by the first side its rule allows. */
function walk(actions: IntroductionAction[], start = request()): IntroductionRecord {
  let r = start;
  let day = 2;
  for (const action of actions) {
    const by = STEP_RULES[action].by.includes('coordinator') ? users.coordinator : users.target;
    const side = checkStep(r, by, action);
    const step: StepRecord = { at: `2026-03-${String(++day).padStart(2, '0')}T09:00:00.000Z`, status: STEP_RULES[action].to, byId: by.id, byName: by.username, side };
    if (action === 'refuse') step.reason = 'no_capacity';
    r = applyStep(r, step);
  }
  return r;
}

/** A request put straight into `status`, with the steps that lead there in its history. */
function inStatus(status: IntroductionStatus): IntroductionRecord {
  const path: Record<IntroductionStatus, IntroductionAction[]> = {
    requested: [],
    approved: ['approve'],
    declined_by_coordinator: ['decline'],
    accepted: ['approve', 'accept'],
    declined: ['approve', 'refuse'],
    withdrawn: ['withdraw'],
    met: ['approve', 'accept', 'met'],
    collaborating: ['approve', 'accept', 'collaborating'],
    ended: ['approve', 'accept', 'ended'],
  };
  return walk(path[status]);
}

function errorOf(fn: () => unknown): AppError | undefined {
  try {
    fn();
    return undefined;
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
}

describe('the introduction status machine', () => {
  it('walks a request from the asking to the end of a collaboration', () => {
    const r = walk(['approve', 'accept', 'met', 'collaborating', 'ended']);
    expect(r.history.map((s) => s.status)).toEqual(['requested', 'approved', 'accepted', 'met', 'collaborating', 'ended']);
    expect(r.status).toBe('ended');
    expect(r.updatedAt).toBe(r.history.at(-1)!.at);
    expect(actionsFor(r, users.coordinator)).toEqual([]);
  });

  it('lists as actions exactly the steps checkStep lets through, for every status and viewer', () => {
    for (const status of INTRODUCTION_STATUSES) {
      const r = inStatus(status);
      for (const user of Object.values(users)) {
        const allowed = INTRODUCTION_ACTIONS.filter((a) => errorOf(() => checkStep(r, user, a)) === undefined);
        expect(actionsFor(r, user), `${status} ${user.username}`).toEqual(allowed);
      }
    }
  });

  it('answers 404 to who may not see the request, 403 to a side that may not take the step, 409 out of order', () => {
    const requested = inStatus('requested');
    // The target's members see nothing before a coordinator approved; a third actor never.
    expect(errorOf(() => checkStep(requested, users.target, 'accept'))?.status).toBe(404);
    expect(errorOf(() => checkStep(inStatus('approved'), users.third, 'accept'))?.status).toBe(404);
    expect(errorOf(() => checkStep(requested, users.asker, 'approve'))?.status).toBe(403);
    expect(errorOf(() => checkStep(inStatus('approved'), users.asker, 'accept'))?.status).toBe(403);
    expect(errorOf(() => checkStep(inStatus('approved'), users.target, 'withdraw'))?.status).toBe(403);
    expect(errorOf(() => checkStep(inStatus('met'), users.target, 'collaborating'))?.status).toBe(403);
    const late = errorOf(() => checkStep(inStatus('declined'), users.coordinator, 'approve'));
    expect(late?.status).toBe(409);
    expect(late?.code).toBe('conflict');
    expect(errorOf(() => checkStep(inStatus('accepted'), users.asker, 'withdraw'))?.status).toBe(409);
    expect(errorOf(() => checkStep(requested, users.coordinator, 'met'))?.status).toBe(409);
  });

  it('shows a request to the target’s members only once approved; coordinators and admins always', () => {
    for (const status of INTRODUCTION_STATUSES) {
      const r = inStatus(status);
      const approved = r.history.some((s) => s.status === 'approved');
      expect(canView(r, users.target), status).toBe(approved);
      expect(canView(r, users.asker)).toBe(true);
      expect(canView(r, users.coordinator)).toBe(true);
      expect(canView(r, users.admin)).toBe(true);
      expect(canView(r, users.third)).toBe(false);
      expect(canView(r, undefined)).toBe(false);
    }
  });

  it('lets a member act as its side and a coordinator on either side’s behalf', () => {
    const approved = inStatus('approved');
    expect(checkStep(approved, users.target, 'refuse')).toBe('target');
    expect(checkStep(approved, users.coordinator, 'accept')).toBe('coordinator');
    expect(checkStep(approved, users.asker, 'withdraw')).toBe('asker');
    expect(checkStep(inStatus('accepted'), users.asker, 'met')).toBe('asker');
    expect(checkStep(inStatus('accepted'), users.target, 'ended')).toBe('target');
  });

  it('checks an outcome’s date: a real day, not in the future, not before the request or an earlier outcome', () => {
    const accepted = inStatus('accepted');
    const now = '2026-03-20T12:00:00.000Z';
    expect(checkOutcomeDate(accepted, '2026-03-10', now)).toBeUndefined();
    expect(checkOutcomeDate(accepted, '2026-03-21', now)).toBeUndefined(); // a day's slack for Japan's clock
    for (const [date, why] of [
      ['2026-3-10', /YYYY-MM-DD/],
      ['2026-02-30', /YYYY-MM-DD/],
      ['2026-03-25', /in the future/],
      ['2026-03-01', /before the request was made \(2026-03-02\)/],
    ] as const) {
      const err = checkOutcomeDate(accepted, date, now);
      expect(err?.status, date).toBe(400);
      expect(err?.message).toMatch(/^Field 'date': /);
      expect(err?.message).toMatch(why);
    }
    const met = applyStep(accepted, { at: now, status: 'met', byId: 'u-c', byName: 'coord', side: 'coordinator', date: '2026-03-15' });
    expect(checkOutcomeDate(met, '2026-03-14', now)?.message).toMatch(/before the outcome recorded earlier \(2026-03-15\)/);
    expect(checkOutcomeDate(met, '2026-03-15', now)).toBeUndefined();
  });

  it('points a directed tie the way its kind reads, unless the coordinator says which side is the source', () => {
    const lender = request('accepted', { askerType: 'Enterprise', targetType: 'FinancialInstitution', targetId: 'bank' });
    expect(tieEnds(lender, 'FINANCES')).toEqual({ source: 'bank', target: 'ent' });
    expect(tieEnds(lender, 'FINANCES', 'asker')).toEqual({ source: 'ent', target: 'bank' });
    expect(tieEnds(lender, 'SUPPLIES')).toEqual({ source: 'ent', target: 'bank' });
    const spinOff = request('accepted');
    expect(tieEnds(spinOff, 'SPUN_OFF_FROM')).toEqual({ source: 'ent', target: 'lab' });
    const universityAsks = request('accepted', { askerId: 'lab', askerType: 'University', targetId: 'ent', targetType: 'Enterprise' });
    expect(tieEnds(universityAsks, 'SPUN_OFF_FROM')).toEqual({ source: 'ent', target: 'lab' });
    expect(tieEnds(universityAsks, 'COLLABORATES')).toEqual({ source: 'lab', target: 'ent' });
  });
});

describe('a request as each viewer sees it', () => {
  const key = Buffer.alloc(32, 3);
  const actors: Actor[] = [
    { id: 'ent', type: 'Enterprise', name: 'Hidden Gears', name_ja: '秘密ギア', prefecture: 'Aichi', fields: ['robots'], visibility: 'private' },
    { id: 'lab', type: 'University', name: 'Quiet Lab', name_ja: '静かな研究室', prefecture: 'Gifu', fields: ['robots'], visibility: 'private' },
    { id: 'via', type: 'SupportOrganization', name: 'Secret Broker', prefecture: 'Mie', visibility: 'private' },
    { id: 'open', type: 'SupportOrganization', name: 'Open Broker', prefecture: 'Mie', visibility: 'public' },
  ];
  const byId = new Map(actors.map((a) => [a.id, a]));
  const ctx = (user: User, present: ReadonlyMap<string, Actor> = byId) => {
    const viewer: Viewer = { user };
    const redaction = viewerClass(viewer) === 'privileged' ? Redaction.NONE : Redaction.of(Redaction.forClass(actors, viewerClass(viewer), key), viewer);
    return { user, redaction, actor: (id: string) => present.get(id) };
  };
  const refused = (() => {
    const r = walk(['approve'], request('requested', { viaIds: ['via', 'open'] }));
    return applyStep(r, { at: '2026-03-05T09:00:00.000Z', status: 'declined', byId: users.target.id, byName: users.target.username, side: 'target', reason: 'too_early', note: 'Ask us next year, Quiet Lab' });
  })();
  const accepted = walk(['accept'], walk(['approve'], request('requested', { viaIds: ['via', 'open'] })));

  it('keeps each side anonymous to the other until the target accepts, and its user names and notes too', () => {
    const seen = viewIntroduction(refused, ctx(users.asker));
    expect(seen.asker.name).toBe('Hidden Gears'); // its own actor
    expect(seen.target.id).toMatch(/^anon-/);
    expect(seen.target.name).toBe('A university in Gifu (robots)');
    expect(JSON.stringify(seen)).not.toContain('Quiet Lab');
    expect(JSON.stringify(seen)).not.toContain('target.member');
    const refusal = seen.history.at(-1)!;
    expect(refusal).toMatchObject({ status: 'declined', by: null, reason: 'too_early', side: 'target' });
    expect(refusal.note).toBeUndefined();
    expect(seen.revealed).toBe(false);

    const targetView = viewIntroduction(refused, ctx(users.target));
    expect(targetView.asker.name).toBe('An enterprise in Aichi (robots)');
    expect(targetView.history[0].by).toBeNull();
    expect(targetView.history.at(-1)!.note).toBe('Ask us next year, Quiet Lab');
    expect(targetView.viewerSide).toBe('target');
  });

  it('shows both sides by name to each other once the target accepted; intermediaries still through the Redaction', () => {
    for (const [user, other] of [[users.asker, 'Quiet Lab'], [users.target, 'Hidden Gears']] as const) {
      const seen = viewIntroduction(accepted, ctx(user));
      expect(seen.revealed).toBe(true);
      expect([seen.asker.name, seen.target.name]).toContain(other);
      expect(seen.history.map((s) => s.by)).toEqual(['asker.member', 'coord', 'coord']);
      expect(seen.via.map((v) => v.name)).toEqual(['A support organisation in Mie', 'Open Broker']);
    }
  });

  it('shows everything to a coordinator, and an actor deleted since as removed', () => {
    const seen = viewIntroduction(refused, ctx(users.coordinator));
    expect([seen.asker.name, seen.target.name, ...seen.via.map((v) => v.name)]).toEqual(['Hidden Gears', 'Quiet Lab', 'Secret Broker', 'Open Broker']);
    expect(seen.history.at(-1)!.by).toBe('target.member');
    expect(seen.actions).toEqual([]);
    const withoutLab = new Map([...byId].filter(([id]) => id !== 'lab'));
    const gone = viewIntroduction(refused, ctx(users.asker, withoutLab));
    expect(gone.target).toEqual({ id: 'removed', name: 'A removed university', name_ja: '削除された大学', type: 'University', removed: true });
    expect(viewIntroduction(refused, ctx(users.coordinator, withoutLab)).target.id).toBe('lab');
  });

  it('writes each notification in English and Japanese with only the names its reader may see', () => {
    const seen = viewIntroduction(refused, ctx(users.asker));
    const text = notificationText(seen, 'declined');
    expect(text.en).toBe(`A university in Gifu (robots) declined the introduction to Hidden Gears (${REASON_TEXTS.too_early.en}).`);
    expect(text.ja).toContain('岐阜県の大学（ロボット）');
    expect(text.ja).toContain(REASON_TEXTS.too_early.ja);
    for (const status of INTRODUCTION_STATUSES) {
      const t = notificationText(viewIntroduction(inStatus(status), ctx(users.coordinator)), status);
      expect(t.en, status).toMatch(/^[A-Z].*\.$/);
      expect(t.ja, status).toMatch(/。$/);
      expect(t.en).toContain('Hidden Gears');
    }
  });
});
