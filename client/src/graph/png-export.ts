/**
 * Saves the current view as a PNG the way the screen shows it: sigma's layers (WebGL and 2D
 * canvases) composed in their order on white, the legends beside them (the colour legend, and on
 * the map the shading's), and a caption under them: title and view, the filters, the date, the
 * map's credit where a map is shown, and the link that restores the view. WebGL canvases keep no
 * drawing buffer, so the layers are copied in the same task as a synchronous render, before the
 * browser clears them.
 */
import { download } from '../dom.ts';
import { FONT_STACK } from './label-drawing.ts';
import { text } from '../dashboard/dashboard-messages.ts';
import type { Lang } from '../data/state.ts';

/** What is read of a sigma instance (any attribute types). */
interface SigmaLike {
  getDimensions(): { width: number; height: number };
  refresh(options?: { skipIndexation?: boolean }): unknown;
  getContainer(): HTMLElement;
}

interface LegendBlock {
  title: string;
  entries: { color: string; label: string; count: string; shape: 'dot' | 'swatch' }[];
}

const INK = '#1b1f24';
const MUTED = '#5b6472';
const LEGEND_WIDTH = 250;
const LINE = 17;

/** The picture of a sigma instance with its legends and a caption (`caption`: title and view, and the link). */
export function sigmaToPng(renderer: SigmaLike, caption: string): Promise<Blob> {
  const { width, height } = renderer.getDimensions();
  const ratio = window.devicePixelRatio || 1;
  const legends = legendBlocks();
  const legendWidth = legends.length ? LEGEND_WIDTH : 0;
  const lines = captionLines(caption);
  const captionHeight = 16 + lines.length * LINE;
  const out = document.createElement('canvas');
  out.width = Math.round((width + legendWidth) * ratio);
  out.height = Math.round(Math.max(height, legendsHeight(legends)) * ratio + captionHeight * ratio);
  const ctx = out.getContext('2d')!;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, out.width, out.height);

  renderer.refresh({ skipIndexation: true });
  // Layers in document order are drawn bottom to top; the mouse layer is empty.
  const layers = [...renderer.getContainer().querySelectorAll('canvas')].filter((c) => c.classList.contains('sigma-mouse') === false);
  for (const canvas of layers) {
    if (canvas.width && canvas.height && getComputedStyle(canvas).display !== 'none') ctx.drawImage(canvas, 0, 0, Math.round(width * ratio), Math.round(height * ratio));
  }

  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  if (legendWidth) {
    ctx.fillStyle = '#f6f7f9';
    ctx.fillRect(width, 0, legendWidth, out.height / ratio - captionHeight);
    drawLegends(ctx, legends, width + 14, 22, legendWidth - 28);
  }
  drawCaption(ctx, lines, 12, out.height / ratio - captionHeight + 4, out.width / ratio - 24);
  return encode(out);
}

/** Charts (title and canvas each) laid out two per row on white, as the dashboard shows them, with the caption under them. */
export function chartsToPng(charts: { title: string; canvas: HTMLCanvasElement }[], caption: string): Promise<Blob> {
  const cellW = Math.max(1, ...charts.map((c) => c.canvas.width));
  const cellH = Math.max(1, ...charts.map((c) => c.canvas.height)) + 36;
  const columns = Math.min(2, Math.max(1, charts.length));
  const rows = Math.ceil(charts.length / columns);
  const lines = captionLines(caption);
  const out = document.createElement('canvas');
  out.width = cellW * columns + 24 * (columns + 1);
  out.height = cellH * rows + 24 * (rows + 1) + 12 + lines.length * LINE;
  const ctx = out.getContext('2d')!;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, out.width, out.height);
  charts.forEach((c, i) => {
    const x = 24 + (i % columns) * (cellW + 24);
    const y = 24 + Math.floor(i / columns) * (cellH + 24);
    ctx.font = `600 16px ${FONT_STACK}`;
    ctx.fillStyle = INK;
    ctx.fillText(c.title, x, y + 18);
    ctx.drawImage(c.canvas, x, y + 32);
  });
  drawCaption(ctx, lines, 24, cellH * rows + 24 * (rows + 1), out.width - 48);
  return encode(out);
}

export async function savePng(blob: Promise<Blob>, name: string): Promise<void> {
  download(name, await blob);
}

function encode(out: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => out.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the canvas could not be encoded'))), 'image/png'));
}

function pageLang(): Lang {
  return document.documentElement.lang === 'ja' ? 'ja' : 'en';
}

/**
 * The caption's lines: title and view, the filters as the filter sidebar states them, the date,
 * the map's credit when the map is shown, and the link (the rest of `caption`).
 */
