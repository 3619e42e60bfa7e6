// The ImageEditor's toolbars: sources (upload, webcam, clipboard), tools, layers, undo,
// download, fullscreen and clear; the read-only editor only downloads and goes fullscreen.

import { h, iconButton } from "../../core/dom";
import { mediaButton, mediaIcon } from "../images/icons";
import type { Source } from "../images/upload";
import { fullscreenButton, hasButton } from "../images/view";
import type { LayerOptions, Tool } from "./settings";

const BUTTONS = ["download", "share", "fullscreen"];

export interface ToolbarState {
  sources: Source[];
  /** The tools on offer, as [tool, icon, label]. */
  tools: [Tool, string, string][];
  /** The chosen tool. */
  tool: Tool | null;
  layers: LayerOptions;
  layerNames: string[];
  /** The position of the active layer. */
  active: number;
  canUndo: boolean;
  /** The `buttons` prop. */
  buttons: unknown;
  /** What the fullscreen button enlarges. */
  box: HTMLElement;
}

export interface ToolbarActions {
  upload(file: File): void;
  webcam(): void;
  paste(): void;
  chooseTool(tool: Tool): void;
  selectLayer(index: number): void;
  addLayer(): void;
  removeLayer(): void;
  undo(): void;
  download(): void;
  clear(): void;
}

/** The toolbar of the editable editor. */
export function editorToolbar(s: ToolbarState, actions: ToolbarActions): HTMLElement {
  const bar = h("div", { class: "sb-editor-toolbar", role: "toolbar", "aria-label": "Editor tools" });
  if (s.sources.includes("upload")) {
    const input = h("input", { type: "file", accept: "image/*", hidden: true, class: "sb-upload-input", "aria-label": "Upload an image" });
    input.addEventListener("change", () => {
      const file = input.files?.[0];
      input.value = "";
      if (file) actions.upload(file);
    });
    bar.append(input, mediaButton("image", "Upload an image", () => input.click()));
  }
  if (s.sources.includes("webcam")) bar.append(mediaButton("camera", "Webcam", () => actions.webcam()));
  if (s.sources.includes("clipboard")) bar.append(mediaButton("paste", "Paste from clipboard", () => actions.paste()));
  if (s.tools.length) bar.append(h("span", { class: "sb-sep", "aria-hidden": "true" }));
  for (const [tool, iconName, label] of s.tools) {
    const button = mediaButton(iconName, label, () => actions.chooseTool(tool));
    button.setAttribute("aria-pressed", String(s.tool === tool));
    bar.append(button);
  }
  if (s.layers.show) {
    bar.append(h("span", { class: "sb-sep", "aria-hidden": "true" }));
    const select = h("select", { "aria-label": "Layer" });
    s.layerNames.forEach((name, index) => select.append(h("option", { value: String(index), selected: index === s.active }, name)));
    select.addEventListener("change", () => actions.selectLayer(Number(select.value)));
    const group = h("span", { class: "sb-editor-layers" }, mediaIcon("layers"), select);
    if (s.layers.add) group.append(mediaButton("add", "Add layer", () => actions.addLayer()));
    if (s.layerNames.length > 1) group.append(mediaButton("trash", "Remove layer", () => actions.removeLayer()));
    bar.append(group);
  }
  bar.append(h("span", { class: "sb-sep", "aria-hidden": "true" }));
  const undo = iconButton("undo", "Undo", () => actions.undo());
  undo.disabled = !s.canUndo;
  bar.append(undo);
  if (hasButton(s.buttons, "download", BUTTONS)) bar.append(mediaButton("download", "Download", () => actions.download()));
  if (hasButton(s.buttons, "fullscreen", BUTTONS)) bar.append(fullscreenButton(() => s.box));
  bar.append(iconButton("clear", "Clear", () => actions.clear()));
  return bar;
}

/** The toolbar of the read-only editor (download and fullscreen), or null when it is empty. */
export function staticToolbar(buttons: unknown, box: HTMLElement, download: () => void): HTMLElement | null {
  const bar = h("div", { class: "sb-editor-toolbar sb-editor-static-bar" });
  if (hasButton(buttons, "download", BUTTONS)) bar.append(mediaButton("download", "Download", () => download()));
  if (hasButton(buttons, "fullscreen", BUTTONS)) bar.append(fullscreenButton(() => box));
  return bar.childElementCount ? bar : null;
}
