// The element for component types without their own element (e.g. an app's custom
// components): draws the value by its JSON type and lets the user edit it.

import { SbElement } from "../core/component";
import { registerFallback } from "../core/registry";
import { frame, h, text } from "../core/dom";

export class GenericElement extends SbElement {
  static readonly componentName = "Generic";
  static readonly tagName = "sb-generic";
  static readonly events: readonly string[] = ["change", "input", "submit", "focus", "blur"];
  static readonly defaults: Readonly<Record<string, unknown>> = {};

  protected build(): void {
    const p = this.props;
    const value = p.value ?? null;
    let control: HTMLInputElement | HTMLTextAreaElement;
    if (typeof value === "number") {
      control = h("input", { type: "number", class: "sb-input", value: String(value) });
      control.addEventListener("input", () => this.setUserValue(control.value === "" ? null : Number(control.value)));
    } else if (typeof value === "boolean") {
      control = h("input", { type: "checkbox", checked: value });
      control.addEventListener("change", () => this.setUserValue((control as HTMLInputElement).checked));
    } else if (typeof value === "string" || value === null) {
      control = h("input", { type: "text", class: "sb-input", value: text(value) });
      control.addEventListener("input", () => this.setUserValue(control.value));
    } else {
      control = h("textarea", { class: "sb-input sb-code", rows: 4 });
      control.value = JSON.stringify(value, null, 2);
      control.addEventListener("change", () => {
        try {
          this.setUserValue(JSON.parse(control.value));
          control.removeAttribute("aria-invalid");
        } catch {
          control.setAttribute("aria-invalid", "true");
        }
      });
    }
    control.disabled = !this.interactive;
    control.addEventListener("focus", () => this.emit("focus"));
    control.addEventListener("blur", () => this.emit("blur"));
    control.addEventListener("keydown", (event) => {
      if ((event as KeyboardEvent).key === "Enter" && control instanceof HTMLInputElement) this.emit("submit");
    });
    this.replaceChildren(frame({ label: p.label ?? p.name, info: p.info, showLabel: p.show_label, container: p.container }, [control], control));
  }
}

registerFallback(GenericElement);
