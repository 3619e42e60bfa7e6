// ImageEditor: a canvas with a background image and drawing layers. Tools: brush (palette and
// size), eraser, crop and resize (confirmed with Apply), layers (add, switch, remove), undo,
// download, fullscreen and clear. The background comes from an upload, the webcam or the
// clipboard. Every edit uploads the changed images and the flattened composite, and the value
// becomes {background, layers, composite}.

import { ImageEditorBase } from "../generated/components/image_editor.gen";
import type { FileData } from "../generated/types.gen";
import { sameValue } from "../core/component";
import { register } from "../core/registry";
import { cssSize, frame, h, icon, iconButton } from "../core/dom";
import {
  canvasBlob,
  clipboardImages,
  fullscreenButton,
  hasButton,
  mediaButton,
  mediaIcon,
  mediaUrl,
  pastedImages,
  placeholderNodes,
  sourceList,
  uploadZone,
  Webcam,
  type Source,
} from "./image";

type Tool = "brush" | "eraser" | "crop" | "resize";

interface Layer {
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

interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

type EditorValue = { background?: FileData | null; layers?: FileData[]; composite?: FileData | null; id?: string | null };

const PALETTE = ["rgb(204, 50, 50)", "rgb(173, 204, 50)", "rgb(50, 204, 112)", "rgb(50, 112, 204)", "rgb(173, 50, 204)"];
const HISTORY = 20;

function blank(width: number, height: number): HTMLCanvasElement {
  return h("canvas", { width, height });
}

function copyCanvas(source: HTMLCanvasElement): HTMLCanvasElement {
  const out = blank(source.width, source.height);
  out.getContext("2d")?.drawImage(source, 0, 0);
  return out;
}

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new window.Image();
    img.crossOrigin = "anonymous";
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error(`Cannot load ${url}`));
    img.src = url;
  });
}

/** A color from a palette entry: a CSS color or a (color, opacity) pair. */
function paletteColor(entry: unknown): { color: string; alpha: number } | null {
  if (typeof entry === "string") return { color: entry, alpha: 1 };
  if (Array.isArray(entry) && typeof entry[0] === "string") return { color: entry[0], alpha: typeof entry[1] === "number" ? entry[1] : 1 };
  return null;
}

export class ImageEditor extends ImageEditorBase {
  private width = 800;
  private height = 800;
  private background: HTMLCanvasElement | null = null;
  private backgroundFile: FileData | null = null;
  private layerList: Layer[] = [];
  private active = 0;
  private tool: Tool | null = null;
  private color: { color: string; alpha: number } | null = null;
  private brushSize: number | null = null;
  private eraserSize: number | null = null;
  private cropRect: Rect | null = null;
  private resizeTo: { w: number; h: number; keep: boolean } | null = null;
  private view: HTMLCanvasElement | null = null;
  private stage: HTMLElement | null = null;
  private options: HTMLElement | null = null;
  private history: Snapshot[] = [];
  /** The value the canvases show (so that our own edits are not reloaded). */
  private shown: unknown = undefined;
  private loadToken = 0;
  private commitSeq = 0;
  private busy = "";
  private webcam: Webcam | null = null;
  private webcamOpen = false;
  private started = false;
  private pasteBound = false;
  private observer: ResizeObserver | null = null;
  private loading = false;

  // --- props --------------------------------------------------------------------------------

  private sources(): Source[] {
    const s = this.props.sources;
    if (s === null) return [];
    return sourceList(s, ["upload", "webcam", "clipboard"]);
  }

  private transforms(): string[] {
    const t = this.props.transforms;
    return Array.isArray(t) ? t : [];
  }

  private brushEnabled(): boolean {
    return this.props.brush !== false;
  }

  private eraserEnabled(): boolean {
    return this.props.brush !== false && this.props.eraser !== false;
  }

  private layerOptions(): { show: boolean; add: boolean; names: string[] } {
    const l = this.props.layers;
    if (l === false) return { show: false, add: false, names: [] };
    if (l && typeof l === "object") {
      const o = l as { allow_additional_layers?: boolean | null; disabled?: boolean | null; layers?: string[] | null };
      return { show: o.disabled !== true, add: o.allow_additional_layers !== false && o.disabled !== true, names: o.layers ?? [] };
    }
    return { show: true, add: true, names: [] };
  }

