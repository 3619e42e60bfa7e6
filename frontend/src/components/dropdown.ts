// Dropdown: a combobox over a list of choices, with filtering, custom values and multiselect
// (selected choices shown as removable tags).

import { DropdownBase } from "../generated/components/dropdown.gen";
import { register } from "../core/registry";
import { frame, h, icon, localId, text } from "../core/dom";
import { choiceList, sameChoice, type Choice, type ChoiceValue } from "./checkbox_group";
import "../styles/inputs.css";

export class Dropdown extends DropdownBase {
  private field: HTMLInputElement | null = null;
  private list: HTMLUListElement | null = null;
  private tags: HTMLElement | null = null;
  private clearButton: HTMLButtonElement | null = null;
  /** Indices (into the choices) the open list shows. */
  private shownIndices: number[] = [];
  /** Position of the highlighted option inside `shownIndices`; -1 for none. */
  private active = -1;
  /** How many matching options the list shows (grows as the user scrolls). */
  private limit = 0;
  /** The text typed to filter the list; null shows every choice. */
  private filter: string | null = null;

  private get multi(): boolean {
    return this.props.multiselect === true;
  }

  private get choices(): Choice[] {
    return choiceList(this.props.choices);
  }

  private get typeable(): boolean {
    return this.props.filterable !== false || this.props.allow_custom_value === true;
  }

  override get value(): unknown {
    const value = this.props.value as unknown;
    if (this.multi) return this.selectedValues();
    return value === undefined ? null : value;
  }

  private selectedValues(): ChoiceValue[] {
    const value = this.props.value as unknown;
    if (Array.isArray(value)) return value as ChoiceValue[];
    if (value === null || value === undefined) return [];
    return [value as ChoiceValue];
  }

  /** The text shown for a value: its choice's label, or the value itself (custom values). */
  private labelOf(value: unknown): string {
    if (value === null || value === undefined) return "";
    const choice = this.choices.find((c) => sameChoice(c.value, value));
    return choice ? choice.label : text(value);
  }

  protected build(): void {
    const p = this.props;
    const enabled = this.interactive;
    const listId = localId("listbox");
    const field = h("input", {
      type: "text",
      class: "sb-dropdown-input",
      role: "combobox",
      autocomplete: "off",
      "aria-autocomplete": this.typeable ? "list" : "none",
      "aria-expanded": "false",
      "aria-controls": listId,
    });
    field.disabled = !enabled;
    field.readOnly = !this.typeable;
    this.field = field;
    const list = h("ul", { class: "sb-dropdown-options", role: "listbox", id: listId, tabindex: -1 });
    if (this.multi) list.setAttribute("aria-multiselectable", "true");
    list.hidden = true;
    this.list = list;
    this.tags = this.multi ? h("div", { class: "sb-dropdown-tags" }) : null;

    field.addEventListener("focus", () => {
      this.open();
      this.emitFocus();
    });
    field.addEventListener("blur", () => {
      this.commitText();
      this.close();
      this.emitBlur();
    });
    field.addEventListener("mousedown", () => {
      if (document.activeElement === field && this.list?.hidden) this.open();
    });
    field.addEventListener("input", () => {
      this.filter = field.value;
      this.active = -1;
      this.open(true);
    });
    field.addEventListener("keydown", (event) => this.onKey(event));
    field.addEventListener("keyup", (event) => this.emitKeyUp({ key: event.key, input_value: field.value }));
    list.addEventListener("mousedown", (event) => event.preventDefault());
    list.addEventListener("scroll", () => {
      if (list.scrollTop + list.clientHeight >= list.scrollHeight - 8) this.showMore();
    });

    const arrow = h("span", { class: "sb-dropdown-arrow", "aria-hidden": "true" });
    const control = h("div", { class: "sb-dropdown-field" });
    if (!enabled) control.classList.add("sb-disabled");
    if (this.tags) control.append(this.tags);
    control.append(field);
    this.clearButton = null;
    if (this.multi && enabled) {
      const clear = h("button", { type: "button", class: "sb-dropdown-clear", "aria-label": "Clear selection", title: "Clear selection" }, icon("clear"));
      clear.addEventListener("mousedown", (event) => event.preventDefault());
      clear.addEventListener("click", () => {
        this.setUserValue([]);
        this.showValue();
      });
      this.clearButton = clear;
      control.append(clear);
    }
    control.append(arrow);
    control.addEventListener("mousedown", (event) => {
      if (event.target === control || event.target === arrow || event.target === this.tags) {
        event.preventDefault();
        if (!enabled) return;
        if (document.activeElement !== field) field.focus();
        else if (list.hidden) this.open();
        else this.close();
      }
    });
    const wrap = h("div", { class: "sb-dropdown" }, control, list);
    this.replaceChildren(frame({ label: p.label, info: p.info, showLabel: p.show_label, container: p.container }, [wrap], field));
    this.showValue();
  }

