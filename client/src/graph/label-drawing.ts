/**
 * Node labels that stay readable over a dense drawing: no label covers another (sigma picks the
 * candidates per grid cell but lets them overlap, and shows them all when zoomed in), a white halo
 * under each (as Gephi and Kumu do), Japanese glyphs from Noto Sans CJK JP, and a rounded card for
 * the hovered and highlighted nodes.
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

export interface LabelSpace {
  /** Starts a frame: `reserved` labels (the focus) are drawn whatever else is there. */
  reset(reserved: { key: string; box: Box }[]): void;
  /** True when the label may be drawn; it then takes its room. */
  take(key: string, box: Box): boolean;
}

/** The room labels take in the current frame. */
export function createLabelSpace(): LabelSpace {
  let boxes: Box[] = [];
  let reserved = new Set<string>();
  return {
    reset(priority) {
      boxes = priority.map((p) => p.box);
      reserved = new Set(priority.map((p) => p.key));
    },
    take(key, box) {
      if (reserved.has(key)) return true;
      for (const b of boxes) if (box.x1 < b.x2 && box.x2 > b.x1 && box.y1 < b.y2 && box.y2 > b.y1) return false;
      boxes.push(box);
      return true;
    },
  };
}

/** The box of a label drawn beside a node of radius `radius` centred at (x, y). */
export function labelBox(context: CanvasRenderingContext2D, label: string, x: number, y: number, radius: number, settings: LabelSettings, bold: boolean): Box {
  context.font = `${bold ? '600' : settings.labelWeight} ${settings.labelSize}px ${settings.labelFont}`;
  const left = x + radius + 3;
  return { x1: left - 2, y1: y - settings.labelSize * 0.75, x2: left + context.measureText(label).width + 2, y2: y + settings.labelSize * 0.5 };
}

/** A label drawer that skips labels which would cover one already drawn in this frame. */
export function createLabelDrawer(space: LabelSpace) {
  return function drawLabel(context: CanvasRenderingContext2D, data: LabelData, settings: LabelSettings): void {
    // Highlighted nodes show their name on their card (drawHover).
    if (!data.label || data.highlighted) return;
    const bold = Boolean(data.forceLabel);
    const box = labelBox(context, data.label, data.x, data.y, data.size, settings, bold);
    if (!space.take((data as { key?: string }).key ?? data.label, box)) return;
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

export function drawHover(context: CanvasRenderingContext2D, data: LabelData, settings: LabelSettings): void {
  const size = settings.labelSize;
  context.font = `600 ${size}px ${settings.labelFont}`;
  const label = data.label ?? '';
  const width = label ? context.measureText(label).width + 10 : 0;
  const height = size + 8;
  const radius = Math.max(data.size, height / 2) + 2;

  context.fillStyle = '#ffffff';
  context.shadowOffsetX = 0;
  context.shadowOffsetY = 1;
  context.shadowBlur = 6;
  context.shadowColor = 'rgba(0, 0, 0, 0.28)';
  context.beginPath();
  if (label) {
    const left = data.x - radius;
    const top = data.y - height / 2;
    context.roundRect(left, top, radius * 2 + width, height, height / 2);
  } else {
    context.arc(data.x, data.y, radius, 0, Math.PI * 2);
  }
  context.fill();
  context.shadowBlur = 0;
  context.shadowOffsetY = 0;

  context.fillStyle = data.color;
  context.beginPath();
  context.arc(data.x, data.y, data.size, 0, Math.PI * 2);
  context.fill();
  if (label) {
    context.fillStyle = '#1b1f24';
    context.fillText(label, data.x + radius + 3, data.y + size / 3);
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
