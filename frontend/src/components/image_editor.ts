// ImageEditor: a canvas with a background image and drawing layers. Tools: brush (palette and
// size), eraser, crop and resize (confirmed with Apply), layers (add, switch, remove), undo,
// download, fullscreen and clear. The background comes from an upload, the webcam or the
// clipboard. Every edit uploads the changed images and the flattened composite, and the value
// becomes {background, layers, composite}.
//
// The parts live in ./image_editor/: the picture and its history (layers.ts), the toolbar and
// the tool options, drawing the visible canvas (view.ts), pointer gestures and the value.

import { ImageEditorBase } from "../generated/components/image_editor.gen";
import type { FileData } from "../generated/types.gen";
import { sameValue } from "../core/component";
import { register } from "../core/registry";
import { cssSize, frame, h } from "../core/dom";
import { mediaIcon } from "./images/icons";
import { clipboardImages, pastedImages, placeholderNodes, sourceList, uploadZone, type Source } from "./images/upload";
import { Webcam } from "./images/webcam";
import { blank, clampRect, loadImage, type Rect } from "./image_editor/canvas";
import { EditorDocument } from "./image_editor/layers";
import { applyButtons, colorOptions, cropFields, resizeFields, sizeField, type ResizeTarget } from "./image_editor/options";
import { bindGestures } from "./image_editor/pointer";
import { defaultColor, defaultSize, fixedColors, layerOptions, palette, toolList, type BrushColor, type Tool } from "./image_editor/settings";
import { editorToolbar, staticToolbar } from "./image_editor/toolbar";
import { isEmptyValue, loadValueImages, placeImages, uploadDocument, type EditorValue } from "./image_editor/value";
import { renderView, viewPoint } from "./image_editor/view";
import "../styles/images.css";

export class ImageEditor extends ImageEditorBase {
  private doc = new EditorDocument();
  private tool: Tool | null = null;
  private color: BrushColor | null = null;
  private brushSize: number | null = null;
  private eraserSize: number | null = null;
  private cropRect: Rect | null = null;
  private resizeTo: ResizeTarget | null = null;
  private view: HTMLCanvasElement | null = null;
  private stage: HTMLElement | null = null;
  private options: HTMLElement | null = null;
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

  private currentBrushSize(): number {
    return (this.brushSize ??= defaultSize(this.props.brush, this.doc.width, this.doc.height));
  }

  private currentEraserSize(): number {
    return (this.eraserSize ??= defaultSize(this.props.eraser, this.doc.width, this.doc.height));
  }

  private currentColor(): BrushColor {
    return (this.color ??= defaultColor(this.props.brush));
  }

  // --- state --------------------------------------------------------------------------------

  private resetCanvas(): void {
    this.doc.reset(this.props.canvas_size, layerOptions(this.props.layers).names);
    this.cropRect = null;
    this.resizeTo = null;
    this.brushSize = null;
    this.eraserSize = null;
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
    const view = h("canvas", { class: "sb-editor-canvas", width: this.doc.width, height: this.doc.height, "data-testid": "editor-canvas", role: "img", "aria-label": "Image editor canvas" });
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
      const bar = staticToolbar(p.buttons, box, () => this.download());
      if (bar) box.append(bar);
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
    const state = {
      sources: this.sources(),
      tools: toolList(p.brush, p.eraser, p.transforms),
      tool: this.tool,
      layers: layerOptions(p.layers),
      layerNames: this.doc.layers.map((layer) => layer.name),
      active: this.doc.active,
      canUndo: this.doc.history.length > 0,
      buttons: p.buttons,
      box,
    };
    return editorToolbar(state, {
      upload: (file) => void this.useFile(file, true),
      webcam: () => void this.openWebcam(),
      paste: () => void this.fromClipboard(),
      chooseTool: (tool) => this.chooseTool(tool),
      selectLayer: (index) => (this.doc.active = index),
      addLayer: () => this.addLayer(),
      removeLayer: () => this.removeLayer(),
      undo: () => this.undo(),
      download: () => this.download(),
      clear: () => this.clear(),
    });
  }

