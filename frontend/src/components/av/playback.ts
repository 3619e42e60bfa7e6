// The playback controls of the audio and video players (their media elements have no native
// controls): play/pause, stop, a seek bar, the time and the current subtitle line.

import { h, iconButton } from "../../core/dom";
import { iconFor } from "../file";
import { clock, type Cue } from "./cues";

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
  /** Seconds the skip buttons move by. */
  skipLength = 5;

  /** `skipAndRate`: also skip back/forward buttons and a playback speed button (audio). */
  constructor(media: HTMLMediaElement, hooks: PlaybackHooks, startAt = 0, skipAndRate = false) {
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
    if (skipAndRate) {
      const skip = (sign: number): void => {
        if (!Number.isFinite(media.duration)) return;
        media.currentTime = Math.min(media.duration, Math.max(0, media.currentTime + sign * this.skipLength));
      };
      const back = iconButton("back", "Skip back", () => skip(-1));
      const forward = iconButton("forward", "Skip forward", () => skip(1));
      const rate = h("button", { type: "button", class: "sb-icon-button sb-av-rate", "aria-label": "Playback speed", title: "Playback speed" }, "1x");
      rate.addEventListener("click", () => {
        const speeds = [1, 1.25, 1.5, 2, 0.5];
        media.playbackRate = speeds[(speeds.indexOf(media.playbackRate) + 1) % speeds.length] ?? 1;
        rate.textContent = `${media.playbackRate}x`;
      });
      this.toggle.before(back);
      this.toggle.after(forward);
      this.element.prepend(rate);
    }
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
