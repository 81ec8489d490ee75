/**
 * What the suggestions look for, above them in the actor panel: kinds of partner (universities and
 * research institutes, enterprises, lenders, incubation managers, support bodies) and where and in
 * which field. The choice lives in the view state (`ViewState.targets`, in the URL); the panel asks
 * the server again when it changes (`types`, `region`, `country`, `maxKm`, `field`). Nothing
 * chosen leaves the types to the server: the usual partners of the actor's type.
 */
import type { ActorDetail, ActorType } from '../../../server/contract/api.ts';
import { refName, type NetworkData } from '../data/network-data.ts';
import type { Lang, Store, SuggestionTargets } from '../data/state.ts';
import { el } from '../dom.ts';
import { lookText, type TargetMessageKey } from './target-chooser-messages.ts';

/** The kinds of partner a user picks from, each the actor types it stands for. */
export const TARGET_GROUPS: readonly { id: string; types: readonly ActorType[] }[] = [
  { id: 'academia', types: ['University', 'ResearchInstitute'] },
  { id: 'enterprises', types: ['Enterprise'] },
  { id: 'lenders', types: ['FinancialInstitution'] },
  { id: 'incubation', types: ['IncubationManager'] },
  { id: 'support', types: ['SupportOrganization'] },
];

/** The distances offered, in km. */
export const DISTANCES = [10, 25, 50, 100, 200, 500] as const;

/** Whether the server can measure distances from this actor (coordinates or a prefecture). */
export function hasLocation(detail: ActorDetail | null): boolean {
  return Boolean(detail && ((detail.actor.lat !== undefined && detail.actor.lon !== undefined) || detail.actor.prefecture));
}

/** The types asked for once a group is switched on or off. */
export function toggleGroup(types: readonly ActorType[], group: { types: readonly ActorType[] }, on: boolean): ActorType[] {
  const rest = types.filter((t) => !group.types.includes(t));
  return on ? [...rest, ...group.types] : rest;
}

export interface TargetChooserOptions {
  /** The actor's details (for its location), once loaded. */
  detail: ActorDetail | null;
  /** The types the server used when none were chosen (its answer's `types`). */
  usualTypes: readonly ActorType[] | null;
}

/** The chooser, built from the state; every change goes to the store. */
export function targetChooser(data: NetworkData, store: Store, lang: Lang, options: TargetChooserOptions): HTMLElement {
  const targets = store.get().targets;
  const change = (patch: Partial<SuggestionTargets>) => store.set((s) => ({ targets: { ...s.targets, ...patch }, suggestion: null, path: null }));

  const groups = el('div', { className: 'look-groups', role: 'group', 'aria-labelledby': 'look-title' });
  for (const group of TARGET_GROUPS) {
    const on = group.types.every((t) => targets.types.includes(t));
    const box = el('input', { type: 'checkbox', id: `look-type-${group.id}` });
    box.checked = on;
    box.addEventListener('change', () => change({ types: toggleGroup(store.get().targets.types, group, box.checked) }));
    groups.append(el('label', { className: `look-group${on ? ' on' : ''}`, for: box.id }, box, lookText(`look.group.${group.id}` as TargetMessageKey)));
  }

  const usual = targets.types.length
    ? ''
    : el('p', { className: 'muted look-usual' }, options.usualTypes?.length
      ? lookText('look.usual', { types: options.usualTypes.map((id) => refName(data.reference.types.find((r) => r.id === id), lang) || id).join(', ') })
      : lookText('look.usualUnknown'));

  const region = select('look-region', lookText('look.region'), targets.region ?? '', [
    ['', lookText('look.any')],
    ...data.reference.regions.map((r): [string, string] => [r.id, refName(r, lang)]),
  ], (v) => change({ region: v || null }));
  const country = select('look-country', lookText('look.country'), targets.country ?? '', [['', lookText('look.any')], ...countries(data, lang)], (v) => change({ country: v || null }));
  const located = hasLocation(options.detail);
  const distance = located
    ? select('look-km', lookText('look.distance'), targets.maxKm === null ? '' : String(targets.maxKm), [
      ['', lookText('look.anyDistance')],
      ...DISTANCES.map((km): [string, string] => [String(km), lookText('look.km', { km })]),
    ], (v) => change({ maxKm: v ? Number(v) : null }))
    : el('p', { className: 'muted look-no-place', id: 'look-no-place' }, lookText('look.noPlace'));
  const fields = [...data.reference.fields].sort((a, b) => refName(a, lang).localeCompare(refName(b, lang), lang));
  const field = select('look-field', lookText('look.field'), targets.field ?? '', [['', lookText('look.any')], ...fields.map((f): [string, string] => [f.id, refName(f, lang)])], (v) => change({ field: v || null }));

  const chosen = targets.types.length || targets.region || targets.country || targets.maxKm !== null || targets.field;
  const reset = el('button', { className: 'link-button', type: 'button', id: 'look-reset', title: lookText('look.resetTitle') }, lookText('look.reset'));
  reset.disabled = !chosen;
  reset.addEventListener('click', () => change({ types: [], region: null, country: null, maxKm: null, field: null }));

  const form = el('form', { className: 'target-chooser', id: 'target-chooser', 'aria-labelledby': 'look-title' },
    el('div', { className: 'look-head' }, el('span', { className: 'look-title', id: 'look-title' }, lookText('look.title')), reset),
    groups,
    usual,
    el('div', { className: 'look-where' }, region, country, distance, field),
  );
  // Every control applies at once; Enter sends nothing.
  form.addEventListener('submit', (e) => e.preventDefault());
  return form;
}

/** Japan and the countries of the actors abroad, by name in the interface language. */
function countries(data: NetworkData, lang: Lang): [string, string][] {
  const codes = new Set<string>();
  data.graph.forEachNode((_id, attr) => {
    if (/^[A-Z]{2}$/.test(attr.country) && attr.country !== 'JP') codes.add(attr.country);
  });
  const names = new Intl.DisplayNames([lang], { type: 'region' });
  const named = [...codes].map((c): [string, string] => [c, names.of(c) ?? c]).sort((a, b) => a[1].localeCompare(b[1], lang));
  return [['JP', lookText('look.japan')], ...named];
}

function select(id: string, label: string, value: string, options: [string, string][], onChange: (value: string) => void): HTMLElement {
  const s = el('select', { id });
  for (const [v, text] of options) s.append(new Option(text, v, false, v === value));
  // A value the list does not hold (from a link): kept, so the request and the control agree.
  if (value && !options.some(([v]) => v === value)) s.append(new Option(value, value, false, true));
  s.addEventListener('change', () => onChange(s.value));
  return el('label', { className: 'look-field-control', for: id }, el('span', {}, label), s);
}
