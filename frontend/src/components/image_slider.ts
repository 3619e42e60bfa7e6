// ImageSlider: two images laid over each other with a draggable divider. Users upload the pair
// (or stream webcam frames as the first image when the app listens to `stream`).

import { ImageSliderBase } from "../generated/components/image_slider.gen";
import { register } from "../core/registry";
import { frame, h, icon, iconButton } from "../core/dom";
import { customButtons, hasListener, streamEvery, streamTimeLimit } from "../core/media";
import { dataUrlFile, mediaName, mediaUrl, type MediaFile } from "./images/files";
import { mediaIcon } from "./images/icons";
import { placeholderNodes, sourceBar, uploadZone, type Source } from "./images/upload";
import { Webcam } from "./images/webcam";
import { cornerBar, downloadLink, emptyView, fullscreenButton, hasButton, imagePoint, sizeBox } from "./images/view";
import "../styles/images.css";

type Pair = [MediaFile | null, MediaFile | null];

export class ImageSlider extends ImageSliderBase {
  private position = 50;
  private propPosition: number | null = null;
  private source: Source | null = null;
  private webcam: Webcam | null = null;
  private streamTimer: number | null = null;
  private busy = false;

  private pair(): Pair {
    const v = this.props.value;
    return Array.isArray(v) ? [v[0] ?? null, v[1] ?? null] : [null, null];
  }

  private sources(): Source[] {
    return this.interactive && hasListener(this.blockId, "stream") ? ["upload", "webcam"] : [];
  }

  protected build(): void {
    const p = this.props;
    if (typeof p.slider_position === "number" && p.slider_position !== this.propPosition) {
      this.propPosition = p.slider_position;
      this.position = Math.min(100, Math.max(0, p.slider_position));
    }
    if (!this.interactive) {
      this.source = null;
      this.stopCamera();
    }
    const box = h("div", { class: "sb-imageslider-box sb-media-box" });
    sizeBox(box, p.height, p.width);
    if (typeof p.max_height === "number") box.style.maxHeight = `${p.max_height}px`;
    box.append(this.content());
    const body: Node[] = [box];
    const sources = this.sources();
    if (sources.length > 1) body.push(sourceBar(sources, this.source, (source) => this.choose(source)));
    this.replaceChildren(frame({ label: p.label, showLabel: p.show_label, container: p.container }, body));
  }

  disconnectedCallback(): void {
    this.stopCamera();
  }

  private content(): HTMLElement {
    const [first, second] = this.pair();
    if (this.busy) return h("div", { class: "sb-media-busy", role: "status" }, "Uploading…");
    if (this.interactive && this.source === "webcam") return this.webcamPanel();
    const uploading = this.interactive && (this.source === "upload" || (!first && !second));
    if (uploading || (this.interactive && (!first || !second))) {
      const slots = h("div", { class: "sb-slider-uploads" });
      for (const index of [0, 1] as const) {
        const item = this.pair()[index];
        if (item && !uploading) {
          slots.append(h("div", { class: "sb-slider-thumb" }, h("img", { src: mediaUrl(this.host, item), alt: "" })));
          continue;
        }
        const name = index === 0 ? "first" : "second";
        slots.append(
          uploadZone({
            accept: "image/*",
            multiple: index === 0,
            label: `Upload the ${name} image`,
            prompt: placeholderNodes(null, `Drop the ${name} image here\nor click to upload`),
            onFiles: (files) => void this.upload(files, index),
          }),
        );
      }
      if (first || second) slots.append(cornerBar(iconButton("clear", "Clear", () => this.clear())));
      return slots;
    }
    if (!first && !second) return emptyView("image", "No images");
    return this.compare(first, second);
  }

