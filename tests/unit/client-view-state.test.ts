/**
 * The client's pure modules, without a browser: the view state, its URL form and its history
 * steps (state.ts), the filters (filters.ts), what the focus emphasises (focus.ts), where cards
 * go (label-drawing.ts) and the part of the stage nothing covers (camera.ts).
 */
import { describe, expect, it } from 'vitest';
import Graph from 'graphology';
import { createStore, defaultState, hasFilters, isHistoryStep, stateAtUrl, stateFromQuery, stateToQuery, EMPTY_FILTERS, type ViewState } from '../../client/src/data/state.ts';
import { applyFilters, nodePredicate, toggled } from '../../client/src/data/filters.ts';
import { computeFocus, focusChange, introductionPath, LABELLED_PARTNERS, NO_FOCUS } from '../../client/src/graph/focus.ts';
import { overlaps, placeCards, type CardNode } from '../../client/src/graph/label-drawing.ts';
import { freeArea } from '../../client/src/graph/camera.ts';
import type { ActorAttributes, NetworkData, NetworkGraph, TieAttributes } from '../../client/src/data/network-data.ts';

const reference = {
  regions: [{ id: 'kanto', name: 'Kanto', name_ja: '関東' }, { id: 'chubu', name: 'Chubu', name_ja: '中部' }],
  prefectures: [{ id: 'Tokyo', name: 'Tokyo', name_ja: '東京都', region: 0, x: 0, y: 0, radius: 1 }, { id: 'Aichi', name: 'Aichi', name_ja: '愛知県', region: 1, x: 0, y: 0, radius: 1 }],
  clusters: [{ id: 'tokai-mono', name: 'Tokai', name_ja: '東海', region: 1 }],
  fields: [{ id: 'robots', name: 'Robots', name_ja: 'ロボット' }, { id: 'bio', name: 'Bio', name_ja: 'バイオ' }],
} as unknown as NetworkData['reference'];

function actor(actorType: ActorAttributes['actorType'], prefecture: number, extra: Partial<ActorAttributes> = {}): ActorAttributes {
  return {
    x: 0, y: 0, fx: 0, fy: 0, gx: 0, gy: 0, size: 1, label: '', name_ja: '', actorType, prefecture,
    region: prefecture < 0 ? -1 : (reference.prefectures[prefecture] as unknown as { region: number }).region,
    clusters: [], fields: [], country: 'JP', degree: 0, hidden: false, ...extra,
  };
}

/**
 * a (Enterprise, Aichi, robots, Tokai) — b (University, Aichi) — c (Enterprise, Tokyo, bio) — d (Bank, Tokyo);
 * a—b 2005, b—c 2008, c—d no year (kept as 0), e alone.
 */
function smallNetwork(): NetworkData {
  const graph: NetworkGraph = new Graph<ActorAttributes, TieAttributes>({ type: 'undirected' });
  graph.addNode('a', actor('Enterprise', 1, { fields: [0], clusters: [0] }));
  graph.addNode('b', actor('University', 1));
  graph.addNode('c', actor('Enterprise', 0, { fields: [1] }));
  graph.addNode('d', actor('FinancialInstitution', 0));
  graph.addNode('e', actor('Enterprise', -1));
  const tie = (since: number): TieAttributes => ({ kinds: 1, weight: 1, since, size: 1, hidden: false });
  graph.addEdge('a', 'b', tie(2005));
  graph.addEdge('b', 'c', tie(2008));
  graph.addEdge('c', 'd', tie(0));
  return { graph, reference, version: 1, counts: {} as NetworkData['counts'], years: [2005, 2008], layout: {} as NetworkData['layout'], typeColors: new Map() };
}

