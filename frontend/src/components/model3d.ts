// Model3D: a 3D model file with a small built-in viewer (./model3d/viewer.ts) that reads .obj,
// .stl, .ply, .glb/.gltf (meshes) and .splat (points) (./model3d/parsers.ts, gltf.ts). Text
// formats can be edited in place (`edit`).

import { Model3DBase } from "../generated/components/model3d.gen";
import { register } from "../core/registry";
import { customButtons } from "../core/media";
import { cssSize, frame, h, iconButton } from "../core/dom";
import { mediaName, mediaUrl, type MediaFile } from "./images/files";
import { mediaButton } from "./images/icons";
import { placeholderNodes, uploadZone } from "./images/upload";
import { cornerBar, downloadLink, emptyView } from "./images/view";
import { extension, loadGeometry } from "./model3d/load";
import { Viewer } from "./model3d/viewer";
import "../styles/images.css";

const ACCEPT = ".obj,.glb,.gltf,.stl,.splat,.ply";

function formatBytes(size: number | null | undefined): string {
  if (typeof size !== "number") return "";
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} KB`;
  return `${(size / 1024 / 1024).toFixed(1)} MB`;
}

export class Model3D extends Model3DBase {
  private viewer: Viewer | null = null;
  private loadedUrl = "";
  private text: string | null = null;
  private stats = "";
  private problem = "";
  private editing = false;
  private busy = false;
  private loadToken = 0;

  protected build(): void {
    const p = this.props;
    const value = p.value as MediaFile | null | undefined;
    const box = h("div", { class: "sb-model3d-box sb-media-box" });
    if (!this.interactive) this.editing = false;
    if (this.busy) {
      box.append(h("div", { class: "sb-media-busy", role: "status" }, "Uploading…"));
    } else if (value) {
      box.append(this.editing ? this.editor() : this.view(value));
    } else if (this.interactive) {
      box.append(
        uploadZone({
          accept: ACCEPT,
          label: "Upload a 3D model",
          prompt: placeholderNodes(null, "Drop a 3D model here\nor click to upload\n(.obj, .glb, .gltf, .stl, .ply, .splat)"),
          onFiles: (files) => void this.upload(files),
        }),
      );
    } else {
      box.append(emptyView("cube", "No 3D model"));
    }
    this.replaceChildren(frame({ label: p.label, showLabel: p.show_label, container: p.container }, [box]));
  }

  disconnectedCallback(): void {
    this.viewer?.dispose();
  }

  private view(value: MediaFile): HTMLElement {
    const p = this.props;
    const url = mediaUrl(this.host, value);
    const name = mediaName(value, "model");
    const viewer = (this.viewer ??= new Viewer(`3D model ${name}`));
    viewer.canvas.setAttribute("aria-label", `3D model ${name}. Drag to rotate, shift+drag to pan, scroll to zoom.`);
    viewer.mode = p.display_mode ?? "solid";
    viewer.zoomSpeed = p.zoom_speed ?? 1;
    viewer.panSpeed = p.pan_speed ?? 1;
    const cc = p.clear_color;
    viewer.background = Array.isArray(cc) && cc.length === 4 ? `rgba(${cc.slice(0, 3).map((v) => Math.round(v * 255)).join(",")},${cc[3]})` : null;
    const cam = p.camera_position ?? [null, null, null];
    viewer.initial = [cam[0] ?? null, cam[1] ?? null, cam[2] ?? null];
    if (typeof p.height === "number" || typeof p.height === "string") viewer.canvas.style.height = cssSize(p.height);
    const info = h(
      "div",
      { class: "sb-model3d-info", "data-testid": "model3d-info" },
      h("strong", {}, name),
      h("span", {}, extension(value).toUpperCase() || "model"),
      value.size ? h("span", {}, formatBytes(value.size)) : null,
    );
    const stats = h("span", { class: "sb-model3d-stats", role: "status" }, this.problem || this.stats);
    info.append(stats);
    const canEdit = this.interactive && this.text !== null && url === this.loadedUrl;
    const edit = canEdit ? mediaButton("edit", "Edit model source", () => this.startEdit()) : null;
    const bar = cornerBar(
      mediaButton("reset", "Reset view", () => viewer.reset()),
      downloadLink(url, name),
      ...customButtons(p.buttons, this.host, "sb-media-custom-button"),
      edit,
      this.interactive && iconButton("clear", "Clear", () => this.clear()),
    );
    const view = h("div", { class: "sb-model3d-view" }, viewer.canvas, info, bar);
    if (url !== this.loadedUrl) void this.load(url, extension(value));
    else viewer.draw();
    return view;
  }

  private async load(url: string, ext: string): Promise<void> {
    const token = ++this.loadToken;
    this.loadedUrl = url;
    this.text = null;
    this.problem = "Loading…";
    this.stats = "";
    try {
      const { geometry, text } = await loadGeometry(url, ext);
      if (token !== this.loadToken) return;
      this.text = text;
      this.problem = "";
      const vertices = geometry.positions.length / 3;
      const faces = geometry.triangles.length / 3;
      this.stats = geometry.points ? `${vertices} points` : `${vertices} vertices · ${faces} triangles`;
      this.viewer?.setGeometry(geometry);
    } catch (error) {
      if (token !== this.loadToken) return;
      this.problem = `No preview: ${error instanceof Error ? error.message : String(error)}`;
    }
    if (!this.editing && !this.busy) this.build();
  }

  private editor(): HTMLElement {
    const area = h("textarea", { class: "sb-input sb-code", spellcheck: false, "aria-label": "Model source" });
    area.value = this.text ?? "";
    const save = h("button", { type: "button", class: "sb-btn sb-btn-primary sb-size-sm" }, "Save");
    const cancel = h("button", { type: "button", class: "sb-btn sb-size-sm" }, "Cancel");
    save.addEventListener("click", () => void this.saveEdit(area.value));
    cancel.addEventListener("click", () => {
      this.editing = false;
      this.build();
    });
    area.addEventListener("keydown", (event) => {
      if (event.key === "Escape") cancel.click();
    });
    queueMicrotask(() => area.focus());
    return h("div", { class: "sb-model3d-editor" }, area, h("div", { class: "sb-editor-actions" }, save, cancel));
  }

  private startEdit(): void {
    this.editing = true;
    this.build();
  }

  private async saveEdit(source: string): Promise<void> {
    const previous = (this.props.value ?? null) as MediaFile | null;
    this.editing = false;
    if (source === this.text) {
      this.build();
      return;
    }
    const name = mediaName(previous, "model.obj");
    this.busy = true;
    this.build();
    try {
      const [data] = await this.host.upload([new File([source], name, { type: "text/plain" })]);
      this.busy = false;
      this.setUserValue(data ?? null, true);
      this.emitEdit({ index: 0, previous_value: previous, value: data ?? null });
    } catch (error) {
      this.busy = false;
      this.build();
      this.host.toast("error", error instanceof Error ? error.message : String(error), "Upload failed");
    }
  }

  private async upload(files: File[]): Promise<void> {
    const file = files[0];
    if (!file) return;
    this.busy = true;
    this.build();
    try {
      const [data] = await this.host.upload([file]);
      this.busy = false;
      this.setUserValue(data ?? null, true);
      this.emitUpload();
    } catch (error) {
      this.busy = false;
      this.build();
      this.host.toast("error", error instanceof Error ? error.message : String(error), "Upload failed");
    }
  }

  private clear(): void {
    this.editing = false;
    this.loadedUrl = "";
    this.setUserValue(null, true);
    this.emitClear();
  }
}

register(Model3D);
