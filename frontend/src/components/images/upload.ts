// Where an image element takes a picture from: the sources a `sources` prop allows, the upload
// drop zone, and images on the clipboard.

import { h } from "../../core/dom";
import { mediaButton, mediaIcon } from "./icons";

export type Source = "upload" | "webcam" | "clipboard";

/** The sources list of a `sources` prop. */
export function sourceList(value: unknown, fallback: Source[]): Source[] {
  if (value === null || value === undefined) return fallback;
  const list = Array.isArray(value) ? value : [value];
  return list.filter((s): s is Source => s === "upload" || s === "webcam" || s === "clipboard");
}

/** The lines of a placeholder text; lines starting with `#` become headings. */
export function placeholderNodes(placeholder: unknown, fallback: string): Node[] {
  const source = typeof placeholder === "string" && placeholder.trim() ? placeholder : fallback;
  return source
    .split("\n")
    .filter((line) => line.trim().length > 0)
    .map((line) =>
      line.trim().startsWith("#")
        ? h("span", { class: "sb-upload-heading" }, line.trim().replace(/^#+\s*/, ""))
        : h("span", { class: "sb-upload-line" }, line.trim()),
    );
}

export interface UploadOptions {
  /** The `accept` attribute of the file input. */
  accept?: string;
  multiple?: boolean;
  /** Accessible name of the file input and the button. */
  label: string;
  /** What the zone says (placeholder lines). */
  prompt: Node[];
  onFiles: (files: File[]) => void;
  /** A compact button instead of a large drop zone. */
  compact?: boolean;
}

/** Whether a file matches an `accept` list (".png", "image/*", "image/png"). */
export function accepts(file: File, accept: string | undefined): boolean {
  if (!accept) return true;
  const name = file.name.toLowerCase();
  return accept
    .split(",")
    .map((item) => item.trim().toLowerCase())
    .some((item) => {
      if (!item) return false;
      if (item.startsWith(".")) return name.endsWith(item);
      if (item.endsWith("/*")) return file.type.startsWith(item.slice(0, -1));
      return file.type === item;
    });
}

/** A drop zone (button + hidden file input) that hands chosen or dropped files to `onFiles`. */
export function uploadZone(options: UploadOptions): HTMLElement {
  const input = h("input", { type: "file", class: "sb-upload-input", "aria-label": options.label, hidden: true, multiple: options.multiple === true });
  if (options.accept) input.accept = options.accept;
  const take = (list: FileList | null | undefined): void => {
    const files = [...(list ?? [])].filter((file) => accepts(file, options.accept));
    if (files.length === 0) return;
    options.onFiles(options.multiple ? files : files.slice(0, 1));
  };
  input.addEventListener("change", () => {
    take(input.files);
    input.value = "";
  });
  const button = h(
    "button",
    { type: "button", class: options.compact ? "sb-upload-zone sb-upload-compact" : "sb-upload-zone", title: options.label },
    mediaIcon(options.compact ? "add" : "image"),
    h("span", { class: "sb-upload-text" }, ...options.prompt),
  );
  button.addEventListener("click", () => input.click());
  const zone = h("div", { class: "sb-upload" }, input, button);
  zone.addEventListener("dragover", (event) => {
    event.preventDefault();
    zone.classList.add("sb-dragging");
  });
  zone.addEventListener("dragleave", () => zone.classList.remove("sb-dragging"));
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    zone.classList.remove("sb-dragging");
    take((event as DragEvent).dataTransfer?.files);
  });
  return zone;
}

/** Image files in a paste event or the async clipboard. */
export async function clipboardImages(): Promise<File[]> {
  const items = await navigator.clipboard.read();
  const files: File[] = [];
  for (const item of items) {
    const type = item.types.find((t) => t.startsWith("image/"));
    if (!type) continue;
    const blob = await item.getType(type);
    files.push(new File([blob], `clipboard.${type.split("/")[1] ?? "png"}`, { type }));
  }
  return files;
}

/** Image files of a `paste` event. */
export function pastedImages(event: ClipboardEvent): File[] {
  return [...(event.clipboardData?.files ?? [])].filter((file) => file.type.startsWith("image/"));
}

/** A row of source buttons (upload / webcam / clipboard) with the active one pressed. */
export function sourceBar(sources: Source[], active: Source | null, choose: (source: Source) => void): HTMLElement {
  const names: Record<Source, [string, string]> = { upload: ["image", "Upload"], webcam: ["camera", "Webcam"], clipboard: ["paste", "Paste from clipboard"] };
  const bar = h("div", { class: "sb-media-sources", role: "group", "aria-label": "Image source" });
  for (const source of sources) {
    const [iconName, label] = names[source];
    const button = mediaButton(iconName, label, () => choose(source));
    button.setAttribute("aria-pressed", String(active === source));
    bar.append(button);
  }
  return bar;
}
