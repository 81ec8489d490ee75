/**
 * The map view's ground: Japan's prefectures under the actors, shaded by a chosen measure
 * (map-measures.ts) with a chooser and a legend, the borders between prefectures and the coast,
 * and the credit of the map's source. The shapes are drawn on a canvas layer under sigma's ties,
 * in graph coordinates through one affine transform per frame (the camera never rotates here).
 */
import type Sigma from 'sigma';
import { fitLayer, layerCanvas } from '../graph/layer-canvas.ts';
import { el } from '../dom.ts';
import { formatValue } from '../i18n/i18n.ts';
import type { ActorAttributes, NetworkData, TieAttributes } from '../data/network-data.ts';
import type { Lang, Store } from '../data/state.ts';
import { MAP_MEASURES, NO_VALUE_SHADE, prefectureValues, shadeClasses, shadeOf, type MapMeasure, type ShadeClass } from './map-measures.ts';
import { MAP_CREDIT, mapText, measureName } from './map-messages.ts';
import { loadPrefectureShapes, type PrefectureShapes } from './prefecture-shapes.ts';
import './map-view.css';

const BORDER_COLOR = '#b4b4b4';
const COAST_COLOR = '#8c8c8c';

export interface MapLayer {
  /** Draws the ground for the current camera (called before sigma's other layers are read). */
  draw(): void;
  kill(): void;
}

export function attachMapLayer(renderer: Sigma<ActorAttributes, TieAttributes>, data: NetworkData, store: Store): MapLayer {
  const canvas = layerCanvas(renderer, 'mapBase', { beforeLayer: 'edges' });
  const stage = renderer.getContainer().parentElement ?? renderer.getContainer();
  const controls = el('div', { className: 'map-controls' });
  const credit = el('div', { className: 'map-credit', lang: 'ja' }, MAP_CREDIT);
  stage.append(controls, credit);

  let measure: MapMeasure = 'actors';
  let shapes: PrefectureShapes | null = null;
  let failure: string | null = null;
  // Shades per prefecture of the map, for the filters and measure they were computed for.
  let shading: { filters: unknown; measure: MapMeasure; fill: string[]; classes: ShadeClass[] } | null = null;
  const prefectureIndex = new Map(data.reference.prefectures.map((p, i) => [p.name_ja, i]));

  function currentShading() {
    const filters = store.get().filters;
    if (shading && shading.filters === filters && shading.measure === measure) return shading;
    const values = prefectureValues(data, filters, measure);
    const classes = shadeClasses(values);
    shading = { filters, measure, classes, fill: values.map((v) => shadeOf(v, classes)) };
    return shading;
  }

  function renderControls(): void {
    const s = store.get();
    const shown = s.view === 'map';
    controls.hidden = !shown;
    credit.hidden = !shown;
    if (!shown) return;
    const lang = s.lang;
    const select = el('select', { 'aria-label': mapText(lang, 'map.shadeBy') });
    for (const m of MAP_MEASURES) {
      const option = el('option', { value: m }, measureName(lang, m));
      option.selected = m === measure;
      select.append(option);
    }
    select.addEventListener('change', () => {
      measure = select.value as MapMeasure;
      renderControls();
      renderer.refresh({ skipIndexation: true });
    });
    const legend = el('ul', { className: 'map-legend' });
    if (failure) legend.append(el('li', { className: 'error-text' }, mapText(lang, 'map.failed', { message: failure })));
    else if (!shapes) legend.append(el('li', { className: 'muted' }, mapText(lang, 'map.loading')));
    else {
      for (const c of currentShading().classes) legend.append(swatch(c.color, range(c, measure, lang)));
      legend.append(swatch(NO_VALUE_SHADE, mapText(lang, 'map.none')));
    }
    controls.replaceChildren(
      el('label', {}, mapText(lang, 'map.shadeBy'), select),
      el('p', { className: 'map-note' }, mapText(lang, `map.measureNote.${measure}`)),
      legend,
    );
  }

  function draw(): void {
    const { ctx, ratio } = fitLayer(renderer, canvas);
    if (store.get().view !== 'map' || !shapes) return;
    // graph → viewport is affine without rotation: read it off three points near Japan.
    const o = renderer.graphToViewport({ x: 110, y: 35 });
    const ex = renderer.graphToViewport({ x: 111, y: 35 });
    const ey = renderer.graphToViewport({ x: 110, y: 36 });
    const a = { x: ex.x - o.x, y: ex.y - o.y };
    const c = { x: ey.x - o.x, y: ey.y - o.y };
    ctx.setTransform(ratio * a.x, ratio * a.y, ratio * c.x, ratio * c.y, ratio * (o.x - 110 * a.x - 35 * c.x), ratio * (o.y - 110 * a.y - 35 * c.y));
    const unit = 1 / Math.max(1e-9, Math.hypot(a.x, a.y));
    const { fill } = currentShading();
    for (const p of shapes.prefectures) {
      const i = prefectureIndex.get(p.name_ja);
      ctx.fillStyle = i === undefined ? NO_VALUE_SHADE : fill[i];
      ctx.fill(p.path);
    }
    ctx.lineJoin = 'round';
    ctx.lineWidth = 0.8 * unit;
    ctx.strokeStyle = BORDER_COLOR;
    ctx.stroke(shapes.borders);
    ctx.lineWidth = 1 * unit;
    ctx.strokeStyle = COAST_COLOR;
    ctx.stroke(shapes.coast);
  }

  // One load at a time; a failed one is tried again on the next change of view.
  let loading = false;
  function load(): void {
    if (shapes || loading || store.get().view !== 'map') return;
    loading = true;
    loadPrefectureShapes().then(
      (loaded) => {
        loading = false;
        shapes = loaded;
        failure = null;
        renderControls();
        renderer.refresh({ skipIndexation: true });
      },
      (err: unknown) => {
        loading = false;
        failure = err instanceof Error ? err.message : String(err);
        renderControls();
      },
    );
  }

  renderControls();
  load();
  const unsubscribe = store.subscribe((s, prev) => {
    if (s.view !== prev.view || s.lang !== prev.lang || (s.view === 'map' && s.filters !== prev.filters)) renderControls();
    if (s.view === 'map' && prev.view !== 'map') load();
  });

  return {
    draw,
    kill() {
      unsubscribe();
      controls.remove();
      credit.remove();
      renderer.killLayer('mapBase');
    },
  };
}

function swatch(color: string, label: string): HTMLElement {
  return el('li', {}, el('span', { className: 'map-swatch', style: `background:${color}` }), label);
}

/** A class's range in the language's number format ("1,200–3,400"; density with 2 significant digits). */
function range(c: ShadeClass, measure: MapMeasure, lang: Lang): string {
  const locale = lang === 'ja' ? 'ja-JP' : 'en-GB';
  const f = (v: number) => (measure === 'density' ? v.toLocaleString(locale, { maximumSignificantDigits: 2 }) : formatValue(v));
  return c.from === c.to ? f(c.from) : `${f(c.from)}–${f(c.to)}`;
}
