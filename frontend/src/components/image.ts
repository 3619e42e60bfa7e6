// Image: one picture the user uploads, pastes or takes with the webcam (optionally streaming
// webcam frames to `stream` listeners), or a picture shown as a result.
//
// The helpers the image elements share (upload area, webcam, toolbar buttons, pixel
// coordinates of a click) live in ./images/.

import { ImageBase } from "../generated/components/image.gen";
import { register } from "../core/registry";
import { customButtons, streamEvery, streamTimeLimit } from "../core/media";
import { frame, h, icon, iconButton } from "../core/dom";
import { dataUrlFile, mediaName, mediaUrl, type MediaFile } from "./images/files";
import { mediaIcon } from "./images/icons";
import { clipboardImages, pastedImages, placeholderNodes, sourceBar, sourceList, uploadZone, type Source } from "./images/upload";
import { Webcam } from "./images/webcam";
import { cornerBar, downloadLink, emptyView, fullscreenButton, hasButton, imagePoint, sizeBox } from "./images/view";
import "../styles/images.css";

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
      ...customButtons(p.buttons, this.host, "sb-media-custom-button"),
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
