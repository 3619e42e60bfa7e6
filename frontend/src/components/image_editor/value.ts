// The ImageEditor's value, {background, layers, composite}: showing the images of a value in
// the picture, and uploading the changed images with the flattened composite to make the
// next value.

import type { FileData } from "../../generated/types.gen";
import type { Host } from "../../core/component";
import { canvasBlob, mediaUrl } from "../images/files";
import { blank, loadImage } from "./canvas";
import { freshLayers, type EditorDocument } from "./layers";

export type EditorValue = { background?: FileData | null; layers?: FileData[]; composite?: FileData | null; id?: string | null };

/** The images of a value, loaded. */
export interface ValueImages {
  background: HTMLImageElement | null;
  layers: HTMLImageElement[];
}

/** Whether a value has no image at all. */
export function isEmptyValue(value: EditorValue): boolean {
  return !value.background && !value.composite && !(value.layers ?? []).length;
}

/**
 * Load the images of `value`: the background (the composite stands in for it when the value
 * has neither a background nor layers) and the layers.
 */
export async function loadValueImages(host: Host, value: EditorValue): Promise<ValueImages> {
  const layersIn = value.layers ?? [];
  const backgroundFile = value.background ?? (layersIn.length === 0 ? value.composite ?? null : null);
  const background = backgroundFile ? await loadImage(mediaUrl(host, backgroundFile)) : null;
  const layers = await Promise.all(layersIn.map((file) => loadImage(mediaUrl(host, file))));
  return { background, layers };
}

export interface PlaceOptions {
  /** The `canvas_size` prop (the size without a background or layers). */
  size: [number, number] | undefined;
  /** The canvas size a background is fitted into (`fixed_canvas`), or null. */
  fixedSize: [number, number] | null;
  /** The names of fresh layers. */
  names: string[];
}

/**
 * Make `doc` show the loaded `images` of `value` (with no undo history). The canvas takes the
 * size of the background, else of the first layer.
 */
export function placeImages(doc: EditorDocument, value: EditorValue, images: ValueImages, options: PlaceOptions): void {
  const layersIn = value.layers ?? [];
  const bg = images.background;
  doc.history = [];
  const size = options.size ?? [800, 800];
  const first = images.layers[0];
  doc.width = bg ? bg.naturalWidth : first ? first.naturalWidth : size[0] ?? 800;
  doc.height = bg ? bg.naturalHeight : first ? first.naturalHeight : size[1] ?? 800;
  if (bg) {
    doc.setBackground(bg, value.background ?? null, options.fixedSize, options.names);
  } else {
    doc.background = null;
    doc.backgroundFile = null;
  }
  if (images.layers.length) {
    doc.layers = images.layers.map((img, i) => {
      const canvas = blank(doc.width, doc.height);
      canvas.getContext("2d")?.drawImage(img, 0, 0, doc.width, doc.height);
      return { name: `Layer ${i + 1}`, canvas, file: layersIn[i] ?? null, drawn: true };
    });
  } else if (!bg) {
    doc.layers = freshLayers(options.names, doc.width, doc.height);
  }
  doc.active = 0;
}

/**
 * Upload the images of `doc` that have no uploaded copy yet, and the flattened composite;
 * resolves to the new value, or to null when `stale()` says a newer edit started meanwhile.
 * Rejects when the upload fails.
 */
export async function uploadDocument(host: Host, doc: EditorDocument, stale: () => boolean): Promise<EditorValue | null> {
  const composite = blank(doc.width, doc.height);
  const ctx = composite.getContext("2d");
  if (ctx) doc.compose(ctx);
  const pending: { canvas: HTMLCanvasElement; name: string; assign: (file: FileData) => void }[] = [];
  let compositeFile: FileData | null = null;
  if (doc.background && !doc.backgroundFile) {
    pending.push({ canvas: doc.background, name: "background.png", assign: (file) => (doc.backgroundFile = file) });
  }
  doc.layers.forEach((layer, index) => {
    if (!layer.file) pending.push({ canvas: layer.canvas, name: `layer_${index + 1}.png`, assign: (file) => (layer.file = file) });
  });
  pending.push({ canvas: composite, name: "composite.png", assign: (file) => (compositeFile = file) });
  const blobs = await Promise.all(pending.map((item) => canvasBlob(item.canvas)));
  const files = blobs.map((blob, i) => new File([blob ?? new Blob()], pending[i]?.name ?? "image.png", { type: "image/png" }));
  const uploaded = await host.upload(files);
  if (stale()) return null;
  uploaded.forEach((file, i) => pending[i]?.assign(file));
  return {
    background: doc.background ? doc.backgroundFile : null,
    layers: doc.layers.map((layer) => layer.file).filter((file): file is FileData => file !== null),
    composite: compositeFile,
    id: null,
  };
}
