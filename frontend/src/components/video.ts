// Video: plays a video file, or lets the user upload one or record it with the webcam.

import { VideoBase } from "../generated/components/video.gen";
import type { FileData } from "../generated/types.gen";
import { register } from "../core/registry";
import { cssSize, frame, h, iconButton } from "../core/dom";
import { customButtons } from "../core/media";
import { asFiles, downloadLink, emptyState, iconFor, uploadFiles, uploadZone } from "./file";
import { clock, loadCues } from "./av/cues";
import { PlaybackControls } from "./av/playback";

type Source = "upload" | "webcam";

interface WebcamOptions {
  mirror?: boolean;
  constraints?: MediaStreamConstraints | null;
}

/** A MIME type this browser's MediaRecorder can write, preferring WebM. */
function recordingType(): string {
  const candidates = ["video/webm;codecs=vp9,opus", "video/webm;codecs=vp8,opus", "video/webm", "video/mp4"];
  return candidates.find((type) => typeof MediaRecorder !== "undefined" && MediaRecorder.isTypeSupported(type)) ?? "";
}

export class SbVideo extends VideoBase {
  private source: Source | null = null;
  private controls: PlaybackControls | null = null;
  private media: HTMLVideoElement | null = null;
  private camera: MediaStream | null = null;
  private opening = false;
  private recorder: MediaRecorder | null = null;
  private recordStart = 0;
  private ticker: number | null = null;
  private busy = false;
  private autoplayNext = false;

  override update(changes: Record<string, unknown>): void {
    if ("value" in changes) this.autoplayNext = this.props.autoplay === true;
    super.update(changes);
  }

  private sources(): Source[] {
    const raw = this.props.sources;
    const list = raw === null || raw === undefined ? ["upload", "webcam"] : Array.isArray(raw) ? raw : [raw];
    return list.filter((s): s is Source => s === "upload" || s === "webcam");
  }

  private webcamOptions(): WebcamOptions {
    const options = this.props.webcam_options;
    return typeof options === "object" && options !== null ? (options as WebcamOptions) : {};
  }

  private includeAudio(): boolean {
    const include = this.props.include_audio;
    return typeof include === "boolean" ? include : this.sources().includes("upload");
  }

  protected build(): void {
    const p = this.props;
    this.controls?.destroy();
    this.controls = null;
    this.media = null;
    const file = asFiles(p.value)[0];
    const body: Node[] = [];
    if (file && !this.recorder) {
      this.closeCamera();
      body.push(this.player(file));
    } else if (this.interactive) {
      body.push(this.input());
    } else {
      body.push(emptyState("camera", "No video"));
    }
    if (this.busy) body.push(h("div", { class: "sb-av-busy", role: "status" }, "Uploading…"));
    const block = frame({ label: p.label, info: p.info, showLabel: p.show_label, container: p.container }, body);
    const stage = block.querySelector<HTMLElement>(".sb-video-stage");
    if (stage) {
      if (p.height !== null && p.height !== undefined) stage.style.height = cssSize(p.height);
      if (p.width !== null && p.width !== undefined) stage.style.width = cssSize(p.width);
    }
    this.replaceChildren(block);
    const media = this.media as HTMLVideoElement | null;
    if (this.autoplayNext && media) {
      this.autoplayNext = false;
      media.muted = true;
      void media.play().catch(() => undefined);
    }
  }

  private player(file: FileData): HTMLElement {
    const p = this.props;
    const media = h("video", { class: "sb-video-media", preload: "metadata", playsinline: "", src: this.host.fileUrl(file), tabindex: 0, "aria-label": "Video" });
    media.loop = p.loop === true;
    this.media = media;
    const controls = new PlaybackControls(
      media,
      {
        play: () => this.emitPlay(),
        pause: () => this.emitPause(),
        ended: () => {
          this.emitEnd();
          this.emitStop();
        },
        stopped: () => this.emitStop(),
      },
      typeof p.playback_position === "number" ? p.playback_position : 0,
    );
    this.controls = controls;
    media.addEventListener("click", () => controls.playPause());
    if (p.subtitles) void loadCues(this.host, p.subtitles).then((cues) => controls.setCues(cues));
    const corner = h("div", { class: "sb-corner-buttons" });
    const buttons = p.buttons;
    if (buttons === null || buttons === undefined || (Array.isArray(buttons) && buttons.includes("download"))) {
      corner.append(downloadLink(this.host, file));
    }
    if (this.interactive) corner.append(iconButton("clear", "Clear", () => this.clear()));
    corner.prepend(...customButtons(buttons, this.host, "sb-av-custom-button"));
    const stage = h("div", { class: "sb-video-stage" }, media, controls.subtitleLine);
    return h("div", { class: "sb-video-player" }, corner, stage, controls.element);
  }

  private input(): HTMLElement {
    const sources = this.sources();
    if (!this.source || !sources.includes(this.source)) this.source = sources[0] ?? "upload";
    const panel = this.source === "webcam" || this.recorder ? this.webcamPanel() : this.uploadPanel();
    const parts: Node[] = [panel];
    if (sources.length > 1 && !this.recorder) {
      const switcher = h("div", { class: "sb-av-sources", role: "group", "aria-label": "Video source" });
      for (const source of sources) {
        const button = h(
          "button",
          { type: "button", class: "sb-av-source", "aria-pressed": String(this.source === source) },
          iconFor(source === "upload" ? "upload" : "camera"),
          source === "upload" ? "Upload" : "Webcam",
        );
        button.addEventListener("click", () => {
          this.source = source;
          if (source === "webcam") void this.openCamera();
          else this.closeCamera();
          this.build();
        });
        switcher.append(button);
      }
      parts.push(switcher);
    }
    return h("div", { class: "sb-av-input" }, ...parts);
  }

