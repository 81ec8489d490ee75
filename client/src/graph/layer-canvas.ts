/**
 * Canvas layers of the sigma stage that musubi draws itself (the map's ground, its labels, the
 * focus veil, the proposed tie): created over the whole stage without catching the pointer, and
 * before each drawing sized to the stage in device pixels and cleared.
 */
import type Sigma from 'sigma';

type Renderer = Pick<Sigma, 'createCanvas' | 'getDimensions'>;

/** A layer of its own, placed before or after one of sigma's. */
export function layerCanvas(renderer: Renderer, id: string, place: { beforeLayer: string } | { afterLayer: string }): HTMLCanvasElement {
  const canvas = renderer.createCanvas(id, place);
  Object.assign(canvas.style, { position: 'absolute', inset: '0', pointerEvents: 'none' });
  return canvas;
}

/** The layer sized to the stage and cleared; its context draws in CSS pixels. */
export function fitLayer(renderer: Renderer, canvas: HTMLCanvasElement): { ctx: CanvasRenderingContext2D; width: number; height: number; ratio: number } {
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
  return { ctx, width, height, ratio };
}
