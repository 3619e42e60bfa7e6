// MultimodalTextbox: a message box with attachments (upload button, drag and drop, pasted files
// or long pasted text, microphone recordings) and submit/stop buttons. Enter submits.

import { MultimodalTextboxBase } from "../generated/components/multimodal_textbox.gen";
import type { FileData } from "../generated/types.gen";
import { register } from "../core/registry";
import { frame, h, icon, iconButton, text } from "../core/dom";
import "../styles/inputs.css";

interface Message {
  text: string;
  files: FileData[];
}

/** The `accept` attribute for `file_types` ("image" → "image/*", ".pdf" as is). */
export function acceptTypes(types: unknown): string {
  if (!Array.isArray(types)) return "";
  return types
    .filter((t): t is string => typeof t === "string" && t.length > 0)
    .map((t) => (t.startsWith(".") || t.includes("/") ? t : t === "file" ? "*/*" : `${t}/*`))
    .join(",");
}

/** A file size for people ("12 KB"). */
export function fileSize(bytes: unknown): string {
  if (typeof bytes !== "number" || !Number.isFinite(bytes)) return "";
  const units = ["B", "KB", "MB", "GB"];
  let size = bytes;
  let unit = 0;
  while (size >= 1024 && unit < units.length - 1) {
    size /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? size : size.toFixed(1)} ${units[unit]}`;
}

/** The name shown for an uploaded file. */
export function fileName(file: FileData): string {
  return file.orig_name || file.path.split(/[\\/]/).pop() || "file";
}

export class MultimodalTextbox extends MultimodalTextboxBase {
  private area: HTMLTextAreaElement | null = null;
  private filesRow: HTMLElement | null = null;
  private submitButton: HTMLButtonElement | null = null;
  private micButton: HTMLButtonElement | null = null;
  private uploading = 0;
  private recorder: MediaRecorder | null = null;

  override get value(): unknown {
    return this.message();
  }

  private message(): Message {
    const value = this.props.value as unknown;
    if (typeof value === "string") return { text: value, files: [] };
    if (value && typeof value === "object") {
      const v = value as { text?: unknown; files?: unknown };
      return { text: text(v.text), files: Array.isArray(v.files) ? (v.files as FileData[]) : [] };
    }
    return { text: "", files: [] };
  }

  private get sources(): string[] {
    const sources = this.props.sources;
    if (sources === null || sources === undefined) return ["upload"];
    return Array.isArray(sources) ? sources : [sources];
  }

  protected build(): void {
    const p = this.props;
    const enabled = this.interactive;
    const area = h("textarea", { class: "sb-input sb-mmtb-text", rows: Math.max(p.lines ?? 1, 1) });
    this.area = area;
    area.disabled = !enabled;
    if (p.placeholder) area.placeholder = p.placeholder;
    if (p.rtl) area.dir = "rtl";
    const align = p.text_align ?? (p.rtl ? "right" : null);
    if (align) area.style.textAlign = align;
    if (p.autofocus) area.autofocus = true;
    const attributes = p.html_attributes;
    if (attributes && typeof attributes === "object") {
      for (const [name, value] of Object.entries(attributes as Record<string, unknown>)) {
        if (value !== null && value !== undefined) area.setAttribute(name, String(value));
      }
    }
    area.addEventListener("input", () => {
      this.fitRows();
      this.setUserValue({ ...this.message(), text: area.value });
    });
    area.addEventListener("keydown", (event) => {
      if (event.key !== "Enter" || event.shiftKey || event.isComposing) return;
      event.preventDefault();
      this.submit();
    });
    area.addEventListener("focus", () => this.emitFocus());
    area.addEventListener("blur", () => this.emitBlur());
    area.addEventListener("select", () => {
      const start = area.selectionStart;
      const end = area.selectionEnd;
      this.emitSelect({ index: [start, end], value: area.value.slice(start, end), selected: true });
    });
    area.addEventListener("paste", (event) => this.onPaste(event));

    const row = h("div", { class: "sb-mmtb-row" });
    this.micButton = null;
    const sources = this.sources;
    if (enabled && sources.includes("upload")) {
      const picker = h("input", { type: "file", class: "sb-mmtb-picker", tabindex: -1, "aria-hidden": "true" });
      picker.multiple = p.file_count === "multiple" || p.file_count === "directory";
      if (p.file_count === "directory") picker.setAttribute("webkitdirectory", "");
      const accept = acceptTypes(p.file_types);
      if (accept) picker.accept = accept;
      picker.addEventListener("change", () => {
        const files = [...(picker.files ?? [])];
        picker.value = "";
        void this.addFiles(files);
      });
      row.append(iconButton("upload", "Attach files", () => picker.click()), picker);
    }
    if (enabled && sources.includes("microphone")) {
      this.micButton = iconButton("record", "Record audio", () => void this.toggleRecording());
      this.micButton.setAttribute("aria-pressed", "false");
      row.append(this.micButton);
    }
    row.append(area);
    this.submitButton = null;
    // stop stays usable while the box is disabled: that is when something runs
    if (p.stop_btn) row.append(this.actionButton(p.stop_btn, "stop", "Stop", () => this.emitStop()));
    if (enabled && p.submit_btn) {
      this.submitButton = this.actionButton(p.submit_btn, "send", "Submit", () => this.submit());
      row.append(this.submitButton);
    }
    const filesRow = h("div", { class: "sb-mmtb-files", role: "list", "aria-label": "Attached files" });
    this.filesRow = filesRow;
    const box = h("div", { class: "sb-mmtb" }, filesRow, row);
    if (enabled && sources.includes("upload")) this.acceptDrops(box);
    this.replaceChildren(frame({ label: p.label, info: p.info, showLabel: p.show_label, container: p.container }, [box], area));
    this.showValue();
  }

  protected override showValue(): void {
    const area = this.area;
    if (!area) return this.build();
    const message = this.message();
    if (area.value !== message.text) area.value = message.text;
    this.fitRows();
    if (this.props.autoscroll !== false && document.activeElement !== area) area.scrollTop = area.scrollHeight;
    this.drawFiles();
  }

  private actionButton(label: string | boolean, name: string, fallback: string, onclick: () => void): HTMLButtonElement {
    if (typeof label === "string") {
      return h("button", { type: "button", class: `sb-btn sb-size-sm sb-${name}-button`, onclick: () => onclick() }, label);
    }
    return iconButton(name, fallback, onclick);
  }

  private fitRows(): void {
    const area = this.area;
    if (!area) return;
    const min = Math.max(this.props.lines ?? 1, 1);
    const max = Math.max(this.props.max_lines ?? 20, min);
    area.rows = Math.min(Math.max(area.value.split("\n").length, min), max);
  }

  private drawFiles(): void {
    const row = this.filesRow;
    if (!row) return;
    const enabled = this.interactive;
    const { files } = this.message();
    const chips: HTMLElement[] = files.map((file, index) => {
      const name = fileName(file);
      const chip = h("div", { class: "sb-mmtb-file", role: "listitem", title: name });
      if ((file.mime_type ?? "").startsWith("image/")) {
        chip.append(h("img", { class: "sb-mmtb-thumb", src: this.host.fileUrl(file), alt: "" }));
      }
      chip.append(h("span", { class: "sb-mmtb-file-name" }, name));
      const size = fileSize(file.size);
      if (size) chip.append(h("span", { class: "sb-mmtb-file-size" }, size));
      if (enabled) chip.append(iconButton("close", `Remove ${name}`, () => this.removeFile(index)));
      return chip;
    });
    for (let i = 0; i < this.uploading; i += 1) {
      chips.push(h("div", { class: "sb-mmtb-file sb-mmtb-pending", role: "listitem" }, h("span", { class: "sb-spinner", "aria-hidden": "true" }), "Uploading…"));
    }
    row.replaceChildren(...chips);
    row.hidden = chips.length === 0;
    if (this.submitButton) this.submitButton.disabled = this.uploading > 0;
  }

  private removeFile(index: number): void {
    const message = this.message();
    const files = message.files.filter((_, i) => i !== index);
    this.setUserValue({ ...message, files }, true);
    this.area?.focus();
  }

  /** Upload files and attach them (a single-file box keeps only the newest). */
  private async addFiles(files: File[]): Promise<void> {
    if (files.length === 0) return;
    const single = (this.props.file_count ?? "single") === "single";
    const chosen = single ? files.slice(0, 1) : files;
    this.uploading += chosen.length;
    this.drawFiles();
    try {
      const uploaded = await this.host.upload(chosen);
      const message = this.message();
      const next = single ? uploaded.slice(0, 1) : [...message.files, ...uploaded];
      this.uploading -= chosen.length;
      this.setUserValue({ text: this.area?.value ?? message.text, files: next }, true);
    } catch (error) {
      this.uploading -= chosen.length;
      this.drawFiles();
      this.host.toast("error", error instanceof Error ? error.message : String(error), "Upload failed");
    }
  }

  private acceptDrops(zone: HTMLElement): void {
    zone.addEventListener("dragover", (event) => {
      if (!event.dataTransfer?.types.includes("Files")) return;
      event.preventDefault();
      zone.classList.add("sb-dragging");
    });
    zone.addEventListener("dragleave", () => zone.classList.remove("sb-dragging"));
    zone.addEventListener("drop", (event) => {
      zone.classList.remove("sb-dragging");
      const files = [...(event.dataTransfer?.files ?? [])];
      if (files.length === 0) return;
      event.preventDefault();
      void this.addFiles(files);
    });
  }

  private onPaste(event: ClipboardEvent): void {
    const data = event.clipboardData;
    if (!data) return;
    const files = [...data.files];
    if (files.length > 0 && this.sources.includes("upload")) {
      event.preventDefault();
      void this.addFiles(files);
      return;
    }
    const pasted = data.getData("text/plain");
    const max = this.props.max_plain_text_length ?? 1000;
    if (pasted.length > max) {
      event.preventDefault();
      void this.addFiles([new File([pasted], "pasted_text.txt", { type: "text/plain" })]);
    }
  }

  private async toggleRecording(): Promise<void> {
    const button = this.micButton;
    if (!button) return;
    if (this.recorder) {
      this.recorder.stop();
      return;
    }
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch (error) {
      this.host.toast("error", error instanceof Error ? error.message : String(error), "Microphone unavailable");
      return;
    }
    const recorder = new MediaRecorder(stream);
    const chunks: Blob[] = [];
    recorder.addEventListener("dataavailable", (event) => chunks.push(event.data));
    recorder.addEventListener("stop", () => {
      stream.getTracks().forEach((track) => track.stop());
      this.recorder = null;
      button.setAttribute("aria-pressed", "false");
      button.setAttribute("aria-label", "Record audio");
      button.replaceChildren(icon("record"));
      const type = recorder.mimeType || "audio/webm";
      const extension = type.includes("ogg") ? "ogg" : type.includes("mp4") ? "m4a" : "webm";
      void this.addFiles([new File(chunks, `recording.${extension}`, { type })]);
    });
    this.recorder = recorder;
    recorder.start();
    button.setAttribute("aria-pressed", "true");
    button.setAttribute("aria-label", "Stop recording");
    button.replaceChildren(icon("stop"));
  }

  private submit(): void {
    if (this.uploading > 0) return;
    this.emitSubmit();
  }
}

register(MultimodalTextbox);
