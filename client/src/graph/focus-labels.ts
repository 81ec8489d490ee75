/**
 * Each frame, the focus's names take their room before any other label: first the cards of the
 * highlighted actors (the hovered or selected one and the introduction path), placed apart from
 * each other, then the labels of the strongest partners where they do not cover a card or each
 * other. The label drawer then fits the other labels around them.
 */
import type Sigma from 'sigma';
import type { Focus } from './focus.ts';
import { labelBox, labelFont, placeCards, type Card, type CardNode, type LabelSpace, type TextWidth } from './label-drawing.ts';
import type { ActorAttributes, TieAttributes } from '../data/network-data.ts';

export interface FocusLabels {
  /** The card placed for a highlighted actor this frame. */
  card(key: string): Card | undefined;
  kill(): void;
}

export function attachFocusLabels(renderer: Sigma<ActorAttributes, TieAttributes>, space: LabelSpace, textWidth: TextWidth, focus: () => Focus): FocusLabels {
  let cards = new Map<string, Card>();

  const reserve = () => {
    space.reset();
    const f = focus();
    if (!f.nodes) {
      cards = new Map();
      return;
    }
    const settings = renderer.getSettings();
    const highlighted: CardNode[] = [];
    const labels: CardNode[] = [];
    // Cards in their order of importance: the focus's actor, then the path from its start.
    const order = [...new Set([...(f.center ? [f.center] : []), ...f.pathNodes, ...f.labelled])];
    for (const key of order) {
      const d = renderer.getNodeDisplayData(key);
      if (!d || d.hidden || !d.label) continue;
      const p = renderer.framedGraphToViewport(d);
      const node = { key, label: d.label, x: p.x, y: p.y, size: renderer.scaleSize(d.size) };
      if (d.highlighted) highlighted.push(node);
      else if (d.forceLabel) labels.push(node);
    }
    const bold = labelFont(settings, true);
    cards = placeCards(highlighted, (label) => textWidth(bold, label), settings.labelSize);
    for (const [key, card] of cards) space.claim(key, card.box);
    for (const n of labels) space.take(n.key, labelBox(textWidth, n.label, n.x, n.y, n.size, settings, true));
  };
  // Again once the display data are processed, when a refresh processes them.
  renderer.on('beforeRender', reserve);
  renderer.on('afterProcess', reserve);
  return {
    card: (key) => cards.get(key),
    kill() {
      renderer.off('beforeRender', reserve);
      renderer.off('afterProcess', reserve);
    },
  };
}