  /** The options of the current tool (colors, sizes, crop and resize fields). */
  private drawOptions(): void {
    const row = this.options;
    if (!row) return;
    row.replaceChildren();
    const { width, height } = this.doc;
    const apply = (): DocumentFragment => applyButtons(() => void this.apply(), () => this.chooseTool(null));
    if (this.tool === "brush") {
      const choose = (color: BrushColor): void => {
        this.color = color;
        this.drawOptions();
      };
      row.append(...colorOptions(palette(this.props.brush), this.currentColor(), fixedColors(this.props.brush), choose, (color) => (this.color = color)));
      row.append(sizeField("Brush size", this.currentBrushSize(), width, height, (v) => (this.brushSize = v)));
    } else if (this.tool === "eraser") {
      row.append(sizeField("Eraser size", this.currentEraserSize(), width, height, (v) => (this.eraserSize = v)));
    } else if (this.tool === "crop") {
      const rect = (this.cropRect ??= { x: 0, y: 0, w: width, h: height });
      const change = (key: keyof Rect, value: number): void => {
        const r = this.cropRect ?? rect;
        r[key] = value;
        this.cropRect = clampRect(r, this.doc.width, this.doc.height);
        this.render();
      };
      row.append(...cropFields(rect, width, height, change), apply());
    } else if (this.tool === "resize") {
      const target = (this.resizeTo ??= { w: width, h: height, keep: true });
      row.append(...resizeFields(target, width, height), apply());
    }
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
    if (!this.doc.hasContent() && this.tool === null && this.sources().includes("upload")) {
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

  /** Draw the picture and the crop frame onto the visible canvas. */
  private render(): void {
    if (!this.view) return;
    const maxHeight = this.props.height !== null && this.props.height !== undefined ? cssSize(this.props.height) : "600px";
    renderView(this.view, this.doc, maxHeight, this.tool === "crop" ? this.cropRect : null);
  }

  // --- pointer input ---------------------------------------------------------------------------

  private bindCanvas(view: HTMLCanvasElement): void {
    bindGestures(view, {
      interactive: () => this.interactive,
      selectable: () => Boolean(this.props._selectable),
      tool: () => this.tool,
      point: (event) => viewPoint(view, this.doc, event),
      beginStroke: (x, y) => {
        this.doc.snapshot();
        this.stroke(x, y, x, y);
      },
      stroke: (x0, y0, x1, y1) => this.stroke(x0, y0, x1, y1),
      endStroke: () => {
        this.refreshToolbar();
        void this.commit();
      },
      beginCrop: (x, y) => (this.cropRect = { x: Math.floor(x), y: Math.floor(y), w: 1, h: 1 }),
      dragCrop: (x0, y0, x1, y1) => {
        const r = { x: Math.floor(Math.min(x0, x1)), y: Math.floor(Math.min(y0, y1)), w: Math.ceil(Math.abs(x1 - x0)), h: Math.ceil(Math.abs(y1 - y0)) };
        this.cropRect = clampRect(r, this.doc.width, this.doc.height);
        this.render();
      },
      endCrop: (moved) => {
        if (!moved) this.cropRect = { x: 0, y: 0, w: this.doc.width, h: this.doc.height };
        this.drawOptions();
        this.render();
      },
      select: (x, y) => this.emitSelect({ index: [x, y], value: null }),
    });
  }

  private stroke(x0: number, y0: number, x1: number, y1: number): void {
    const erase = this.tool === "eraser";
    const color = this.currentColor();
    const size = erase ? this.currentEraserSize() : this.currentBrushSize();
    if (this.doc.stroke(x0, y0, x1, y1, erase, color, size)) this.render();
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
    if (undo) undo.disabled = this.doc.history.length === 0;
  }

  private addLayer(): void {
    this.doc.snapshot();
    this.doc.addLayer();
    this.build();
    if (this.doc.hasContent()) void this.commit();
  }

  private removeLayer(): void {
    if (this.doc.layers.length <= 1) return;
    this.doc.snapshot();
    this.doc.removeLayer();
    this.build();
    void this.commit();
  }

  private undo(): void {
    if (!this.doc.undo()) return;
    this.build();
    void this.commit();
  }

  /** Confirm the pending crop or resize. */
  private async apply(): Promise<void> {
    if (this.tool === "crop" && this.cropRect) {
      const r = clampRect(this.cropRect, this.doc.width, this.doc.height);
      this.doc.snapshot();
      this.doc.crop(r);
    } else if (this.tool === "resize" && this.resizeTo) {
      const { w, h: hh } = this.resizeTo;
      this.doc.snapshot();
      this.doc.resize(w, hh);
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

  private download(): void {
    const canvas = blank(this.doc.width, this.doc.height);
    const ctx = canvas.getContext("2d");
    if (!ctx) return;
    this.doc.compose(ctx);
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
      this.doc.snapshot();
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
    this.doc.setBackground(img, file, this.fixedSize(), layerOptions(this.props.layers).names);
    this.brushSize = null;
    this.eraserSize = null;
  }

  /** The canvas size a background is fitted into (`fixed_canvas`), or null. */
  private fixedSize(): [number, number] | null {
    return this.props.fixed_canvas ? this.props.canvas_size ?? [800, 800] : null;
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
    if (!value || isEmptyValue(value)) {
      this.resetCanvas();
      this.doc.history = [];
      this.loading = false;
      if (redraw) this.build();
      return;
    }
    try {
      const images = await loadValueImages(this.host, value);
      if (token !== this.loadToken) return;
      placeImages(this.doc, value, images, { size: this.props.canvas_size, fixedSize: this.fixedSize(), names: layerOptions(this.props.layers).names });
      if (images.background) {
        // As after any new background, the brush and eraser sizes follow the new canvas size.
        this.brushSize = null;
        this.eraserSize = null;
      }
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
    if (!this.doc.hasContent()) {
      this.shown = null;
      this.setUserValue(null);
      return;
    }
    let value: EditorValue | null;
    try {
      value = await uploadDocument(this.host, this.doc, () => seq !== this.commitSeq);
    } catch (error) {
      this.host.toast("error", error instanceof Error ? error.message : String(error), "Upload failed");
      return;
    }
    if (!value) return;
    this.shown = value;
    this.setUserValue(value);
  }

  private clear(): void {
    this.closeWebcam();
    this.commitSeq += 1;
    this.tool = null;
    this.resetCanvas();
    this.doc.history = [];
    this.shown = null;
    this.setUserValue(null);
    this.build();
    this.emitClear();
  }
}

register(ImageEditor);
