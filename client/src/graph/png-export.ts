/**
 * Saves the current view as a PNG: sigma's layers (WebGL and 2D canvases) composed in their
 * order on white, with a caption line. WebGL canvases keep no drawing buffer, so the layers are
 * copied in the same task as a synchronous render, before the browser clears them.
 */
import { download } from '../dom.ts';
import { FONT_STACK } from './label-drawing.ts';

/** What is read of a sigma instance (any attribute types). */
interface SigmaLike {
  getDimensions(): { width: number; height: number };
  refresh(options?: { skipIndexation?: boolean }): unknown;
  getContainer(): HTMLElement;
}

/** The picture of a sigma instance, with `caption` written at the bottom left. */
export function sigmaToPng(renderer: SigmaLike, caption: string): Promise<Blob> {
  const { width, height } = renderer.getDimensions();
  const ratio = window.devicePixelRatio || 1;
  const out = document.createElement('canvas');
  out.width = Math.round(width * ratio);
  out.height = Math.round(height * ratio);
  const ctx = out.getContext('2d')!;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, out.width, out.height);

  renderer.refresh({ skipIndexation: true });
  // Layers in document order are drawn bottom to top; the mouse layer is empty.
  const layers = [...renderer.getContainer().querySelectorAll('canvas')].filter((c) => c.classList.contains('sigma-mouse') === false);
  for (const canvas of layers) {
    if (canvas.width && canvas.height && getComputedStyle(canvas).display !== 'none') ctx.drawImage(canvas, 0, 0, out.width, out.height);
  }

  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.font = `12px ${FONT_STACK}`;
  ctx.fillStyle = '#5b6472';
  ctx.fillText(caption, 12, height - 12);
  return new Promise((resolve, reject) => out.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the canvas could not be encoded'))), 'image/png'));
}

/** Charts (title and canvas each) laid out two per row on white, as the dashboard shows them. */
export function chartsToPng(charts: { title: string; canvas: HTMLCanvasElement }[], caption: string): Promise<Blob> {
  const cellW = Math.max(1, ...charts.map((c) => c.canvas.width));
  const cellH = Math.max(1, ...charts.map((c) => c.canvas.height)) + 36;
  const columns = Math.min(2, Math.max(1, charts.length));
  const rows = Math.ceil(charts.length / columns);
  const out = document.createElement('canvas');
  out.width = cellW * columns + 24 * (columns + 1);
  out.height = cellH * rows + 24 * (rows + 1) + 28;
  const ctx = out.getContext('2d')!;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, out.width, out.height);
  charts.forEach((c, i) => {
    const x = 24 + (i % columns) * (cellW + 24);
    const y = 24 + Math.floor(i / columns) * (cellH + 24);
    ctx.font = `600 16px ${FONT_STACK}`;
    ctx.fillStyle = '#1b1f24';
    ctx.fillText(c.title, x, y + 18);
    ctx.drawImage(c.canvas, x, y + 32);
  });
  ctx.font = `12px ${FONT_STACK}`;
  ctx.fillStyle = '#5b6472';
  ctx.fillText(caption, 24, out.height - 14);
  return new Promise((resolve, reject) => out.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the canvas could not be encoded'))), 'image/png'));
}

export async function savePng(blob: Promise<Blob>, name: string): Promise<void> {
  download(name, await blob);
}
