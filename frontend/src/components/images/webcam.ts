// The webcam of the image elements: a live preview that takes snapshots and frames.

import { h } from "../../core/dom";
import { canvasBlob } from "./files";

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
