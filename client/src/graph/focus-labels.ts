/**
 * The focus's names, drawn on the focus layer (focus-layer.ts) over its actors: first the cards
 * of the highlighted actors (the hovered or selected one and the introduction path), placed apart
 * from each other, then the labels of the strongest partners where they do not cover a card or
 * each other, then those of the other partners that sigma's label grid picked in its last frame,
 * where there is room. Sigma's own labels are hidden meanwhile (its label drawer draws none).
 */
import type Sigma from 'sigma';
import type { Focus } from './focus.ts';
import { createLabelDrawer, drawHover, labelBox, labelFont, placeCards, type CardNode, type LabelSpace, type TextWidth } from './label-drawing.ts';
import type { ActorAttributes, TieAttributes } from '../data/network-data.ts';

/** How far off the stage a label may start and still show a part (sigma's own margins). */
const X_LABEL_MARGIN = 150;
const Y_LABEL_MARGIN = 50;

export interface FocusLabels {
  /** Draws the names of focus `f` on a stage of `width` × `height` CSS pixels. */
  draw(ctx: CanvasRenderingContext2D, f: Focus, width: number, height: number): void;
}

/** A focused actor where sigma drew it: viewport position and radius, name and colour. */
interface Placed extends CardNode {
  color: string;
}

export function createFocusLabels(renderer: Sigma<ActorAttributes, TieAttributes>, space: LabelSpace, textWidth: TextWidth): FocusLabels {
  // The focus's names have the room to themselves: a space of their own, not sigma's grid's.
  const drawLabel = createLabelDrawer(space, () => true, textWidth);

  /** The actor as drawn in sigma's last frame; null when hidden or nameless. */
  const placed = (key: string): Placed | null => {
    const d = renderer.getNodeDisplayData(key);
    if (!d || d.hidden || !d.label) return null;
    const p = renderer.framedGraphToViewport(d);
    return { key, label: d.label, color: d.color, x: p.x, y: p.y, size: renderer.scaleSize(d.size) };
  };

  function draw(ctx: CanvasRenderingContext2D, f: Focus, width: number, height: number): void {
    space.reset();
    if (!f.nodes) return;
    const settings = renderer.getSettings();

    // Cards in their order of importance: the focus's actor, then the path from its start.
    const highlighted: Placed[] = [];
    const labelled: Placed[] = [];
    for (const key of new Set([...(f.center ? [f.center] : []), ...f.pathNodes, ...f.labelled])) {
      const node = placed(key);
      if (!node) continue;
      if (key === f.center || f.pathNodes.has(key)) highlighted.push(node);
      else labelled.push(node);
    }
    const bold = labelFont(settings, true);
    const cards = placeCards(highlighted, (label) => textWidth(bold, label), settings.labelSize, { width, height });
    for (const [key, card] of cards) space.claim(key, card.box);
    for (const n of labelled) space.take(n.key, labelBox(textWidth, n.label, n.x, n.y, n.size, settings, true));

    const onStage = (n: Placed) => n.x >= -X_LABEL_MARGIN && n.x <= width + X_LABEL_MARGIN && n.y >= -Y_LABEL_MARGIN && n.y <= height + Y_LABEL_MARGIN;
    for (const n of labelled) if (onStage(n)) drawLabel(ctx, { ...n, forceLabel: true }, settings);
    // The other partners sigma's label grid picked (big enough, on the stage).
    for (const key of renderer.getNodeDisplayedLabels()) {
      if (!f.nodes.has(key) || f.labelled.has(key)) continue;
      const n = placed(key);
      if (n) drawLabel(ctx, n, settings);
    }
    for (const n of highlighted) drawHover(ctx, n, settings, cards.get(n.key), textWidth);
  }

  return { draw };
}
