// Gallery: a grid of images and videos with captions. Clicking an item selects it and opens
// an enlarged preview (with previous/next, thumbnails and a close button); interactive
// galleries take uploads (files, webcam photos, pasted images) and let users remove items.

import { GalleryBase } from "../generated/components/gallery.gen";
import type { FileData } from "../generated/types.gen";
import { register } from "../core/registry";
import { cssSize, frame, h, iconButton } from "../core/dom";
import { customButtons } from "../core/media";
import { mediaName, mediaUrl, type MediaFile } from "./images/files";
import { mediaButton } from "./images/icons";
import { clipboardImages, pastedImages, placeholderNodes, sourceList, uploadZone } from "./images/upload";
import { Webcam } from "./images/webcam";
import { cornerBar, downloadLink, emptyView, fullscreenButton, hasButton } from "./images/view";
import "../styles/images.css";

type Item = { image: MediaFile; caption?: string | null } | { video: FileData; caption?: string | null };

const BUTTONS = ["share", "download", "download_all", "fullscreen"];

function media(item: Item): MediaFile {
  return "video" in item ? (item.video as unknown as MediaFile) : item.image;
}

function isVideo(item: Item): boolean {
  return "video" in item;
}

export class Gallery extends GalleryBase {
  /** The selected item (null: none). */
  private selected: number | null = null;
  private previewOpen = false;
  private busy = false;
  private webcam: Webcam | null = null;
  private box: HTMLElement | null = null;
  private lastSelectedProp: number | null | undefined = undefined;
  private lastPreviewProp: boolean | null | undefined = undefined;
  private pasteBound = false;

  private items(): Item[] {
    return (this.props.value ?? []) as Item[];
  }

  protected build(): void {
    const p = this.props;
    const items = this.items();
    if (p.selected_index !== this.lastSelectedProp) {
      this.lastSelectedProp = p.selected_index;
      if (typeof p.selected_index === "number" && p.selected_index >= 0 && p.selected_index < items.length) {
        this.selected = p.selected_index;
        this.previewOpen = p.allow_preview !== false;
      }
    }
    if (p.preview !== this.lastPreviewProp) {
      this.lastPreviewProp = p.preview;
      if (p.preview && p.allow_preview !== false && items.length) {
        this.previewOpen = true;
        this.selected ??= 0;
      }
    }
    if (this.selected !== null && this.selected >= items.length) {
      this.selected = null;
      this.previewOpen = false;
    }
    if (!this.interactive) this.stopCamera();
    const box = h("div", { class: "sb-gallery-box sb-media-box" });
    // Without a height the grid is capped as on a Gradio page (the rest scrolls inside it).
    if (p.height !== null && p.height !== undefined) box.style.height = cssSize(p.height);
    else box.classList.add("sb-gallery-capped");
    this.box = box;
    this.drawBox();
    this.replaceChildren(frame({ label: p.label, showLabel: p.show_label, container: p.container }, [box]));
    if (!this.pasteBound) {
      this.pasteBound = true;
      this.addEventListener("paste", (event) => {
        if (!this.interactive || !this.sources().includes("clipboard")) return;
        const files = pastedImages(event as ClipboardEvent);
        if (files.length) {
          event.preventDefault();
          void this.add(files);
        }
      });
    }
  }

  disconnectedCallback(): void {
    this.stopCamera();
  }

  private sources(): ("upload" | "webcam" | "clipboard")[] {
    return sourceList(this.props.sources, ["upload"]);
  }

  private accept(): string {
    const types = this.props.file_types;
    if (!Array.isArray(types) || types.length === 0) return "image/*,video/*";
    return types.map((t) => (t === "image" || t === "video" ? `${t}/*` : t)).join(",");
  }

  private drawBox(): void {
    const box = this.box;
    if (!box) return;
    const items = this.items();
    box.replaceChildren();
    if (this.busy) {
      box.append(h("div", { class: "sb-media-busy", role: "status" }, "Uploading…"));
      return;
    }
    if (this.webcam?.active) {
      box.append(this.webcamPanel());
      return;
    }
    if (items.length === 0) {
      if (this.interactive) box.append(this.uploadArea(false));
      else box.append(emptyView("image", "No images"));
      return;
    }
    box.append(this.previewOpen && this.selected !== null ? this.preview(this.selected) : this.grid());
    if (this.interactive) box.append(this.uploadArea(true));
  }

