// CheckboxGroup: a group of checkboxes (plus an optional "Select All"); shared choice helpers.

import { CheckboxGroupBase } from "../generated/components/checkbox_group.gen";
import { register } from "../core/registry";
import { frame, h, localId, text } from "../core/dom";
import "../styles/inputs.css";

export type ChoiceValue = string | number;

/** One option: the text shown and the value exchanged with the server. */
export interface Choice {
  label: string;
  value: ChoiceValue;
}

/** The `choices` prop as label/value pairs (bare values are their own label). */
export function choiceList(choices: unknown): Choice[] {
  if (!Array.isArray(choices)) return [];
  return choices.map((choice): Choice => {
    if (Array.isArray(choice)) {
      const value = choice[1] as ChoiceValue;
      return { label: text(choice[0]) || String(value), value };
    }
    return { label: text(choice), value: choice as ChoiceValue };
  });
}

/** Whether two choice values are the same (1 and "1" are not). */
export function sameChoice(a: unknown, b: unknown): boolean {
  return a === b;
}

/** The frame of a group of options: its label names the group for assistive technology. */
export function groupFrame(
  props: { label?: unknown; info?: unknown; show_label?: unknown; container?: unknown },
  group: HTMLElement,
  extraHead: Node[] = [],
): HTMLElement {
  const block = frame({ label: props.label, info: props.info, showLabel: props.show_label, container: props.container }, [group]);
  const label = block.querySelector<HTMLElement>(".sb-head > .sb-label");
  const name = text(props.label);
  if (label) {
    label.id = localId("group-label");
    group.setAttribute("aria-labelledby", label.id);
  } else if (name) {
    group.setAttribute("aria-label", name);
  }
  const info = block.querySelector<HTMLElement>(".sb-head > .sb-info");
  if (info) group.setAttribute("aria-describedby", info.id);
  if (extraHead.length > 0) {
    let head = block.querySelector<HTMLElement>(".sb-head");
    if (!head) {
      head = h("div", { class: "sb-head" });
      block.prepend(head);
    }
    const row = h("div", { class: "sb-choices-head" }, ...extraHead);
    head.append(row);
  }
  return block;
}

export class CheckboxGroup extends CheckboxGroupBase {
  private boxes: HTMLInputElement[] = [];
  private all: HTMLInputElement | null = null;

  override get value(): unknown {
    return this.selected();
  }

  private selected(): ChoiceValue[] {
    const value = this.props.value as unknown;
    if (Array.isArray(value)) return value as ChoiceValue[];
    if (value === null || value === undefined) return [];
    return [value as ChoiceValue];
  }

  protected build(): void {
    const p = this.props;
    const choices = choiceList(p.choices);
    const enabled = this.interactive;
    const group = h("div", { class: "sb-choices", role: "group" });
    this.boxes = choices.map((choice, index) => {
      const box = h("input", { type: "checkbox", class: "sb-checkbox-box" });
      box.disabled = !enabled;
      box.addEventListener("change", () => this.toggle(choice, index, box.checked));
      const name = h("span", { id: localId("choice-label") }, choice.label);
      box.setAttribute("aria-labelledby", name.id);
      group.append(h("label", { class: "sb-choice" }, box, name));
      return box;
    });
    const extra: Node[] = [];
    this.all = null;
    if (p.show_select_all && enabled && choices.length > 0) {
      const all = h("input", { type: "checkbox", class: "sb-checkbox-box" });
      all.addEventListener("change", () => this.toggleAll(choices, all.checked));
      this.all = all;
      const name = h("span", { id: localId("select-all-label") }, "Select All");
      all.setAttribute("aria-labelledby", name.id);
      extra.push(h("label", { class: "sb-choice sb-select-all" }, all, name));
    }
    this.replaceChildren(groupFrame(p, group, extra));
    this.showValue();
  }

  protected override showValue(): void {
    const choices = choiceList(this.props.choices);
    if (this.boxes.length !== choices.length) return this.build();
    const selected = this.selected();
    let count = 0;
    choices.forEach((choice, index) => {
      const on = selected.some((value) => sameChoice(value, choice.value));
      const box = this.boxes[index]!;
      box.checked = on;
      box.closest(".sb-choice")?.classList.toggle("sb-selected", on);
      if (on) count += 1;
    });
    if (this.all) {
      this.all.checked = count > 0 && count === choices.length;
      this.all.indeterminate = count > 0 && count < choices.length;
    }
  }

  private toggle(choice: Choice, index: number, checked: boolean): void {
    const rest = this.selected().filter((value) => !sameChoice(value, choice.value));
    this.setUserValue(checked ? [...rest, choice.value] : rest, true);
    this.emitSelect({ index, value: choice.value, selected: checked });
  }

  private toggleAll(choices: Choice[], checked: boolean): void {
    const next = checked ? choices.map((choice) => choice.value) : [];
    this.setUserValue(next, true);
  }
}

register(CheckboxGroup);
