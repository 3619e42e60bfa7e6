// Microphone recording for Audio: PCM samples from an AudioWorklet (so pausing and chunking are
// exact), encoded as 16-bit WAV.

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