function captionLines(caption: string): { text: string; bold?: boolean }[] {
  const lang = pageLang();
  const tab = document.querySelector('.views [role="tab"][aria-selected="true"]')?.textContent?.trim();
  const filters = document.querySelector('#filters .filter-summary')?.textContent?.trim();
  const credit = visible('.map-credit')?.textContent?.trim();
  const date = new Date().toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-GB', { dateStyle: 'long', timeStyle: 'short' });
  return [
    { text: [document.title, tab].filter(Boolean).join(' — '), bold: true },
    { text: filters ? text(lang, 'png.filters', { filters }) : text(lang, 'png.noFilters') },
    { text: text(lang, 'png.saved', { date }) },
    ...(credit ? [{ text: credit }] : []),
    { text: caption },
  ];
}

function drawCaption(ctx: CanvasRenderingContext2D, lines: { text: string; bold?: boolean }[], x: number, top: number, maxWidth: number): void {
  ctx.textAlign = 'left';
  ctx.textBaseline = 'alphabetic';
  lines.forEach((line, i) => {
    ctx.font = `${line.bold ? '600 14px' : '12px'} ${FONT_STACK}`;
    ctx.fillStyle = line.bold ? INK : MUTED;
    ctx.fillText(fitText(ctx, line.text, maxWidth), x, top + 14 + i * LINE);
  });
}

/** The legends on screen, read from the page: the colour legend and, on the map, the shading's. */
function legendBlocks(): LegendBlock[] {
  const blocks: LegendBlock[] = [];
  const legend = visible('#legend');
  if (legend) {
    blocks.push({
      title: legend.querySelector('.legend-toggle, .legend-title')?.textContent?.trim() ?? '',
      entries: [...legend.querySelectorAll('.legend-list li')].map((li) => ({
        color: colorOf(li.querySelector('.dot')),
        label: li.querySelector('.legend-label')?.textContent ?? li.textContent ?? '',
        count: li.querySelector('.legend-count')?.textContent ?? '',
        shape: 'dot' as const,
      })),
    });
    const sizes = legend.querySelector('.size-title')?.textContent?.trim();
    if (sizes) blocks.push({ title: sizes, entries: [...legend.querySelectorAll('.legend-size')].map((s) => ({ color: '#9aa3af', label: s.textContent ?? '', count: '', shape: 'dot' as const })) });
  }
  const map = visible('.map-controls');
  if (map) {
    const chooser = map.querySelector('select');
    const label = map.querySelector('label')?.firstChild?.textContent?.trim() ?? '';
    blocks.push({
      title: [label, chooser?.selectedOptions[0]?.textContent].filter(Boolean).join(': '),
      entries: [...map.querySelectorAll('.map-legend li')].map((li) => ({ color: colorOf(li.querySelector('.map-swatch')), label: li.textContent ?? '', count: '', shape: 'swatch' as const })),
    });
  }
  return blocks.filter((b) => b.entries.length);
}

function legendsHeight(blocks: LegendBlock[]): number {
  return 22 + blocks.reduce((sum, b) => sum + LINE + b.entries.length * LINE + 12, 0);
}

function drawLegends(ctx: CanvasRenderingContext2D, blocks: LegendBlock[], x: number, y: number, width: number): void {
  ctx.textBaseline = 'middle';
  for (const block of blocks) {
    ctx.font = `600 12px ${FONT_STACK}`;
    ctx.fillStyle = INK;
    ctx.textAlign = 'left';
    ctx.fillText(fitText(ctx, block.title, width), x, y);
    y += LINE;
    for (const e of block.entries) {
      ctx.fillStyle = e.color;
      if (e.shape === 'dot') {
        ctx.beginPath();
        ctx.arc(x + 5, y, 5, 0, Math.PI * 2);
        ctx.fill();
      } else {
        ctx.fillRect(x, y - 5, 14, 10);
        ctx.strokeStyle = '#b4b4b4';
        ctx.lineWidth = 1;
        ctx.strokeRect(x + 0.5, y - 4.5, 13, 9);
      }
      ctx.font = `12px ${FONT_STACK}`;
      ctx.fillStyle = MUTED;
      ctx.textAlign = 'right';
      const countWidth = e.count ? ctx.measureText(e.count).width + 8 : 0;
      if (e.count) ctx.fillText(e.count, x + width, y);
      ctx.textAlign = 'left';
      ctx.fillStyle = INK;
      ctx.fillText(fitText(ctx, e.label, width - 20 - countWidth), x + 20, y);
      y += LINE;
    }
    y += 12;
  }
  ctx.textBaseline = 'alphabetic';
}

function visible(selector: string): HTMLElement | null {
  const node = document.querySelector<HTMLElement>(selector);
  return node && !node.hidden && node.offsetParent !== null ? node : null;
}

function colorOf(node: Element | null): string {
  return node ? getComputedStyle(node).backgroundColor || '#9aa3af' : '#9aa3af';
}

/** The text, cut with an ellipsis to fit `max` pixels. */
function fitText(ctx: CanvasRenderingContext2D, value: string, max: number): string {
  if (ctx.measureText(value).width <= max) return value;
  let cut = value;
  while (cut.length > 1 && ctx.measureText(`${cut}…`).width > max) cut = cut.slice(0, -1);
  return `${cut}…`;
}
