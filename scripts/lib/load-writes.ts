/**
 * The writes of a load's clients (load-clients.ts chooses them): small CSV imports, actor and tie
 * edits, introduction requests and their steps, event participants and meetings, as coordinators
 * and members. Every acknowledged write goes into the ledger; one without a clear answer sets its
 * things aside as doubtful.
 */
import { send, type Answer, type Call, type Caller } from './load.ts';
import { tieEnds, tieKey } from './load-ledger.ts';
import { csvForm, FIELD_IDS, pick, PREFECTURES, type ClientState, type World } from './load-world.ts';

/** Sends a write; counts it when acknowledged, sets its things aside when it got no clear answer. */
async function sendWrite(w: World, call: Call, keys: readonly string[]): Promise<Answer | undefined> {
  const answer = await send(w.base, call, w.recorder, w.options.timeoutMs);
  if (answer.expected) {
    w.ledger.acknowledged++;
    return answer;
  }
  // A 4xx is a refusal (nothing written); anything else may or may not have been written.
  if (answer.status === 0 || answer.status >= 500) for (const key of keys) w.ledger.doubt(key);
  return undefined;
}

/**
 * The year of the ties the clients write: within the demonstration network's years (to 2010), so
 * that the writes do not move the network's latest year, which the suggestions calibrate on.
 */
const TIE_YEAR = 2009;
const today = () => new Date().toISOString().slice(0, 10);
const weight = (rng: () => number) => Math.round((1 + rng() * 4) * 10) / 10;

export async function importBatch(w: World, c: ClientState): Promise<void> {
  const n = ++c.seq;
  const ids = [0, 1, 2].map((k) => `${w.prefix}c${c.index}-i${n}-${k}`);
  const pairs: Array<[string, string]> = [[ids[0], ids[1]], [ids[1], ids[2]], [ids[2], c.home]];
  const weights = pairs.map(() => weight(c.rng));
  const actors = `id,type,name,name_ja,prefecture,fields,seeks,visibility\n${ids.map((id, k) => `${id},${k === 1 ? 'University' : 'Enterprise'},Load ${id},負荷${n}-${k},${pick(c.rng, PREFECTURES)},${pick(c.rng, FIELD_IDS)},${pick(c.rng, FIELD_IDS)},public`).join('\n')}\n`;
  const ties = `source,target,kind,weight,since\n${pairs.map(([a, b], k) => `${a},${b},COLLABORATES,${weights[k]},${TIE_YEAR}`).join('\n')}\n`;
  const keys = [...ids.map((id) => `actor:${id}`), ...pairs.map(([a, b]) => tieKey(a, b))];
  const ok = await sendWrite(w, { kind: 'import', method: 'POST', path: '/api/import', as: c.coordinator, form: csvForm({ actors, ties }) }, keys);
  if (!ok) return;
  for (const id of ids) w.ledger.expect(`actor:${id}`, { what: 'actor', id, present: true, name: `Load ${id}` });
  pairs.forEach(([a, b], k) => {
    w.ledger.expect(tieKey(a, b), { what: 'tie', ...tieEnds(a, b), present: true, weight: weights[k] });
    c.ties.set(tieKey(a, b), { a, b });
  });
  c.stable.push(...ids);
}

export async function createActor(w: World, c: ClientState): Promise<void> {
  const id = `${w.prefix}c${c.index}-a${++c.seq}`;
  const name = `Load single ${id}`;
  const body = { id, type: 'Enterprise', name, prefecture: pick(c.rng, PREFECTURES), fields: [pick(c.rng, FIELD_IDS)], visibility: 'public' };
  const ok = await sendWrite(w, { kind: 'actor.create', method: 'POST', path: '/api/actors', as: c.coordinator, json: body, expect: [201] }, [`actor:${id}`]);
  if (!ok) return;
  w.ledger.expect(`actor:${id}`, { what: 'actor', id, present: true, name });
  c.scratch.push(id);
}

export async function renameActor(w: World, c: ClientState): Promise<void> {
  const id = pick(c.rng, c.scratch);
  const name = `Load renamed ${id} ${++c.seq}`;
  const ok = await sendWrite(w, { kind: 'actor.update', method: 'PATCH', path: `/api/actors/${id}`, as: c.coordinator, json: { name } }, [`actor:${id}`]);
  if (ok) w.ledger.expect(`actor:${id}`, { what: 'actor', id, present: true, name });
  else c.scratch = c.scratch.filter((x) => x !== id);
}

