/**
 * A request as one viewer may see it. Identities stay with the coordinator: each actor passes
 * through the viewer's Redaction (a private actor stands anonymous, under the id its suggestion
 * showed), and the user names and notes of the other side are not shown, until the target
 * accepts; from then on both sides see each other by name. Intermediaries always pass through the
 * Redaction. An actor deleted after the request stands as "a removed enterprise".
 */
import type { Introduction, IntroductionParty, IntroductionSide, IntroductionStep } from '../../contract/api.ts';
import type { User } from '../auth/roles.ts';
import type { Actor, ActorType } from '../model.ts';
import type { Redaction } from '../privacy/redaction.ts';
import { ACTOR_TYPE_NAMES } from '../reference/actor-types.ts';
import { actionsFor, isRevealed, mainSide, sidesOf, type IntroductionRecord, type StepRecord } from './introduction-steps.ts';

/** What a view needs besides the request: the viewer, its Redaction and the current actors. */
export interface ViewContext {
  user: User | undefined;
  redaction: Redaction;
  actor: (id: string) => Actor | undefined;
}

/** The id a removed actor stands under for viewers who do not see everything. */
export const REMOVED_ID = 'removed';

function removedParty(id: string, type: ActorType, seesAll: boolean): IntroductionParty {
  const one = ACTOR_TYPE_NAMES[type]?.one ?? { en: 'organisation', ja: '組織' };
  return { id: seesAll ? id : REMOVED_ID, name: `A removed ${one.en}`, name_ja: `削除された${one.ja}`, type, removed: true };
}

function party(actor: Actor, shown: boolean, redaction: Redaction): IntroductionParty {
  const named = { id: actor.id, name: actor.name, name_ja: actor.name_ja ?? actor.name };
  const ref = shown ? named : redaction.ref(named);
  return {
    ...ref,
    type: actor.type,
    ...(actor.prefecture ? { prefecture: actor.prefecture } : {}),
    ...(actor.country ? { country: actor.country } : {}),
  };
}

/** Whether the viewer sees who took a step and the note it carried. */
function seesStepAuthor(step: StepRecord, sides: readonly IntroductionSide[], revealed: boolean): boolean {
  if (step.side === 'coordinator' || sides.includes('coordinator') || sides.includes(step.side)) return true;
  return revealed && (sides.includes('asker') || sides.includes('target'));
}

function viewStep(step: StepRecord, sides: readonly IntroductionSide[], revealed: boolean): IntroductionStep {
  const open = seesStepAuthor(step, sides, revealed);
  return {
    at: step.at,
    status: step.status,
    by: open ? step.byName : null,
    side: step.side,
    ...(step.reason ? { reason: step.reason } : {}),
    ...(step.note !== undefined && open ? { note: step.note } : {}),
    ...(step.date ? { date: step.date } : {}),
  };
}

/**
 * The request as `ctx.user` may see it. The caller has checked that the user may see it at all
 * (introduction-steps.ts `canView`).
 */
export function viewIntroduction(record: IntroductionRecord, ctx: ViewContext): Introduction {
  const sides = sidesOf(record, ctx.user);
  const revealed = isRevealed(record);
  const seesAll = sides.includes('coordinator');
  const isParty = sides.includes('asker') || sides.includes('target');
  const side = (id: string, type: ActorType): IntroductionParty => {
    const actor = ctx.actor(id);
    if (!actor) return removedParty(id, type, seesAll);
    // After the acceptance the two sides see each other by name, whatever the Redaction says.
    return party(actor, seesAll || (revealed && isParty), ctx.redaction);
  };
  const via = record.viaIds.flatMap((id) => {
    const actor = ctx.actor(id);
    return actor ? [party(actor, seesAll, ctx.redaction)] : [];
  });
  const viewerSide = mainSide(sides);
  return {
    id: record.id,
    status: record.status,
    asker: side(record.askerId, record.askerType),
    target: side(record.targetId, record.targetType),
    via,
    message: record.message,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    ...(record.tieKind ? { tieKind: record.tieKind } : {}),
    history: record.history.map((s) => viewStep(s, sides, revealed)),
    actions: actionsFor(record, ctx.user),
    ...(viewerSide ? { viewerSide } : {}),
    revealed,
  };
}