  private compare(first: MediaFile | null, second: MediaFile | null): HTMLElement {
    const p = this.props;
    const one = h("img", { class: "sb-slider-first", src: mediaUrl(this.host, first ?? second), alt: "" });
    const view = h("div", { class: "sb-slider-view", "data-testid": "slider-view" }, one);
    const divider = h("div", { class: "sb-slider-divider" });
    let two: HTMLImageElement | null = null;
    if (first && second) {
      two = h("img", { class: "sb-slider-second", src: mediaUrl(this.host, second), alt: "" });
      view.append(two, divider);
    }
    const range = h("input", {
      type: "range",
      class: "sb-slider-range",
      min: "0",
      max: "100",
      step: "0.5",
      "aria-label": "Divider position",
    });
    range.value = String(this.position);
    const place = (): void => {
      divider.style.left = `${this.position}%`;
      if (two) two.style.clipPath = `inset(0 0 0 ${this.position}%)`;
      range.value = String(this.position);
    };
    place();
    range.addEventListener("input", () => {
      this.position = Number(range.value);
      place();
    });
    let start: { x: number; moved: boolean } | null = null;
    const moveTo = (event: PointerEvent): void => {
      const rect = view.getBoundingClientRect();
      this.position = Math.min(100, Math.max(0, ((event.clientX - rect.left) / rect.width) * 100));
      place();
    };
    view.addEventListener("pointerdown", (event) => {
      start = { x: event.clientX, moved: false };
      view.setPointerCapture?.(event.pointerId);
    });
    view.addEventListener("pointermove", (event) => {
      if (!start) return;
      if (Math.abs(event.clientX - start.x) > 3) start.moved = true;
      if (start.moved) moveTo(event);
    });
    view.addEventListener("pointerup", (event) => {
      const moved = start?.moved ?? false;
      start = null;
      if (!moved) this.emitSelect({ index: imagePoint(one, event), value: null });
    });
    const shown = second ?? first;
    const wrap = h("div", { class: "sb-image-view sb-slider-wrap" }, view);
    wrap.append(
      cornerBar(
        hasButton(p.buttons, "download", ["download", "fullscreen"]) && shown && downloadLink(mediaUrl(this.host, shown), mediaName(shown)),
        hasButton(p.buttons, "fullscreen", ["download", "fullscreen"]) && fullscreenButton(() => view),
        ...customButtons(p.buttons, this.host, "sb-media-custom-button"),
        this.interactive && iconButton("clear", "Clear", () => this.clear()),
      ),
    );
    if (first && second) wrap.append(range);
    return wrap;
  }

  private choose(source: Source): void {
    this.source = this.source === source ? null : source;
    if (this.source !== "webcam") this.stopCamera();
    this.build();
    if (this.source === "webcam") void this.openCamera();
  }

  private webcamPanel(): HTMLElement {
    const cam = (this.webcam ??= new Webcam(null));
    const panel = h("div", { class: "sb-webcam" });
    if (!cam.active) {
      panel.append(cam.status);
      return panel;
    }
    const streaming = this.streamTimer !== null;
    const toggle = h(
      "button",
      { type: "button", class: `sb-btn sb-size-sm ${streaming ? "sb-btn-stop" : "sb-btn-primary"}` },
      streaming ? icon("stop") : mediaIcon("stream"),
      streaming ? "Stop streaming" : "Start streaming",
    );
    toggle.addEventListener("click", () => (streaming ? this.stopStreaming() : this.startStreaming()));
    panel.append(cam.video, h("div", { class: "sb-webcam-controls" }, toggle), cam.status);
    return panel;
  }

  private async openCamera(): Promise<void> {
    const cam = (this.webcam ??= new Webcam(null));
    await cam.start();
    this.build();
  }

  private stopCamera(): void {
    if (this.streamTimer !== null) window.clearInterval(this.streamTimer);
    this.streamTimer = null;
    this.webcam?.stop();
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
    this.build();
  }

  private stopStreaming(): void {
    if (this.streamTimer !== null) window.clearInterval(this.streamTimer);
    this.streamTimer = null;
    this.build();
  }

  private sendFrame(): void {
    const canvas = this.webcam?.frame(640);
    if (!canvas) return;
    const frameFile = dataUrlFile(canvas.toDataURL("image/jpeg", 0.85), "webcam.jpg", "image/jpeg");
    this.props.value = [frameFile, this.pair()[1]];
    this.emitStream();
  }

  private async upload(files: File[], slot: 0 | 1): Promise<void> {
    const chosen = files.slice(0, 2 - slot);
    if (!chosen.length) return;
    this.busy = true;
    this.build();
    try {
      const uploaded = (await this.host.upload(chosen)) as unknown as MediaFile[];
      const next: Pair = [...this.pair()];
      uploaded.forEach((file, i) => {
        next[(slot + i) as 0 | 1] = file;
      });
      this.busy = false;
      this.source = null;
      this.setUserValue(next);
      this.build();
      this.emitUpload();
    } catch (error) {
      this.busy = false;
      this.build();
      this.host.toast("error", error instanceof Error ? error.message : String(error), "Upload failed");
    }
  }

  private clear(): void {
    this.stopCamera();
    this.source = null;
    this.setUserValue(null);
    this.build();
    this.emitClear();
  }
}

register(ImageSlider);