  private uploadPanel(): HTMLElement {
    return uploadZone({
      accept: "video/*",
      title: "Drop a video here",
      iconName: "upload",
      disabled: this.busy,
      onFiles: (files) => void this.receive(files),
      onRejected: (names) => this.host.toast("warning", `Not a video file: ${names.join(", ")}`, "Upload"),
    }).zone;
  }

  private webcamPanel(): HTMLElement {
    const preview = h("video", { class: "sb-video-preview", playsinline: "", "aria-label": "Webcam preview" });
    preview.muted = true;
    preview.autoplay = true;
    if (this.webcamOptions().mirror !== false) preview.classList.add("sb-video-mirror");
    if (this.camera) preview.srcObject = this.camera;
    const stage = h("div", { class: "sb-video-stage sb-video-webcam" }, preview);
    if (!this.camera) stage.append(h("div", { class: "sb-video-placeholder" }, this.opening ? "Opening the webcam…" : "The webcam starts when you record"));
    const bar = h("div", { class: "sb-recorder" });
    if (this.recorder) {
      bar.classList.add("sb-recorder-live");
      const stop = h("button", { type: "button", class: "sb-btn sb-recorder-stop" }, iconFor("stop"), "Stop recording");
      stop.addEventListener("click", () => this.stopRecording());
      bar.append(
        h("span", { class: "sb-recorder-dot", "aria-hidden": "true" }),
        h("span", { class: "sb-recorder-time", role: "timer" }, clock((performance.now() - this.recordStart) / 1000)),
        stop,
      );
    } else {
      const record = h("button", { type: "button", class: "sb-btn sb-recorder-record", disabled: this.opening || this.busy }, iconFor("record"), "Record");
      record.addEventListener("click", () => void this.startRecording());
      bar.append(record);
    }
    return h("div", { class: "sb-video-webcam-panel" }, stage, bar);
  }

  private async openCamera(): Promise<MediaStream | null> {
    if (this.camera) return this.camera;
    if (!navigator.mediaDevices?.getUserMedia) {
      this.host.toast("error", "This browser cannot use a webcam here (a secure context is needed).", "Webcam");
      return null;
    }
    this.opening = true;
    this.build();
    const constraints = this.webcamOptions().constraints;
    try {
      this.camera = await navigator.mediaDevices.getUserMedia(constraints ?? { video: true, audio: this.includeAudio() });
    } catch (error) {
      this.host.toast("error", error instanceof Error ? error.message : String(error), "Webcam");
    }
    this.opening = false;
    this.build();
    return this.camera;
  }

  private closeCamera(): void {
    this.camera?.getTracks().forEach((track) => track.stop());
    this.camera = null;
  }

  private async startRecording(): Promise<void> {
    if (this.recorder || !this.interactive) return;
    this.source = "webcam";
    const stream = await this.openCamera();
    if (!stream || this.recorder) return;
    const type = recordingType();
    const recorder = new MediaRecorder(stream, type ? { mimeType: type } : {});
    const parts: Blob[] = [];
    recorder.addEventListener("dataavailable", (event) => {
      if (event.data.size > 0) parts.push(event.data);
    });
    recorder.addEventListener("stop", () => void this.finishRecording(new Blob(parts, { type: recorder.mimeType || "video/webm" })));
    recorder.start(250);
    this.recorder = recorder;
    this.recordStart = performance.now();
    this.build();
    this.ticker = window.setInterval(() => {
      const time = this.querySelector(".sb-recorder-time");
      if (time) time.textContent = clock((performance.now() - this.recordStart) / 1000);
    }, 250);
    this.emitStartRecording();
  }

  private stopRecording(): void {
    if (!this.recorder || this.recorder.state === "inactive") return;
    this.recorder.stop();
  }

  private async finishRecording(blob: Blob): Promise<void> {
    if (this.ticker !== null) window.clearInterval(this.ticker);
    this.ticker = null;
    this.recorder = null;
    this.closeCamera();
    const extension = blob.type.includes("mp4") ? "mp4" : "webm";
    this.busy = true;
    this.build();
    const uploaded = await uploadFiles(this.host, [new File([blob], `recording.${extension}`, { type: blob.type })]);
    this.busy = false;
    const file = uploaded?.[0];
    if (file) this.setUserValue(file);
    this.build();
    this.emitStopRecording();
  }

  private async receive(files: File[]): Promise<void> {
    const first = files[0];
    if (!first) return;
    this.busy = true;
    this.build();
    const uploaded = await uploadFiles(this.host, [first]);
    this.busy = false;
    const file = uploaded?.[0];
    if (!file) {
      this.build();
      return;
    }
    this.setUserValue(file, true);
    this.emitUpload();
  }

  private clear(): void {
    this.setUserValue(null, true);
    this.emitClear();
  }

  disconnectedCallback(): void {
    this.controls?.destroy();
    if (this.recorder && this.recorder.state !== "inactive") this.recorder.stop();
    this.closeCamera();
  }
}

register(SbVideo);
