// Slider: a range input with a number box for typing the value, and an optional reset button.

import { SliderBase } from "../generated/components/slider.gen";
import { register } from "../core/registry";
import { frame, h, iconButton, text } from "../core/dom";
import { parseNumber } from "./number";
import "../styles/inputs.css";

/** Keys that move a range input; their release ends a keyboard "drag". */
const MOVE_KEYS = new Set(["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Home", "End", "PageUp", "PageDown"]);

export class Slider extends SliderBase {
  private range: HTMLInputElement | null = null;
  private box: HTMLInputElement | null = null;
  private initial: number | null | undefined = undefined;
  private dragging = false;

  override get value(): unknown {
    return this.current();
  }

  private get minimum(): number {
    return typeof this.props.minimum === "number" ? this.props.minimum : 0;
  }

  private get maximum(): number {
    return typeof this.props.maximum === "number" ? this.props.maximum : 100;
  }

  private get step(): number {
    const step = this.props.step;
    return typeof step === "number" && step > 0 ? step : 1;
  }

  private current(): number {
    const value = this.props.value;
    return typeof value === "number" && Number.isFinite(value) ? value : this.minimum;
  }

  /** A number as shown: rounded to `precision`, without float noise from the step. */
  private shown(value: number): string {
    const precision = this.props.precision;
    if (typeof precision === "number") return value.toFixed(Math.max(0, precision));
    const decimals = (String(this.step).split(".")[1] ?? "").length;
    return String(Number(value.toFixed(Math.min(decimals + 2, 12))));
  }

  protected build(): void {
    const p = this.props;
    if (this.initial === undefined) this.initial = typeof p.value === "number" ? p.value : null;
    const enabled = this.interactive;
    const label = text(p.label);
    const range = h("input", { type: "range", class: "sb-slider-range" });
    range.min = String(this.minimum);
    range.max = String(this.maximum);
    range.step = String(this.step);
    range.disabled = !enabled;
    const box = h("input", { type: "number", class: "sb-input sb-slider-number", "aria-label": label ? `${label} value` : "Value" });
    box.min = String(this.minimum);
    box.max = String(this.maximum);
    box.step = String(this.step);
    box.disabled = !enabled;
    this.range = range;
    this.box = box;

    range.addEventListener("input", () => {
      const number = Number(range.value);
      box.value = this.shown(number);
      this.paint();
      this.setUserValue(number);
    });
    range.addEventListener("pointerdown", () => {
      this.dragging = true;
      window.addEventListener("pointerup", () => this.release(), { once: true });
    });
    range.addEventListener("keyup", (event) => {
      if (MOVE_KEYS.has(event.key)) this.emitRelease();
    });
    box.addEventListener("input", () => {
      const number = parseNumber(box.value);
      if (typeof number !== "number" || number < this.minimum || number > this.maximum) {
        box.setAttribute("aria-invalid", String(number !== undefined && number !== null));
        return;
      }
      box.removeAttribute("aria-invalid");
      range.value = String(number);
      this.paint();
      this.setUserValue(number);
    });
    box.addEventListener("change", () => {
      box.removeAttribute("aria-invalid");
      const number = parseNumber(box.value);
      const clamped = typeof number === "number" ? Math.min(Math.max(number, this.minimum), this.maximum) : this.current();
      box.value = this.shown(clamped);
      range.value = String(clamped);
      this.paint();
      if (clamped !== this.current()) this.setUserValue(clamped);
      this.emitRelease();
    });

    const tools = h("div", { class: "sb-slider-tools" }, box);
    // No `buttons` given: the reset button, as Gradio's page shows it.
    const buttons = p.buttons === null || p.buttons === undefined ? ["reset"] : p.buttons;
    if (enabled && Array.isArray(buttons) && buttons.includes("reset")) {
      tools.append(iconButton("undo", "Reset to initial value", () => this.reset()));
    }
    const body = h("div", { class: "sb-slider-body" }, range, h("div", { class: "sb-slider-bounds", "aria-hidden": "true" }, h("span", {}, this.shown(this.minimum)), h("span", {}, this.shown(this.maximum))));
    const block = frame({ label: p.label, info: p.info, showLabel: p.show_label, container: p.container }, [body], range);
    const head = block.querySelector(".sb-head");
    const top = h("div", { class: "sb-slider-top" });
    if (head) {
      head.replaceWith(top);
      top.append(head);
    } else {
      block.prepend(top);
    }
    top.append(tools);
    this.replaceChildren(block);
    this.showValue();
  }

  protected override showValue(): void {
    if (!this.range || !this.box) return this.build();
    const value = this.current();
    this.range.value = String(value);
    if (parseNumber(this.box.value) !== value || document.activeElement !== this.box) this.box.value = this.shown(value);
    this.paint();
  }

  /** Show the filled part of the track. */
  private paint(): void {
    if (!this.range) return;
    const span = this.maximum - this.minimum;
    const ratio = span > 0 ? (Number(this.range.value) - this.minimum) / span : 0;
    this.range.style.setProperty("--sb-slider-fill", `${Math.min(Math.max(ratio, 0), 1) * 100}%`);
  }

  private release(): void {
    if (!this.dragging) return;
    this.dragging = false;
    this.emitRelease();
  }

  private reset(): void {
    const value = this.initial ?? this.minimum;
    if (this.range) this.range.value = String(value);
    if (this.box) this.box.value = this.shown(value);
    this.paint();
    this.setUserValue(value);
    this.emitRelease();
  }
}

register(Slider);