  private palette(): { color: string; alpha: number }[] {
    const brush = this.props.brush as { colors?: unknown } | null | undefined;
    const colors = brush && typeof brush === "object" ? brush.colors : null;
    const list = Array.isArray(colors) && (typeof colors[0] === "string" || Array.isArray(colors[0])) ? colors : colors ? [colors] : PALETTE;
    const out = list.map(paletteColor).filter((c): c is { color: string; alpha: number } => c !== null);
    return out.length ? out : PALETTE.map((color) => ({ color, alpha: 1 }));
  }

  private fixedColors(): boolean {
    const brush = this.props.brush as { color_mode?: unknown } | null | undefined;
    return !!brush && typeof brush === "object" && brush.color_mode === "fixed";
  }

  private autoSize(setting: unknown): number {
    if (typeof setting === "number" && setting > 0) return setting;
    return Math.max(2, Math.round(Math.min(this.width, this.height) / 50));
  }

  private currentBrushSize(): number {
    const brush = this.props.brush as { default_size?: unknown } | null | undefined;
    return (this.brushSize ??= this.autoSize(brush && typeof brush === "object" ? brush.default_size : null));
  }

  private currentEraserSize(): number {
    const eraser = this.props.eraser as { default_size?: unknown } | null | undefined;
    return (this.eraserSize ??= this.autoSize(eraser && typeof eraser === "object" ? eraser.default_size : null));
  }

  private currentColor(): { color: string; alpha: number } {
    if (this.color) return this.color;
    const brush = this.props.brush as { default_color?: unknown } | null | undefined;
    const preset = brush && typeof brush === "object" ? paletteColor(brush.default_color) : null;
    return (this.color = preset ?? this.palette()[0] ?? { color: PALETTE[0] ?? "#000000", alpha: 1 });
  }

  // --- state --------------------------------------------------------------------------------

  private freshLayers(width: number, height: number): Layer[] {
    const names = this.layerOptions().names;
    return (names.length ? names : ["Layer 1"]).map((name) => ({ name, canvas: blank(width, height), file: null, drawn: false }));
  }

  private resetCanvas(): void {
    const size = this.props.canvas_size ?? [800, 800];
    this.width = Math.max(1, size[0] ?? 800);
    this.height = Math.max(1, size[1] ?? 800);
    this.background = null;
    this.backgroundFile = null;
    this.layerList = this.freshLayers(this.width, this.height);
    this.active = 0;
    this.cropRect = null;
    this.resizeTo = null;
    this.brushSize = null;
    this.eraserSize = null;
  }

  private snapshot(): void {
    this.history.push({
      width: this.width,
      height: this.height,
      background: this.background ? copyCanvas(this.background) : null,
      backgroundFile: this.backgroundFile,
      layers: this.layerList.map((layer) => ({ ...layer, canvas: copyCanvas(layer.canvas) })),
      active: this.active,
    });
    if (this.history.length > HISTORY) this.history.shift();
  }

  private hasContent(): boolean {
    return this.background !== null || this.layerList.some((layer) => layer.drawn);
  }

  // --- drawing the element ---------------------------------------------------------------------

  protected build(): void {
    const p = this.props;
    if (!this.started) {
      this.started = true;
      this.resetCanvas();
    }
    if (!sameValue(p.value ?? null, this.shown ?? null) || this.shown === undefined) void this.loadValue(p.value ?? null, false);
    if (!this.interactive) {
      this.tool = null;
      this.closeWebcam();
    }
    const box = h("div", { class: "sb-editor-box sb-media-box" });
    if (p.width !== null && p.width !== undefined) box.style.width = cssSize(p.width);
    const view = h("canvas", { class: "sb-editor-canvas", width: this.width, height: this.height, "data-testid": "editor-canvas", role: "img", "aria-label": "Image editor canvas" });
    this.observer?.disconnect();
    if (typeof ResizeObserver !== "undefined") {
      this.observer = new ResizeObserver(() => this.render());
      this.observer.observe(view);
    }
    this.view = view;
    this.bindCanvas(view);
    const stage = h("div", { class: "sb-editor-stage", "aria-busy": String(this.loading) }, view);
    this.stage = stage;
    this.options = h("div", { class: "sb-editor-options" });
    if (this.interactive) box.append(this.toolbar(box), this.options);
    else {
      const bar = h("div", { class: "sb-editor-toolbar sb-editor-static-bar" });
      if (hasButton(p.buttons, "download", ["download", "share", "fullscreen"])) bar.append(mediaButton("download", "Download", () => this.download()));
      if (hasButton(p.buttons, "fullscreen", ["download", "share", "fullscreen"])) bar.append(fullscreenButton(() => box));
      if (bar.childElementCount) box.append(bar);
    }
    box.append(stage);
    this.drawOptions();
    this.drawOverlay();
    this.replaceChildren(frame({ label: p.label, showLabel: p.show_label, container: p.container }, [box]));
    this.render();
    if (!this.pasteBound) {
      this.pasteBound = true;
      this.addEventListener("paste", (event) => {
        if (!this.interactive || !this.sources().includes("clipboard")) return;
        const files = pastedImages(event as ClipboardEvent);
        if (files.length) {
          event.preventDefault();
          void this.useFile(files[0] as File, true);
        }
      });
    }
  }

