/**
 * What the in-app notifications say, in English and Japanese. A notification is written from the
 * request as its reader sees it (introduction-view.ts), so a hidden side is named only by its
 * anonymous stand-in ("An enterprise in Aichi (robots)").
 */
import type { DeclineReason, Introduction, IntroductionStatus } from '../../contract/api.ts';

export interface Text {
  en: string;
  ja: string;
}

export const REASON_TEXTS: Readonly<Record<DeclineReason, Text>> = {
  too_early: { en: 'too early', ja: '時期尚早' },
  benefit_unclear: { en: 'benefit unclear', ja: 'メリットが不明確' },
  no_capacity: { en: 'no capacity', ja: '対応する余力がない' },
  other: { en: 'other reason', ja: 'その他の理由' },
};

export const STATUS_TEXTS: Readonly<Record<IntroductionStatus, Text>> = {
  requested: { en: 'requested', ja: '依頼中' },
  approved: { en: 'approved by a coordinator', ja: 'コーディネーター承認済み' },
  declined_by_coordinator: { en: 'declined by a coordinator', ja: 'コーディネーターが見送り' },
  accepted: { en: 'accepted', ja: '受諾' },
  declined: { en: 'declined', ja: '辞退' },
  withdrawn: { en: 'withdrawn', ja: '取り下げ' },
  met: { en: 'met', ja: '面談済み' },
  collaborating: { en: 'collaborating', ja: '連携中' },
  ended: { en: 'ended', ja: '終了' },
};

/** English sentences start with a capital; anonymous names already do ("An enterprise …"). */
function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The notification of the step that brought the request to `status`, as `intro` (the reader's
 * view of the request) tells it: the names the reader may see, the reason and the date.
 */
export function notificationText(intro: Introduction, status: IntroductionStatus): Text {
  const a = { en: intro.asker.name, ja: intro.asker.name_ja };
  const t = { en: intro.target.name, ja: intro.target.name_ja };
  const step = [...intro.history].reverse().find((s) => s.status === status);
  const date = step?.date ?? step?.at.slice(0, 10) ?? '';
  switch (status) {
    case 'requested':
      return { en: `${capital(a.en)} asks for an introduction to ${t.en}.`, ja: `${a.ja}が${t.ja}への紹介を依頼しました。` };
    case 'approved':
      return { en: `A coordinator approved the introduction of ${a.en} to ${t.en}.`, ja: `コーディネーターが${a.ja}から${t.ja}への紹介を承認しました。` };
    case 'declined_by_coordinator':
      return { en: `A coordinator declined the request of ${a.en} for an introduction to ${t.en}.`, ja: `コーディネーターが${a.ja}から${t.ja}への紹介依頼を見送りました。` };
    case 'accepted':
      return { en: `${capital(t.en)} accepted the introduction to ${a.en}.`, ja: `${t.ja}が${a.ja}との紹介を受諾しました。` };
    case 'declined': {
      const reason = step?.reason ? REASON_TEXTS[step.reason] : undefined;
      return {
        en: `${capital(t.en)} declined the introduction to ${a.en}${reason ? ` (${reason.en})` : ''}.`,
        ja: `${t.ja}が${a.ja}との紹介を辞退しました${reason ? `（理由：${reason.ja}）` : ''}。`,
      };
    }
    case 'withdrawn':
      return { en: `The request of ${a.en} for an introduction to ${t.en} was withdrawn.`, ja: `${a.ja}から${t.ja}への紹介依頼は取り下げられました。` };
    case 'met':
      return { en: `${capital(a.en)} and ${t.en} met on ${date}.`, ja: `${a.ja}と${t.ja}が${date}に面談しました。` };
    case 'collaborating':
      return { en: `${capital(a.en)} and ${t.en} collaborate since ${date}.`, ja: `${a.ja}と${t.ja}は${date}から連携しています。` };
    case 'ended':
      return { en: `The introduction of ${a.en} to ${t.en} ended on ${date}.`, ja: `${a.ja}と${t.ja}の紹介案件は${date}に終了しました。` };
  }
}
