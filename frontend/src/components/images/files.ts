// File payloads of the image elements: where the browser loads them from, the name they are
// saved under, and images that exist only in the browser.

import type { FileData } from "../../generated/types.gen";
import type { Host } from "../../core/component";

/** A file payload as image components send it (an image may have only a `url`). */
export interface MediaFile {
  path?: string | null;
  url?: string | null;
  size?: number | null;
  orig_name?: string | null;
  mime_type?: string | null;
  is_stream?: boolean;
  meta?: Record<string, unknown>;
}

/** The fields of a file payload the helpers read. */
export interface FileLike {
  path?: string | null;
  url?: string | null;
  orig_name?: string | null;
}

/** The URL the browser loads a file payload from. */
export function mediaUrl(host: Host, file: FileLike | null | undefined): string {
  if (!file) return "";
  if (file.url) return file.url;
  if (file.path) return host.fileUrl(file as FileData);
  return "";
}

/** A file name to save a payload under. */
export function mediaName(file: FileLike | null | undefined, fallback = "image"): string {
  if (file?.orig_name) return file.orig_name;
  const path = file?.path ?? "";
  const base = path.split(/[\\/]/).pop() ?? "";
  return base || fallback;
}

/** The payload of an image that only exists in the browser (a `data:` URL). */
export function dataUrlFile(url: string, name: string, mime: string): MediaFile {
  return { path: null, url, size: null, orig_name: name, mime_type: mime, is_stream: false, meta: { _type: "gradio.FileData" } };
}

/** A canvas as a PNG blob. */
export function canvasBlob(canvas: HTMLCanvasElement, type = "image/png"): Promise<Blob | null> {
  return new Promise((resolve) => canvas.toBlob((blob) => resolve(blob), type));
}
