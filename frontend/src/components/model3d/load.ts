// Loading a model file: fetch it, pick the parser by its extension and keep the source of the
// text formats (for editing in place).

import type { MediaFile } from "../images/files";
import { parseGlb, parseGltf, type GltfJson } from "./gltf";
import { parseObj, parsePly, parseSplat, parseStl, type Geometry } from "./parsers";

const TEXT_FORMATS = new Set(["obj", "gltf", "ply", "stl"]);

/** The file extension of a model payload (lower case, no dot). */
export function extension(file: MediaFile | null | undefined): string {
  const name = file?.orig_name || file?.path || file?.url || "";
  const match = /\.([a-z0-9]+)(?:[?#].*)?$/i.exec(name);
  return (match?.[1] ?? "").toLowerCase();
}

/** The geometry of the model at `url` and, for text formats, its source. */
export async function loadGeometry(url: string, ext: string): Promise<{ geometry: Geometry; text: string | null }> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const buffer = await response.arrayBuffer();
  const text = TEXT_FORMATS.has(ext) ? new TextDecoder().decode(buffer) : null;
  const textual = text !== null && !text.includes("\u0000");
  switch (ext) {
    case "obj":
      return { geometry: parseObj(text ?? ""), text };
    case "stl":
      return { geometry: parseStl(buffer), text: textual && text?.trimStart().startsWith("solid") ? text : null };
    case "ply":
      return { geometry: parsePly(buffer), text: textual && /format\s+ascii/.test(text ?? "") ? text : null };
    case "glb":
      return { geometry: await parseGlb(buffer, url), text: null };
    case "gltf":
      return { geometry: await parseGltf(JSON.parse(text ?? "{}") as GltfJson, null, url), text };
    case "splat":
      return { geometry: parseSplat(buffer), text: null };
    default:
      throw new Error(`.${ext || "?"} files cannot be previewed`);
  }
}
