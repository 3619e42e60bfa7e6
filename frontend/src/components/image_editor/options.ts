// The ImageEditor's tool options row: brush colors and sizes, the eraser size, the crop and
// resize fields, and the Apply / Cancel buttons that confirm a transform.

import { h, icon } from "../../core/dom";
import { toHex, type Rect } from "./canvas";
import type { BrushColor } from "./settings";

/**
 * The palette swatches (the current color pressed) and, unless `fixed`, a color picker; a
 * swatch hands its color to `choose`, the picker hands its color to `custom`.
 */
export function colorOptions(colors: BrushColor[], current: BrushColor, fixed: boolean, choose: (color: BrushColor) => void, custom: (color: BrushColor) => void): HTMLElement[] {
  const out: HTMLElement[] = [];
  for (const entry of colors) {
    const swatch = h("button", { type: "button", class: "sb-editor-swatch", "aria-label": `Color ${entry.color}`, title: entry.color, style: `background: ${entry.color}; opacity: ${entry.alpha}` });
    swatch.setAttribute("aria-pressed", String(entry.color === current.color));
    swatch.addEventListener("click", () => choose(entry));
    out.push(swatch);
  }
  if (!fixed) {
    const picker = h("input", { type: "color", "aria-label": "Custom color", value: toHex(current.color) });
    picker.addEventListener("input", () => custom({ color: picker.value, alpha: 1 }));
    out.push(picker);
  }
  return out;
}

/** A size slider for the brush or eraser on a `width` x `height` canvas. */
export function sizeField(label: string, value: number, width: number, height: number, set: (value: number) => void): HTMLElement {
  const max = Math.max(50, Math.round(Math.min(width, height) / 4));
  const range = h("input", { type: "range", min: "1", max: String(max), step: "1", value: String(Math.min(value, max)), "aria-label": label });
  range.addEventListener("input", () => set(Number(range.value)));
  return h("label", {}, label, range);
}

/** Number fields for the crop rectangle `rect`; `change` gets each edited field. */
export function cropFields(rect: Rect, width: number, height: number, change: (key: keyof Rect, value: number) => void): HTMLElement[] {
  const fields: [keyof Rect, string, number][] = [
    ["x", "X", width - 1],
    ["y", "Y", height - 1],
    ["w", "Width", width],
    ["h", "Height", height],
  ];
  return fields.map(([key, label, max]) => {
    const input = h("input", { type: "number", min: key === "w" || key === "h" ? "1" : "0", max: String(max), step: "1", value: String(Math.round(rect[key])) });
    input.addEventListener("input", () => change(key, Math.max(0, Math.round(Number(input.value) || 0))));
    return h("label", {}, label, input);
  });
}

/** The target size of a resize (the fields edit it in place). */
export interface ResizeTarget {
  w: number;
  h: number;
  keep: boolean;
}

/** Width and height fields for `target`, keeping the aspect ratio when asked. */
export function resizeFields(target: ResizeTarget, width: number, height: number): HTMLElement[] {
  const wInput = h("input", { type: "number", min: "1", step: "1", value: String(target.w) });
  const hInput = h("input", { type: "number", min: "1", step: "1", value: String(target.h) });
  const keep = h("input", { type: "checkbox", checked: target.keep });
  wInput.addEventListener("input", () => {
    target.w = Math.max(1, Math.round(Number(wInput.value) || 1));
    if (target.keep) {
      target.h = Math.max(1, Math.round((target.w * height) / width));
      hInput.value = String(target.h);
    }
  });
  hInput.addEventListener("input", () => {
    target.h = Math.max(1, Math.round(Number(hInput.value) || 1));
    if (target.keep) {
      target.w = Math.max(1, Math.round((target.h * width) / height));
      wInput.value = String(target.w);
    }
  });
  keep.addEventListener("change", () => (target.keep = keep.checked));
  return [h("label", {}, "Width", wInput), h("label", {}, "Height", hInput), h("label", {}, keep, "Keep aspect ratio")];
}

/** Apply (confirms the crop or resize) and Cancel. */
export function applyButtons(apply: () => void, cancel: () => void): DocumentFragment {
  const fragment = document.createDocumentFragment();
  const applyButton = h("button", { type: "button", class: "sb-btn sb-btn-primary sb-size-sm sb-apply-button", "aria-label": "Apply", title: "Apply" }, icon("check"), "Apply");
  applyButton.addEventListener("click", () => apply());
  const cancelButton = h("button", { type: "button", class: "sb-btn sb-size-sm" }, "Cancel");
  cancelButton.addEventListener("click", () => cancel());
  fragment.append(applyButton, cancelButton);
  return fragment;
}
