/**
 * Node labels that stay readable over a dense drawing: no label covers another (sigma picks the
 * candidates per grid cell but lets them overlap, and shows them all when zoomed in), a white halo
 * under each (as Gephi and Kumu do), Japanese glyphs from Noto Sans CJK JP, and a rounded card for
 * the hovered and highlighted nodes, the cards placed so that they do not cover each other.
 */
import type { Settings } from 'sigma/settings';
import type { NodeDisplayData, PartialButFor } from 'sigma/types';

type LabelData = PartialButFor<NodeDisplayData, 'x' | 'y' | 'size' | 'label' | 'color'>;
type LabelSettings = Pick<Settings, 'labelSize' | 'labelFont' | 'labelWeight'>;

/** Fonts that show Japanese: the installed Noto CJK first, then the systems' own. */
export const FONT_STACK = '"Noto Sans CJK JP", "Noto Sans JP", "Hiragino Sans", "Yu Gothic UI", "Meiryo", system-ui, sans-serif';

export interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface LabelEntry {
  key: string;
  box: Box;
}

/** The room labels take in the current frame: a label is drawn only where no other one is. */
export interface LabelSpace {
  /** Starts a frame with nothing taken. */
  reset(): void;
  /** Takes the room whatever is there (the hover cards, placed apart by `placeCards`). */
  claim(key: string, box: Box): void;
  /** Takes the room when it is free; true when the label may be drawn. */
  take(key: string, box: Box): boolean;
  /** True when the label already has its room this frame. */
  has(key: string): boolean;
  /** What was taken this frame. */
  entries(): readonly LabelEntry[];
}

export function createLabelSpace(): LabelSpace {
  let taken: LabelEntry[] = [];
  let keys = new Set<string>();
  return {
    reset() {
      taken = [];
      keys = new Set();
    },
    claim(key, box) {
      taken.push({ key, box });
      keys.add(key);
    },
    take(key, box) {
      if (taken.some((t) => overlaps(t.box, box))) return false;
      taken.push({ key, box });
      keys.add(key);
      return true;
    },
    has: (key) => keys.has(key),
    entries: () => taken,
  };
}

export function overlaps(a: Box, b: Box): boolean {
  return a.x1 < b.x2 && a.x2 > b.x1 && a.y1 < b.y2 && a.y2 > b.y1;
}

/** Widths of texts in a font; a label's width does not change between frames. */
export type TextWidth = (font: string, text: string) => number;

/**
 * Text widths measured once per font and text: the labels and cards of every frame would
 * otherwise set the canvas font and measure each text again (the largest part of drawing the
 * labels). Bounded: emptied when it holds `limit` widths.
 */
export function createTextWidth(limit = 50_000): TextWidth {
  const context = document.createElement('canvas').getContext('2d')!;
  const widths = new Map<string, number>();
  return (font, text) => {
    const key = `${font}\n${text}`;
    let width = widths.get(key);
    if (width === undefined) {
      if (widths.size >= limit) widths.clear();
      context.font = font;
      width = context.measureText(text).width;
      widths.set(key, width);
    }
    return width;
  };
}

/** The font of a label (bold for the focus's labels and the cards). */
export function labelFont(settings: LabelSettings, bold: boolean): string {
  return `${bold ? '600' : settings.labelWeight} ${settings.labelSize}px ${settings.labelFont}`;
}

/** The box of a label drawn beside a node of radius `radius` centred at (x, y). */
export function labelBox(textWidth: TextWidth, label: string, x: number, y: number, radius: number, settings: LabelSettings, bold: boolean): Box {
  const left = x + radius + 3;
  return { x1: left - 2, y1: y - settings.labelSize * 0.75, x2: left + textWidth(labelFont(settings, bold), label) + 2, y2: y + settings.labelSize * 0.5 };
}

/**
 * A label drawer that draws only the labels `shows` lets through (the focus's, while there is
 * one) and skips those which would cover one already drawn in this frame.
 */
export function createLabelDrawer(space: LabelSpace, shows: (key: string) => boolean, textWidth: TextWidth) {
  return function drawLabel(context: CanvasRenderingContext2D, data: LabelData, settings: LabelSettings): void {
    // Highlighted nodes show their name on their card (drawHover).
    if (!data.label || data.highlighted) return;
    const key = (data as { key?: string }).key ?? data.label;
    if (!shows(key)) return;
    const bold = Boolean(data.forceLabel);
    const box = labelBox(textWidth, data.label, data.x, data.y, data.size, settings, bold);
    if (!space.has(key) && !space.take(key, box)) return;
    context.font = labelFont(settings, bold);
    const x = box.x1 + 2;
    const y = data.y + settings.labelSize / 3;
    context.lineJoin = 'round';
    context.lineWidth = 3.5;
    context.strokeStyle = 'rgba(255, 255, 255, 0.92)';
    context.strokeText(data.label, x, y);
    context.fillStyle = bold ? '#1b1f24' : '#2f3640';
    context.fillText(data.label, x, y);
  };
}

/** Where a card sits: beside its node (right or left, the node on the card), or above or below it. */
export type CardSide = 'right' | 'left' | 'above' | 'below';

export interface Card {
  side: CardSide;
  /** Above or below: how many card heights away from the node (1 = next to it). */
  level: number;
  box: Box;
}

export interface CardNode {
  key: string;
  label: string;
  /** Viewport position and radius. */
  x: number;
  y: number;
  size: number;
}