  protected override showValue(): void {
    const field = this.field;
    if (!field) return this.build();
    if (this.multi) {
      this.drawTags();
      if (document.activeElement !== field) field.value = "";
    } else if (document.activeElement !== field || this.filter === null) {
      field.value = this.labelOf(this.props.value);
    }
    if (this.list && !this.list.hidden) this.drawOptions();
  }

  private drawTags(): void {
    const tags = this.tags;
    if (!tags) return;
    const enabled = this.interactive;
    const values = this.selectedValues();
    tags.replaceChildren(
      ...values.map((value) => {
        const label = this.labelOf(value);
        const tag = h("span", { class: "sb-dropdown-tag" }, h("span", {}, label));
        if (enabled) {
          const remove = h("button", { type: "button", class: "sb-dropdown-tag-remove", "aria-label": `Remove ${label}`, title: `Remove ${label}` }, icon("close"));
          remove.addEventListener("mousedown", (event) => event.preventDefault());
          remove.addEventListener("click", () => this.removeValue(value));
          tag.append(remove);
        }
        return tag;
      }),
    );
    if (this.clearButton) this.clearButton.hidden = values.length === 0;
    if (this.field) this.field.placeholder = values.length === 0 ? "Select…" : "";
  }

  // --- the option list --------------------------------------------------------------------

  private open(filtering = false): void {
    const list = this.list;
    const field = this.field;
    if (!list || !field || !this.interactive) return;
    if (!filtering) this.filter = null;
    this.limit = this.props.num_choices_shown ?? Number.POSITIVE_INFINITY;
    this.drawOptions();
    list.hidden = false;
    field.setAttribute("aria-expanded", "true");
    this.scrollToActive();
  }

  private close(): void {
    if (!this.list || !this.field) return;
    this.list.hidden = true;
    this.field.setAttribute("aria-expanded", "false");
    this.field.removeAttribute("aria-activedescendant");
    this.active = -1;
  }

  private matching(): number[] {
    const needle = (this.filter ?? "").trim().toLowerCase();
    const indices: number[] = [];
    this.choices.forEach((choice, index) => {
      if (!needle || choice.label.toLowerCase().includes(needle)) indices.push(index);
    });
    return indices;
  }

  private drawOptions(): void {
    const list = this.list;
    if (!list) return;
    const choices = this.choices;
    const matching = this.matching();
    this.shownIndices = matching.slice(0, this.limit);
    const selected = this.multi ? this.selectedValues() : [this.props.value];
    if (this.active >= this.shownIndices.length) this.active = this.shownIndices.length - 1;
    if (this.active < 0 && this.shownIndices.length > 0) {
      const current = this.shownIndices.findIndex((index) => selected.some((v) => sameChoice(v, choices[index]!.value)));
      this.active = this.filter !== null ? 0 : Math.max(current, this.multi ? 0 : current);
    }
    const full = this.multi && typeof this.props.max_choices === "number" && selected.length >= this.props.max_choices;
    const items = this.shownIndices.map((index, position) => {
      const choice = choices[index]!;
      const isSelected = selected.some((v) => sameChoice(v, choice.value));
      const item = h("li", {
        class: "sb-dropdown-option",
        role: "option",
        id: `${list.id}-${index}`,
        "aria-selected": String(isSelected),
        "data-index": index,
      });
      if (full && !isSelected) item.setAttribute("aria-disabled", "true");
      if (this.multi) item.append(h("span", { class: "sb-dropdown-check", "aria-hidden": "true" }, isSelected ? "✓" : ""));
      item.append(h("span", {}, choice.label));
      if (position === this.active) item.classList.add("sb-active");
      item.addEventListener("click", () => this.pick(index));
      item.addEventListener("mousemove", () => {
        if (this.active !== position) this.setActive(position);
      });
      return item;
    });
    if (items.length === 0) {
      const message = this.props.allow_custom_value && this.filter ? `Press Enter to use “${this.filter}”` : "No matching choices";
      items.push(h("li", { class: "sb-dropdown-empty", role: "presentation" }, message));
    }
    list.replaceChildren(...items);
    this.markActive();
  }

  private showMore(): void {
    const step = this.props.num_choices_shown;
    if (typeof step !== "number" || this.shownIndices.length >= this.matching().length) return;
    this.limit += step;
    this.drawOptions();
  }

  private setActive(position: number): void {
    this.active = position;
    this.markActive();
    this.scrollToActive();
  }

