// Time and subtitles of the audio and video players: "m:ss" clocks, and the cues of a
// `subtitles` prop (a list of {text, timestamp}, or an SRT, WebVTT or JSON file).

import type { FileData } from "../../generated/types.gen";
import type { Host } from "../../core/component";
import { text } from "../../core/dom";
import { asFiles } from "../file";

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
