// Image: one picture the user uploads, pastes or takes with the webcam (optionally streaming
// webcam frames to `stream` listeners), or a picture shown as a result.
//
// This module also holds the helpers the other image elements share (upload area, webcam,
// toolbar buttons, pixel coordinates of a click).

import { ImageBase } from "../generated/components/image.gen";
import type { FileData } from "../generated/types.gen";
import type { Host } from "../core/component";
import { register } from "../core/registry";
import { cssSize, frame, h, icon, iconButton, text } from "../core/dom";
import "../styles/images.css";

// --- shared helpers -------------------------------------------------------------------------

/** A file payload as image components send it (an image may have only a `url`). */
export interface MediaFile {
  path?: string | null;
  url?: string | null;
  size?: number | null;
  orig_name?: string | null;
  mime_type?: string | null;
  is_stream?: boolean;
  meta?: Record<string, unknown>;
}

/** The fields of a file payload the helpers read. */
export interface FileLike {
  path?: string | null;
  url?: string | null;
  orig_name?: string | null;
}

export type Source = "upload" | "webcam" | "clipboard";

/** The URL the browser loads a file payload from. */
export function mediaUrl(host: Host, file: FileLike | null | undefined): string {
  if (!file) return "";
  if (file.url) return file.url;
  if (file.path) return host.fileUrl(file as FileData);
  return "";
}

/** A file name to save a payload under. */
export function mediaName(file: FileLike | null | undefined, fallback = "image"): string {
  if (file?.orig_name) return file.orig_name;
  const path = file?.path ?? "";
  const base = path.split(/[\\/]/).pop() ?? "";
  return base || fallback;
}

/** The payload of an image that only exists in the browser (a `data:` URL). */
export function dataUrlFile(url: string, name: string, mime: string): MediaFile {
  return { path: null, url, size: null, orig_name: name, mime_type: mime, is_stream: false, meta: { _type: "gradio.FileData" } };
}

const PATHS: Record<string, string> = {
  image: "M4 5h16v14H4zM4 16l5-5 4 4 3-3 4 4M15 9.5a1.5 1.5 0 110-.01",
  camera: "M4 8h3l2-3h6l2 3h3v11H4zM12 10a3.5 3.5 0 110 7 3.5 3.5 0 010-7z",
  paste: "M9 4h6v3H9zM7 5H5v16h14V5h-2",
  fullscreen: "M4 9V4h5M15 4h5v5M20 15v5h-5M9 20H4v-5",
  brush: "M14 4l6 6-8 8-6-6zM6 12l-2 8 8-2",
  eraser: "M8 20h12M4 16l9-9 6 6-7 7H8z",
  crop: "M7 3v14h14M3 7h14v14",
  resize: "M4 14v6h6M20 10V4h-6M4 20L20 4",
  layers: "M12 4l8 4-8 4-8-4zM4 12l8 4 8-4M4 16l8 4 8-4",
  add: "M12 5v14M5 12h14",
  prev: "M15 5l-7 7 7 7",
  next: "M9 5l7 7-7 7",
  cube: "M12 3l8 4v10l-8 4-8-4V7zM4 7l8 4 8-4M12 11v10",
  reset: "M4 12a8 8 0 1014-5M18 3v4h-4",
  trash: "M5 7h14M10 7V4h4v3M7 7l1 13h8l1-13",
  stream: "M5 12a7 7 0 0114 0M8 12a4 4 0 018 0M12 12h.01",
};

/** An inline SVG icon from this module's set (decorative). */
export function mediaIcon(name: string): SVGSVGElement {
  if (!(name in PATHS)) return icon(name);
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("class", `sb-icon sb-icon-${name}`);
  const path = document.createElementNS(ns, "path");
  path.setAttribute("d", PATHS[name] ?? "");
  svg.append(path);
  return svg;
}

/** An icon button from this module's icon set. */
export function mediaButton(name: string, label: string, onclick: (event: MouseEvent) => void): HTMLButtonElement {
  const button = h("button", { type: "button", class: `sb-icon-button sb-${name}-button`, "aria-label": label, title: label }, mediaIcon(name));
  button.addEventListener("click", onclick);
  return button;
}