  private markActive(): void {
    const list = this.list;
    const field = this.field;
    if (!list || !field) return;
    const options = [...list.querySelectorAll<HTMLElement>("[role=option]")];
    options.forEach((option, position) => option.classList.toggle("sb-active", position === this.active));
    const current = options[this.active];
    if (current) field.setAttribute("aria-activedescendant", current.id);
    else field.removeAttribute("aria-activedescendant");
  }

  private scrollToActive(): void {
    const option = this.list?.querySelectorAll<HTMLElement>("[role=option]")[this.active];
    option?.scrollIntoView?.({ block: "nearest" });
  }

  private onKey(event: KeyboardEvent): void {
    if (event.isComposing) return;
    const list = this.list;
    const field = this.field;
    if (!list || !field) return;
    const count = this.shownIndices.length;
    switch (event.key) {
      case "ArrowDown":
      case "ArrowUp": {
        event.preventDefault();
        if (list.hidden) {
          this.open();
          return;
        }
        if (count === 0) return;
        const delta = event.key === "ArrowDown" ? 1 : -1;
        const next = this.active < 0 ? (delta > 0 ? 0 : count - 1) : (this.active + delta + count) % count;
        if (delta > 0 && next === count - 1) this.showMore();
        this.setActive(next);
        return;
      }
      case "Enter": {
        event.preventDefault();
        const index = list.hidden ? undefined : this.shownIndices[this.active];
        const typed = field.value.trim();
        const exact = this.choices.findIndex((c) => c.label === typed);
        if (this.filter !== null && this.props.allow_custom_value && typed && exact < 0 && (index === undefined || this.choices[index]!.label.toLowerCase() !== typed.toLowerCase())) {
          this.commitText();
          if (!this.multi) this.close();
        } else if (index !== undefined) {
          this.pick(index);
        } else if (list.hidden) {
          this.open();
        }
        return;
      }
      case "Escape":
        if (!list.hidden) {
          event.preventDefault();
          this.filter = null;
          this.close();
          this.showValue();
        }
        return;
      case "Backspace":
        if (this.multi && field.value === "") {
          const values = this.selectedValues();
          const last = values[values.length - 1];
          if (last !== undefined) this.removeValue(last);
        }
        return;
      case "Tab":
        this.close();
        return;
      default:
        return;
    }
  }

  /** The user chose the option of `choices[index]`. */
  private pick(index: number): void {
    const choice = this.choices[index];
    if (!choice || !this.field) return;
    if (this.multi) {
      const values = this.selectedValues();
      const isSelected = values.some((v) => sameChoice(v, choice.value));
      if (isSelected) {
        this.setUserValue(values.filter((v) => !sameChoice(v, choice.value)));
        this.emitSelect({ index, value: choice.value, selected: false });
      } else {
        const max = this.props.max_choices;
        if (typeof max === "number" && values.length >= max) return;
        this.setUserValue([...values, choice.value]);
        this.emitSelect({ index, value: choice.value, selected: true });
      }
      this.filter = null;
      this.field.value = "";
      this.showValue();
      this.drawOptions();
      return;
    }
    this.filter = null;
    this.field.value = choice.label;
    this.close();
    this.setUserValue(choice.value);
    this.emitSelect({ index, value: choice.value, selected: true });
  }

  private removeValue(value: ChoiceValue): void {
    const values = this.selectedValues();
    const index = this.choices.findIndex((c) => sameChoice(c.value, value));
    this.setUserValue(values.filter((v) => !sameChoice(v, value)));
    this.emitSelect({ index, value, selected: false });
    this.showValue();
  }

  /** Typed text becomes the value (allow_custom_value) or is replaced by the selection. */
  private commitText(): void {
    const field = this.field;
    if (!field) return;
    const typed = field.value.trim();
    const filtering = this.filter !== null;
    this.filter = null;
    if (filtering && typed) {
      const exact = this.choices.findIndex((c) => c.label === typed);
      if (exact >= 0 && !this.multi) {
        if (!sameChoice(this.props.value, this.choices[exact]!.value)) this.pick(exact);
        return;
      }
      if (this.props.allow_custom_value) {
        if (this.multi) {
          const values = this.selectedValues();
          const value = exact >= 0 ? this.choices[exact]!.value : typed;
          if (!values.some((v) => sameChoice(v, value))) this.setUserValue([...values, value]);
          field.value = "";
          this.showValue();
          this.drawOptions();
        } else if (!sameChoice(this.props.value, typed)) {
          this.setUserValue(typed);
        }
        return;
      }
    }
    if (filtering && !typed && !this.multi && this.props.allow_custom_value && this.props.value !== null) {
      this.setUserValue(null);
      return;
    }
    this.showValue();
  }
}

register(Dropdown);
