// File: uploads one or more files and lists them with download links and remove buttons.
// Also home of the helpers the media elements share (upload area, file lists, icons).

import { FileBase } from "../generated/components/file.gen";
import type { FileData } from "../generated/types.gen";
import type { Host } from "../core/component";
import { register } from "../core/registry";
import { customButtons } from "../core/media";
import { cssSize, frame, h, icon, iconButton } from "../core/dom";
import "../styles/media.css";

// --- shared helpers -------------------------------------------------------------------------

const PATHS: Record<string, string> = {
  file: "M14 3H6v18h12V7zM14 3v4h4",
  folder: "M3 6h6l2 2h10v11H3z",
  mic: "M12 3a3 3 0 013 3v5a3 3 0 01-6 0V6a3 3 0 013-3zM5 11a7 7 0 0014 0M12 18v3",
  camera: "M3 7h12v10H3zM15 10l6-3v10l-6-3",
  chevron: "M9 6l6 6-6 6",
  drag: "M9 6h.01M15 6h.01M9 12h.01M15 12h.01M9 18h.01M15 18h.01",
};

/** A decorative icon the core icon set does not have (file, folder, mic, camera, chevron). */
export function mediaIcon(name: string): SVGSVGElement {
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("class", `sb-icon sb-icon-${name}`);
  const path = document.createElementNS(ns, "path");
  path.setAttribute("d", PATHS[name] ?? "");
  svg.append(path);
  return svg;
}

/** The files of a value that is one file payload, a list of them, or null. */
export function asFiles(value: unknown): FileData[] {
  if (!value) return [];
  const list: unknown[] = Array.isArray(value) ? value : [value];
  return list.filter(
    (item): item is FileData => typeof item === "object" && item !== null && typeof (item as FileData).path === "string",
  );
}

/** The name a file is shown and downloaded under. */
export function fileName(file: FileData): string {
  if (file.orig_name) return file.orig_name;
  const path = file.url ?? file.path;
  const last = path.split(/[\\/]/).pop() ?? path;
  try {
    return decodeURIComponent(last.split("?")[0] ?? last);
  } catch {
    return last;
  }
}