/** The lines of a placeholder text; lines starting with `#` become headings. */
export function placeholderNodes(placeholder: unknown, fallback: string): Node[] {
  const source = typeof placeholder === "string" && placeholder.trim() ? placeholder : fallback;
  return source
    .split("\n")
    .filter((line) => line.trim().length > 0)
    .map((line) =>
      line.trim().startsWith("#")
        ? h("span", { class: "sb-upload-heading" }, line.trim().replace(/^#+\s*/, ""))
        : h("span", { class: "sb-upload-line" }, line.trim()),
    );
}

export interface UploadOptions {
  /** The `accept` attribute of the file input. */
  accept?: string;
  multiple?: boolean;
  /** Accessible name of the file input and the button. */
  label: string;
  /** What the zone says (placeholder lines). */
  prompt: Node[];
  onFiles: (files: File[]) => void;
  /** A compact button instead of a large drop zone. */
  compact?: boolean;
}

/** Whether a file matches an `accept` list (".png", "image/*", "image/png"). */
export function accepts(file: File, accept: string | undefined): boolean {
  if (!accept) return true;
  const name = file.name.toLowerCase();
  return accept
    .split(",")
    .map((item) => item.trim().toLowerCase())
    .some((item) => {
      if (!item) return false;
      if (item.startsWith(".")) return name.endsWith(item);
      if (item.endsWith("/*")) return file.type.startsWith(item.slice(0, -1));
      return file.type === item;
    });
}

/** A drop zone (button + hidden file input) that hands chosen or dropped files to `onFiles`. */
export function uploadZone(options: UploadOptions): HTMLElement {
  const input = h("input", { type: "file", class: "sb-upload-input", "aria-label": options.label, hidden: true, multiple: options.multiple === true });
  if (options.accept) input.accept = options.accept;
  const take = (list: FileList | null | undefined): void => {
    const files = [...(list ?? [])].filter((file) => accepts(file, options.accept));
    if (files.length === 0) return;
    options.onFiles(options.multiple ? files : files.slice(0, 1));
  };
  input.addEventListener("change", () => {
    take(input.files);
    input.value = "";
  });
  const button = h(
    "button",
    { type: "button", class: options.compact ? "sb-upload-zone sb-upload-compact" : "sb-upload-zone", title: options.label },
    mediaIcon(options.compact ? "add" : "image"),
    h("span", { class: "sb-upload-text" }, ...options.prompt),
  );
  button.addEventListener("click", () => input.click());
  const zone = h("div", { class: "sb-upload" }, input, button);
  zone.addEventListener("dragover", (event) => {
    event.preventDefault();
    zone.classList.add("sb-dragging");
  });
  zone.addEventListener("dragleave", () => zone.classList.remove("sb-dragging"));
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    zone.classList.remove("sb-dragging");
    take((event as DragEvent).dataTransfer?.files);
  });
  return zone;
}

/** Image files in a paste event or the async clipboard. */
export async function clipboardImages(): Promise<File[]> {
  const items = await navigator.clipboard.read();
  const files: File[] = [];
  for (const item of items) {
    const type = item.types.find((t) => t.startsWith("image/"));
    if (!type) continue;
    const blob = await item.getType(type);
    files.push(new File([blob], `clipboard.${type.split("/")[1] ?? "png"}`, { type }));
  }
  return files;
}

/** Image files of a `paste` event. */
export function pastedImages(event: ClipboardEvent): File[] {
  return [...(event.clipboardData?.files ?? [])].filter((file) => file.type.startsWith("image/"));
}

/** The sources list of a `sources` prop. */
export function sourceList(value: unknown, fallback: Source[]): Source[] {
  if (value === null || value === undefined) return fallback;
  const list = Array.isArray(value) ? value : [value];
  return list.filter((s): s is Source => s === "upload" || s === "webcam" || s === "clipboard");
}

/** A webcam preview that can take snapshots and frames. */
export class Webcam {
  readonly video: HTMLVideoElement;
  readonly status: HTMLElement;
  private stream: MediaStream | null = null;
  private starting: Promise<boolean> | null = null;

  constructor(private options: unknown) {
    this.video = h("video", { class: "sb-webcam-video", muted: true, playsInline: true, autoplay: true, "aria-label": "Webcam preview" });
    this.status = h("p", { class: "sb-webcam-status", role: "status" });
    if (this.mirror) this.video.classList.add("sb-mirrored");
  }

  get mirror(): boolean {
    const o = this.options as { mirror?: unknown } | null;
    return o?.mirror !== false;
  }

