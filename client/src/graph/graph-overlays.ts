/**
 * Two canvas layers over sigma's own: under the ties, the names of the prefectures (and of the
 * places abroad) in the map view; over the nodes, the proposed tie of an introduction path as a
 * dashed line, since that tie does not exist in the graph yet.
 */
import type Sigma from 'sigma';
import { PATH_COLOR } from './colors.ts';
import type { Focus } from './focus.ts';
import { FONT_STACK } from './label-drawing.ts';
import { refName, type ActorAttributes, type NetworkData, type TieAttributes } from '../data/network-data.ts';
import type { Store } from '../data/state.ts';

export function attachOverlays(renderer: Sigma<ActorAttributes, TieAttributes>, data: NetworkData, store: Store, focus: () => Focus) {
  const map = renderer.createCanvas('mapLabels', { beforeLayer: 'edges' });
  const proposed = renderer.createCanvas('proposedTie', { afterLayer: 'nodes' });
  for (const c of [map, proposed]) Object.assign(c.style, { position: 'absolute', inset: '0', pointerEvents: 'none' });

  function fit(canvas: HTMLCanvasElement): CanvasRenderingContext2D {
    const { width, height } = renderer.getDimensions();
    const ratio = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
      canvas.style.width = `${width}px`;
      canvas.style.height = `${height}px`;
    }
    const ctx = canvas.getContext('2d')!;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    return ctx;
  }

  /** Prefecture discs, and the names of the regions (zoomed out) or of the prefectures (zoomed in). */
  function drawMapLabels(): void {
    const ctx = fit(map);
    const state = store.get();
    if (state.view !== 'map') return;
    const zoomedIn = renderer.getCamera().getState().ratio < 0.35;
    const pixelsPerUnit = renderer.getGraphToViewportRatio();
    const prefectures = data.reference.prefectures.filter((p) => p.radius > 0);
    ctx.fillStyle = '#f1f3f6';
    ctx.strokeStyle = '#dde2e8';
    ctx.lineWidth = 1;
    for (const p of [...prefectures, ...data.reference.places]) {
      const c = renderer.graphToViewport({ x: p.x, y: p.y });
      ctx.beginPath();
      ctx.arc(c.x, c.y, Math.max(4, p.radius * pixelsPerUnit) + 3, 0, Math.PI * 2);
      ctx.fill();
      ctx.stroke();
    }
    const labels = zoomedIn
      ? [
          ...prefectures.map((p) => ({ x: p.x, y: p.y, r: p.radius, label: refName(p, state.lang) })),
          ...data.reference.places.map((p) => ({ x: p.x, y: p.y, r: p.radius, label: placeLabel(p.id, state.lang) })),
        ]
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
      const y = c.y - l.r * pixelsPerUnit - 10;
      ctx.lineWidth = 4;
      ctx.strokeStyle = 'rgba(255, 255, 255, 0.95)';
      ctx.strokeText(l.label, c.x, y);
      ctx.fillStyle = '#5b6472';
      ctx.fillText(l.label, c.x, y);
    }
  }

  function drawProposedTie(): void {
    const ctx = fit(proposed);
    const ends = focus().proposed;
    if (!ends) return;
    const [a, b] = ends.map((id) => renderer.getNodeDisplayData(id));
    if (!a || !b || a.hidden || b.hidden) return;
    const p = renderer.framedGraphToViewport(a);
    const q = renderer.framedGraphToViewport(b);
    ctx.setLineDash([8, 6]);
    ctx.lineWidth = 3;
    ctx.strokeStyle = PATH_COLOR;
    ctx.beginPath();
    ctx.moveTo(p.x, p.y);
    ctx.lineTo(q.x, q.y);
    ctx.stroke();
    ctx.setLineDash([]);
  }

  const draw = () => {
    drawMapLabels();
    drawProposedTie();
  };
  renderer.on('afterRender', draw);
  draw(); // Sigma drew its first frame before the layers existed.
  return {
    kill() {
      renderer.off('afterRender', draw);
      renderer.killLayer('mapLabels');
      renderer.killLayer('proposedTie');
    },
  };
}

function placeLabel(id: string, lang: 'en' | 'ja'): string {
  if (id === 'unknown') return lang === 'ja' ? '所在地不明' : 'Place unknown';
  try {
    const name = new Intl.DisplayNames([lang], { type: 'region' }).of(id);
    return name ? `${name} (${lang === 'ja' ? '海外' : 'abroad'})` : id;
  } catch {
    return id;
  }
}