/** The places tried for a card, nearest first. */
const CARD_PLACES: [CardSide, number][] = [
  ['right', 1],
  ['left', 1],
  ...[1, 2, 3, 4].flatMap((level): [CardSide, number][] => [
    ['above', level],
    ['below', level],
  ]),
];

/** The card of one node at one place; `width` is its label's text width. */
export function cardBox(node: CardNode, side: CardSide, width: number, labelSize: number, level = 1): Box {
  const height = labelSize + 8;
  const radius = Math.max(node.size, height / 2) + 2;
  const text = width + 10;
  const away = radius + 2 + (level - 1) * (height + 2);
  switch (side) {
    case 'right':
      return { x1: node.x - radius, y1: node.y - height / 2, x2: node.x + radius + text, y2: node.y + height / 2 };
    case 'left':
      return { x1: node.x - radius - text, y1: node.y - height / 2, x2: node.x + radius, y2: node.y + height / 2 };
    case 'above':
      return { x1: node.x - text / 2, y1: node.y - away - height, x2: node.x + text / 2, y2: node.y - away };
    case 'below':
      return { x1: node.x - text / 2, y1: node.y + away, x2: node.x + text / 2, y2: node.y + away + height };
  }
}

/**
 * Places the cards of the highlighted nodes (in their order of importance) so that none covers
 * another or another's node, nor leaves the `stage` (when given: the drawing's width and height),
 * where it would be cut: each takes the first free side, else the side that covers least (a part
 * off the stage counting more than an overlap).
 */
export function placeCards(nodes: readonly CardNode[], measure: (label: string) => number, labelSize: number, stage?: { width: number; height: number }): Map<string, Card> {
  const cards = new Map<string, Card>();
  const taken: Box[] = nodes.map((n) => ({ x1: n.x - n.size, y1: n.y - n.size, x2: n.x + n.size, y2: n.y + n.size }));
  nodes.forEach((node, i) => {
    if (!node.label) return;
    const width = measure(node.label);
    const others = taken.filter((_b, j) => j !== i);
    let best: Card | null = null;
    let bestCost = Infinity;
    for (const [side, level] of CARD_PLACES) {
      const box = cardBox(node, side, width, labelSize, level);
      const cost = others.reduce((sum, b) => sum + overlapArea(box, b), 0) + (stage ? OFF_STAGE_WEIGHT * offStageArea(box, stage) : 0);
      if (cost < bestCost) [best, bestCost] = [{ side, level, box }, cost];
      if (cost === 0) break;
    }
    cards.set(node.key, best!);
    taken.push(best!.box);
  });
  return cards;
}

/** An area of card off the stage weighs this many times an area covering another card. */
const OFF_STAGE_WEIGHT = 4;

function offStageArea(box: Box, stage: { width: number; height: number }): number {
  const area = (box.x2 - box.x1) * (box.y2 - box.y1);
  return area - overlapArea(box, { x1: 0, y1: 0, x2: stage.width, y2: stage.height });
}

function overlapArea(a: Box, b: Box): number {
  return Math.max(0, Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1)) * Math.max(0, Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1));
}

/** A node's card: its name on white, the node on the card when the card is beside it. */
export function drawHover(context: CanvasRenderingContext2D, data: LabelData, settings: LabelSettings, card?: Card, textWidth?: TextWidth): void {
  const size = settings.labelSize;
  const font = labelFont(settings, true);
  context.font = font;
  const label = data.label ?? '';
  const width = !label ? 0 : textWidth ? textWidth(font, label) : context.measureText(label).width;
  const node = { key: '', label, x: data.x, y: data.y, size: data.size };
  const side = label ? card?.side ?? 'right' : 'right';
  const box = cardBox(node, side, width, size, card?.level);
  const height = size + 8;
  const radius = Math.max(data.size, height / 2) + 2;

  context.fillStyle = '#ffffff';
  context.shadowOffsetX = 0;
  context.shadowOffsetY = 1;
  context.shadowBlur = 6;
  context.shadowColor = 'rgba(0, 0, 0, 0.28)';
  context.beginPath();
  if (label) context.roundRect(box.x1, box.y1, box.x2 - box.x1, box.y2 - box.y1, height / 2);
  if (!label || side === 'above' || side === 'below') context.arc(data.x, data.y, radius, 0, Math.PI * 2);
  context.fill();
  context.shadowBlur = 0;
  context.shadowOffsetY = 0;

  context.fillStyle = data.color;
  context.beginPath();
  context.arc(data.x, data.y, data.size, 0, Math.PI * 2);
  context.fill();
  if (label) {
    context.fillStyle = '#1b1f24';
    const x = side === 'right' ? data.x + radius + 3 : side === 'left' ? box.x1 + 7 : box.x1 + 5;
    context.fillText(label, x, (box.y1 + box.y2) / 2 + size / 3);
  }
}

/** A label centred on its node (the community overview, where discs are large). */
export function drawCentredLabel(context: CanvasRenderingContext2D, data: LabelData, settings: LabelSettings): void {
  if (!data.label) return;
  const size = settings.labelSize;
  context.font = `600 ${size}px ${settings.labelFont}`;
  context.textAlign = 'center';
  context.lineJoin = 'round';
  context.lineWidth = 4;
  context.strokeStyle = 'rgba(255, 255, 255, 0.95)';
  const lines = data.label.split('\n');
  lines.forEach((line, i) => {
    const y = data.y + size / 3 + (i - (lines.length - 1) / 2) * (size + 2);
    context.strokeText(line, data.x, y);
    context.fillStyle = '#1b1f24';
    context.fillText(line, data.x, y);
  });
  context.textAlign = 'left';
}
