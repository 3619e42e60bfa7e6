// The ImageEditor's picture: its size, the background, the drawing layers (the active one takes
// the strokes) and the undo history. Composing it draws the flattened picture.

import type { FileData } from "../../generated/types.gen";
import { blank, copyCanvas, type Rect } from "./canvas";
import type { BrushColor } from "./settings";

export interface Layer {
  name: string;
  canvas: HTMLCanvasElement;
  /** The uploaded copy of this layer while it is unchanged. */
  file: FileData | null;
  drawn: boolean;
}

interface Snapshot {
  width: number;
  height: number;
  background: HTMLCanvasElement | null;
  backgroundFile: FileData | null;
  layers: Layer[];
  active: number;
}

const HISTORY = 20;

/** Empty layers called `names` (one "Layer 1" when there are none). */
export function freshLayers(names: string[], width: number, height: number): Layer[] {
  return (names.length ? names : ["Layer 1"]).map((name) => ({ name, canvas: blank(width, height), file: null, drawn: false }));
}

export class EditorDocument {
  width = 800;
  height = 800;
  background: HTMLCanvasElement | null = null;
  /** The uploaded copy of the background while it is unchanged. */
  backgroundFile: FileData | null = null;
  layers: Layer[] = [];
  active = 0;
  history: Snapshot[] = [];

  /** An empty canvas of `size` (default 800 x 800) with the layers `names`. */
  reset(size: [number, number] | undefined, names: string[]): void {
    const s = size ?? [800, 800];
    this.width = Math.max(1, s[0] ?? 800);
    this.height = Math.max(1, s[1] ?? 800);
    this.background = null;
    this.backgroundFile = null;
    this.layers = freshLayers(names, this.width, this.height);
    this.active = 0;
  }

  /** Remember the current picture for `undo` (the last 20 are kept). */
  snapshot(): void {
    this.history.push({
      width: this.width,
      height: this.height,
      background: this.background ? copyCanvas(this.background) : null,
      backgroundFile: this.backgroundFile,
      layers: this.layers.map((layer) => ({ ...layer, canvas: copyCanvas(layer.canvas) })),
      active: this.active,
    });
    if (this.history.length > HISTORY) this.history.shift();
  }

  /** Go back to the last snapshot; false when there is none. */
  undo(): boolean {
    const last = this.history.pop();
    if (!last) return false;
    this.width = last.width;
    this.height = last.height;
    this.background = last.background;
    this.backgroundFile = last.backgroundFile;
    this.layers = last.layers;
    this.active = Math.min(last.active, this.layers.length - 1);
    return true;
  }

  hasContent(): boolean {
    return this.background !== null || this.layers.some((layer) => layer.drawn);
  }

  /** Draw the background and the layers onto `ctx`. */
  compose(ctx: CanvasRenderingContext2D): void {
    if (this.background) ctx.drawImage(this.background, 0, 0);
    for (const layer of this.layers) ctx.drawImage(layer.canvas, 0, 0);
  }

  /** Draw a line on the active layer (erasing with `erase`); false when there is no layer. */
  stroke(x0: number, y0: number, x1: number, y1: number, erase: boolean, color: BrushColor, size: number): boolean {
    const layer = this.layers[this.active];
    const ctx = layer?.canvas.getContext("2d");
    if (!layer || !ctx) return false;
    ctx.save();
    ctx.globalCompositeOperation = erase ? "destination-out" : "source-over";
    ctx.strokeStyle = erase ? "#000000" : color.color;
    ctx.globalAlpha = erase ? 1 : color.alpha;
    ctx.lineWidth = 2 * size;
    ctx.lineCap = "round";
    ctx.lineJoin = "round";
    ctx.beginPath();
    ctx.moveTo(x0, y0);
    ctx.lineTo(x1 + (x0 === x1 && y0 === y1 ? 0.01 : 0), y1);
    ctx.stroke();
    ctx.restore();
    layer.file = null;
    layer.drawn = true;
    return true;
  }

  /** Add an empty layer ("Layer n") and make it the active one. */
  addLayer(): void {
    const taken = new Set(this.layers.map((layer) => layer.name));
    let n = this.layers.length + 1;
    while (taken.has(`Layer ${n}`)) n += 1;
    this.layers.push({ name: `Layer ${n}`, canvas: blank(this.width, this.height), file: null, drawn: false });
    this.active = this.layers.length - 1;
  }

  /** Remove the active layer; the one below becomes active. */
  removeLayer(): void {
    this.layers.splice(this.active, 1);
    this.active = Math.max(0, this.active - 1);
  }

  /** Cut the picture down to `r`. */
  crop(r: Rect): void {
    const cut = (source: HTMLCanvasElement): HTMLCanvasElement => {
      const out = blank(r.w, r.h);
      out.getContext("2d")?.drawImage(source, r.x, r.y, r.w, r.h, 0, 0, r.w, r.h);
      return out;
    };
    this.transform(r.w, r.h, cut);
  }

  /** Scale the picture to `w` x `hh`. */
  resize(w: number, hh: number): void {
    const scale = (source: HTMLCanvasElement): HTMLCanvasElement => {
      const out = blank(w, hh);
      out.getContext("2d")?.drawImage(source, 0, 0, w, hh);
      return out;
    };
    this.transform(w, hh, scale);
  }

  private transform(width: number, height: number, change: (source: HTMLCanvasElement) => HTMLCanvasElement): void {
    if (this.background) this.background = change(this.background);
    this.backgroundFile = null;
    this.layers = this.layers.map((layer) => ({ ...layer, canvas: change(layer.canvas), file: null }));
    this.width = width;
    this.height = height;
  }

  /**
   * Draw `img` as the background (`file` is its upload) under fresh layers `names`. The canvas
   * takes the image's size, or keeps `fixedSize` with the image scaled to fit and centered.
   */
  setBackground(img: HTMLImageElement, file: FileData | null, fixedSize: [number, number] | null, names: string[]): void {
    const iw = img.naturalWidth || 1;
    const ih = img.naturalHeight || 1;
    if (fixedSize) {
      this.width = Math.max(1, fixedSize[0] ?? 800);
      this.height = Math.max(1, fixedSize[1] ?? 800);
      const scale = Math.min(this.width / iw, this.height / ih);
      const bg = blank(this.width, this.height);
      bg.getContext("2d")?.drawImage(img, (this.width - iw * scale) / 2, (this.height - ih * scale) / 2, iw * scale, ih * scale);
      this.background = bg;
      this.backgroundFile = scale === 1 && iw === this.width && ih === this.height ? file : null;
    } else {
      this.width = iw;
      this.height = ih;
      const bg = blank(iw, ih);
      bg.getContext("2d")?.drawImage(img, 0, 0);
      this.background = bg;
      this.backgroundFile = file;
    }
    this.layers = freshLayers(names, this.width, this.height);
    this.active = 0;
  }
}