  private toolbar(): HTMLElement {
    const p = this.props;
    const items = this.items();
    const current = this.selected !== null ? items[this.selected] : undefined;
    return cornerBar(
      hasButton(p.buttons, "download", BUTTONS) && current && downloadLink(mediaUrl(this.host, media(current)), mediaName(media(current))),
      hasButton(p.buttons, "download_all", BUTTONS) && mediaButton("download", "Download all", () => this.downloadAll()),
      hasButton(p.buttons, "fullscreen", BUTTONS) && fullscreenButton(() => this.box),
      ...customButtons(p.buttons, this.host, "sb-media-custom-button"),
    );
  }

  private thumb(item: Item, index: number, compact: boolean): HTMLButtonElement {
    const url = mediaUrl(this.host, media(item));
    const caption = item.caption ?? "";
    const label = `${isVideo(item) ? "Video" : "Image"} ${index + 1}${caption ? `: ${caption}` : ""}`;
    const visual = isVideo(item) ? h("video", { src: url, muted: true, preload: "metadata" }) : h("img", { src: url, alt: "" });
    const button = h("button", { type: "button", class: "sb-gallery-thumb", "aria-label": label, title: label }, visual);
    if (!compact && caption) button.append(h("span", { class: "sb-gallery-caption", "aria-hidden": "true" }, caption));
    if (this.selected === index) button.setAttribute("aria-current", "true");
    button.addEventListener("click", () => this.open(index));
    return button;
  }

  private grid(): HTMLElement {
    const p = this.props;
    const items = this.items();
    const columns = Math.max(1, p.columns ?? 2);
    const used = p.fit_columns !== false ? Math.min(columns, Math.max(items.length, 1)) : columns;
    const grid = h("div", { class: "sb-gallery-grid", role: "list" });
    grid.style.setProperty("--sb-gallery-columns", String(used));
    if (p.object_fit) grid.style.setProperty("--sb-gallery-fit", p.object_fit);
    const rows = p.rows;
    if (typeof rows === "number" && rows > 0 && (p.height === null || p.height === undefined) && Math.ceil(items.length / used) > rows) {
      // Show `rows` rows; the rest scrolls.
      grid.classList.add("sb-gallery-rows");
      requestAnimationFrame(() => {
        const cell = grid.firstElementChild as HTMLElement | null;
        if (cell) grid.style.maxHeight = `${rows * cell.offsetHeight + (rows - 1) * 8}px`;
      });
    }
    items.forEach((item, index) => {
      const cell = h("div", { class: "sb-gallery-item", role: "listitem" }, this.thumb(item, index, false));
      if (this.interactive) {
        const remove = iconButton("clear", `Remove item ${index + 1}`, () => this.removeItem(index));
        remove.classList.add("sb-gallery-remove");
        cell.append(remove);
      }
      grid.append(cell);
    });
    const bar = this.toolbar();
    return bar.childElementCount ? h("div", { class: "sb-gallery-grid-wrap" }, bar, grid) : grid;
  }

  private preview(index: number): HTMLElement {
    const items = this.items();
    const item = items[index];
    if (!item) return this.grid();
    const url = mediaUrl(this.host, media(item));
    const caption = item.caption ?? "";
    const big = isVideo(item)
      ? h("video", { src: url, controls: true, "aria-label": caption || `Video ${index + 1}` })
      : h("img", { src: url, alt: caption || `Image ${index + 1}` });
    const bar = this.toolbar();
    bar.append(iconButton("close", "Close preview", () => this.closePreview()));
    const stage = h(
      "div",
      { class: "sb-gallery-stage" },
      mediaButton("prev", "Previous item", () => this.open((index - 1 + items.length) % items.length)),
      big,
      mediaButton("next", "Next item", () => this.open((index + 1) % items.length)),
    );
    const strip = h("div", { class: "sb-gallery-strip", role: "list", "aria-label": "Thumbnails" });
    items.forEach((other, i) => strip.append(h("div", { role: "listitem" }, this.thumb(other, i, true))));
    const preview = h("div", { class: "sb-gallery-preview", role: "region", "aria-label": "Preview", tabindex: "-1" }, bar, stage);
    if (caption) preview.append(h("p", { class: "sb-gallery-preview-caption" }, caption));
    preview.append(strip);
    preview.addEventListener("keydown", (event) => {
      const key = (event as KeyboardEvent).key;
      if (key === "ArrowLeft") this.open((index - 1 + items.length) % items.length);
      else if (key === "ArrowRight") this.open((index + 1) % items.length);
      else if (key === "Escape") this.closePreview();
      else return;
      event.preventDefault();
    });
    return preview;
  }

