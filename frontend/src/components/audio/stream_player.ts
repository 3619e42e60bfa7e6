// Plays a streamed audio output while the generator runs: the server keeps the run's chunks
// in an HLS-style playlist (…/playlist.m3u8, one segment per yielded chunk, #EXT-X-ENDLIST once
// the run is over). The player polls it, decodes each new segment with Web Audio and schedules
// it right after the one before, so the chunks play back to back. When the stream has ended
// and every segment is in, `onEnded` hands over the joined file (…/playlist-file).

import { h } from "../../core/dom";

const POLL_MS = 300;

export interface StreamState {
  segments: number;
  decoded: number;
  ended: boolean;
  error: string | null;
}

export class StreamPlayer {
  readonly url: string;
  readonly element: HTMLElement;
  private readonly status: HTMLElement;
  private readonly resume: HTMLButtonElement;
  private context: AudioContext | null = null;
  private seen = new Set<string>();
  private queue: Promise<void> = Promise.resolve();
  private nextStart = 0;
  private timer: number | null = null;
  private stopped = false;
  readonly state: StreamState = { segments: 0, decoded: 0, ended: false, error: null };

  constructor(
    url: string,
    private readonly autoplay: boolean,
    private readonly onEnded: (fileUrl: string) => void,
  ) {
    this.url = url;
    this.status = h("span", { class: "sb-audio-stream-status", role: "status" }, "Streaming…");
    this.resume = h("button", { type: "button", class: "sb-audio-stream-play", hidden: "" }, "Play") as HTMLButtonElement;
    this.resume.addEventListener("click", () => void this.context?.resume().then(() => this.render()));
    this.element = h("div", { class: "sb-audio-stream", "data-stream": "open" }, this.status, this.resume);
    void this.poll();
  }

  /** Stop polling and playing (the component was cleared or given another value). */
  stop(): void {
    this.stopped = true;
    if (this.timer !== null) window.clearTimeout(this.timer);
    void this.context?.close().catch(() => undefined);
    this.context = null;
  }

  private async poll(): Promise<void> {
    if (this.stopped) return;
    try {
      const response = await fetch(this.url, { cache: "no-store", credentials: "same-origin" });
      if (!response.ok) throw new Error(`the stream answered ${response.status}`);
      const text = await response.text();
      const base = this.url.slice(0, this.url.lastIndexOf("/") + 1);
      for (const line of text.split("\n")) {
        const name = line.trim();
        if (!name || name.startsWith("#") || this.seen.has(name)) continue;
        this.seen.add(name);
        this.state.segments += 1;
        this.queue = this.queue.then(() => this.play(new URL(name, base).toString()));
      }
      if (text.includes("#EXT-X-ENDLIST")) {
        this.state.ended = true;
        await this.queue;
        this.render();
        if (!this.stopped) this.onEnded(new URL("playlist-file", base).toString());
        return;
      }
    } catch (error) {
      this.state.error = error instanceof Error ? error.message : String(error);
    }
    this.render();
    this.timer = window.setTimeout(() => void this.poll(), POLL_MS);
  }

  private async play(url: string): Promise<void> {
    if (this.stopped) return;
    const response = await fetch(url, { credentials: "same-origin" });
    const data = await response.arrayBuffer();
    try {
      if (!this.context) {
        // without autoplay the chunks are scheduled on a paused context: "Play" starts them
        this.context = new AudioContext();
        if (!this.autoplay) await this.context.suspend();
        else if (this.context.state === "suspended") void this.context.resume().catch(() => undefined);
      }
      const buffer = await this.context.decodeAudioData(data);
      const source = this.context.createBufferSource();
      source.buffer = buffer;
      source.connect(this.context.destination);
      const start = Math.max(this.nextStart, this.context.currentTime);
      source.start(start);
      this.nextStart = start + buffer.duration;
    } catch (error) {
      this.state.error = `a chunk could not be decoded: ${error instanceof Error ? error.message : String(error)}`;
    }
    this.state.decoded += 1;
    this.render();
  }


  private render(): void {
    const s = this.state;
    this.element.dataset.stream = s.ended ? "ended" : "open";
    this.element.dataset.segments = String(s.segments);
    this.element.dataset.decoded = String(s.decoded);
    const what = s.ended ? "Stream ended" : "Streaming…";
    this.status.textContent = s.error ? `${what} (${s.error})` : `${what} ${s.decoded}/${s.segments} chunks`;
    this.resume.hidden = this.context?.state !== "suspended";
  }
}