describe('the view state', () => {
  it('round-trips every shareable part through the URL, leaving defaults out', () => {
    expect(stateToQuery(defaultState())).toBe('');
    const state: ViewState = {
      ...defaultState(),
      view: 'map',
      colorBy: 'community',
      filters: { types: ['Enterprise', 'University'], regions: ['kanto'], prefectures: ['Aichi'], clusters: ['tokai-mono'], fields: ['robots'], year: 2007 },
      selected: 'ent-00001',
      suggestion: 'uni-001',
      community: 4,
      camera: { x: 0.5, y: 0.25, ratio: 0.125 },
    };
    const query = stateToQuery(state);
    expect(query).toContain('type=Enterprise,University');
    expect(stateFromQuery(query, defaultState())).toEqual(state);
  });

  it('ignores unknown and malformed parameters instead of failing', () => {
    const s = stateFromQuery('?view=nowhere&color=pink&year=soon&community=x&camera=1,2&suggestion=uni-1&lang=fr', defaultState('ja'));
    expect(s).toEqual(defaultState('ja'));
  });

  it('keeps a suggestion only with a selected actor, and takes the language from the URL', () => {
    expect(stateFromQuery('?suggestion=uni-1', defaultState()).suggestion).toBeNull();
    expect(stateFromQuery('?actor=ent-1&suggestion=uni-1&lang=ja', defaultState()).suggestion).toBe('uni-1');
    expect(stateFromQuery('?lang=ja', defaultState()).lang).toBe('ja');
  });

  it('tells listeners once per change, with the state before it', () => {
    const store = createStore(defaultState());
    const seen: [string | null, string | null][] = [];
    const stop = store.subscribe((state, previous) => seen.push([previous.selected, state.selected]));
    store.set({ selected: 'a' });
    store.set((s) => ({ selected: s.selected + 'b' }));
    stop();
    store.set({ selected: 'c' });
    expect(seen).toEqual([[null, 'a'], ['a', 'ab']]);
    expect(store.get().selected).toBe('c');
  });

  it('makes history entries of the steps a user goes back from, and of nothing else', () => {
    const base = defaultState();
    expect(isHistoryStep(base, { ...base, view: 'map' })).toBe(true);
    expect(isHistoryStep(base, { ...base, selected: 'a' })).toBe(true);
    expect(isHistoryStep({ ...base, selected: 'a' }, { ...base, selected: 'b' })).toBe(true);
    expect(isHistoryStep(base, { ...base, community: 3 })).toBe(true);
    expect(isHistoryStep({ ...base, selected: 'a' }, base)).toBe(false);
    expect(isHistoryStep(base, { ...base, filters: { ...EMPTY_FILTERS, year: 2005 } })).toBe(false);
    expect(isHistoryStep(base, { ...base, camera: { x: 0.1, y: 0.2, ratio: 0.5 }, colorBy: 'region', hovered: 'a' })).toBe(false);
  });

  it('returns to what an earlier URL describes, keeping the language and the loaded data', () => {
    const now: ViewState = { ...defaultState('ja', true), view: 'map', selected: 'b', suggestion: 'c', path: ['b', 'c'], camera: { x: 0.1, y: 0.2, ratio: 0.3 } };
    const back = stateAtUrl('?actor=a', now);
    expect(back).toEqual({ ...defaultState('ja', true), selected: 'a' });
    expect(stateAtUrl('?lang=en', now).lang).toBe('ja');
  });

  it('knows when filters restrict anything', () => {
    expect(hasFilters(EMPTY_FILTERS)).toBe(false);
    expect(hasFilters({ ...EMPTY_FILTERS, year: 2005 })).toBe(true);
    expect(hasFilters({ ...EMPTY_FILTERS, fields: ['bio'] })).toBe(true);
  });
});