  private uploadArea(compact: boolean): HTMLElement {
    const sources = this.sources();
    const row = h("div", { class: compact ? "sb-gallery-actions" : "sb-gallery-actions sb-gallery-empty" });
    if (sources.includes("upload")) {
      row.append(
        uploadZone({
          accept: this.accept(),
          multiple: true,
          compact,
          label: "Upload images or videos",
          prompt: placeholderNodes(null, compact ? "Add images or videos" : "Drop images or videos here\nor click to upload"),
          onFiles: (files) => void this.add(files),
        }),
      );
    }
    if (sources.includes("webcam")) row.append(mediaButton("camera", "Take a photo with the webcam", () => void this.openCamera()));
    if (sources.includes("clipboard")) row.append(mediaButton("paste", "Paste from clipboard", () => void this.fromClipboard()));
    if (compact) row.append(mediaButton("trash", "Clear", () => this.clearAll()));
    return row;
  }

  private webcamPanel(): HTMLElement {
    const cam = this.webcam;
    const panel = h("div", { class: "sb-webcam" });
    if (!cam) return panel;
    const snap = h("button", { type: "button", class: "sb-btn sb-btn-primary sb-size-sm" }, "Take a photo");
    snap.addEventListener("click", () => void this.capture());
    const cancel = h("button", { type: "button", class: "sb-btn sb-size-sm" }, "Cancel");
    cancel.addEventListener("click", () => {
      this.stopCamera();
      this.drawBox();
    });
    panel.append(cam.video, h("div", { class: "sb-webcam-controls" }, snap, cancel), cam.status);
    return panel;
  }

  private async openCamera(): Promise<void> {
    this.webcam ??= new Webcam(null);
    const ok = await this.webcam.start();
    if (!ok) this.host.toast("warning", this.webcam.status.textContent ?? "The camera is not available.");
    this.drawBox();
  }

  private stopCamera(): void {
    this.webcam?.stop();
  }

  private async capture(): Promise<void> {
    const file = await this.webcam?.snapshot();
    this.stopCamera();
    if (file) await this.add([file], false);
    else this.drawBox();
  }

  private async fromClipboard(): Promise<void> {
    try {
      const files = await clipboardImages();
      if (files.length) await this.add(files);
      else this.host.toast("warning", "The clipboard holds no image.");
    } catch (error) {
      this.host.toast("warning", `Cannot read the clipboard: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  // --- actions ----------------------------------------------------------------------------

  private open(index: number): void {
    const item = this.items()[index];
    if (!item) return;
    const wasOpen = this.previewOpen;
    this.selected = index;
    if (this.props.allow_preview !== false) this.previewOpen = true;
    this.drawBox();
    if (this.previewOpen) (this.querySelector(".sb-gallery-preview") as HTMLElement | null)?.focus();
    if (this.previewOpen && !wasOpen) this.emitPreviewOpen();
    this.emitSelect({ index, value: item, selected: true });
  }

  private closePreview(): void {
    if (!this.previewOpen) return;
    const index = this.selected;
    this.previewOpen = false;
    this.drawBox();
    if (index !== null) (this.querySelectorAll(".sb-gallery-grid .sb-gallery-thumb")[index] as HTMLElement | undefined)?.focus();
    this.emitPreviewClose();
  }

  private async add(files: File[], isUpload = true): Promise<void> {
    if (!files.length) return;
    this.busy = true;
    this.drawBox();
    try {
      const uploaded = await this.host.upload(files);
      const added: Item[] = uploaded.map((file) =>
        (file.mime_type ?? "").startsWith("video/") ? { video: file, caption: null } : { image: file as MediaFile, caption: null },
      );
      this.busy = false;
      this.setUserValue([...this.items(), ...added]);
      this.drawBox();
      if (isUpload) this.emitUpload();
    } catch (error) {
      this.busy = false;
      this.drawBox();
      this.host.toast("error", error instanceof Error ? error.message : String(error), "Upload failed");
    }
  }

  private removeItem(index: number): void {
    const items = this.items();
    const item = items[index];
    if (!item) return;
    const next = items.filter((_, i) => i !== index);
    if (this.selected !== null) {
      if (this.selected === index) {
        this.selected = null;
        this.previewOpen = false;
      } else if (this.selected > index) this.selected -= 1;
    }
    this.setUserValue(next.length ? next : null);
    this.drawBox();
    this.emitDelete({ ...media(item) });
  }

  private clearAll(): void {
    this.selected = null;
    this.previewOpen = false;
    this.setUserValue(null);
    this.drawBox();
  }

  private downloadAll(): void {
    for (const item of this.items()) {
      const link = downloadLink(mediaUrl(this.host, media(item)), mediaName(media(item)));
      link.removeAttribute("target");
      link.click();
    }
  }

  protected override showValue(): void {
    this.build();
  }
}

register(Gallery);
