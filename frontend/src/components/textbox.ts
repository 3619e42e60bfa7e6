// Textbox: a single-line input or a growing textarea, with copy/submit/stop buttons.

import { TextboxBase } from "../generated/components/textbox.gen";
import { register } from "../core/registry";
import { frame, h, iconButton, text } from "../core/dom";

const DEFAULT_MAX_LINES = 20;

export class Textbox extends TextboxBase {
  private field: HTMLInputElement | HTMLTextAreaElement | null = null;

  protected build(): void {
    const p = this.props;
    const kind = p.type ?? "text";
    const lines = p.lines ?? 1;
    const multi = kind === "text" && (lines > 1 || (p.max_lines ?? 0) > 1);
    const field = multi ? h("textarea", { rows: lines }) : h("input", { type: kind });
    this.field = field;
    field.className = "sb-input";
    field.value = text(p.value);
    field.disabled = !this.interactive;
    field.readOnly = !this.interactive;
    if (text(p.placeholder)) field.placeholder = text(p.placeholder);
    if (typeof p.max_length === "number") field.maxLength = p.max_length;
    if (p.text_align) field.style.textAlign = p.text_align;
    if (p.rtl) field.dir = "rtl";
    if (p.autofocus) field.autofocus = true;
    if (multi) this.fitRows();
    field.addEventListener("input", () => {
      if (multi) this.fitRows();
      this.setUserValue(field.value);
    });
    field.addEventListener("keydown", (event) => this.onKey(event as KeyboardEvent, multi));
    field.addEventListener("focus", () => this.emitFocus());
    field.addEventListener("blur", () => this.emitBlur());
    field.addEventListener("select", () => {
      const start = field.selectionStart ?? 0;
      const end = field.selectionEnd ?? 0;
      this.emitSelect({ index: [start, end], value: field.value.slice(start, end), selected: true });
    });
    const row = h("div", { class: "sb-textbox-row" }, field);
    if (p.submit_btn) row.append(this.actionButton(p.submit_btn, "send", "Submit", () => this.emitSubmit()));
    if (p.stop_btn) row.append(this.actionButton(p.stop_btn, "stop", "Stop", () => this.emitStop()));
    const body: Node[] = [row];
    const buttons = Array.isArray(p.buttons) ? p.buttons : [];
    if (buttons.includes("copy")) {
      body.unshift(h("div", { class: "sb-corner-buttons" }, iconButton("copy", "Copy", () => this.copy())));
    }
    this.replaceChildren(frame({ label: p.label, info: p.info, showLabel: p.show_label, container: p.container }, body, field));
  }

  /** An empty field sends "" (as Gradio's page does), also before anything was typed. */
  override get value(): unknown {
    return this.props.value ?? "";
  }

  protected override showValue(): void {
    if (!this.field) return this.build();
    const value = text(this.props.value);
    if (this.field.value !== value) this.field.value = value;
    if (this.field instanceof HTMLTextAreaElement) {
      this.fitRows();
      if (this.props.autoscroll !== false) this.field.scrollTop = this.field.scrollHeight;
    }
  }

  private actionButton(label: string | boolean, name: string, fallback: string, onclick: () => void): HTMLButtonElement {
    if (typeof label === "string") {
      return h("button", { type: "button", class: `sb-btn sb-${name}-button`, onclick: () => onclick() }, label);
    }
    return iconButton(name, fallback, onclick);
  }

  private onKey(event: KeyboardEvent, multi: boolean): void {
    if (event.key !== "Enter" || event.isComposing) return;
    if (multi && event.shiftKey) return;
    event.preventDefault();
    this.emitSubmit();
  }

  private fitRows(): void {
    const field = this.field;
    if (!(field instanceof HTMLTextAreaElement)) return;
    const min = this.props.lines ?? 1;
    const max = Math.max(this.props.max_lines ?? DEFAULT_MAX_LINES, min);
    const count = field.value.split("\n").length;
    field.rows = Math.min(Math.max(count, min), max);
  }

  private copy(): void {
    const value = text(this.props.value);
    void navigator.clipboard?.writeText(value).catch(() => undefined);
    this.emitCopy({ value });
  }
}

register(Textbox);