  setOptions(options: unknown): void {
    this.options = options;
    this.video.classList.toggle("sb-mirrored", this.mirror);
  }

  get active(): boolean {
    return this.stream !== null;
  }

  /** Open the camera; resolves to whether it is running. */
  start(): Promise<boolean> {
    if (this.stream) return Promise.resolve(true);
    if (this.starting) return this.starting;
    this.starting = this.open().finally(() => {
      this.starting = null;
    });
    return this.starting;
  }

  private async open(): Promise<boolean> {
    const o = this.options as { constraints?: Record<string, unknown> | null } | null;
    const c = o?.constraints ?? null;
    const constraints: MediaStreamConstraints = c && ("video" in c || "audio" in c) ? (c as MediaStreamConstraints) : { video: (c as MediaTrackConstraints | null) ?? true, audio: false };
    try {
      if (!navigator.mediaDevices?.getUserMedia) throw new Error("This browser cannot access a webcam.");
      this.status.textContent = "Opening the camera…";
      const stream = await navigator.mediaDevices.getUserMedia({ ...constraints, audio: false });
      this.stream = stream;
      this.video.srcObject = stream;
      await this.video.play().catch(() => undefined);
      if (this.video.videoWidth === 0) {
        await new Promise<void>((resolve) => {
          const done = (): void => resolve();
          this.video.addEventListener("loadeddata", done, { once: true });
          window.setTimeout(done, 3000);
        });
      }
      this.status.textContent = "";
      return true;
    } catch (error) {
      this.status.textContent = `The camera is not available: ${error instanceof Error ? error.message : String(error)}`;
      return false;
    }
  }

  stop(): void {
    this.stream?.getTracks().forEach((track) => track.stop());
    this.stream = null;
    this.video.srcObject = null;
  }

  /** The current frame drawn on a canvas (at most `maxWidth` wide), or null. */
  frame(maxWidth = 0): HTMLCanvasElement | null {
    const w = this.video.videoWidth;
    const hgt = this.video.videoHeight;
    if (!w || !hgt) return null;
    const scale = maxWidth > 0 && w > maxWidth ? maxWidth / w : 1;
    const canvas = h("canvas", { width: Math.round(w * scale), height: Math.round(hgt * scale) });
    const ctx = canvas.getContext("2d");
    if (!ctx) return null;
    if (this.mirror) {
      ctx.translate(canvas.width, 0);
      ctx.scale(-1, 1);
    }
    ctx.drawImage(this.video, 0, 0, canvas.width, canvas.height);
    return canvas;
  }

  /** A PNG snapshot as a File, or null when no frame is available. */
  async snapshot(name = "webcam.png"): Promise<File | null> {
    const canvas = this.frame();
    if (!canvas) return null;
    const blob = await canvasBlob(canvas);
    return blob ? new File([blob], name, { type: "image/png" }) : null;
  }
}

/** A canvas as a PNG blob. */
export function canvasBlob(canvas: HTMLCanvasElement, type = "image/png"): Promise<Blob | null> {
  return new Promise((resolve) => canvas.toBlob((blob) => resolve(blob), type));
}

interface AppLike {
  config?: { dependencies?: { targets: [number, string][]; stream_every?: number; time_limit?: number | null }[]; components?: { id: number; props: Record<string, unknown> }[] };
}

function appConfig(): AppLike["config"] {
  return (window as unknown as { specblocks?: AppLike }).specblocks?.config;
}

/** Seconds between stream chunks for the `stream` listeners of element `id` (default 0.5). */
export function streamEvery(id: number): number {
  const deps = appConfig()?.dependencies ?? [];
  const values = deps
    .filter((dep) => dep.targets.some(([target, event]) => target === id && event === "stream"))
    .map((dep) => (typeof dep.stream_every === "number" && dep.stream_every > 0 ? dep.stream_every : 0.5));
  return values.length ? Math.min(...values) : 0.5;
}

/** The shortest `time_limit` (seconds) of the `stream` listeners of element `id`, or null. */
export function streamTimeLimit(id: number): number | null {
  const limits = (appConfig()?.dependencies ?? [])
    .filter((dep) => dep.targets.some(([target, event]) => target === id && event === "stream"))
    .map((dep) => dep.time_limit)
    .filter((limit): limit is number => typeof limit === "number" && limit > 0);
  return limits.length ? Math.min(...limits) : null;
}

