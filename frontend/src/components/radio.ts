// Radio: one choice among radio buttons (arrow keys move between them, as native radios do).

import { RadioBase } from "../generated/components/radio.gen";
import { register } from "../core/registry";
import { h, localId } from "../core/dom";
import { choiceList, groupFrame, sameChoice } from "./checkbox_group";
import "../styles/inputs.css";

export class Radio extends RadioBase {
  private buttons: HTMLInputElement[] = [];

  protected build(): void {
    const p = this.props;
    const choices = choiceList(p.choices);
    const enabled = this.interactive;
    const name = localId("radio");
    const group = h("div", { class: "sb-choices", role: "radiogroup" });
    if (p.rtl) group.dir = "rtl";
    this.buttons = choices.map((choice, index) => {
      const button = h("input", { type: "radio", class: "sb-radio-button", name });
      button.disabled = !enabled;
      button.addEventListener("change", () => {
        if (!button.checked) return;
        this.setUserValue(choice.value, true);
        this.emitSelect({ index, value: choice.value, selected: true });
      });
      const text = h("span", { id: localId("option-label") }, choice.label);
      button.setAttribute("aria-labelledby", text.id);
      group.append(h("label", { class: "sb-choice" }, button, text));
      return button;
    });
    this.replaceChildren(groupFrame(p, group));
    this.showValue();
  }

  protected override showValue(): void {
    const choices = choiceList(this.props.choices);
    if (this.buttons.length !== choices.length) return this.build();
    const value = this.props.value as unknown;
    choices.forEach((choice, index) => {
      const on = value !== null && value !== undefined && sameChoice(value, choice.value);
      const button = this.buttons[index]!;
      button.checked = on;
      button.closest(".sb-choice")?.classList.toggle("sb-selected", on);
    });
  }
}

register(Radio);
