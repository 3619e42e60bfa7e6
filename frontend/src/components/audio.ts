// Audio: plays an audio file, or lets the user upload one or record it with the microphone
// (optionally streaming the recording to the server in chunks).
// The playback controls and subtitles it shares with Video live in ./av/, the recorder in
// ./audio/recorder.ts.

import { AudioBase } from "../generated/components/audio.gen";
import type { FileData } from "../generated/types.gen";
import { register } from "../core/registry";
import { customButtons, streamEvery } from "../core/media";
import { frame, h, iconButton } from "../core/dom";
import { asFiles, downloadLink, emptyState, iconFor, mediaIcon, uploadFiles, uploadZone } from "./file";
import { clock, loadCues } from "./av/cues";
import { PlaybackControls } from "./av/playback";
import { MicRecorder } from "./audio/recorder";
import { StreamPlayer } from "./audio/stream_player";
import { Waveform } from "./audio/waveform";

type Source = "upload" | "microphone";

export class SbAudio extends AudioBase {
  private source: Source | null = null;
  private recorder: MicRecorder | null = null;
  private starting = false;
  private busy = false;
  private controls: PlaybackControls | null = null;
  private waveform: Waveform | null = null;
  private media: HTMLAudioElement | null = null;
  private ticker: number | null = null;
  private streamer: number | null = null;
  private streamValue: FileData | undefined;
  private autoplayNext = false;
  /** A streamed output (a playlist of chunks) playing, and its joined file once it ended. */
  private stream: { player: StreamPlayer; joined: string | null } | null = null;

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
    this.waveform?.destroy();
    this.waveform = null;
    this.media = null;
    const file = asFiles(p.value)[0];
    const body: Node[] = [];
    const playlist = file?.is_stream ? this.host.fileUrl(file) : "";
    if (!playlist.includes("/playlist.m3u8")) this.endStream();
    if (file && playlist.includes("/playlist.m3u8") && !this.recorder) {
      body.push(this.streamed(file, playlist));
    } else if (file && !this.recorder) {
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

  /** A streamed output: chunks play as they arrive; then the joined file, in the player. */
  private streamed(file: FileData, playlist: string): HTMLElement {
    if (this.stream?.player.url !== playlist) {
      this.endStream();
      const player = new StreamPlayer(playlist, this.props.autoplay === true, (joined) => {
        if (this.stream?.player !== player) return;
        this.stream.joined = joined;
        this.build();
      });
      this.stream = { player, joined: null };
    }
    const { player, joined } = this.stream;
    if (joined === null) return player.element;
    this.autoplayNext = false; // already heard while it streamed
    const whole = this.player({ ...file, url: joined, is_stream: false });
    whole.append(player.element);
    return whole;
  }

  private endStream(): void {
    this.stream?.player.stop();
    this.stream = null;
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
      true,
    );
    this.controls = controls;
    if (p.subtitles) void loadCues(this.host, p.subtitles).then((cues) => controls.setCues(cues));
    // The waveform of the clip, as Gradio's player shows it (click or drag on it to seek).
    const options = (p.waveform_options ?? {}) as { waveform_color?: unknown; waveform_progress_color?: unknown; skip_length?: unknown };
    const waveform = new Waveform(media, this.host.fileUrl(file), {
      color: typeof options.waveform_color === "string" ? options.waveform_color : null,
      progressColor: typeof options.waveform_progress_color === "string" ? options.waveform_progress_color : null,
    });
    this.waveform = waveform;
    if (typeof options.skip_length === "number") controls.skipLength = options.skip_length;
    const corner = h("div", { class: "sb-corner-buttons" });
    const buttons = p.buttons;
    if (buttons === null || buttons === undefined || (Array.isArray(buttons) && buttons.includes("download"))) {
      corner.append(downloadLink(this.host, file));
    }
    if (this.interactive) corner.append(iconButton("clear", "Clear", () => this.clear()));
    corner.prepend(...customButtons(buttons, this.host, "sb-av-custom-button"));
    return h(
      "div",
      { class: "sb-audio-player" },
      corner,
      h("div", { class: "sb-audio-art" }, mediaIcon("mic"), h("span", { class: "sb-audio-name" }, file.orig_name ?? "")),
      media,
      waveform.element,
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
    this.endStream();
    if (this.recorder) {
      this.clearTimers();
      this.recorder.cancel();
      this.recorder = null;
    }
  }
}

register(SbAudio);