/** Whether element `id` has listeners for `event`. */
export function hasListener(id: number, event: string): boolean {
  return (appConfig()?.dependencies ?? []).some((dep) => dep.targets.some(([target, name]) => target === id && name === event));
}

/** A link that saves `url` under `name`, drawn as an icon button. */
export function downloadLink(url: string, name: string, label = "Download"): HTMLAnchorElement {
  const link = h("a", { class: "sb-icon-button sb-download-button", href: url, download: name, "aria-label": label, title: label, target: "_blank", rel: "noopener" });
  link.append(icon("download"));
  return link;
}

/** A button that shows `target` full screen (and leaves full screen again). */
export function fullscreenButton(target: () => HTMLElement | null): HTMLButtonElement {
  return mediaButton("fullscreen", "Fullscreen", () => {
    if (document.fullscreenElement) {
      void document.exitFullscreen().catch(() => undefined);
      return;
    }
    void target()?.requestFullscreen?.().catch(() => undefined);
  });
}

/** Buttons for Button instances listed in a `buttons` prop (they fire their own click). */
export function customButtons(buttons: unknown, host: Host): HTMLButtonElement[] {
  if (!Array.isArray(buttons)) return [];
  const out: HTMLButtonElement[] = [];
  for (const item of buttons) {
    if (!item || typeof item !== "object" || typeof (item as { id?: unknown }).id !== "number") continue;
    const id = (item as { id: number }).id;
    const props = appConfig()?.components?.find((c) => c.id === id)?.props ?? {};
    const label = text(props.value) || "Button";
    const button = h("button", { type: "button", class: "sb-btn sb-size-sm sb-media-custom-button" }, label);
    button.addEventListener("click", () => host.trigger(id, "click"));
    out.push(button);
  }
  return out;
}

/** Whether the built-in button `name` is listed (null lists the defaults). */
export function hasButton(buttons: unknown, name: string, defaults: string[]): boolean {
  if (!Array.isArray(buttons)) return defaults.includes(name);
  return buttons.includes(name);
}

/** The pixel of `img` under a mouse event, with `object-fit: contain` letterboxing. */
export function imagePoint(img: HTMLImageElement | HTMLCanvasElement, event: MouseEvent): [number, number] {
  const rect = img.getBoundingClientRect();
  const nw = img instanceof HTMLImageElement ? img.naturalWidth || rect.width : img.width;
  const nh = img instanceof HTMLImageElement ? img.naturalHeight || rect.height : img.height;
  const scale = Math.min(rect.width / nw, rect.height / nh) || 1;
  const ox = (rect.width - nw * scale) / 2;
  const oy = (rect.height - nh * scale) / 2;
  const x = Math.floor((event.clientX - rect.left - ox) / scale);
  const y = Math.floor((event.clientY - rect.top - oy) / scale);
  return [Math.min(Math.max(x, 0), nw - 1), Math.min(Math.max(y, 0), nh - 1)];
}

/** A toolbar container in the top-right corner of a media box. */
export function cornerBar(...children: (Node | null | false | undefined)[]): HTMLElement {
  const bar = h("div", { class: "sb-media-toolbar" });
  for (const child of children) if (child) bar.append(child);
  return bar;
}

/** The "no value" view of a read-only media element. */
export function emptyView(iconName: string, message: string): HTMLElement {
  return h("div", { class: "sb-media-empty" }, mediaIcon(iconName), h("span", {}, message));
}

/** A row of source buttons (upload / webcam / clipboard) with the active one pressed. */
export function sourceBar(sources: Source[], active: Source | null, choose: (source: Source) => void): HTMLElement {
  const names: Record<Source, [string, string]> = { upload: ["image", "Upload"], webcam: ["camera", "Webcam"], clipboard: ["paste", "Paste from clipboard"] };
  const bar = h("div", { class: "sb-media-sources", role: "group", "aria-label": "Image source" });
  for (const source of sources) {
    const [iconName, label] = names[source];
    const button = mediaButton(iconName, label, () => choose(source));
    button.setAttribute("aria-pressed", String(active === source));
    bar.append(button);
  }
  return bar;
}

