/**
 * The focus drawn over the network, on one canvas layer of its own: a white veil over sigma's
 * drawing, the focus's ties and actors again above it, the proposed tie of an introduction path
 * (a dashed line: that tie is not in the graph yet), then the focus's names (focus-labels.ts).
 * Sigma's own labels are hidden meanwhile.
 *
 * The drawing below never changes with the focus, so hovering or selecting an actor redraws this
 * layer alone instead of sigma's drawing: re-processing every actor and tie took 70-135 ms on the
 * demonstration network, and even a render without processing costs 5-30 ms of WebGL calls. One
 * canvas, not one per part: each full-stage canvas costs a clear per drawing.
 */
import type Sigma from 'sigma';
import { fitLayer, layerCanvas } from './layer-canvas.ts';
import { COMMUNITY_EDGE_COLOR, FOCUS_EDGE_COLOR, PATH_COLOR } from './colors.ts';
import type { Focus } from './focus.ts';
import type { FocusLabels } from './focus-labels.ts';
import type { ActorAttributes, NetworkGraph, TieAttributes } from '../data/network-data.ts';

/** How much of the drawing shows through the veil. */
const VEIL = 'rgba(255, 255, 255, 0.86)';

export interface FocusLayer {
  /** Draws the focus again over sigma's last frame. */
  draw(): void;
  kill(): void;
}

export function attachFocusLayer(renderer: Sigma<ActorAttributes, TieAttributes>, graph: NetworkGraph, focus: () => Focus, names: FocusLabels): FocusLayer {
  // Right above sigma's nodes, under its labels (hidden while focused) and its hovered node.
  const canvas = layerCanvas(renderer, 'focus', { afterLayer: 'nodes' });
  const sigmaLabels = renderer.getCanvases().labels;
  // Whether the canvas holds a drawing: an empty one is not cleared again at every frame.
  let drawn = true;

  const draw = () => {
    const f = focus();
    // Sigma's grid labels show only while nothing is focused.
    sigmaLabels.style.visibility = f.nodes ? 'hidden' : '';
    if (!f.nodes) {
      if (drawn) fitLayer(renderer, canvas);
      drawn = false;
      return;
    }
    // Cleared, then veiled: a 'copy' fill that replaces the last drawing in one pass measured
    // slower (about 3.5 ms against 0.2 in Chromium's software canvas).
    const { ctx, width, height } = fitLayer(renderer, canvas);
    ctx.fillStyle = VEIL;
    ctx.fillRect(0, 0, width, height);
    drawn = true;
    drawTies(ctx, f);
    drawActors(ctx, f);
    drawProposedTie(ctx, f);
    names.draw(ctx, f, width, height);
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

  /** The dashed line between the selected actor and a suggested partner it is not tied to yet. */
  function drawProposedTie(ctx: CanvasRenderingContext2D, f: Focus): void {
    if (!f.proposed) return;
    const [p, q] = f.proposed.map(at);
    if (!p || !q) return;
    ctx.setLineDash([8, 6]);
    ctx.lineCap = 'butt';
    ctx.lineWidth = 3;
    ctx.strokeStyle = PATH_COLOR;
    ctx.beginPath();
    ctx.moveTo(p.x, p.y);
    ctx.lineTo(q.x, q.y);
    ctx.stroke();
    ctx.setLineDash([]);
  }

  renderer.on('afterRender', draw);
  draw();
  return {
    draw,
    kill() {
      renderer.off('afterRender', draw);
      renderer.killLayer('focus');
      sigmaLabels.style.visibility = '';
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