  protected override showValue(): void {
    if (sameValue(this.props.value ?? null, this.shown ?? null)) return;
    void this.loadValue(this.props.value ?? null);
  }

  disconnectedCallback(): void {
    this.webcam?.stop();
    this.observer?.disconnect();
  }

  private toolbar(box: HTMLElement): HTMLElement {
    const p = this.props;
    const bar = h("div", { class: "sb-editor-toolbar", role: "toolbar", "aria-label": "Editor tools" });
    const sources = this.sources();
    if (sources.includes("upload")) {
      const input = h("input", { type: "file", accept: "image/*", hidden: true, class: "sb-upload-input", "aria-label": "Upload an image" });
      input.addEventListener("change", () => {
        const file = input.files?.[0];
        input.value = "";
        if (file) void this.useFile(file, true);
      });
      bar.append(input, mediaButton("image", "Upload an image", () => input.click()));
    }
    if (sources.includes("webcam")) bar.append(mediaButton("camera", "Webcam", () => void this.openWebcam()));
    if (sources.includes("clipboard")) bar.append(mediaButton("paste", "Paste from clipboard", () => void this.fromClipboard()));
    const tools: [Tool, string, string][] = [];
    if (this.brushEnabled()) tools.push(["brush", "brush", "Brush"]);
    if (this.eraserEnabled()) tools.push(["eraser", "eraser", "Eraser"]);
    if (this.transforms().includes("crop")) tools.push(["crop", "crop", "Crop"]);
    if (this.transforms().includes("resize")) tools.push(["resize", "resize", "Resize"]);
    if (tools.length) bar.append(h("span", { class: "sb-sep", "aria-hidden": "true" }));
    for (const [tool, iconName, label] of tools) {
      const button = mediaButton(iconName, label, () => this.chooseTool(tool));
      button.setAttribute("aria-pressed", String(this.tool === tool));
      bar.append(button);
    }
    const layers = this.layerOptions();
    if (layers.show) {
      bar.append(h("span", { class: "sb-sep", "aria-hidden": "true" }));
      const select = h("select", { "aria-label": "Layer" });
      this.layerList.forEach((layer, index) => select.append(h("option", { value: String(index), selected: index === this.active }, layer.name)));
      select.addEventListener("change", () => {
        this.active = Number(select.value);
      });
      const group = h("span", { class: "sb-editor-layers" }, mediaIcon("layers"), select);
      if (layers.add) group.append(mediaButton("add", "Add layer", () => this.addLayer()));
      if (this.layerList.length > 1) group.append(mediaButton("trash", "Remove layer", () => this.removeLayer()));
      bar.append(group);
    }
    bar.append(h("span", { class: "sb-sep", "aria-hidden": "true" }));
    const undo = iconButton("undo", "Undo", () => this.undo());
    undo.disabled = this.history.length === 0;
    bar.append(undo);
    if (hasButton(p.buttons, "download", ["download", "share", "fullscreen"])) bar.append(mediaButton("download", "Download", () => this.download()));
    if (hasButton(p.buttons, "fullscreen", ["download", "share", "fullscreen"])) bar.append(fullscreenButton(() => box));
    bar.append(iconButton("clear", "Clear", () => this.clear()));
    return bar;
  }