/** Apply `height`/`width` props to a media box. */
export function sizeBox(box: HTMLElement, height: unknown, width: unknown): void {
  if (height !== null && height !== undefined) box.style.height = cssSize(height);
  if (width !== null && width !== undefined) box.style.width = cssSize(width);
}

// --- Image -----------------------------------------------------------------------------------

export class Image extends ImageBase {
  private source: Source = "upload";
  private panelOpen = false;
  private webcam: Webcam | null = null;
  private streamTimer: number | null = null;
  private box: HTMLElement | null = null;
  private busy = "";
  private pasteBound = false;

  private sources(): Source[] {
    const all: Source[] = ["upload", "webcam", "clipboard"];
    const list = sourceList(this.props.sources, this.props.streaming ? ["webcam"] : all);
    return list.length ? list : ["upload"];
  }

  protected build(): void {
    const p = this.props;
    const sources = this.sources();
    if (!sources.includes(this.source)) this.source = sources[0] ?? "upload";
    if (!this.interactive) this.stopCamera();
    this.webcam?.setOptions(p.webcam_options);
    const box = h("div", { class: "sb-image-box sb-media-box" });
    sizeBox(box, p.height, p.width);
    this.box = box;
    this.drawBox();
    const body: Node[] = [box];
    if (this.interactive && sources.length > 1) {
      body.push(sourceBar(sources, this.panelOpen || !p.value ? this.source : null, (source) => this.choose(source)));
    }
    this.replaceChildren(frame({ label: p.label, showLabel: p.show_label, container: p.container }, body));
    if (!this.pasteBound) {
      this.pasteBound = true;
      this.addEventListener("paste", (event) => {
        if (!this.interactive || !this.sources().includes("clipboard")) return;
        const files = pastedImages(event as ClipboardEvent);
        if (files.length) {
          event.preventDefault();
          void this.uploadFiles(files);
        }
      });
    }
  }

  protected override showValue(): void {
    if (!this.streamTimer) this.panelOpen = false;
    this.build();
  }

  disconnectedCallback(): void {
    this.stopCamera();
  }

  private choose(source: Source): void {
    if (this.panelOpen && this.source === source && this.props.value && this.streamTimer === null) {
      // Pressing the active source again goes back to the image.
      this.panelOpen = false;
      this.build();
      return;
    }
    this.source = source;
    this.panelOpen = true;
    if (source !== "webcam") this.stopCamera();
    this.build();
    if (source === "webcam") void this.openCamera();
    if (source === "clipboard") void this.fromClipboard();
  }

  private drawBox(): void {
    const box = this.box;
    if (!box) return;
    const p = this.props;
    const streamingView = this.interactive && this.props.streaming && this.source === "webcam";
    const showPanel = this.interactive && (streamingView || this.panelOpen || !p.value);
    // The camera runs only while its preview is shown.
    if (!(showPanel && this.source === "webcam") && this.streamTimer === null) this.webcam?.stop();
    box.replaceChildren();
    if (this.busy) {
      box.append(h("div", { class: "sb-media-busy", role: "status" }, this.busy));
      return;
    }
    if (showPanel) {
      box.append(this.panel());
      return;
    }
    if (!p.value) {
      box.append(emptyView("image", "No image"));
      return;
    }
    box.append(this.imageView(p.value));
  }

  private imageView(value: MediaFile): HTMLElement {
    const p = this.props;
    const url = mediaUrl(this.host, value);
    const alt = typeof p.alt_text === "string" ? p.alt_text : "";
    const img = h("img", { class: "sb-image-img", src: url, alt, "data-testid": "image-display" });
    img.addEventListener("click", (event) => this.emitSelect({ index: imagePoint(img, event), value: null }));
    const view = h("div", { class: "sb-image-view" }, img);
    const bar = cornerBar(
      hasButton(p.buttons, "download", ["download", "share", "fullscreen"]) && downloadLink(url, mediaName(value)),
      hasButton(p.buttons, "fullscreen", ["download", "share", "fullscreen"]) && fullscreenButton(() => view),
      ...customButtons(p.buttons, this.host),
      this.interactive && iconButton("clear", "Clear", () => this.clear()),
    );
    view.append(bar);
    return view;
  }

