/**
 * The controls around the stage: view tabs, the colouring, the language toggle, saving a PNG,
 * the camera buttons and the layout refinement. Each only reads and changes the view state, or
 * calls the view it belongs to.
 */
import { t, type MessageKey } from '../i18n/i18n.ts';
import { showMessage } from '../i18n/messages.ts';
import { chartsToPng, savePng, sigmaToPng } from '../graph/png-export.ts';
import { COLOR_MODES, VIEW_MODES, type Store, type ViewState } from '../data/state.ts';
import type { GraphView } from '../graph/graph-view.ts';
import type { CommunitiesView } from '../graph/communities-view.ts';
import type { Refinement } from '../graph/layout-worker.ts';

export interface TopbarDeps {
  store: Store;
  graphView: GraphView;
  communitiesView: CommunitiesView;
  refinement: Refinement;
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

export function createTopbar({ store, graphView, communitiesView, refinement }: TopbarDeps): () => void {
  const tabs = [...document.querySelectorAll<HTMLButtonElement>('.views [data-view]')];
  tabs.forEach((tab) => tab.addEventListener('click', () => store.set({ view: tab.dataset.view as ViewState['view'], hovered: null })));
  // Arrow keys move between tabs, as the ARIA tabs pattern expects.
  document.querySelector('.views')!.addEventListener('keydown', (e) => {
    const key = (e as KeyboardEvent).key;
    if (key !== 'ArrowRight' && key !== 'ArrowLeft') return;
    // Only the tabs shown (the Introductions tab is for logged-in users).
    const modes = VIEW_MODES.filter((m) => tabs.some((tab) => tab.dataset.view === m && !tab.hidden));
    const i = modes.indexOf(store.get().view);
    const next = modes[(i + (key === 'ArrowRight' ? 1 : modes.length - 1)) % modes.length];
    store.set({ view: next });
    tabs.find((tab) => tab.dataset.view === next)?.focus();
  });

  const colorBy = $<HTMLSelectElement>('color-by');
  colorBy.addEventListener('change', () => store.set({ colorBy: colorBy.value as ViewState['colorBy'] }));

  $('lang-button').addEventListener('click', () => store.set((s) => ({ lang: s.lang === 'en' ? 'ja' : 'en' })));

  $('png-button').addEventListener('click', () => {
    const s = store.get();
    const stamp = new Date().toISOString().slice(0, 10);
    const caption = `musubi · ${t(`view.${s.view}` as MessageKey)} · ${stamp} · ${location.href}`;
    let image: Promise<Blob> | null = null;
    if (s.view === 'dashboard') {
      const charts = [...document.querySelectorAll<HTMLElement>('.chart-card')].flatMap((card) => {
        const canvas = card.querySelector('canvas');
        return canvas && card.dataset.ready === 'true' ? [{ title: card.querySelector('h3')?.textContent ?? '', canvas }] : [];
      });
      image = chartsToPng(charts, caption);
    } else if (s.view === 'communities') {
      const r = communitiesView.renderer();
      image = r ? sigmaToPng(r, caption) : null;
    } else image = sigmaToPng(graphView.renderer, caption);
    if (image) savePng(image, `musubi-${s.view}-${stamp}.png`).catch((err) => showMessage(t('png.failed', { message: (err as Error).message })));
  });

  const camera = () => graphView.renderer.getCamera();
  $('zoom-in').addEventListener('click', () => camera().animatedZoom({ duration: 250 }));
  $('zoom-out').addEventListener('click', () => camera().animatedUnzoom({ duration: 250 }));
  $('zoom-reset').addEventListener('click', () => graphView.resetCamera());
  const refine = $<HTMLButtonElement>('refine');
  refine.addEventListener('click', () => (refinement.running() ? refinement.stop() : void refinement.start()));

  function render(s: ViewState): void {
    tabs.forEach((tab) => {
      const on = tab.dataset.view === s.view;
      tab.setAttribute('aria-selected', String(on));
      tab.tabIndex = on ? 0 : -1;
    });
    colorBy.replaceChildren(
      ...COLOR_MODES.map((m) => {
        const o = document.createElement('option');
        o.value = m;
        o.textContent = t(`color.${m}` as MessageKey);
        o.selected = m === s.colorBy;
        return o;
      }),
    );
    const onGraph = s.view === 'network' || s.view === 'map';
    colorBy.disabled = !onGraph;
    colorBy.closest('label')!.hidden = false;
    document.querySelector<HTMLElement>('.camera-controls')!.hidden = !onGraph;
    refine.disabled = s.view !== 'network';
    refine.textContent = t(refinement.running() ? 'refine.stop' : 'refine.start');
    $('graph').hidden = !onGraph;
    $('communities').hidden = s.view !== 'communities';
    $('dashboard').hidden = s.view !== 'dashboard';
    showPanel(s);
    $('status').hidden = !onGraph;
  }

  /** The panel shows an actor or a community over the network or the map. */
  function showPanel(s: ViewState): void {
    const onGraph = s.view === 'network' || s.view === 'map';
    $('panel').hidden = !onGraph || !(s.selected || s.community !== null);
  }

  render(store.get());
  return store.subscribe((s, prev) => {
    if (s.view !== prev.view && prev.view === 'network') refinement.stop();
    if (s.view !== prev.view || s.lang !== prev.lang || s.colorBy !== prev.colorBy) render(s);
    // Choosing an actor opens or closes the panel only (the rest is rebuilt for nothing).
    else if (s.selected !== prev.selected || s.community !== prev.community) showPanel(s);
  });
}

/** Refreshes the refinement button's text (the refinement reports its own state changes). */
export function refineLabel(running: boolean): void {
  $('refine').textContent = t(running ? 'refine.stop' : 'refine.start');
}