  /** The options of the current tool (colors, sizes, crop and resize fields). */
  private drawOptions(): void {
    const row = this.options;
    if (!row) return;
    row.replaceChildren();
    if (this.tool === "brush") {
      const current = this.currentColor();
      for (const entry of this.palette()) {
        const swatch = h("button", { type: "button", class: "sb-editor-swatch", "aria-label": `Color ${entry.color}`, title: entry.color, style: `background: ${entry.color}; opacity: ${entry.alpha}` });
        swatch.setAttribute("aria-pressed", String(entry.color === current.color));
        swatch.addEventListener("click", () => {
          this.color = entry;
          this.drawOptions();
        });
        row.append(swatch);
      }
      if (!this.fixedColors()) {
        const picker = h("input", { type: "color", "aria-label": "Custom color", value: toHex(current.color) });
        picker.addEventListener("input", () => {
          this.color = { color: picker.value, alpha: 1 };
        });
        row.append(picker);
      }
      row.append(this.sizeField("Brush size", this.currentBrushSize(), (v) => (this.brushSize = v)));
    } else if (this.tool === "eraser") {
      row.append(this.sizeField("Eraser size", this.currentEraserSize(), (v) => (this.eraserSize = v)));
    } else if (this.tool === "crop") {
      const rect = (this.cropRect ??= { x: 0, y: 0, w: this.width, h: this.height });
      const fields: [keyof Rect, string, number][] = [
        ["x", "X", this.width - 1],
        ["y", "Y", this.height - 1],
        ["w", "Width", this.width],
        ["h", "Height", this.height],
      ];
      for (const [key, label, max] of fields) {
        const input = h("input", { type: "number", min: key === "w" || key === "h" ? "1" : "0", max: String(max), step: "1", value: String(Math.round(rect[key])) });
        input.addEventListener("input", () => {
          const r = this.cropRect ?? rect;
          r[key] = Math.max(0, Math.round(Number(input.value) || 0));
          this.cropRect = this.clampRect(r);
          this.render();
        });
        row.append(h("label", {}, label, input));
      }
      row.append(this.applyButtons());
    } else if (this.tool === "resize") {
      const target = (this.resizeTo ??= { w: this.width, h: this.height, keep: true });
      const wInput = h("input", { type: "number", min: "1", step: "1", value: String(target.w) });
      const hInput = h("input", { type: "number", min: "1", step: "1", value: String(target.h) });
      const keep = h("input", { type: "checkbox", checked: target.keep });
      wInput.addEventListener("input", () => {
        target.w = Math.max(1, Math.round(Number(wInput.value) || 1));
        if (target.keep) {
          target.h = Math.max(1, Math.round((target.w * this.height) / this.width));
          hInput.value = String(target.h);
        }
      });
      hInput.addEventListener("input", () => {
        target.h = Math.max(1, Math.round(Number(hInput.value) || 1));
        if (target.keep) {
          target.w = Math.max(1, Math.round((target.h * this.width) / this.height));
          wInput.value = String(target.w);
        }
      });
      keep.addEventListener("change", () => (target.keep = keep.checked));
      row.append(h("label", {}, "Width", wInput), h("label", {}, "Height", hInput), h("label", {}, keep, "Keep aspect ratio"), this.applyButtons());
    }
  }

  private applyButtons(): DocumentFragment {
    const fragment = document.createDocumentFragment();
    const apply = h("button", { type: "button", class: "sb-btn sb-btn-primary sb-size-sm sb-apply-button", "aria-label": "Apply", title: "Apply" }, icon("check"), "Apply");
    apply.addEventListener("click", () => void this.apply());
    const cancel = h("button", { type: "button", class: "sb-btn sb-size-sm" }, "Cancel");
    cancel.addEventListener("click", () => this.chooseTool(null));
    fragment.append(apply, cancel);
    return fragment;
  }

  private sizeField(label: string, value: number, set: (value: number) => void): HTMLElement {
    const max = Math.max(50, Math.round(Math.min(this.width, this.height) / 4));
    const range = h("input", { type: "range", min: "1", max: String(max), step: "1", value: String(Math.min(value, max)), "aria-label": label });
    range.addEventListener("input", () => set(Number(range.value)));
    return h("label", {}, label, range);
  }

