// ColorPicker: a color swatch (the browser's color dialog) and a hex field; Enter submits.

import { ColorPickerBase } from "../generated/components/color_picker.gen";
import { register } from "../core/registry";
import { frame, h, text } from "../core/dom";
import "../styles/inputs.css";

const HEX = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i;

let probe: CanvasRenderingContext2D | null | undefined;

/** A CSS color as "#rrggbb", or null when the browser does not know it. */
export function toHex(color: string): string | null {
  const trimmed = color.trim();
  const hex = HEX.exec(trimmed);
  if (hex) {
    const digits = hex[1]!.toLowerCase();
    return digits.length === 3 ? `#${[...digits].map((d) => d + d).join("")}` : `#${digits}`;
  }
  if (!trimmed) return null;
  if (probe === undefined) probe = document.createElement("canvas").getContext("2d");
  if (!probe) return null;
  probe.fillStyle = "#010203";
  probe.fillStyle = trimmed;
  const first = probe.fillStyle;
  probe.fillStyle = "#040506";
  probe.fillStyle = trimmed;
  if (first !== probe.fillStyle) return null;
  return typeof first === "string" && first.startsWith("#") ? first : null;
}

export class ColorPicker extends ColorPickerBase {
  private swatch: HTMLInputElement | null = null;
  private hex: HTMLInputElement | null = null;

  protected build(): void {
    const p = this.props;
    const enabled = this.interactive;
    const label = text(p.label);
    const swatch = h("input", { type: "color", class: "sb-colorpicker-swatch", "aria-label": label ? `${label}: pick a color` : "Pick a color" });
    const hex = h("input", { type: "text", class: "sb-input sb-colorpicker-hex", spellcheck: "false", autocomplete: "off", placeholder: "#000000" });
    swatch.disabled = !enabled;
    hex.disabled = !enabled;
    this.swatch = swatch;
    this.hex = hex;
    swatch.addEventListener("input", () => {
      hex.value = swatch.value;
      this.setUserValue(swatch.value);
    });
    hex.addEventListener("input", () => {
      const color = HEX.test(hex.value.trim()) ? toHex(hex.value) : null;
      hex.toggleAttribute("aria-invalid", false);
      if (!color) return;
      swatch.value = color;
      this.setUserValue(color);
    });
    hex.addEventListener("change", () => this.commitText());
    hex.addEventListener("keydown", (event) => {
      if (event.key !== "Enter" || event.isComposing) return;
      event.preventDefault();
      this.commitText();
      this.emitSubmit();
    });
    const row = h("div", { class: "sb-colorpicker-row" }, swatch, hex);
    row.addEventListener("focusin", (event) => {
      if (!row.contains(event.relatedTarget as Node | null)) this.emitFocus();
    });
    row.addEventListener("focusout", (event) => {
      if (row.contains(event.relatedTarget as Node | null)) return;
      this.showValue();
      this.emitBlur();
    });
    this.replaceChildren(frame({ label: p.label, info: p.info, showLabel: p.show_label, container: p.container }, [row], hex));
    this.showValue();
  }

  protected override showValue(): void {
    if (!this.swatch || !this.hex) return this.build();
    const value = typeof this.props.value === "string" ? this.props.value : "";
    const color = value ? toHex(value) : null;
    this.swatch.value = color ?? "#000000";
    if (document.activeElement !== this.hex || toHex(this.hex.value) !== color) this.hex.value = value;
    this.hex.removeAttribute("aria-invalid");
  }

  /** Take the typed text as the color (any CSS color the browser knows). */
  private commitText(): void {
    const hex = this.hex;
    if (!hex || !this.swatch) return;
    const typed = hex.value.trim();
    if (!typed) return;
    const color = toHex(typed);
    if (!color) {
      hex.setAttribute("aria-invalid", "true");
      return;
    }
    hex.removeAttribute("aria-invalid");
    hex.value = color;
    this.swatch.value = color;
    if (color !== this.props.value) this.setUserValue(color);
  }
}

register(ColorPicker);