export async function editOwnProfile(w: World, c: ClientState): Promise<void> {
  const fields = [...new Set(Array.from({ length: 1 + Math.floor(c.rng() * 3) }, () => pick(c.rng, FIELD_IDS)))];
  const key = `actor:${c.home}`;
  if (w.ledger.isDoubted(key)) return;
  const ok = await sendWrite(w, { kind: 'actor.update-own', method: 'PATCH', path: `/api/actors/${c.home}`, as: c.member, json: { fields } }, [key]);
  if (ok) w.ledger.expect(key, { what: 'actor', id: c.home, present: true, fields });
}

export async function deleteActor(w: World, c: ClientState): Promise<void> {
  const id = c.scratch.splice(Math.floor(c.rng() * c.scratch.length), 1)[0];
  const touching = [...c.ties].filter(([, t]) => t.a === id || t.b === id);
  for (const [key] of touching) c.ties.delete(key);
  const keys = [`actor:${id}`, ...touching.map(([key]) => key)];
  const ok = await sendWrite(w, { kind: 'actor.delete', method: 'DELETE', path: `/api/actors/${id}`, as: c.coordinator }, keys);
  if (!ok) return;
  w.ledger.expect(`actor:${id}`, { what: 'actor', id, present: false });
  for (const [key, t] of touching) w.ledger.expect(key, { what: 'tie', ...t, present: false });
}

export async function putTie(w: World, c: ClientState): Promise<void> {
  const pool = [...c.stable, ...c.scratch];
  const a = pick(c.rng, pool);
  const b = pick(c.rng, pool);
  const key = tieKey(a, b);
  if (a === b || w.ledger.isDoubted(key)) return;
  const value = weight(c.rng);
  const ok = await sendWrite(w, { kind: 'tie.put', method: 'PUT', path: `/api/ties/COLLABORATES/${a}/${b}`, as: c.coordinator, json: { weight: value, since: TIE_YEAR } }, [key]);
  if (!ok) {
    c.ties.delete(key);
    return;
  }
  w.ledger.expect(key, { what: 'tie', ...tieEnds(a, b), present: true, weight: value });
  c.ties.set(key, tieEnds(a, b));
}

export async function deleteTie(w: World, c: ClientState): Promise<void> {
  const [key, t] = pick(c.rng, [...c.ties]);
  c.ties.delete(key);
  const ok = await sendWrite(w, { kind: 'tie.delete', method: 'DELETE', path: `/api/ties/COLLABORATES/${t.a}/${t.b}`, as: c.coordinator }, [key]);
  if (ok) w.ledger.expect(key, { what: 'tie', ...t, present: false });
}

export async function requestIntroduction(w: World, c: ClientState): Promise<void> {
  const byMember = c.rng() < 0.5;
  const asker = byMember ? c.home : pick(c.rng, c.stable);
  const target = pick(c.rng, c.stable);
  const pair = `${asker}>${target}`;
  if (asker === target || c.introPairs.has(pair)) return;
  c.introPairs.add(pair);
  const json = { ...(byMember ? {} : { asker }), target, message: `Load test introduction ${pair}` };
  const answer = await sendWrite(w, { kind: 'introduction.request', method: 'POST', path: '/api/introductions', as: byMember ? c.member : c.coordinator, json, expect: [201] }, []);
  if (!answer) return;
  const id = answer.body.id as string;
  w.ledger.expect(`intro:${id}`, { what: 'introduction', id, status: 'requested' });
  c.intros.push({ id, status: 'requested', byMember });
}

const OPEN_INTRODUCTION = new Set(['requested', 'approved', 'accepted', 'met']);

