// Checkbox: one box with its label beside it; `select` reports checking and unchecking.

import { CheckboxBase } from "../generated/components/checkbox.gen";
import { register } from "../core/registry";
import { h, localId, text } from "../core/dom";
import "../styles/inputs.css";

export class Checkbox extends CheckboxBase {
  private box: HTMLInputElement | null = null;

  override get value(): unknown {
    return this.props.value === true;
  }

  protected build(): void {
    const p = this.props;
    const label = text(p.label);
    const box = h("input", { type: "checkbox", class: "sb-checkbox-box" });
    this.box = box;
    box.checked = p.value === true;
    box.disabled = !this.interactive;
    box.addEventListener("change", () => {
      this.setUserValue(box.checked);
      this.emitSelect({ index: 0, value: label || null, selected: box.checked });
    });
    const name = h("span", { class: "sb-checkbox-text", id: localId("checkbox-label") }, label);
    const option = h("label", { class: "sb-checkbox-option" }, box, name);
    // Name the box explicitly: a wrapping label is not yet associated while the element is detached.
    if (label) box.setAttribute("aria-labelledby", name.id);
    else box.setAttribute("aria-label", "Checkbox");
    const block = h("div", { class: p.container === false ? "sb-block sb-no-container" : "sb-block" });
    block.append(option);
    // The info text goes under the box, as on a Gradio page.
    if (typeof p.info === "string" && p.info) {
      const info = h("div", { class: "sb-info sb-checkbox-info", id: localId("info") }, p.info);
      box.setAttribute("aria-describedby", info.id);
      block.append(info);
    }
    this.replaceChildren(block);
  }

  protected override showValue(): void {
    if (!this.box) return this.build();
    this.box.checked = this.props.value === true;
  }
}

register(Checkbox);