  /** The upload prompt or webcam view over an empty canvas. */
  private drawOverlay(): void {
    const stage = this.stage;
    if (!stage) return;
    stage.querySelectorAll(":scope > .sb-upload, :scope > .sb-webcam, :scope > .sb-media-busy").forEach((node) => node.remove());
    if (this.busy) {
      stage.append(h("div", { class: "sb-media-busy", role: "status" }, this.busy));
      return;
    }
    if (!this.interactive) return;
    if (this.webcamOpen && this.webcam) {
      const snap = h("button", { type: "button", class: "sb-btn sb-btn-primary sb-size-sm" }, mediaIcon("camera"), "Take a photo");
      snap.addEventListener("click", () => void this.capture());
      const cancel = h("button", { type: "button", class: "sb-btn sb-size-sm" }, "Cancel");
      cancel.addEventListener("click", () => {
        this.closeWebcam();
        this.drawOverlay();
      });
      stage.append(h("div", { class: "sb-webcam" }, this.webcam.video, h("div", { class: "sb-webcam-controls" }, snap, cancel), this.webcam.status));
      return;
    }
    if (!this.hasContent() && this.tool === null && this.sources().includes("upload")) {
      stage.append(
        uploadZone({
          accept: "image/*",
          label: "Upload a background image",
          prompt: placeholderNodes(this.props.placeholder, "Drop an image here\nor click to upload\n(or pick a tool to draw on a blank canvas)"),
          onFiles: (files) => void this.useFile(files[0] as File, true),
        }),
      );
    }
  }