describe('the filters', () => {
  it('add up within a facet and narrow between facets', () => {
    const { graph } = smallNetwork();
    const visible = (filters: typeof EMPTY_FILTERS) => {
      const keep = nodePredicate(filters, { reference });
      return graph.filterNodes((_n, attr) => keep(attr));
    };
    expect(visible(EMPTY_FILTERS)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(visible({ ...EMPTY_FILTERS, types: ['Enterprise', 'FinancialInstitution'] })).toEqual(['a', 'c', 'd', 'e']);
    expect(visible({ ...EMPTY_FILTERS, types: ['Enterprise'], regions: ['chubu'] })).toEqual(['a']);
    expect(visible({ ...EMPTY_FILTERS, prefectures: ['Tokyo', 'Aichi'] })).toEqual(['a', 'b', 'c', 'd']);
    expect(visible({ ...EMPTY_FILTERS, clusters: ['tokai-mono'] })).toEqual(['a']);
    expect(visible({ ...EMPTY_FILTERS, fields: ['bio', 'robots'] })).toEqual(['a', 'c']);
  });

  it('hide actors and later ties through the hidden attribute and count what stays', () => {
    const data = smallNetwork();
    expect(applyFilters(data.graph, { ...EMPTY_FILTERS, types: ['Enterprise'], year: 2007 }, data)).toEqual({ actors: 3, pairs: 0 });
    expect(data.graph.filterNodes((_n, a) => a.hidden)).toEqual(['b', 'd']);
    expect(data.graph.filterEdges((_e, a) => a.hidden).map((e) => data.graph.extremities(e).join('-'))).toEqual(['b-c']);
    expect(applyFilters(data.graph, EMPTY_FILTERS, data)).toEqual({ actors: 5, pairs: 3 });
    expect(data.graph.filterEdges((_e, a) => a.hidden)).toEqual([]);
  });

  // Issue 10, defect 4: the footer's tie count never changed with the filters or the year.
  it('count the tied pairs left, by year and by the actors at both ends', () => {
    const data = smallNetwork();
    // c—d has no year: no year filter hides it.
    expect(applyFilters(data.graph, { ...EMPTY_FILTERS, year: 2004 }, data).pairs).toBe(1);
    expect(applyFilters(data.graph, { ...EMPTY_FILTERS, year: 2005 }, data).pairs).toBe(2);
    expect(applyFilters(data.graph, { ...EMPTY_FILTERS, prefectures: ['Tokyo'] }, data).pairs).toBe(1);
    expect(applyFilters(data.graph, { ...EMPTY_FILTERS, types: ['University', 'Enterprise'] }, data).pairs).toBe(2);
  });

  it('switch one value of a facet on and off without duplicates', () => {
    const on = toggled(toggled(EMPTY_FILTERS, 'fields', 'bio', true), 'fields', 'bio', true);
    expect(on.fields).toEqual(['bio']);
    expect(toggled(on, 'fields', 'bio', false).fields).toEqual([]);
    expect(EMPTY_FILTERS.fields).toEqual([]);
  });
});

describe('the focus', () => {
  it('is nothing when no actor or community is chosen', () => {
    expect(computeFocus(smallNetwork().graph, defaultState(), null)).toBe(NO_FOCUS);
  });

  it('keeps the hovered actor (before the selected one) with its partners and their ties', () => {
    const { graph } = smallNetwork();
    const focus = computeFocus(graph, { ...defaultState(), selected: 'a', hovered: 'c' }, null);
    expect(focus.center).toBe('c');
    expect([...focus.nodes!].sort()).toEqual(['b', 'c', 'd']);
    expect(focus.edges.size).toBe(2);
  });

  it('draws the introduction path and proposes the missing tie', () => {
    const { graph } = smallNetwork();
    const path = introductionPath(graph, 'a', 'c', ['e', 'b']);
    expect(path).toEqual(['a', 'b', 'c']);
    const focus = computeFocus(graph, { ...defaultState(), selected: 'a', suggestion: 'c', path }, null);
    expect([...focus.pathNodes]).toEqual(['a', 'b', 'c']);
    expect(focus.pathEdges.size).toBe(2);
    expect(focus.proposed).toEqual(['a', 'c']);
  });

  it('finds the shortest path when the named intermediary is not tied to both, and gives up past maxHops', () => {
    const { graph } = smallNetwork();
    expect(introductionPath(graph, 'a', 'd', ['c'])).toEqual(['a', 'b', 'c', 'd']);
    expect(introductionPath(graph, 'a', 'd', [], 2)).toEqual(['a', 'd']);
    expect(introductionPath(graph, 'a', 'e', [])).toEqual(['a', 'e']);
  });

  it('keeps the members of an opened community and the ties among them', () => {
    const { graph } = smallNetwork();
    const focus = computeFocus(graph, { ...defaultState(), community: 2 }, new Set(['b', 'c', 'e']));
    expect([...focus.nodes!].sort()).toEqual(['b', 'c', 'e']);
    expect([...focus.edges].map((e) => graph.extremities(e).join('-'))).toEqual(['b-c']);
  });
});

describe('the focus of a busy actor', () => {
  it('labels only its strongest partners, and says which actors a change redraws', () => {
    const graph: NetworkGraph = new Graph<ActorAttributes, TieAttributes>({ type: 'undirected' });
    graph.addNode('hub', actor('Enterprise', 0));
    for (let i = 0; i < LABELLED_PARTNERS + 10; i++) {
      graph.addNode(`p${i}`, actor('Enterprise', 0));
      graph.addEdge('hub', `p${i}`, { kinds: 1, weight: i, since: 0, size: 1, hidden: false });
    }
    const focus = computeFocus(graph, { ...defaultState(), hovered: 'hub' }, null);
    expect(focus.labelled.size).toBe(LABELLED_PARTNERS + 1);
    expect(focus.labelled.has(`p${LABELLED_PARTNERS + 9}`)).toBe(true);
    expect(focus.labelled.has('p0')).toBe(false);
    // Only the labelled actors look different from the drawing below.
    expect(focusChange(NO_FOCUS, focus).length).toBe(LABELLED_PARTNERS + 1);
    const other = computeFocus(graph, { ...defaultState(), hovered: 'p3' }, null);
    expect(focusChange(other, NO_FOCUS).sort()).toEqual(['hub', 'p3']);
  });
});

describe('the cards of highlighted actors', () => {
  const measure = (label: string) => label.length * 7;
  it('never cover each other, even for actors drawn next to each other', () => {
    const nodes: CardNode[] = [
      { key: 'a', label: 'Kaedeshima University', x: 300, y: 200, size: 6 },
      { key: 'b', label: 'Sasaki Die Works', x: 310, y: 204, size: 5 },
      { key: 'c', label: 'Nishihara Medical University', x: 296, y: 214, size: 5 },
    ];
    const cards = placeCards(nodes, measure, 12);
    const boxes = [...cards.values()].map((c) => c.box);
    expect(boxes).toHaveLength(3);
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i], boxes[j])).toBe(false);
    // Nor another actor's dot.
    for (const n of nodes) {
      const dot = { x1: n.x - n.size, y1: n.y - n.size, x2: n.x + n.size, y2: n.y + n.size };
      for (const [key, card] of cards) if (key !== n.key) expect(overlaps(card.box, dot)).toBe(false);
    }
  });
});

