/**
 * What the actor panel's suggestions look for, and the coordinators' screens, in the client's view
 * state: both round-trip through the URL; opening a screen is a history entry (Back closes it),
 * choosing targets is not; the chooser's groups map to actor types and the request carries exactly
 * the parameters chosen.
 */
import { describe, expect, it } from 'vitest';
import { defaultState, isHistoryStep, stateAtUrl, stateFromQuery, stateToQuery, type ViewState } from '../../client/src/data/state.ts';
import { suggestionQuery } from '../../client/src/data/api.ts';
import { hasLocation, TARGET_GROUPS, toggleGroup } from '../../client/src/panels/target-chooser.ts';
import type { ActorDetail } from '../../server/contract/api.ts';

const group = (id: string) => TARGET_GROUPS.find((g) => g.id === id)!;

describe('suggestion targets and screens in the view state', () => {
  it('round-trips targets and the open screen through the URL', () => {
    const state: ViewState = {
      ...defaultState(),
      selected: 'ent-1',
      targets: { types: ['FinancialInstitution', 'University'], region: 'kanto', country: 'DE', maxKm: 50, field: 'robots' },
      screen: 'import',
    };
    const query = stateToQuery(state);
    expect(new URLSearchParams(query).get('look')).toBe('FinancialInstitution,University');
    expect(new URLSearchParams(query).get('screen')).toBe('import');
    expect(stateFromQuery(query, defaultState())).toEqual(state);
  });

  it('leaves the defaults out of the URL and ignores an unknown screen or a bad distance', () => {
    expect(stateToQuery(defaultState())).toBe('');
    const s = stateFromQuery('?screen=secrets&lookKm=-3', defaultState());
    expect(s.screen).toBeNull();
    expect(s.targets.maxKm).toBeNull();
  });

  it('makes opening a screen a history step, and closing it or choosing targets not', () => {
    const base = defaultState();
    const open = { ...base, screen: 'audit' as const };
    expect(isHistoryStep(base, open)).toBe(true);
    expect(isHistoryStep(open, base)).toBe(false);
    expect(isHistoryStep(base, { ...base, targets: { ...base.targets, types: ['Enterprise'] } })).toBe(false);
  });

  it('closes the screen when Back returns to a URL without it', () => {
    const now = { ...defaultState('ja'), screen: 'import' as const };
    expect(stateAtUrl('?actor=ent-1', now).screen).toBeNull();
    expect(stateAtUrl('?actor=ent-1', now).lang).toBe('ja');
  });
});

describe('the target chooser', () => {
  it('switches a group’s types on and off, keeping the others', () => {
    const on = toggleGroup(['FinancialInstitution'], group('academia'), true);
    expect(on.sort()).toEqual(['FinancialInstitution', 'ResearchInstitute', 'University']);
    expect(toggleGroup(on, group('academia'), false)).toEqual(['FinancialInstitution']);
    // Switching on twice does not repeat a type.
    expect(toggleGroup(on, group('academia'), true).filter((t) => t === 'University')).toHaveLength(1);
  });

  it('offers every actor type in exactly one group', () => {
    const types = TARGET_GROUPS.flatMap((g) => g.types);
    expect(new Set(types).size).toBe(types.length);
    expect(types.sort()).toEqual(['Enterprise', 'FinancialInstitution', 'IncubationManager', 'ResearchInstitute', 'SupportOrganization', 'University']);
  });

  it('asks the server for exactly what was chosen, and for its defaults when nothing was', () => {
    expect(suggestionQuery()).toBe('limit=10');
    expect(suggestionQuery(defaultState().targets)).toBe('limit=10');
    const q = new URLSearchParams(suggestionQuery({ types: ['FinancialInstitution'], region: null, country: 'JP', maxKm: 25, field: 'fuel-cells' }));
    expect(Object.fromEntries(q)).toEqual({ limit: '10', types: 'FinancialInstitution', country: 'JP', maxKm: '25', field: 'fuel-cells' });
  });

  it('offers a distance only for an actor with coordinates or a prefecture', () => {
    const detail = (actor: Partial<ActorDetail['actor']>) => ({ actor: { id: 'a', type: 'Enterprise', name: 'A', ...actor } }) as ActorDetail;
    expect(hasLocation(detail({ prefecture: 'Aichi' }))).toBe(true);
    expect(hasLocation(detail({ lat: 48.1, lon: 11.6, country: 'DE' }))).toBe(true);
    expect(hasLocation(detail({ lat: 48.1, country: 'DE' }))).toBe(false);
    expect(hasLocation(detail({ country: 'DE' }))).toBe(false);
    expect(hasLocation(null)).toBe(false);
  });
});
