// Audio: plays an audio file, or lets the user upload one or record it with the microphone
// (optionally streaming the recording to the server in chunks).
// Also home of the playback controls and subtitles Video shares.

import { AudioBase } from "../generated/components/audio.gen";
import type { FileData } from "../generated/types.gen";
import type { Host } from "../core/component";
import { register } from "../core/registry";
import { frame, h, iconButton, text } from "../core/dom";
import { asFiles, customButtons, downloadLink, emptyState, iconFor, mediaIcon, streamEvery, uploadFiles, uploadZone } from "./file";

// --- time and subtitles ---------------------------------------------------------------------

/** "m:ss" (or "h:mm:ss") for a number of seconds. */
export function clock(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "0:00";
  const total = Math.floor(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

export interface Cue {
  start: number;
  end: number;
  text: string;
}

function seconds(stamp: string): number {
  const parts = stamp.trim().replace(",", ".").split(":").map(Number);
  return parts.reduce((sum, part) => sum * 60 + (Number.isFinite(part) ? part : 0), 0);
}

/** Cues of an SRT or WebVTT document. */
export function parseCues(source: string): Cue[] {
  const cues: Cue[] = [];
  for (const block of source.replace(/\r/g, "").split(/\n\n+/)) {
    const lines = block.split("\n").filter((line) => line.trim() !== "");
    const at = lines.findIndex((line) => line.includes("-->"));
    if (at < 0) continue;
    const [from, to] = (lines[at] ?? "").split("-->");
    cues.push({ start: seconds(from ?? "0"), end: seconds((to ?? "0").trim().split(/\s+/)[0] ?? "0"), text: lines.slice(at + 1).join("\n") });
  }
  return cues;
}

/** Load the cues of a `subtitles` prop: a list of {text, timestamp}, or an SRT/VTT/JSON file. */
export async function loadCues(host: Host, subtitles: unknown): Promise<Cue[]> {
  if (!subtitles) return [];
  if (Array.isArray(subtitles)) return cuesFromList(subtitles);
  const file =
    typeof subtitles === "string" ? ({ path: subtitles, url: /^(https?:|\/)/.test(subtitles) ? subtitles : null } as FileData) : asFiles(subtitles)[0];
  if (!file) return [];
  try {
    const response = await fetch(host.fileUrl(file));
    if (!response.ok) return [];
    const body = await response.text();
    if (body.trim().startsWith("[")) return cuesFromList(JSON.parse(body) as unknown[]);
    return parseCues(body);
  } catch {
    return [];
  }
}

function cuesFromList(items: unknown[]): Cue[] {
  return items.flatMap((item) => {
    const entry = item as { text?: unknown; timestamp?: unknown };
    const stamp = Array.isArray(entry.timestamp) ? entry.timestamp : [];
    const start = Number(stamp[0]);
    const end = Number(stamp[1]);
    return Number.isFinite(start) && Number.isFinite(end) ? [{ start, end, text: text(entry.text) }] : [];
  });
}

// --- playback controls ----------------------------------------------------------------------

export interface PlaybackHooks {
  play(): void;
  pause(): void;
  /** Playback reached the end. */
  ended(): void;
  /** The user pressed the stop button. */
  stopped(): void;
}

/**
 * Play/pause, stop, a seek bar and the time, for a media element without native controls.
 * Forwards the element's play/pause/ended events to `hooks` until `destroy()`.
 */
export class PlaybackControls {
  readonly element: HTMLElement;
  private readonly media: HTMLMediaElement;
  private readonly toggle: HTMLButtonElement;
  private readonly seek: HTMLInputElement;
  private readonly time: HTMLElement;
  private readonly subtitle: HTMLElement;
  private readonly abort = new AbortController();
  private cues: Cue[] = [];

  constructor(media: HTMLMediaElement, hooks: PlaybackHooks, startAt = 0) {
    this.media = media;
    this.toggle = iconButton("play", "Play", () => this.playPause());
    this.toggle.classList.add("sb-av-toggle");
    const stop = iconButton("stop", "Stop", () => {
      media.pause();
      media.currentTime = 0;
      hooks.stopped();
    });
    stop.classList.add("sb-av-stop");
    this.seek = h("input", { type: "range", class: "sb-av-seek", min: 0, max: 0, step: "any", value: "0", "aria-label": "Seek" });
    this.seek.addEventListener("input", () => {
      if (Number.isFinite(media.duration)) media.currentTime = Number(this.seek.value);
    });
    this.time = h("span", { class: "sb-av-time", "aria-live": "off" }, "0:00");
    this.subtitle = h("div", { class: "sb-av-subtitle", "aria-live": "polite", hidden: true });
    this.element = h("div", { class: "sb-av-controls" }, this.toggle, stop, this.seek, this.time);
    const on = (name: string, handler: () => void): void => media.addEventListener(name, handler, { signal: this.abort.signal });
    on("play", () => {
      this.showState();
      hooks.play();
    });
    on("pause", () => {
      this.showState();
      hooks.pause();
    });
    on("ended", () => {
      this.showState();
      hooks.ended();
    });
    on("timeupdate", () => this.showTime());
    on("durationchange", () => this.showTime());
    on("loadedmetadata", () => {
      if (startAt > 0 && Number.isFinite(media.duration)) media.currentTime = Math.min(startAt, media.duration);
      this.showTime();
    });
    media.addEventListener("keydown", (event) => this.onKey(event), { signal: this.abort.signal });
  }

  /** The current subtitle line (place it where it fits). */
  get subtitleLine(): HTMLElement {
    return this.subtitle;
  }

  setCues(cues: Cue[]): void {
    this.cues = cues;
    this.showTime();
  }

  playPause(): void {
    if (this.media.paused || this.media.ended) void this.media.play().catch(() => undefined);
    else this.media.pause();
  }

  /** Stop listening and stop playback (the element is going away). */
  destroy(): void {
    this.abort.abort();
    this.media.pause();
  }

  private onKey(event: KeyboardEvent): void {
    if (event.key === " " || event.key === "k") {
      event.preventDefault();
      this.playPause();
    }
  }

  private showState(): void {
    const playing = !this.media.paused && !this.media.ended;
    const label = playing ? "Pause" : "Play";
    this.toggle.replaceChildren(iconFor(playing ? "pause" : "play"));
    this.toggle.setAttribute("aria-label", label);
    this.toggle.title = label;
  }

  private showTime(): void {
    const media = this.media;
    const known = Number.isFinite(media.duration) && media.duration > 0;
    this.seek.disabled = !known;
    this.seek.max = known ? String(media.duration) : "0";
    this.seek.value = String(known ? media.currentTime : 0);
    this.time.textContent = known ? `${clock(media.currentTime)} / ${clock(media.duration)}` : clock(media.currentTime);
    const cue = this.cues.find((c) => media.currentTime >= c.start && media.currentTime <= c.end);
    this.subtitle.hidden = !cue;
    this.subtitle.textContent = cue?.text ?? "";
  }
}

// --- microphone recording -------------------------------------------------------------------

const WORKLET = `
class SbRecorder extends AudioWorkletProcessor {
  constructor() { super(); this.parts = []; this.frames = 0; }
  process(inputs) {
    const input = inputs[0];
    if (input && input.length > 0 && input[0].length > 0) {
      this.parts.push(input.map((channel) => channel.slice(0)));
      this.frames += input[0].length;
      if (this.frames >= 2048) { this.port.postMessage(this.parts); this.parts = []; this.frames = 0; }
    }
    return true;
  }
}
registerProcessor("sb-recorder", SbRecorder);
`;

/** 16-bit PCM WAV bytes of planar float samples. */
export function encodeWav(channels: Float32Array[], sampleRate: number): Blob {
  const count = channels.length;
  const frames = channels[0]?.length ?? 0;
  const buffer = new ArrayBuffer(44 + frames * count * 2);
  const view = new DataView(buffer);
  const ascii = (offset: number, value: string): void => {
    for (let i = 0; i < value.length; i += 1) view.setUint8(offset + i, value.charCodeAt(i));
  };
  ascii(0, "RIFF");
  view.setUint32(4, 36 + frames * count * 2, true);
  ascii(8, "WAVE");
  ascii(12, "fmt ");
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, count, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * count * 2, true);
  view.setUint16(32, count * 2, true);
  view.setUint16(34, 16, true);
  ascii(36, "data");
  view.setUint32(40, frames * count * 2, true);
  let offset = 44;
  for (let i = 0; i < frames; i += 1) {
    for (let c = 0; c < count; c += 1) {
      const sample = Math.max(-1, Math.min(1, channels[c]?.[i] ?? 0));
      view.setInt16(offset, sample < 0 ? sample * 0x8000 : sample * 0x7fff, true);
      offset += 2;
    }
  }
  return new Blob([buffer], { type: "audio/wav" });
}

function joinBlocks(blocks: Float32Array[][]): Float32Array[] {
  const count = Math.max(1, ...blocks.map((block) => block.length));
  const frames = blocks.reduce((sum, block) => sum + (block[0]?.length ?? 0), 0);
  const out = Array.from({ length: count }, () => new Float32Array(frames));
  let at = 0;
  for (const block of blocks) {
    const length = block[0]?.length ?? 0;
    for (let c = 0; c < count; c += 1) out[c]?.set(block[c] ?? block[0] ?? new Float32Array(length), at);
    at += length;
  }
  return out;
}

/** Records the microphone as PCM samples (an AudioWorklet), so pausing and chunking are exact. */
export class MicRecorder {
  paused = false;
  /** Loudness of the latest samples, 0..1 (for a level meter). */
  level = 0;
  private stream: MediaStream | null = null;
  private context: AudioContext | null = null;
  private blocks: Float32Array[][] = [];
  private pending: Float32Array[][] = [];
  private frames = 0;

  /** Seconds recorded so far. */
  get duration(): number {
    return this.context ? this.frames / this.context.sampleRate : 0;
  }

  async start(): Promise<void> {
    if (!navigator.mediaDevices?.getUserMedia) throw new Error("This browser cannot record audio here (a secure context is needed).");
    this.stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    const context = new AudioContext();
    this.context = context;
    const url = URL.createObjectURL(new Blob([WORKLET], { type: "text/javascript" }));
    try {
      await context.audioWorklet.addModule(url);
    } finally {
      URL.revokeObjectURL(url);
    }
    const node = new AudioWorkletNode(context, "sb-recorder");
    node.port.onmessage = (event: MessageEvent<Float32Array[][]>) => {
      if (this.paused) {
        this.level = 0;
        return;
      }
      let sum = 0;
      let count = 0;
      for (const block of event.data) {
        this.blocks.push(block);
        this.pending.push(block);
        this.frames += block[0]?.length ?? 0;
        for (const sample of block[0] ?? []) sum += sample * sample;
        count += block[0]?.length ?? 0;
      }
      this.level = count > 0 ? Math.min(1, Math.sqrt(sum / count) * 4) : 0;
    };
    const silent = context.createGain();
    silent.gain.value = 0;
    context.createMediaStreamSource(this.stream).connect(node).connect(silent).connect(context.destination);
    if (context.state === "suspended") await context.resume();
  }

  /** The samples recorded since the last call, as WAV (null when there are none). */
  takeChunk(): Blob | null {
    if (this.pending.length === 0 || !this.context) return null;
    const blob = encodeWav(joinBlocks(this.pending), this.context.sampleRate);
    this.pending = [];
    return blob;
  }

  /** Stop recording and release the microphone; resolves to the whole recording as WAV. */
  async stop(): Promise<Blob> {
    this.stream?.getTracks().forEach((track) => track.stop());
    const rate = this.context?.sampleRate ?? 48000;
    await this.context?.close().catch(() => undefined);
    this.context = null;
    return encodeWav(joinBlocks(this.blocks), rate);
  }

  /** Drop everything (the element went away). */
  cancel(): void {
    this.stream?.getTracks().forEach((track) => track.stop());
    void this.context?.close().catch(() => undefined);
    this.context = null;
  }
}

// --- the Audio element ----------------------------------------------------------------------

type Source = "upload" | "microphone";

export class SbAudio extends AudioBase {
  private source: Source | null = null;
  private recorder: MicRecorder | null = null;
  private starting = false;
  private busy = false;
  private controls: PlaybackControls | null = null;
  private media: HTMLAudioElement | null = null;
  private ticker: number | null = null;
  private streamer: number | null = null;
  private streamValue: FileData | undefined;
  private autoplayNext = false;

  override setup(...args: Parameters<AudioBase["setup"]>): void {
    super.setup(...args);
    if (this.props.recording === true && this.sources().includes("microphone")) void this.startRecording();
  }

  override get value(): unknown {
    return this.streamValue !== undefined ? this.streamValue : super.value;
  }

  override update(changes: Record<string, unknown>): void {
    if ("value" in changes) this.autoplayNext = this.props.autoplay === true;
    super.update(changes);
    if ("recording" in changes) {
      if (changes.recording === true && this.sources().includes("microphone")) void this.startRecording();
      else if (changes.recording === false && this.recorder) void this.stopRecording();
    }
  }

  private sources(): Source[] {
    const raw = this.props.sources;
    const list = raw === null || raw === undefined ? (this.props.streaming ? ["microphone"] : ["upload", "microphone"]) : Array.isArray(raw) ? raw : [raw];
    return list.filter((s): s is Source => s === "upload" || s === "microphone");
  }

  protected build(): void {
    const p = this.props;
    this.controls?.destroy();
    this.controls = null;
    this.media = null;
    const file = asFiles(p.value)[0];
    const body: Node[] = [];
    if (file && !this.recorder) {
      body.push(this.player(file));
    } else if (this.interactive) {
      body.push(this.input());
    } else {
      body.push(emptyState("mic", "No audio"));
    }
    if (this.busy) body.push(h("div", { class: "sb-av-busy", role: "status" }, "Uploading…"));
    this.replaceChildren(frame({ label: p.label, info: p.info, showLabel: p.show_label, container: p.container }, body));
    const media = this.media as HTMLAudioElement | null;
    if (this.autoplayNext && media) {
      this.autoplayNext = false;
      void media.play().catch(() => undefined);
    }
  }

  private player(file: FileData): HTMLElement {
    const p = this.props;
    const media = h("audio", { class: "sb-audio-media", preload: "metadata", src: this.host.fileUrl(file) });
    media.loop = p.loop === true;
    this.media = media;
    const controls = new PlaybackControls(
      media,
      {
        play: () => this.emitPlay(),
        pause: () => this.emitPause(),
        ended: () => this.emitStop(),
        stopped: () => this.emitStop(),
      },
      typeof p.playback_position === "number" ? p.playback_position : 0,
    );
    this.controls = controls;
    if (p.subtitles) void loadCues(this.host, p.subtitles).then((cues) => controls.setCues(cues));
    const corner = h("div", { class: "sb-corner-buttons" });
    const buttons = p.buttons;
    if (buttons === null || buttons === undefined || (Array.isArray(buttons) && buttons.includes("download"))) {
      corner.append(downloadLink(this.host, file));
    }
    if (this.interactive) corner.append(iconButton("clear", "Clear", () => this.clear()));
    corner.prepend(...customButtons(buttons, this.host));
    return h(
      "div",
      { class: "sb-audio-player" },
      corner,
      h("div", { class: "sb-audio-art" }, mediaIcon("mic"), h("span", { class: "sb-audio-name" }, file.orig_name ?? "")),
      media,
      controls.element,
      controls.subtitleLine,
    );
  }

  private input(): HTMLElement {
    const sources = this.sources();
    if (!this.source || !sources.includes(this.source)) this.source = sources[0] ?? "upload";
    const panel = this.source === "microphone" || this.recorder ? this.recorderPanel() : this.uploadPanel();
    const parts: Node[] = [panel];
    if (sources.length > 1 && !this.recorder) {
      const switcher = h("div", { class: "sb-av-sources", role: "group", "aria-label": "Audio source" });
      for (const source of sources) {
        const label = source === "upload" ? "Upload" : "Microphone";
        const button = h(
          "button",
          { type: "button", class: "sb-av-source", "aria-pressed": String(this.source === source) },
          iconFor(source === "upload" ? "upload" : "mic"),
          label,
        );
        button.addEventListener("click", () => {
          this.source = source;
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
      accept: "audio/*",
      title: "Drop audio here",
      iconName: "upload",
      disabled: this.busy,
      onFiles: (files) => void this.receive(files),
      onRejected: (names) => this.host.toast("warning", `Not an audio file: ${names.join(", ")}`, "Upload"),
    }).zone;
  }

  private recorderPanel(): HTMLElement {
    const recorder = this.recorder;
    const panel = h("div", { class: "sb-recorder" });
    if (!recorder) {
      const record = h("button", { type: "button", class: "sb-btn sb-recorder-record", disabled: this.starting || this.busy }, iconFor("record"), this.starting ? "Starting…" : "Record");
      record.addEventListener("click", () => void this.startRecording());
      panel.append(record);
      return panel;
    }
    const status = h("span", { class: "sb-recorder-time", role: "timer" }, clock(recorder.duration));
    const pause = h(
      "button",
      { type: "button", class: "sb-btn sb-recorder-pause" },
      iconFor(recorder.paused ? "record" : "pause"),
      recorder.paused ? "Resume" : "Pause",
    );
    pause.addEventListener("click", () => this.togglePause());
    const stop = h("button", { type: "button", class: "sb-btn sb-recorder-stop" }, iconFor("stop"), "Stop recording");
    stop.addEventListener("click", () => void this.stopRecording());
    panel.classList.add(recorder.paused ? "sb-recorder-paused" : "sb-recorder-live");
    panel.append(h("span", { class: "sb-recorder-dot", "aria-hidden": "true" }), status);
    const waveform = this.props.waveform_options as { show_recording_waveform?: unknown } | null | undefined;
    if (waveform?.show_recording_waveform !== false) {
      panel.append(h("span", { class: "sb-recorder-level", "aria-hidden": "true" }, h("span", { class: "sb-recorder-level-bar" })));
    }
    panel.append(pause, stop);
    return panel;
  }

  private async startRecording(): Promise<void> {
    if (this.recorder || this.starting || !this.interactive) return;
    this.starting = true;
    this.source = "microphone";
    this.build();
    const recorder = new MicRecorder();
    try {
      await recorder.start();
    } catch (error) {
      recorder.cancel();
      this.starting = false;
      this.build();
      this.host.toast("error", error instanceof Error ? error.message : String(error), "Microphone");
      return;
    }
    this.starting = false;
    this.recorder = recorder;
    this.build();
    this.ticker = window.setInterval(() => {
      const time = this.querySelector(".sb-recorder-time");
      if (time) time.textContent = clock(recorder.duration);
      const bar = this.querySelector<HTMLElement>(".sb-recorder-level-bar");
      if (bar) bar.style.width = `${Math.round(recorder.level * 100)}%`;
    }, 100);
    if (this.props.streaming) this.streamer = window.setInterval(() => void this.sendChunk(recorder), streamEvery(this.blockId) * 1000);
    this.emitStartRecording();
  }

  private togglePause(): void {
    const recorder = this.recorder;
    if (!recorder) return;
    recorder.paused = !recorder.paused;
    this.build();
    if (recorder.paused) this.emitPauseRecording();
    else this.emitStartRecording();
  }

  private async sendChunk(recorder: MicRecorder): Promise<void> {
    const chunk = recorder.takeChunk();
    if (!chunk) return;
    const uploaded = await uploadFiles(this.host, [new File([chunk], "stream.wav", { type: "audio/wav" })]);
    const file = uploaded?.[0];
    if (!file) return;
    this.streamValue = file;
    try {
      this.emitStream();
    } finally {
      this.streamValue = undefined;
    }
  }

  private async stopRecording(): Promise<void> {
    const recorder = this.recorder;
    if (!recorder) return;
    this.clearTimers();
    this.recorder = null;
    const streaming = this.props.streaming === true;
    if (streaming) await this.sendChunk(recorder);
    const wav = await recorder.stop();
    if (streaming) {
      this.build();
      this.emitStopRecording();
      return;
    }
    this.busy = true;
    this.build();
    const uploaded = await uploadFiles(this.host, [new File([wav], "recording.wav", { type: "audio/wav" })]);
    this.busy = false;
    const file = uploaded?.[0];
    if (file) this.setUserValue(file);
    this.build();
    this.emitStopRecording();
  }

  private clearTimers(): void {
    if (this.ticker !== null) window.clearInterval(this.ticker);
    if (this.streamer !== null) window.clearInterval(this.streamer);
    this.ticker = null;
    this.streamer = null;
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
    if (this.recorder) {
      this.clearTimers();
      this.recorder.cancel();
      this.recorder = null;
    }
  }
}

register(SbAudio);