  /** Draw the background, the layers and the crop frame onto the visible canvas (at screen
   * resolution, so the crop frame stays sharp on small images). */
  private render(): void {
    const view = this.view;
    if (!view) return;
    // Fill the width (small images are scaled up) without getting taller than `height`.
    const maxHeight = this.props.height !== null && this.props.height !== undefined ? cssSize(this.props.height) : "600px";
    view.style.aspectRatio = `${this.width} / ${this.height}`;
    view.dataset.size = `${this.width}x${this.height}`;
    view.style.width = `min(100%, calc(${maxHeight} * ${this.width / this.height}))`;
    const rect = view.getBoundingClientRect();
    const ratio = window.devicePixelRatio || 1;
    const pw = rect.width > 0 ? Math.round(rect.width * ratio) : this.width;
    const ph = rect.height > 0 ? Math.round(rect.height * ratio) : this.height;
    if (view.width !== pw || view.height !== ph) {
      view.width = pw;
      view.height = ph;
    }
    const ctx = view.getContext("2d");
    if (!ctx) return;
    const sx = pw / this.width;
    const sy = ph / this.height;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, pw, ph);
    ctx.imageSmoothingEnabled = Math.min(sx, sy) < 3 * ratio;
    ctx.setTransform(sx, 0, 0, sy, 0, 0);
    this.compose(ctx);
    if (this.tool === "crop" && this.cropRect) {
      const r = this.cropRect;
      ctx.save();
      ctx.fillStyle = "rgba(0, 0, 0, 0.45)";
      ctx.beginPath();
      ctx.rect(0, 0, this.width, this.height);
      ctx.rect(r.x, r.y, r.w, r.h);
      ctx.fill("evenodd");
      ctx.strokeStyle = "#ffffff";
      ctx.lineWidth = (1.5 * ratio) / Math.min(sx, sy);
      ctx.setLineDash([(6 * ratio) / sx, (4 * ratio) / sx]);
      ctx.strokeRect(r.x, r.y, r.w, r.h);
      ctx.restore();
    }
  }

  private compose(ctx: CanvasRenderingContext2D): void {
    if (this.background) ctx.drawImage(this.background, 0, 0);
    for (const layer of this.layerList) ctx.drawImage(layer.canvas, 0, 0);
  }

  // --- pointer input ---------------------------------------------------------------------------

  private point(event: PointerEvent | MouseEvent): [number, number] {
    const view = this.view;
    if (!view) return [0, 0];
    const rect = view.getBoundingClientRect();
    const x = ((event.clientX - rect.left) / Math.max(rect.width, 1)) * this.width;
    const y = ((event.clientY - rect.top) / Math.max(rect.height, 1)) * this.height;
    return [Math.min(Math.max(x, 0), this.width - 0.001), Math.min(Math.max(y, 0), this.height - 0.001)];
  }

  private bindCanvas(view: HTMLCanvasElement): void {
    let start: { x: number; y: number; cx: number; cy: number; moved: boolean } | null = null;
    let last: [number, number] | null = null;
    view.addEventListener("pointerdown", (event) => {
      if (!this.interactive && !this.props._selectable) return;
      const [x, y] = this.point(event);
      start = { x, y, cx: event.clientX, cy: event.clientY, moved: false };
      view.setPointerCapture?.(event.pointerId);
      if (!this.interactive) return;
      if (this.tool === "brush" || this.tool === "eraser") {
        this.snapshot();
        last = [x, y];
        this.stroke(x, y, x, y);
      } else if (this.tool === "crop") {
        this.cropRect = { x: Math.floor(x), y: Math.floor(y), w: 1, h: 1 };
      }
    });
    view.addEventListener("pointermove", (event) => {
      if (!start) return;
      if (Math.hypot(event.clientX - start.cx, event.clientY - start.cy) > 3) start.moved = true;
      const [x, y] = this.point(event);
      if (last && (this.tool === "brush" || this.tool === "eraser")) {
        this.stroke(last[0], last[1], x, y);
        last = [x, y];
      } else if (this.tool === "crop" && start.moved) {
        this.cropRect = this.clampRect({
          x: Math.floor(Math.min(start.x, x)),
          y: Math.floor(Math.min(start.y, y)),
          w: Math.ceil(Math.abs(x - start.x)),
          h: Math.ceil(Math.abs(y - start.y)),
        });
        this.render();
      }
    });
    const end = (event: PointerEvent): void => {
      if (!start) return;
      const began = start;
      start = null;
      const drew = last !== null;
      last = null;
      if (this.tool === "crop") {
        if (!began.moved) this.cropRect = { x: 0, y: 0, w: this.width, h: this.height };
        this.drawOptions();
        this.render();
      }
      if (!began.moved && this.props._selectable && this.tool !== "crop") {
        const [x, y] = this.point(event);
        this.emitSelect({ index: [Math.floor(x), Math.floor(y)], value: null });
      }
      if (drew) {
        this.refreshToolbar();
        void this.commit();
      }
    };
    view.addEventListener("pointerup", end);
    view.addEventListener("pointercancel", () => {
      start = null;
      last = null;
    });
  }

  private stroke(x0: number, y0: number, x1: number, y1: number): void {
    const layer = this.layerList[this.active];
    const ctx = layer?.canvas.getContext("2d");
    if (!layer || !ctx) return;
    const eraser = this.tool === "eraser";
    ctx.save();
    ctx.globalCompositeOperation = eraser ? "destination-out" : "source-over";
    const color = this.currentColor();
    ctx.strokeStyle = eraser ? "#000000" : color.color;
    ctx.globalAlpha = eraser ? 1 : color.alpha;
    ctx.lineWidth = 2 * (eraser ? this.currentEraserSize() : this.currentBrushSize());
    ctx.lineCap = "round";
    ctx.lineJoin = "round";
    ctx.beginPath();
    ctx.moveTo(x0, y0);
    ctx.lineTo(x1 + (x0 === x1 && y0 === y1 ? 0.01 : 0), y1);
    ctx.stroke();
    ctx.restore();
    layer.file = null;
    layer.drawn = true;
    this.render();
  }

  private clampRect(r: Rect): Rect {
    const x = Math.min(Math.max(0, r.x), this.width - 1);
    const y = Math.min(Math.max(0, r.y), this.height - 1);
    return { x, y, w: Math.max(1, Math.min(r.w, this.width - x)), h: Math.max(1, Math.min(r.h, this.height - y)) };
  }

  // --- tools -----------------------------------------------------------------------------------

  private chooseTool(tool: Tool | null): void {
    this.tool = this.tool === tool ? null : tool;
    this.cropRect = null;
    this.resizeTo = null;
    this.build();
  }

  private refreshToolbar(): void {
    const undo = this.querySelector<HTMLButtonElement>(".sb-undo-button");
    if (undo) undo.disabled = this.history.length === 0;
  }

  private addLayer(): void {
    this.snapshot();
    const taken = new Set(this.layerList.map((layer) => layer.name));
    let n = this.layerList.length + 1;
    while (taken.has(`Layer ${n}`)) n += 1;
    this.layerList.push({ name: `Layer ${n}`, canvas: blank(this.width, this.height), file: null, drawn: false });
    this.active = this.layerList.length - 1;
    this.build();
    if (this.hasContent()) void this.commit();
  }

  private removeLayer(): void {
    if (this.layerList.length <= 1) return;
    this.snapshot();
    this.layerList.splice(this.active, 1);
    this.active = Math.max(0, this.active - 1);
    this.build();
    void this.commit();
  }

  private undo(): void {
    const last = this.history.pop();
    if (!last) return;
    this.width = last.width;
    this.height = last.height;
    this.background = last.background;
    this.backgroundFile = last.backgroundFile;
    this.layerList = last.layers;
    this.active = Math.min(last.active, this.layerList.length - 1);
    this.build();
    void this.commit();
  }

  /** Confirm the pending crop or resize. */
  private async apply(): Promise<void> {
    if (this.tool === "crop" && this.cropRect) {
      const r = this.clampRect(this.cropRect);
      this.snapshot();
      const cut = (source: HTMLCanvasElement): HTMLCanvasElement => {
        const out = blank(r.w, r.h);
        out.getContext("2d")?.drawImage(source, r.x, r.y, r.w, r.h, 0, 0, r.w, r.h);
        return out;
      };
      this.transform(r.w, r.h, cut);
    } else if (this.tool === "resize" && this.resizeTo) {
      const { w, h: hh } = this.resizeTo;
      this.snapshot();
      const scale = (source: HTMLCanvasElement): HTMLCanvasElement => {
        const out = blank(w, hh);
        out.getContext("2d")?.drawImage(source, 0, 0, w, hh);
        return out;
      };
      this.transform(w, hh, scale);
    } else {
      return;
    }
    this.tool = null;
    this.cropRect = null;
    this.resizeTo = null;
    this.build();
    await this.commit();
    this.emitApply();
  }

  private transform(width: number, height: number, change: (source: HTMLCanvasElement) => HTMLCanvasElement): void {
    if (this.background) this.background = change(this.background);
    this.backgroundFile = null;
    this.layerList = this.layerList.map((layer) => ({ ...layer, canvas: change(layer.canvas), file: null }));
    this.width = width;
    this.height = height;
  }

  private download(): void {
    const canvas = blank(this.width, this.height);
    const ctx = canvas.getContext("2d");
    if (!ctx) return;
    this.compose(ctx);
    const link = h("a", { href: canvas.toDataURL("image/png"), download: "image.png" });
    link.click();
  }

  // --- sources ---------------------------------------------------------------------------------

  /** Make `file` the background (after uploading it). */
  private async useFile(file: File, isUpload: boolean): Promise<void> {
    this.busy = "Uploading…";
    this.drawOverlay();
    try {
      const [uploaded] = await this.host.upload([file]);
      const url = URL.createObjectURL(file);
      const img = await loadImage(url).finally(() => URL.revokeObjectURL(url));
      this.snapshot();
      this.setBackground(img, uploaded ?? null);
      this.busy = "";
      this.tool = null;
      this.build();
      await this.commit();
      if (isUpload) this.emitUpload();
    } catch (error) {
      this.busy = "";
      this.drawOverlay();
      this.host.toast("error", error instanceof Error ? error.message : String(error), "Upload failed");
    }
  }

  /** Draw `img` as the background; the canvas takes its size unless `fixed_canvas`. */
  private setBackground(img: HTMLImageElement, file: FileData | null): void {
    const iw = img.naturalWidth || 1;
    const ih = img.naturalHeight || 1;
    if (this.props.fixed_canvas) {
      const size = this.props.canvas_size ?? [800, 800];
      this.width = Math.max(1, size[0] ?? 800);
      this.height = Math.max(1, size[1] ?? 800);
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
    this.layerList = this.freshLayers(this.width, this.height);
    this.active = 0;
    this.brushSize = null;
    this.eraserSize = null;
  }

  private async openWebcam(): Promise<void> {
    this.webcam ??= new Webcam(this.props.webcam_options);
    this.webcamOpen = true;
    this.drawOverlay();
    await this.webcam.start();
    this.drawOverlay();
  }

  private closeWebcam(): void {
    this.webcamOpen = false;
    this.webcam?.stop();
  }

  private async capture(): Promise<void> {
    const file = await this.webcam?.snapshot();
    this.closeWebcam();
    if (file) await this.useFile(file, false);
    else this.drawOverlay();
  }

  private async fromClipboard(): Promise<void> {
    try {
      const files = await clipboardImages();
      if (files[0]) await this.useFile(files[0], true);
      else this.host.toast("warning", "The clipboard holds no image.");
    } catch (error) {
      this.host.toast("warning", `Cannot read the clipboard: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  // --- the value -------------------------------------------------------------------------------

  /** Show a value from the server (or the initial value). */
  private async loadValue(value: EditorValue | null, redraw = true): Promise<void> {
    const token = ++this.loadToken;
    this.shown = value;
    this.loading = value !== null;
    if (!value || (!value.background && !value.composite && !(value.layers ?? []).length)) {
      this.resetCanvas();
      this.history = [];
      this.loading = false;
      if (redraw) this.build();
      return;
    }
    const layersIn = value.layers ?? [];
    const backgroundFile = value.background ?? (layersIn.length === 0 ? value.composite ?? null : null);
    try {
      const bg = backgroundFile ? await loadImage(mediaUrl(this.host, backgroundFile)) : null;
      const layerImages = await Promise.all(layersIn.map((file) => loadImage(mediaUrl(this.host, file))));
      if (token !== this.loadToken) return;
      this.history = [];
      const size = this.props.canvas_size ?? [800, 800];
      const first = layerImages[0];
      this.width = bg ? bg.naturalWidth : first ? first.naturalWidth : size[0] ?? 800;
      this.height = bg ? bg.naturalHeight : first ? first.naturalHeight : size[1] ?? 800;
      if (bg) {
        this.setBackground(bg, value.background ?? null);
      } else {
        this.background = null;
        this.backgroundFile = null;
      }
      if (layerImages.length) {
        this.layerList = layerImages.map((img, i) => {
          const canvas = blank(this.width, this.height);
          canvas.getContext("2d")?.drawImage(img, 0, 0, this.width, this.height);
          return { name: `Layer ${i + 1}`, canvas, file: layersIn[i] ?? null, drawn: true };
        });
      } else if (!bg) {
        this.layerList = this.freshLayers(this.width, this.height);
      }
      this.active = 0;
    } catch (error) {
      if (token !== this.loadToken) return;
      this.host.toast("error", error instanceof Error ? error.message : String(error));
    }
    this.loading = false;
    this.build();
  }

  /** Upload what changed and make the new value. */
  private async commit(): Promise<void> {
    const seq = ++this.commitSeq;
    if (!this.hasContent()) {
      this.shown = null;
      this.setUserValue(null);
      return;
    }
    const composite = blank(this.width, this.height);
    const ctx = composite.getContext("2d");
    if (ctx) this.compose(ctx);
    const pending: { canvas: HTMLCanvasElement; name: string; assign: (file: FileData) => void }[] = [];
    let compositeFile: FileData | null = null;
    if (this.background && !this.backgroundFile) {
      pending.push({ canvas: this.background, name: "background.png", assign: (file) => (this.backgroundFile = file) });
    }
    this.layerList.forEach((layer, index) => {
      if (!layer.file) pending.push({ canvas: layer.canvas, name: `layer_${index + 1}.png`, assign: (file) => (layer.file = file) });
    });
    pending.push({ canvas: composite, name: "composite.png", assign: (file) => (compositeFile = file) });
    try {
      const blobs = await Promise.all(pending.map((item) => canvasBlob(item.canvas)));
      const files = blobs.map((blob, i) => new File([blob ?? new Blob()], pending[i]?.name ?? "image.png", { type: "image/png" }));
      const uploaded = await this.host.upload(files);
      if (seq !== this.commitSeq) return;
      uploaded.forEach((file, i) => pending[i]?.assign(file));
    } catch (error) {
      this.host.toast("error", error instanceof Error ? error.message : String(error), "Upload failed");
      return;
    }
    const value = {
      background: this.background ? this.backgroundFile : null,
      layers: this.layerList.map((layer) => layer.file).filter((file): file is FileData => file !== null),
      composite: compositeFile,
      id: null,
    };
    this.shown = value;
    this.setUserValue(value);
  }

  private clear(): void {
    this.closeWebcam();
    this.commitSeq += 1;
    this.tool = null;
    this.resetCanvas();
    this.history = [];
    this.shown = null;
    this.setUserValue(null);
    this.build();
    this.emitClear();
  }
}

/** A CSS color as #rrggbb for a color input. */
function toHex(color: string): string {
  const ctx = document.createElement("canvas").getContext("2d");
  if (!ctx) return "#000000";
  ctx.fillStyle = "#000000";
  ctx.fillStyle = color;
  const value = ctx.fillStyle;
  return /^#[0-9a-f]{6}$/i.test(value) ? value : "#000000";
}

register(ImageEditor);
