/**
 * The one view state of the client. Every module reads it and asks for changes through
 * `store.set`; rendering reads it through sigma's reducers. The parts worth sharing (selected
 * actor, filters, colouring, view, camera) round-trip through the URL, so a link restores the view
 * (url-history.ts); the language, the legend's folding and the loaded communities live here too,
 * so no module keeps state of its own.
 */
import type { ActorType, IntroductionStatus, SessionResponse } from '../../../server/contract/api.ts';
import type { CommunityInfo } from './community-info.ts';

export type Lang = 'en' | 'ja';
export type ViewMode = 'network' | 'map' | 'communities' | 'dashboard' | 'introductions' | 'events';
export type ColorBy = 'type' | 'community' | 'region' | 'cluster';

// Events before Introductions: the Introductions tab stays the last one (left of the first).
export const VIEW_MODES: readonly ViewMode[] = ['network', 'map', 'communities', 'dashboard', 'events', 'introductions'];
export const COLOR_MODES: readonly ColorBy[] = ['type', 'community', 'region', 'cluster'];

/** A screen over the workspace for coordinators and admins (the import, the audit log). */
export type Screen = 'import' | 'audit';
export const SCREENS: readonly Screen[] = ['import', 'audit'];

/**
 * What the actor panel's suggestions look for: actor types (none: the usual targets of the actor's
 * type, as the server chooses them), a region of Japan, a country, a distance and a field.
 */
export interface SuggestionTargets {
  types: ActorType[];
  region: string | null;
  country: string | null;
  /** Only for an actor with a location (the server answers 400 otherwise). */
  maxKm: number | null;
  field: string | null;
}

export const DEFAULT_TARGETS: SuggestionTargets = Object.freeze({ types: [], region: null, country: null, maxKm: null, field: null }) as SuggestionTargets;

/** What is shown; an empty list means "no restriction". */
export interface Filters {
  types: ActorType[];
  regions: string[];
  prefectures: string[];
  clusters: string[];
  fields: string[];
  /** Show the network as it stood at the end of this year (ties up to it); null for all. */
  year: number | null;
}

/** The communities as far as they are loaded (community-data.ts loads them on demand). */
export type CommunityLoad =
  | { status: 'none' }
  | { status: 'loading' }
  | { status: 'ready'; info: CommunityInfo }
  | { status: 'failed'; error: unknown };

/** The camera of the network and map views (sigma's camera state, angle left out). */
export interface CameraView {
  x: number;
  y: number;
  ratio: number;
}

export interface ViewState {
  lang: Lang;
  view: ViewMode;
  colorBy: ColorBy;
  filters: Filters;
  /** The actor whose panel is open. */
  selected: string | null;
  /** The actor under the pointer (never in the URL). */
  hovered: string | null;
  /** The suggested partner whose introduction path is drawn. */
  suggestion: string | null;
  /**
   * That path, as actor ids from the selected actor to the suggestion (derived from the
   * suggestion's reasons once they are loaded; never in the URL).
   */
  path: string[] | null;
  /** The community opened from the overview (its members are highlighted). */
  community: number | null;
  /** null: the whole network in view. */
  camera: CameraView | null;
  /** The legend folded to its title (never in the URL). */
  legendCollapsed: boolean;
  /** The communities (never in the URL). */
  communities: CommunityLoad;
  /** Who is logged in and the session's CSRF token; null until GET /api/auth/me answers (never in the URL). */
  session: SessionResponse | null;
  /** What the suggestions look for (in the URL). */
  targets: SuggestionTargets;
  /** The coordinator's or admin's screen open over the workspace (in the URL). */
  screen: Screen | null;
  /** The Introductions view: the request opened, the coordinator's filters, the follow-up's grouping (in the URL). */
  requests: RequestsView;
  /** Moves on every change to introduction requests this client makes or is told of (never in the URL). */
  introductionsChanged: number;
  /** The matching event opened in the Events view, or 'new' for the coordinator's form (in the URL). */
  event: string | null;
}

