/**
 * The focus drawn over the network: a white veil over sigma's drawing, then the focus's ties and
 * actors again above it, on a canvas layer of its own. The drawing below never changes with the
 * focus, so hovering or selecting an actor re-processes only the focused actors (a partial
 * refresh) instead of every actor and tie, which took 70-135 ms on the demonstration network.
 */
import type Sigma from 'sigma';
import { fitLayer, layerCanvas } from './layer-canvas.ts';
import { COMMUNITY_EDGE_COLOR, FOCUS_EDGE_COLOR, PATH_COLOR } from './colors.ts';
import type { Focus } from './focus.ts';
import type { ActorAttributes, NetworkGraph, TieAttributes } from '../data/network-data.ts';

/** How much of the drawing shows through the veil. */
const VEIL = 'rgba(255, 255, 255, 0.86)';

export function attachFocusLayer(renderer: Sigma<ActorAttributes, TieAttributes>, graph: NetworkGraph, focus: () => Focus): { kill(): void } {
  // Right above sigma's nodes, under the labels and the cards (and under any layer made before it
  // right after the nodes, such as the proposed tie).
  const canvas = layerCanvas(renderer, 'focus', { afterLayer: 'nodes' });

  const draw = () => {
    const { ctx, width, height } = fitLayer(renderer, canvas);
    const f = focus();
    if (!f.nodes) return;
    ctx.fillStyle = VEIL;
    ctx.fillRect(0, 0, width, height);
    drawTies(ctx, f);
    drawActors(ctx, f);
  };

  /** The point of a shown node on screen, or null when it is hidden. */
  const at = (node: string) => {
    const d = renderer.getNodeDisplayData(node);
    return d && !d.hidden ? renderer.framedGraphToViewport(d) : null;
  };

  function drawTies(ctx: CanvasRenderingContext2D, f: Focus): void {
    ctx.lineCap = 'round';
    // One stroke per line width: a hub's hundreds of ties (a community's thousands) in a few
    // strokes, not one each.
    const byWidth = new Map<number, number[]>();
    for (const edge of f.edges) {
      if (f.pathEdges.has(edge)) continue;
      const attr = graph.getEdgeAttributes(edge);
      if (attr.hidden) continue;
      const [s, t] = graph.extremities(edge);
      const p = at(s);
      const q = at(t);
      if (!p || !q) continue;
      // An actor's ties by their weight, to the half pixel; a community's as fine lines.
      const width = f.center ? Math.max(1, Math.round(renderer.scaleSize(attr.size) * 2) / 2) : 1;
      let line = byWidth.get(width);
      if (!line) byWidth.set(width, (line = []));
      line.push(p.x, p.y, q.x, q.y);
    }
    ctx.strokeStyle = f.center ? FOCUS_EDGE_COLOR : COMMUNITY_EDGE_COLOR;
    for (const [width, line] of byWidth) stroke(ctx, line, width);
    const path: number[] = [];
    for (const edge of f.pathEdges) {
      const [s, t] = graph.extremities(edge);
      const p = at(s);
      const q = at(t);
      if (p && q) path.push(p.x, p.y, q.x, q.y);
    }
    ctx.strokeStyle = PATH_COLOR;
    stroke(ctx, path, renderer.scaleSize(4));
  }

  function drawActors(ctx: CanvasRenderingContext2D, f: Focus): void {
    // One fill per colour.
    const byColor = new Map<string, number[]>();
    for (const node of f.nodes!) {
      const d = renderer.getNodeDisplayData(node);
      if (!d || d.hidden) continue;
      const p = renderer.framedGraphToViewport(d);
      let discs = byColor.get(d.color);
      if (!discs) byColor.set(d.color, (discs = []));
      discs.push(p.x, p.y, renderer.scaleSize(d.size));
    }
    for (const [color, discs] of byColor) {
      ctx.fillStyle = color;
      ctx.beginPath();
      for (let i = 0; i < discs.length; i += 3) {
        ctx.moveTo(discs[i] + discs[i + 2], discs[i + 1]);
        ctx.arc(discs[i], discs[i + 1], discs[i + 2], 0, Math.PI * 2);
      }
      ctx.fill();
    }
  }

  renderer.on('afterRender', draw);
  draw();
  return {
    kill() {
      renderer.off('afterRender', draw);
      renderer.killLayer('focus');
    },
  };
}

/** Strokes segments given as x1, y1, x2, y2, ... in one path. */
function stroke(ctx: CanvasRenderingContext2D, segments: number[], width: number): void {
  if (!segments.length) return;
  ctx.lineWidth = width;
  ctx.beginPath();
  for (let i = 0; i < segments.length; i += 4) {
    ctx.moveTo(segments[i], segments[i + 1]);
    ctx.lineTo(segments[i + 2], segments[i + 3]);
  }
  ctx.stroke();
}
