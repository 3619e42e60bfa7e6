// Canvas utilities of the ImageEditor: blank and copied canvases, loading an image, rectangles
// kept inside the canvas, and CSS colors for a color input.

import { h } from "../../core/dom";

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export function blank(width: number, height: number): HTMLCanvasElement {
  return h("canvas", { width, height });
}

export function copyCanvas(source: HTMLCanvasElement): HTMLCanvasElement {
  const out = blank(source.width, source.height);
  out.getContext("2d")?.drawImage(source, 0, 0);
  return out;
}

export function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new window.Image();
    img.crossOrigin = "anonymous";
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error(`Cannot load ${url}`));
    img.src = url;
  });
}

/** `r` moved and cut to fit a `width` x `height` canvas (at least one pixel). */
export function clampRect(r: Rect, width: number, height: number): Rect {
  const x = Math.min(Math.max(0, r.x), width - 1);
  const y = Math.min(Math.max(0, r.y), height - 1);
  return { x, y, w: Math.max(1, Math.min(r.w, width - x)), h: Math.max(1, Math.min(r.h, height - y)) };
}

/** A CSS color as #rrggbb for a color input. */
export function toHex(color: string): string {
  const ctx = document.createElement("canvas").getContext("2d");
  if (!ctx) return "#000000";
  ctx.fillStyle = "#000000";
  ctx.fillStyle = color;
  const value = ctx.fillStyle;
  return /^#[0-9a-f]{6}$/i.test(value) ? value : "#000000";
}