/** What the Introductions view shows; null filters mean "any". */
export interface RequestsView {
  open: string | null;
  status: IntroductionStatus | null;
  region: string | null;
  cluster: string | null;
  type: ActorType | null;
  /** The follow-up: grouped by the region, cluster or type of the asker or of the target. */
  by: 'region' | 'cluster' | 'type';
  side: 'asker' | 'target';
}

export const DEFAULT_REQUESTS: RequestsView = Object.freeze({ open: null, status: null, region: null, cluster: null, type: null, by: 'region', side: 'asker' }) as RequestsView;
const REQUEST_PARAMS = [['status', 'rq-status'], ['region', 'rq-region'], ['cluster', 'rq-cluster'], ['type', 'rq-type']] as const;

export const EMPTY_FILTERS: Filters = Object.freeze({ types: [], regions: [], prefectures: [], clusters: [], fields: [], year: null }) as Filters;

/** The state of a first visit; a small screen starts with the legend folded. */
export function defaultState(lang: Lang = 'en', legendCollapsed = false): ViewState {
  return {
    lang,
    view: 'network',
    colorBy: 'type',
    filters: { ...EMPTY_FILTERS },
    selected: null,
    hovered: null,
    suggestion: null,
    path: null,
    community: null,
    camera: null,
    legendCollapsed,
    communities: { status: 'none' },
    session: null,
    targets: { ...DEFAULT_TARGETS },
    screen: null,
    requests: { ...DEFAULT_REQUESTS },
    introductionsChanged: 0,
    event: null,
  };
}

export type Listener = (state: ViewState, previous: ViewState) => void;

export interface Store {
  get(): ViewState;
  /** Merges a change into the state and tells every listener (once per call). */
  set(change: Partial<ViewState> | ((state: ViewState) => Partial<ViewState>)): void;
  subscribe(listener: Listener): () => void;
}