export async function stepIntroduction(w: World, c: ClientState): Promise<void> {
  const intro = pick(c.rng, c.intros);
  const r = c.rng();
  let step: { path: string; json: object; to: string; as: Caller };
  if (intro.status === 'requested') {
    if (r < 0.8) step = { path: 'approve', json: {}, to: 'approved', as: c.coordinator };
    else if (r < 0.9) step = { path: 'decline', json: { note: 'not now' }, to: 'declined_by_coordinator', as: c.coordinator };
    else step = { path: 'withdraw', json: {}, to: 'withdrawn', as: intro.byMember ? c.member : c.coordinator };
  } else if (intro.status === 'approved') {
    step = r < 0.9 ? { path: 'accept', json: {}, to: 'accepted', as: c.coordinator } : { path: 'refuse', json: { reason: 'no_capacity' }, to: 'declined', as: c.coordinator };
  } else if (intro.status === 'accepted') {
    step = { path: 'outcome', json: { outcome: 'met', date: today() }, to: 'met', as: intro.byMember && r < 0.5 ? c.member : c.coordinator };
  } else {
    step = { path: 'outcome', json: { outcome: 'ended', date: today() }, to: 'ended', as: c.coordinator };
  }
  const key = `intro:${intro.id}`;
  const answer = await sendWrite(w, { kind: `introduction.${step.path}`, method: 'POST', path: `/api/introductions/${intro.id}/${step.path}`, as: step.as, json: step.json }, [key]);
  if (!answer || answer.body?.status !== step.to) {
    c.intros = c.intros.filter((i) => i !== intro);
    if (answer) {
      w.recorder.flag(`POST /api/introductions/${intro.id}/${step.path}: answered status '${answer.body?.status}', expected '${step.to}'`);
      w.ledger.doubt(key);
    }
    return;
  }
  intro.status = step.to;
  w.ledger.expect(key, { what: 'introduction', id: intro.id, status: step.to });
  if (!OPEN_INTRODUCTION.has(step.to)) c.intros = c.intros.filter((i) => i !== intro);
}

export async function register(w: World, c: ClientState): Promise<void> {
  const own = !c.registered.has(c.home) && (c.rng() < 0.5 || c.stable.every((id) => c.registered.has(id)));
  const actor = own ? c.home : pick(c.rng, c.stable.filter((id) => !c.registered.has(id)));
  const key = `participant:${actor}`;
  if (w.ledger.isDoubted(key)) return;
  const json = own ? { seeks: ['robots'] } : { actor };
  const ok = await sendWrite(w, { kind: 'event.register', method: 'POST', path: `/api/events/${w.eventId}/participants`, as: own ? c.member : c.coordinator, json, expect: [201] }, [key]);
  if (!ok) return;
  w.ledger.expect(key, { what: 'participant', actor });
  c.registered.add(actor);
}

export async function requestMeeting(w: World, c: ClientState): Promise<void> {
  const registered = [...c.registered];
  const byMember = c.registered.has(c.home) && c.rng() < 0.5;
  const requester = byMember ? c.home : pick(c.rng, registered);
  const target = pick(c.rng, registered);
  const pair = [requester, target].sort().join('|');
  if (requester === target || c.meetingPairs.has(pair)) return;
  c.meetingPairs.add(pair);
  const json = { ...(byMember ? {} : { requester }), target, message: 'Load test meeting' };
  const answer = await sendWrite(w, { kind: 'event.meeting', method: 'POST', path: `/api/events/${w.eventId}/meetings`, as: byMember ? c.member : c.coordinator, json, expect: [201] }, []);
  if (!answer) return;
  const id = answer.body.id as string;
  w.ledger.expect(`meeting:${id}`, { what: 'meeting', id, status: answer.body.status as string });
  c.meetings.push({ id, status: answer.body.status as string });
}

export async function stepMeeting(w: World, c: ClientState): Promise<void> {
  const meeting = pick(c.rng, c.meetings);
  const r = c.rng();
  const action = meeting.status === 'requested' ? (r < 0.7 ? 'accept' : r < 0.9 ? 'decline' : 'cancel') : 'cancel';
  const to = { accept: 'accepted', decline: 'declined', cancel: 'cancelled' }[action];
  const key = `meeting:${meeting.id}`;
  const answer = await sendWrite(w, { kind: `event.meeting-${action}`, method: 'POST', path: `/api/event-meetings/${meeting.id}/${action}`, as: c.coordinator, json: {} }, [key]);
  if (!answer || answer.body?.status !== to) {
    c.meetings = c.meetings.filter((m) => m !== meeting);
    if (answer) {
      w.recorder.flag(`POST /api/event-meetings/${meeting.id}/${action}: answered status '${answer.body?.status}', expected '${to}'`);
      w.ledger.doubt(key);
    }
    return;
  }
  meeting.status = to;
  w.ledger.expect(key, { what: 'meeting', id: meeting.id, status: to });
  if (to !== 'requested' && to !== 'accepted') c.meetings = c.meetings.filter((m) => m !== meeting);
}