/** A file size for people ("1.2 KB"). */
export function formatSize(bytes: number | null | undefined): string {
  if (typeof bytes !== "number" || !Number.isFinite(bytes)) return "";
  const units = ["B", "KB", "MB", "GB", "TB"];
  let size = bytes;
  let unit = 0;
  while (size >= 1024 && unit < units.length - 1) {
    size /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? size : size.toFixed(1)} ${units[unit]}`;
}

/** The `accept` attribute for `file_types` ("image", ".pdf", "text/csv", ...). */
export function acceptFor(types: unknown): string {
  if (!Array.isArray(types)) return "";
  return types
    .filter((t): t is string => typeof t === "string" && t.length > 0)
    .map((t) => (t.startsWith(".") || t.includes("/") ? t : t === "file" ? "*/*" : `${t}/*`))
    .join(",");
}

/** Whether `file` fits an `accept` list (an empty list accepts everything). */
export function accepts(accept: string, file: File): boolean {
  if (!accept) return true;
  const name = file.name.toLowerCase();
  const type = file.type.toLowerCase();
  return accept.split(",").some((rule) => {
    const r = rule.trim().toLowerCase();
    if (!r || r === "*/*" || r === "*") return true;
    if (r.startsWith(".")) return name.endsWith(r);
    if (r.endsWith("/*")) return type.startsWith(r.slice(0, -1));
    return type === r;
  });
}

/** Upload files through the host; shows an error toast and resolves to null on failure. */
export async function uploadFiles(host: Host, files: File[]): Promise<FileData[] | null> {
  try {
    return await host.upload(files);
  } catch (error) {
    host.toast("error", error instanceof Error ? error.message : String(error), "Upload failed");
    return null;
  }
}

export interface FileInputOptions {
  /** The `accept` attribute of the file input. */
  accept?: string;
  multiple?: boolean;
  directory?: boolean;
  disabled?: boolean;
  /** Called with the chosen or dropped files (already filtered by `accept`). */
  onFiles: (files: File[]) => void;
  /** Called when chosen files do not fit `accept`. */
  onRejected?: (names: string[]) => void;
}

/** Hand chosen files to `onFiles`, dropping those `accept` refuses. */
function deliver(options: FileInputOptions, list: FileList | null | undefined): void {
  const files = [...(list ?? [])];
  if (files.length === 0) return;
  const ok = files.filter((file) => accepts(options.accept ?? "", file));
  const rejected = files.filter((file) => !ok.includes(file)).map((file) => file.name);
  if (rejected.length > 0) options.onRejected?.(rejected);
  if (ok.length > 0) options.onFiles(options.multiple || options.directory ? ok : ok.slice(0, 1));
}

/** A hidden file input; `input.click()` opens the browser's file chooser. */
export function fileInput(options: FileInputOptions): HTMLInputElement {
  const input = h("input", { type: "file", class: "sb-drop-input", tabindex: -1, hidden: true });
  if (options.accept) input.accept = options.accept;
  input.multiple = Boolean(options.multiple || options.directory);
  if (options.directory) input.setAttribute("webkitdirectory", "");
  input.disabled = Boolean(options.disabled);
  input.addEventListener("change", () => {
    deliver(options, input.files);
    input.value = "";
  });
  return input;
}

export interface UploadZoneOptions extends FileInputOptions {
  /** The main line, e.g. "Drop a file here". */
  title: string;
  iconName?: string;
}

/** A drop area that is also a button opening the file chooser; returns it and its input. */
export function uploadZone(options: UploadZoneOptions): { zone: HTMLElement; input: HTMLInputElement; target: HTMLButtonElement } {
  const input = fileInput(options);
  const target = h(
    "button",
    { type: "button", class: "sb-drop-target", disabled: Boolean(options.disabled) },
    iconFor(options.iconName ?? "upload"),
    h("span", { class: "sb-drop-title" }, options.title),
    h("span", { class: "sb-drop-hint" }, "or click to browse"),
  );
  const zone = h("div", { class: "sb-drop" }, target, input);
  target.addEventListener("click", () => input.click());
  if (!options.disabled) {
    zone.addEventListener("dragover", (event) => {
      event.preventDefault();
      zone.classList.add("sb-drop-over");
    });
    zone.addEventListener("dragleave", () => zone.classList.remove("sb-drop-over"));
    zone.addEventListener("drop", (event) => {
      event.preventDefault();
      zone.classList.remove("sb-drop-over");
      deliver(options, event.dataTransfer?.files);
    });
  }
  return { zone, input, target };
}

/** A decorative icon from either icon set. */
export function iconFor(name: string): SVGSVGElement {
  return name in PATHS ? mediaIcon(name) : icon(name);
}

/** A download link styled as an icon button. */
export function downloadLink(host: Host, file: FileData, label = "Download", onclick?: () => void): HTMLAnchorElement {
  const link = h(
    "a",
    { class: "sb-icon-button sb-download-link", href: host.fileUrl(file), download: fileName(file), "aria-label": label, title: label },
    iconFor("download"),
  );
  if (onclick) link.addEventListener("click", () => onclick());
  return link;
}

/** A short text shown where a non-editable component has no value. */
export function emptyState(iconName: string, message: string): HTMLElement {
  return h("div", { class: "sb-av-empty" }, mediaIcon(iconName), h("span", {}, message));
}

// --- the File element -----------------------------------------------------------------------

export class SbFile extends FileBase {
  private busy = false;
  private dragIndex: number | null = null;

  protected build(): void {
    const p = this.props;
    const files = asFiles(p.value);
    const multiple = p.file_count === "multiple" || p.file_count === "directory";
    const accept = acceptFor(p.file_types);
    const body: Node[] = [];
    if (files.length > 0) {
      body.push(this.table(files));
      if (this.interactive) {
        const corner = h("div", { class: "sb-corner-buttons" });
        if (multiple) {
          const input = fileInput({
            accept,
            multiple,
            directory: p.file_count === "directory",
            onFiles: (list) => void this.receive(list, true),
            onRejected: (names) => this.rejected(names),
          });
          corner.append(iconButton("upload", "Upload more files", () => input.click()), input);
        }
        corner.append(iconButton("clear", "Clear", () => this.clear()));
        body.unshift(corner);
      }
    } else if (this.interactive) {
      const zone = uploadZone({
        accept,
        multiple,
        directory: p.file_count === "directory",
        title: this.busy ? "Uploading…" : multiple ? "Drop files here" : "Drop a file here",
        iconName: "file",
        disabled: this.busy,
        onFiles: (list) => void this.receive(list, false),
        onRejected: (names) => this.rejected(names),
      });
      body.push(zone.zone);
    } else {
      body.push(emptyState("file", "No file"));
    }
    const custom = customButtons(p.buttons, this.host, "sb-av-custom-button");
    if (custom.length > 0) body.push(h("div", { class: "sb-av-toolbar" }, ...custom));
    const block = frame({ label: p.label, info: p.info, showLabel: p.show_label, container: p.container }, body);
    const scroll = block.querySelector<HTMLElement>(".sb-file-scroll");
    if (scroll) {
      if (p.height !== null && p.height !== undefined) scroll.style.maxHeight = cssSize(p.height);
    }
    if (this.busy) block.setAttribute("aria-busy", "true");
    this.replaceChildren(block);
  }

  private table(files: FileData[]): HTMLElement {
    const reorder = this.interactive && this.props.allow_reordering === true && files.length > 1;
    const rows = files.map((file, index) => {
      const name = fileName(file);
      const select = h("button", { type: "button", class: "sb-file-select", title: name }, name);
      select.addEventListener("click", () => this.emitSelect({ index, value: name, selected: true }));
      const actions = h(
        "td",
        { class: "sb-file-actions" },
        downloadLink(this.host, file, `Download ${name}`, () => this.emitDownload({ ...file })),
      );
      if (this.interactive) actions.append(iconButton("clear", `Remove ${name}`, () => this.removeFile(index)));
      const row = h(
        "tr",
        { class: "sb-file-row", "data-index": index },
        reorder ? h("td", { class: "sb-file-handle", title: "Drag to reorder" }, mediaIcon("drag")) : null,
        h("td", { class: "sb-file-name" }, select),
        h("td", { class: "sb-file-size" }, formatSize(file.size)),
        actions,
      );
      if (reorder) this.makeDraggable(row, index);
      return row;
    });
    return h("div", { class: "sb-file-scroll" }, h("table", { class: "sb-file-table" }, h("tbody", {}, ...rows)));
  }

  private makeDraggable(row: HTMLTableRowElement, index: number): void {
    row.draggable = true;
    row.addEventListener("dragstart", (event) => {
      this.dragIndex = index;
      event.dataTransfer?.setData("text/plain", String(index));
    });
    row.addEventListener("dragover", (event) => event.preventDefault());
    row.addEventListener("drop", (event) => {
      event.preventDefault();
      event.stopPropagation();
      const from = this.dragIndex;
      this.dragIndex = null;
      if (from === null || from === index) return;
      const files = asFiles(this.props.value);
      const [moved] = files.splice(from, 1);
      if (!moved) return;
      files.splice(index, 0, moved);
      this.setUserValue(files, true);
    });
  }

  private async receive(list: File[], append: boolean): Promise<void> {
    const multiple = this.props.file_count === "multiple" || this.props.file_count === "directory";
    this.busy = true;
    this.build();
    const uploaded = await uploadFiles(this.host, multiple ? list : list.slice(0, 1));
    this.busy = false;
    if (!uploaded || uploaded.length === 0) {
      this.build();
      return;
    }
    const value = multiple ? [...(append ? asFiles(this.props.value) : []), ...uploaded] : uploaded[0];
    this.setUserValue(value, true);
    this.emitUpload();
  }

  private rejected(names: string[]): void {
    this.host.toast("warning", `Not an allowed file type: ${names.join(", ")}`, "Upload");
  }

  private removeFile(index: number): void {
    const files = asFiles(this.props.value);
    const [removed] = files.splice(index, 1);
    if (!removed) return;
    const multiple = Array.isArray(this.props.value);
    this.setUserValue(files.length === 0 ? null : multiple ? files : files[0], true);
    this.emitDelete({ ...removed });
  }

  private clear(): void {
    this.setUserValue(null, true);
    this.emitClear();
  }
}

register(SbFile);
