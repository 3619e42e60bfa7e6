// Number: a numeric field with the spec's minimum, maximum and step.

import { NumberBase } from "../generated/components/number.gen";
import { register } from "../core/registry";
import { frame, h, text } from "../core/dom";
import "../styles/inputs.css";

/** A number parsed from a field's text; null for an empty field, undefined while incomplete. */
export function parseNumber(raw: string): number | null | undefined {
  const trimmed = raw.trim();
  if (trimmed === "") return null;
  const number = Number(trimmed);
  return Number.isFinite(number) ? number : undefined;
}

/** The text a number field shows for a value. */
export function numberText(value: unknown): string {
  return typeof value === "number" && Number.isFinite(value) ? String(value) : "";
}

export class NumberElement extends NumberBase {
  private field: HTMLInputElement | null = null;

  protected build(): void {
    const p = this.props;
    const field = h("input", { type: "number", class: "sb-input sb-number-input", inputmode: "decimal" });
    this.field = field;
    field.value = numberText(p.value);
    field.disabled = !this.interactive;
    if (typeof p.minimum === "number") field.min = String(p.minimum);
    if (typeof p.maximum === "number") field.max = String(p.maximum);
    field.step = typeof p.step === "number" && p.step > 0 ? String(p.step) : "any";
    if (text(p.placeholder)) field.placeholder = text(p.placeholder);
    field.addEventListener("input", () => this.onInput());
    field.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.isComposing) {
        event.preventDefault();
        this.emitSubmit();
      }
    });
    field.addEventListener("focus", () => this.emitFocus());
    field.addEventListener("blur", () => {
      this.checkRange();
      this.emitBlur();
    });
    this.replaceChildren(frame({ label: p.label, info: p.info, showLabel: p.show_label, container: p.container }, [field], field));
  }

  protected override showValue(): void {
    if (!this.field) return this.build();
    const shown = parseNumber(this.field.value);
    if (shown !== this.props.value) this.field.value = numberText(this.props.value);
    this.checkRange();
  }

  private onInput(): void {
    const field = this.field;
    if (!field) return;
    const number = parseNumber(field.value);
    // While the text is not yet a number (e.g. "-" or "1e"), keep the last value.
    if (number === undefined || (number === null && field.validity.badInput)) return;
    this.setUserValue(number);
    this.checkRange();
  }

  /** Mark a number outside [minimum, maximum] as invalid (the server rejects it). */
  private checkRange(): void {
    const field = this.field;
    if (!field) return;
    const value = this.props.value;
    const { minimum, maximum } = this.props;
    const low = typeof minimum === "number" && typeof value === "number" && value < minimum;
    const high = typeof maximum === "number" && typeof value === "number" && value > maximum;
    if (low || high) field.setAttribute("aria-invalid", "true");
    else field.removeAttribute("aria-invalid");
  }
}

register(NumberElement);
