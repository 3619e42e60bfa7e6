// The waveform of an audio clip, drawn by wavesurfer.js over the player's own media element:
// played part in the progress colour, a click or drag seeks. Hidden when the clip cannot be
// decoded (the playback controls still work).

import WaveSurfer from "wavesurfer.js";
import { h } from "../../core/dom";

export interface WaveformColors {
  /** The unplayed part (default: the theme's muted grey). */
  color: string | null;
  /** The played part (default: the theme's primary colour). */
  progressColor: string | null;
}

export class Waveform {
  readonly element: HTMLElement;
  private surfer: WaveSurfer | null = null;
  private readonly started: number;

  constructor(media: HTMLMediaElement, url: string, colors: WaveformColors) {
    this.element = h("div", { class: "sb-audio-waveform", role: "img", "aria-label": "Waveform" });
    // wavesurfer measures its container: start once the player is in the page
    this.started = window.requestAnimationFrame(() => this.start(media, url, colors));
  }

  private start(media: HTMLMediaElement, url: string, colors: WaveformColors): void {
    const style = getComputedStyle(this.element);
    const surfer = WaveSurfer.create({
      container: this.element,
      media,
      height: 64,
      waveColor: colors.color ?? (style.getPropertyValue("--sb-waveform").trim() || "#a1a1aa"),
      progressColor: colors.progressColor ?? (style.getPropertyValue("--sb-primary").trim() || "#f97316"),
      cursorWidth: 1,
      barWidth: 2,
      barGap: 2,
      barRadius: 2,
      dragToSeek: true,
      url, // loaded (fetched and decoded) by wavesurfer as soon as it starts
    });
    surfer.on("error", () => {
      this.element.hidden = true;
    });
    surfer.on("ready", () => {
      this.element.dataset.ready = "true";
    });
    this.surfer = surfer;
  }

  /** Stop drawing (the player is going away); the media element is left to its owner. */
  destroy(): void {
    window.cancelAnimationFrame(this.started);
    this.surfer?.destroy(); // leaves a media element it was given alone
    this.surfer = null;
  }
}