describe('cards at the edge of the stage', () => {
  it('keeps a card on the stage when the side it would take first is taken and the other is off it', () => {
    const measure = (label: string) => label.length * 7;
    // 'a' near the left edge, with 'b' just to its right: its card cannot go right without covering b.
    const nodes: CardNode[] = [
      { key: 'b', label: 'Sasaki Die Works', x: 40, y: 200, size: 5 },
      { key: 'a', label: 'Nishihara Medical University', x: 20, y: 200, size: 5 },
    ];
    const stage = { width: 800, height: 600 };
    const cards = placeCards(nodes, measure, 12, stage);
    const a = cards.get('a')!.box;
    expect(a.x1).toBeGreaterThanOrEqual(0);
    expect(a.x2).toBeLessThanOrEqual(stage.width);
    // Without the stage, the same card goes left, off it: what the browser test saw (x1 = -42).
    expect(placeCards(nodes, measure, 12).get('a')!.box.x1).toBeLessThan(0);
  });
});

describe('the visible part of the stage', () => {
  it('keeps the larger part beside or above each cover', () => {
    const stage = { x: 0, y: 0, width: 1000, height: 700 };
    // The legend at the bottom left, the camera buttons at the top right.
    const legend = { x: 12, y: 400, width: 240, height: 264 };
    const buttons = { x: 860, y: 12, width: 128, height: 120 };
    const free = freeArea(stage, [legend, buttons]);
    expect(free).toEqual({ x: 252, y: 0, width: 608, height: 700 });
    expect(freeArea(stage, [{ x: 2000, y: 0, width: 10, height: 10 }])).toEqual(stage);
  });
});