  private panel(): HTMLElement {
    const p = this.props;
    if (this.source === "webcam") return this.webcamPanel();
    if (this.source === "clipboard") {
      const button = h("button", { type: "button", class: "sb-upload-zone" }, mediaIcon("paste"), h("span", { class: "sb-upload-text" }, ...placeholderNodes(null, "Paste an image from the clipboard")));
      button.addEventListener("click", () => void this.fromClipboard());
      return h("div", { class: "sb-upload" }, button);
    }
    return uploadZone({
      accept: "image/*",
      label: "Upload an image",
      prompt: placeholderNodes(p.placeholder, "Drop an image here\nor click to upload"),
      onFiles: (files) => void this.uploadFiles(files),
    });
  }

  private webcamPanel(): HTMLElement {
    const cam = (this.webcam ??= new Webcam(this.props.webcam_options));
    const panel = h("div", { class: "sb-webcam" });
    if (!cam.active) {
      const open = h("button", { type: "button", class: "sb-upload-zone" }, mediaIcon("camera"), h("span", { class: "sb-upload-text" }, "Click to access the webcam"));
      open.addEventListener("click", () => void this.openCamera());
      panel.append(open, cam.status);
      return panel;
    }
    const controls = h("div", { class: "sb-webcam-controls" });
    if (this.props.streaming) {
      const streaming = this.streamTimer !== null;
      const toggle = h("button", { type: "button", class: `sb-btn sb-size-sm ${streaming ? "sb-btn-stop" : "sb-btn-primary"}` }, streaming ? icon("stop") : mediaIcon("stream"), streaming ? "Stop streaming" : "Start streaming");
      toggle.addEventListener("click", () => (streaming ? this.stopStreaming() : this.startStreaming()));
      controls.append(toggle);
    } else {
      const snap = h("button", { type: "button", class: "sb-btn sb-btn-primary sb-size-sm" }, mediaIcon("camera"), "Take a photo");
      snap.addEventListener("click", () => void this.capture());
      controls.append(snap);
    }
    panel.append(cam.video, controls, cam.status);
    return panel;
  }

  private async openCamera(): Promise<void> {
    const cam = (this.webcam ??= new Webcam(this.props.webcam_options));
    const ok = await cam.start();
    if (ok || !cam.active) this.drawBox();
  }

  private stopCamera(): void {
    this.stopStreaming(false);
    this.webcam?.stop();
  }

  private async capture(): Promise<void> {
    const file = await this.webcam?.snapshot();
    if (!file) return;
    this.stopCamera();
    await this.uploadFiles([file], false);
  }

  private startStreaming(): void {
    if (this.streamTimer !== null) return;
    const every = Math.max(0.05, streamEvery(this.blockId)) * 1000;
    const limit = streamTimeLimit(this.blockId);
    const started = performance.now();
    this.streamTimer = window.setInterval(() => {
      if (limit !== null && performance.now() - started > limit * 1000) this.stopStreaming();
      else this.sendFrame();
    }, every);
    this.sendFrame();
    this.drawBox();
  }

  private stopStreaming(redraw = true): void {
    if (this.streamTimer === null) return;
    window.clearInterval(this.streamTimer);
    this.streamTimer = null;
    if (redraw) this.drawBox();
  }

  private sendFrame(): void {
    const canvas = this.webcam?.frame(640);
    if (!canvas) return;
    this.props.value = dataUrlFile(canvas.toDataURL("image/jpeg", 0.85), "webcam.jpg", "image/jpeg");
    this.emitStream();
  }

  private async fromClipboard(): Promise<void> {
    try {
      const files = await clipboardImages();
      if (files.length) await this.uploadFiles(files);
      else this.host.toast("warning", "The clipboard holds no image.");
    } catch (error) {
      this.host.toast("warning", `Cannot read the clipboard: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async uploadFiles(files: File[], isUpload = true): Promise<void> {
    const file = files[0];
    if (!file) return;
    this.busy = "Uploading…";
    this.drawBox();
    try {
      const [data] = await this.host.upload([file]);
      this.busy = "";
      this.panelOpen = false;
      this.setUserValue(data ?? null);
      this.build();
      if (isUpload) this.emitUpload();
    } catch (error) {
      this.busy = "";
      this.drawBox();
      this.host.toast("error", error instanceof Error ? error.message : String(error), "Upload failed");
    }
  }

  private clear(): void {
    this.stopStreaming(false);
    this.panelOpen = false;
    this.setUserValue(null);
    this.build();
    this.emitClear();
  }
}

register(Image);