export function createStore(initial: ViewState): Store {
  let state = initial;
  const listeners = new Set<Listener>();
  return {
    get: () => state,
    set(change) {
      const patch = typeof change === 'function' ? change(state) : change;
      const previous = state;
      state = { ...state, ...patch };
      for (const listener of [...listeners]) listener(state, previous);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** True when any filter restricts what is shown. */
export function hasFilters(f: Filters): boolean {
  return f.types.length + f.regions.length + f.prefectures.length + f.clusters.length + f.fields.length > 0 || f.year !== null;
}

const LIST_KEYS = [
  ['types', 'type'],
  ['regions', 'region'],
  ['prefectures', 'pref'],
  ['clusters', 'cluster'],
  ['fields', 'field'],
] as const;

/** The shareable part of the state as URL parameters (defaults left out). */
export function stateToQuery(s: ViewState): string {
  const q = new URLSearchParams();
  if (s.view !== 'network') q.set('view', s.view);
  if (s.colorBy !== 'type') q.set('color', s.colorBy);
  for (const [key, param] of LIST_KEYS) if (s.filters[key].length) q.set(param, s.filters[key].join(','));
  if (s.filters.year !== null) q.set('year', String(s.filters.year));
  if (s.selected) q.set('actor', s.selected);
  if (s.suggestion) q.set('suggestion', s.suggestion);
  if (s.community !== null) q.set('community', String(s.community));
  if (s.targets.types.length) q.set('look', s.targets.types.join(','));
  if (s.targets.region) q.set('lookRegion', s.targets.region);
  if (s.targets.country) q.set('lookCountry', s.targets.country);
  if (s.targets.maxKm !== null) q.set('lookKm', String(s.targets.maxKm));
  if (s.targets.field) q.set('lookField', s.targets.field);
  if (s.screen) q.set('screen', s.screen);
  if (s.requests.open) q.set('request', s.requests.open);
  if (s.event) q.set('event', s.event);
  for (const [key, param] of REQUEST_PARAMS) if (s.requests[key]) q.set(param, s.requests[key]);
  if (s.requests.by !== 'region') q.set('rq-by', s.requests.by);
  if (s.requests.side !== 'asker') q.set('rq-side', s.requests.side);
  if (s.camera) q.set('camera', [s.camera.x, s.camera.y, s.camera.ratio].map((v) => +v.toFixed(4)).join(','));
  const text = q.toString().replace(/%2C/g, ',');
  return text ? `?${text}` : '';
}

/** The state a URL describes, over `base` (unknown or malformed parameters are ignored). */
export function stateFromQuery(search: string, base: ViewState): ViewState {
  const q = new URLSearchParams(search);
  const list = (param: string) => (q.get(param) ?? '').split(',').map((v) => v.trim()).filter(Boolean);
  const s: ViewState = { ...base, filters: { ...base.filters } };
  const view = q.get('view');
  if (view && (VIEW_MODES as readonly string[]).includes(view)) s.view = view as ViewMode;
  const color = q.get('color');
  if (color && (COLOR_MODES as readonly string[]).includes(color)) s.colorBy = color as ColorBy;
  for (const [key, param] of LIST_KEYS) if (q.has(param)) (s.filters[key] as string[]) = list(param);
  const year = Number(q.get('year'));
  if (q.has('year') && Number.isInteger(year)) s.filters.year = year;
  s.selected = q.get('actor') || null;
  s.suggestion = s.selected ? q.get('suggestion') || null : null;
  const community = Number(q.get('community'));
  s.community = q.has('community') && Number.isInteger(community) ? community : null;
  const camera = list('camera').map(Number);
  if (camera.length === 3 && camera.every(Number.isFinite) && camera[2] > 0) s.camera = { x: camera[0], y: camera[1], ratio: camera[2] };
  const lang = q.get('lang');
  if (lang === 'en' || lang === 'ja') s.lang = lang;
  const km = Number(q.get('lookKm'));
  s.targets = {
    types: list('look') as ActorType[],
    region: q.get('lookRegion') || null,
    country: q.get('lookCountry') || null,
    maxKm: q.has('lookKm') && km > 0 ? km : null,
    field: q.get('lookField') || null,
  };
  const screen = q.get('screen');
  s.screen = screen && (SCREENS as readonly string[]).includes(screen) ? (screen as Screen) : null;
  const by = q.get('rq-by');
  s.requests = { ...DEFAULT_REQUESTS, open: q.get('request') || null, by: by === 'cluster' || by === 'type' ? by : 'region', side: q.get('rq-side') === 'target' ? 'target' : 'asker' };
  for (const [key, param] of REQUEST_PARAMS) (s.requests[key] as string | null) = q.get(param) || null;
  s.event = q.get('event') || null;
  return s;
}

/**
 * The state a URL describes when the user goes back or forward to it: what the URL leaves out
 * returns to its default; the language, the legend and the loaded communities stay as they are.
 */
export function stateAtUrl(search: string, current: ViewState): ViewState {
  // What the URL holds starts from a first visit's view; language, legend and loaded communities stay.
  const { lang, legendCollapsed, communities, session, introductionsChanged } = current;
  const base: ViewState = { ...defaultState(lang, legendCollapsed), communities, session, introductionsChanged };
  return { ...stateFromQuery(search, base), lang };
}

/**
 * True for the changes a user would go back from, which become history entries: another view,
 * an actor opened (from the graph, the search or a link in the panel), a community opened.
 * Everything else (filters, colouring, camera, closing a panel) updates the current entry.
 */
export function isHistoryStep(previous: ViewState, next: ViewState): boolean {
  return (
    next.view !== previous.view ||
    (next.selected !== null && next.selected !== previous.selected) ||
    (next.community !== null && next.community !== previous.community) ||
    (next.screen !== null && next.screen !== previous.screen) ||
    (next.requests.open !== null && next.requests.open !== previous.requests.open) ||
    next.event !== previous.event
  );
}

const LANG_KEY = 'musubi.lang';

/** The language remembered from the last visit, else the browser's. */
export function rememberedLang(): Lang {
  try {
    const saved = localStorage.getItem(LANG_KEY);
    if (saved === 'en' || saved === 'ja') return saved;
  } catch {
    // Storage may be disabled; the browser's language decides then.
  }
  return navigator.language.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

export function rememberLang(lang: Lang): void {
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch {
    // Not remembered, nothing else to do.
  }
}
