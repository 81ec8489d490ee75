/**
 * Canvas layers under sigma's own in the map view, under the ties: Japan's prefectures, shaded
 * (map/map-layer.ts), then the names of the regions or prefectures and the inset of the actors
 * abroad, each country named. (What depends on the focus is the focus layer's: focus-layer.ts.)
 */
import type Sigma from 'sigma';
import { fitLayer, layerCanvas } from './layer-canvas.ts';
import { FONT_STACK } from './label-drawing.ts';
import { refName, type ActorAttributes, type NetworkData, type TieAttributes } from '../data/network-data.ts';
import type { Lang, Store } from '../data/state.ts';
import { attachMapLayer } from '../map/map-layer.ts';
import { mapText } from '../map/map-messages.ts';

export function attachOverlays(renderer: Sigma<ActorAttributes, TieAttributes>, data: NetworkData, store: Store) {
  const ground = attachMapLayer(renderer, data, store);
  const map = layerCanvas(renderer, 'mapLabels', { beforeLayer: 'edges' });
  const fit = (canvas: HTMLCanvasElement) => fitLayer(renderer, canvas).ctx;

  /** The names of the regions (zoomed out) or of the prefectures (zoomed in), and the inset of the actors abroad. */
  function drawMapLabels(): void {
    const ctx = fit(map);
    const state = store.get();
    if (state.view !== 'map') return;
    const zoomedIn = renderer.getCamera().getState().ratio < 0.35;
    const pixelsPerUnit = renderer.getGraphToViewportRatio();
    const prefectures = data.reference.prefectures.filter((p) => p.radius > 0);
    drawAbroad(ctx, state.lang, pixelsPerUnit);
    const labels = zoomedIn
      ? prefectures.map((p) => ({ x: p.x, y: p.y, r: p.radius, label: refName(p, state.lang) }))
      : data.reference.regions.flatMap((region, i) => {
          const members = prefectures.filter((p) => p.region === i);
          if (!members.length) return [];
          const x = members.reduce((sum, p) => sum + p.x, 0) / members.length;
          const y = Math.max(...members.map((p) => p.y + p.radius));
          return [{ x, y, r: 0, label: refName(region, state.lang) }];
        });
    ctx.textAlign = 'center';
    ctx.font = `600 ${zoomedIn ? 12 : 13}px ${FONT_STACK}`;
    ctx.lineJoin = 'round';
    for (const l of labels) {
      const c = renderer.graphToViewport({ x: l.x, y: l.y });
      haloText(ctx, l.label, c.x, c.y - l.r * pixelsPerUnit - 10, '#5b6472');
    }
  }

  /**
   * Actors abroad sit east of Japan, grouped by country (the server's geo-spread inset): a frame
   * titled "Abroad" around the groups, each group's disc and its country's name, at every zoom.
   */
  function drawAbroad(ctx: CanvasRenderingContext2D, lang: Lang, pixelsPerUnit: number): void {
    const places = data.reference.places;
    if (!places.length) return;
    const discs = places.map((p) => {
      const c = renderer.graphToViewport({ x: p.x, y: p.y });
      return { id: p.id, x: c.x, y: c.y, r: Math.max(4, p.radius * pixelsPerUnit) + 3 };
    });
    const pad = 14;
    const x1 = Math.min(...discs.map((d) => d.x - d.r)) - pad - 40;
    const x2 = Math.max(...discs.map((d) => d.x + d.r)) + pad + 40;
    const y1 = Math.min(...discs.map((d) => d.y - d.r)) - pad - 34;
    const y2 = Math.max(...discs.map((d) => d.y + d.r)) + pad;
    ctx.fillStyle = 'rgba(246, 247, 249, 0.9)';
    ctx.strokeStyle = '#c9ced6';
    ctx.lineWidth = 1;
    ctx.setLineDash([5, 4]);
    ctx.beginPath();
    ctx.roundRect(x1, y1, x2 - x1, y2 - y1, 8);
    ctx.fill();
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.textAlign = 'left';
    ctx.font = `700 12px ${FONT_STACK}`;
    haloText(ctx, mapText(lang, 'map.abroad'), x1 + 8, y1 + 15, '#3b4350');
    ctx.fillStyle = '#e8ebef';
    ctx.strokeStyle = '#c9ced6';
    for (const d of discs) {
      ctx.beginPath();
      ctx.arc(d.x, d.y, d.r, 0, Math.PI * 2);
      ctx.fill();
      ctx.stroke();
    }
    ctx.textAlign = 'center';
    ctx.font = `600 12px ${FONT_STACK}`;
    for (const d of discs) haloText(ctx, placeLabel(d.id, lang), d.x, d.y - d.r - 5, '#3b4350');
  }

  function haloText(ctx: CanvasRenderingContext2D, text: string, x: number, y: number, color: string): void {
    ctx.lineWidth = 4;
    ctx.strokeStyle = 'rgba(255, 255, 255, 0.95)';
    ctx.strokeText(text, x, y);
    ctx.fillStyle = color;
    ctx.fillText(text, x, y);
  }

  const draw = () => {
    ground.draw();
    drawMapLabels();
  };
  renderer.on('afterRender', draw);
  draw(); // Sigma drew its first frame before the layers existed.
  return {
    kill() {
      renderer.off('afterRender', draw);
      ground.kill();
      renderer.killLayer('mapLabels');
    },
  };
}

/** A country's name in the interface language, from the browser's own list (Intl.DisplayNames). */
function placeLabel(id: string, lang: Lang): string {
  if (id === 'unknown') return mapText(lang, 'map.unknown');
  try {
    return new Intl.DisplayNames([lang], { type: 'region' }).of(id) ?? id;
  } catch {
    return id;
  }
}
