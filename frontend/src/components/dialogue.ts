// Dialogue: lines of a conversation, each with a speaker, edited line by line ("dialogue" view)
// or as formatted text ("text" view); typing ":" offers the `tags`. Enter submits.

import { DialogueBase } from "../generated/components/dialogue.gen";
import { register } from "../core/registry";
import { frame, h, icon, iconButton, localId, text } from "../core/dom";
import "../styles/inputs.css";

interface Line {
  speaker: string;
  text: string;
}

/** Speaker colours (text on white keeps a contrast above 4.5:1). */
const PALETTE = ["#1d4ed8", "#b91c1c", "#047857", "#7c3aed", "#b45309", "#be185d", "#0e7490", "#4d7c0f"];

export class Dialogue extends DialogueBase {
  private mode: "dialogue" | "text" = "dialogue";
  private lines: Line[] = [];
  private menu: HTMLUListElement | null = null;
  private menuTarget: HTMLInputElement | HTMLTextAreaElement | null = null;
  private menuActive = 0;
  private textArea: HTMLTextAreaElement | null = null;
  private drawnFor: unknown = undefined;
  private firstBuild = true;

  private get speakers(): string[] {
    return Array.isArray(this.props.speakers) ? this.props.speakers.filter((s): s is string => typeof s === "string") : [];
  }

  private get separator(): string {
    return typeof this.props.separator === "string" && this.props.separator ? this.props.separator : "\n";
  }

  private get tags(): string[] {
    return Array.isArray(this.props.tags) ? this.props.tags.filter((t): t is string => typeof t === "string") : [];
  }

  /** The views the user may switch between. */
  private views(): ("dialogue" | "text")[] {
    if (this.speakers.length === 0) return ["text"];
    const mode = this.props.ui_mode ?? "both";
    if (mode === "text") return ["text"];
    if (mode === "dialogue") return ["dialogue"];
    return ["dialogue", "text"];
  }

  /** The dialogue as one string, lines formatted as "[speaker] text". */
  private format(value: unknown): string {
    if (typeof value === "string") return value;
    if (!Array.isArray(value)) return "";
    const lines = value as Line[];
    if (lines.length === 1 && lines[0]!.text === "") return "";
    return lines.map((line) => `[${line.speaker}] ${line.text}`).join(this.separator);
  }

  /** Formatted text back into lines ("[speaker] text"; other lines go to the first speaker). */
  private unformat(value: string): Line[] {
    const fallback = this.speakers[0] ?? "Unknown";
    const lines: Line[] = [];
    for (const chunk of value.split(this.separator)) {
      const line = chunk.trim();
      if (!line) continue;
      const end = line.indexOf("]");
      if (line.startsWith("[") && end > 0) lines.push({ speaker: line.slice(1, end), text: line.slice(end + 1).trim() });
      else lines.push({ speaker: fallback, text: line });
    }
    return lines;
  }

  private valueLines(): Line[] {
    const value = this.props.value as unknown;
    if (typeof value === "string") return this.unformat(value);
    if (!Array.isArray(value)) return [];
    return (value as unknown[])
      .filter((line): line is Line => typeof line === "object" && line !== null)
      .map((line) => ({ speaker: text(line.speaker), text: text(line.text) }));
  }

  protected build(): void {
    const p = this.props;
    const enabled = this.interactive;
    const views = this.views();
    if (!views.includes(this.mode)) this.mode = views[0]!;
    if (this.firstBuild && typeof p.value === "string" && views.includes("text")) this.mode = "text";
    this.firstBuild = false;
    this.drawnFor = p.value;
    this.lines = this.valueLines();
    this.menu = null;
    this.textArea = null;

    const body: Node[] = [];
    const buttons = Array.isArray(p.buttons) ? p.buttons : [];
    if (buttons.includes("copy") && p.show_label !== false) {
      body.push(h("div", { class: "sb-corner-buttons" }, iconButton("copy", "Copy dialogue", () => this.copy())));
    }
    let control: HTMLElement | null = null;
    if (!enabled) {
      body.push(this.drawStatic());
    } else if (this.mode === "text") {
      const area = this.drawText();
      control = area;
      body.push(h("div", { class: "sb-dialogue-editor" }, area));
    } else {
      const list = this.drawLines();
      control = list;
      body.push(list);
    }
    if (enabled) body.push(this.drawActions(views));
    const info = p.interactive === true ? p.info : null;
    const block = frame({ label: p.label, info, showLabel: p.show_label, container: p.container }, body, control instanceof HTMLTextAreaElement ? control : null);
    if (control && !(control instanceof HTMLTextAreaElement)) {
      const label = block.querySelector<HTMLElement>(".sb-head > .sb-label");
      if (label) {
        label.id = localId("dialogue-label");
        control.setAttribute("aria-labelledby", label.id);
      } else if (text(p.label)) {
        control.setAttribute("aria-label", text(p.label));
      }
    }
    this.replaceChildren(block);
  }

  protected override showValue(): void {
    if (this.props.value === this.drawnFor) return;
    const focused = this.contains(document.activeElement);
    if (focused && this.mode === "text" && this.textArea) {
      this.drawnFor = this.props.value;
      this.lines = this.valueLines();
      const formatted = this.format(this.props.value);
      if (this.textArea.value !== formatted) this.textArea.value = formatted;
      return;
    }
    this.build();
  }

  // --- views ----------------------------------------------------------------------------

  private drawStatic(): HTMLElement {
    const value = this.props.value as unknown;
    if (typeof value === "string" || this.speakers.length === 0) {
      return h("div", { class: "sb-dialogue-static sb-dialogue-plain" }, this.format(value));
    }
    const colors = this.colors();
    const list = h("div", { class: "sb-dialogue-static", role: "list" });
    for (const line of this.lines) {
      const color = colors.get(line.speaker);
      const speaker = h("span", { class: "sb-dialogue-speaker" }, line.speaker);
      const custom = this.props.color_map?.[line.speaker];
      if (custom) speaker.prepend(h("span", { class: "sb-dialogue-dot", style: `background:${custom}`, "aria-hidden": "true" }));
      else if (color) speaker.style.setProperty("--sb-speaker", color); // lightened in the dark theme
      const row = h("div", { class: "sb-dialogue-static-line", role: "listitem" }, speaker, h("span", { class: "sb-dialogue-static-text" }, line.text));
      if (color && !custom) row.style.borderLeftColor = color;
      if (custom) row.style.borderLeftColor = custom;
      list.append(row);
    }
    return list;
  }

  private colors(): Map<string, string> {
    const colors = new Map<string, string>();
    const names = [...this.speakers, ...this.lines.map((line) => line.speaker)];
    for (const name of names) {
      if (!colors.has(name)) colors.set(name, PALETTE[colors.size % PALETTE.length]!);
    }
    return colors;
  }

  private drawText(): HTMLTextAreaElement {
    const area = h("textarea", { class: "sb-input sb-dialogue-text", spellcheck: "true" });
    area.value = this.format(this.props.value);
    area.rows = Math.max(3, Math.min(area.value.split("\n").length + 1, 20));
    if (this.props.placeholder) area.placeholder = this.props.placeholder;
    if (this.props.autofocus) area.autofocus = true;
    area.addEventListener("input", () => {
      area.rows = Math.max(3, Math.min(area.value.split("\n").length + 1, 20));
      this.drawnFor = area.value;
      this.setUserValue(area.value);
      this.updateMenu(area);
    });
    area.addEventListener("keydown", (event) => this.onKey(event, area, -1));
    area.addEventListener("blur", () => this.closeMenu());
    this.textArea = area;
    return area;
  }

  private drawLines(): HTMLElement {
    const list = h("div", { class: "sb-dialogue-lines", role: "group" });
    if (this.lines.length === 0) this.lines = [{ speaker: this.speakers[0] ?? "", text: "" }];
    this.lines.forEach((line, index) => list.append(this.drawLine(line, index)));
    return list;
  }

  private drawLine(line: Line, index: number): HTMLElement {
    const number = index + 1;
    const speaker = h("select", { class: "sb-dialogue-speaker-select", "aria-label": `Speaker of line ${number}` });
    const names = this.speakers.includes(line.speaker) || !line.speaker ? this.speakers : [line.speaker, ...this.speakers];
    for (const name of names) speaker.append(h("option", { value: name }, name));
    speaker.value = line.speaker;
    speaker.addEventListener("change", () => {
      this.lines[index] = { ...this.lines[index]!, speaker: speaker.value };
      this.emitLines();
    });
    const field = h("input", { type: "text", class: "sb-input sb-dialogue-line-text", "aria-label": `Text of line ${number}` });
    field.value = line.text;
    if (this.tags.length > 0) {
      field.setAttribute("role", "combobox");
      field.setAttribute("aria-autocomplete", "list");
      field.setAttribute("aria-expanded", "false");
    }
    if (index === 0 && this.props.placeholder) field.placeholder = this.props.placeholder;
    if (index === 0 && this.props.autofocus) field.autofocus = true;
    field.addEventListener("input", () => {
      this.lines[index] = { ...this.lines[index]!, text: field.value };
      this.emitLines();
      this.updateMenu(field);
    });
    field.addEventListener("keydown", (event) => this.onKey(event, field, index));
    field.addEventListener("blur", () => this.closeMenu());
    const remove = iconButton("close", `Remove line ${number}`, () => this.removeLine(index));
    remove.disabled = this.lines.length <= 1;
    const color = this.colors().get(line.speaker);
    const row = h("div", { class: "sb-dialogue-line" }, speaker, h("span", { class: "sb-dialogue-field" }, field), remove);
    if (color) row.style.borderLeftColor = color;
    return row;
  }

  private drawActions(views: ("dialogue" | "text")[]): HTMLElement {
    const actions = h("div", { class: "sb-dialogue-actions" });
    if (this.mode === "dialogue") {
      const add = h("button", { type: "button", class: "sb-btn sb-size-sm sb-dialogue-add" }, "Add line");
      const max = this.props.max_lines;
      add.disabled = typeof max === "number" && this.lines.length >= max;
      add.addEventListener("click", () => this.addLine(this.lines.length - 1));
      actions.append(add);
    }
    if (views.length > 1) {
      const other = this.mode === "dialogue" ? "text" : "dialogue";
      const toggle = h("button", { type: "button", class: "sb-btn sb-size-sm sb-dialogue-view" }, other === "text" ? "Edit as text" : "Edit as dialogue");
      toggle.addEventListener("click", () => this.switchTo(other));
      actions.append(toggle);
    }
    const submit = this.props.submit_btn;
    if (submit) {
      const button =
        typeof submit === "string"
          ? h("button", { type: "button", class: "sb-btn sb-btn-primary sb-size-sm sb-dialogue-submit" }, submit)
          : h("button", { type: "button", class: "sb-icon-button sb-send-button sb-dialogue-submit", "aria-label": "Submit", title: "Submit" }, icon("send"));
      button.addEventListener("click", () => this.emitSubmit());
      actions.append(button);
    }
    return actions;
  }

  // --- editing --------------------------------------------------------------------------

  private emitLines(): void {
    const lines = this.lines.map((line) => ({ ...line }));
    this.drawnFor = lines;
    this.setUserValue(lines);
  }

  private addLine(after: number): void {
    const max = this.props.max_lines;
    if (typeof max === "number" && this.lines.length >= max) return;
    const previous = this.lines[after]?.speaker;
    const speakers = this.speakers;
    const next = previous === undefined ? speakers[0] : speakers[(speakers.indexOf(previous) + 1) % speakers.length];
    this.lines.splice(after + 1, 0, { speaker: next ?? "", text: "" });
    this.emitLines();
    this.build();
    this.querySelectorAll<HTMLInputElement>(".sb-dialogue-line-text")[after + 1]?.focus();
  }

  private removeLine(index: number): void {
    if (this.lines.length <= 1) return;
    this.lines.splice(index, 1);
    this.emitLines();
    this.build();
    const fields = this.querySelectorAll<HTMLInputElement>(".sb-dialogue-line-text");
    fields[Math.min(index, fields.length - 1)]?.focus();
  }

  private switchTo(mode: "dialogue" | "text"): void {
    if (mode === "dialogue" && this.textArea) {
      const lines = this.unformat(this.textArea.value);
      this.mode = mode;
      this.lines = lines;
      if (this.format(lines) !== this.format(this.props.value) || typeof this.props.value === "string") this.emitLines();
    }
    this.mode = mode;
    this.build();
    const focus = this.querySelector<HTMLElement>(mode === "text" ? ".sb-dialogue-text" : ".sb-dialogue-line-text");
    focus?.focus();
  }

  private onKey(event: KeyboardEvent, field: HTMLInputElement | HTMLTextAreaElement, index: number): void {
    if (event.isComposing) return;
    if (this.menu && this.menuTarget === field) {
      const options = [...this.menu.querySelectorAll<HTMLElement>("[role=option]")];
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        const delta = event.key === "ArrowDown" ? 1 : -1;
        this.menuActive = (this.menuActive + delta + options.length) % options.length;
        this.markMenu();
        return;
      }
      if (event.key === "Enter" || event.key === "Tab") {
        const tag = options[this.menuActive]?.dataset.tag;
        if (tag !== undefined) {
          event.preventDefault();
          this.insertTag(field, tag);
          return;
        }
      }
      if (event.key === "Escape") {
        event.preventDefault();
        this.closeMenu();
        return;
      }
    }
    if (event.key !== "Enter") return;
    if (event.shiftKey) {
      if (index >= 0) {
        event.preventDefault();
        this.addLine(index);
      }
      return;
    }
    event.preventDefault();
    this.emitSubmit();
  }

  // --- tag menu -------------------------------------------------------------------------

  private updateMenu(field: HTMLInputElement | HTMLTextAreaElement): void {
    const tags = this.tags;
    const before = field.value.slice(0, field.selectionStart ?? field.value.length);
    const match = /:([^\s:]*)$/.exec(before);
    if (tags.length === 0 || !match) return this.closeMenu();
    const prefix = match[1]!.toLowerCase();
    const shown = tags.filter((tag) => tag.toLowerCase().replace(/^:/, "").startsWith(prefix));
    if (shown.length === 0) return this.closeMenu();
    this.closeMenu();
    const menu = h("ul", { class: "sb-dialogue-tags", role: "listbox", id: localId("tags"), "aria-label": "Tags" });
    shown.forEach((tag, position) => {
      const item = h("li", { role: "option", id: `${menu.id}-${position}`, class: "sb-dialogue-tag", "data-tag": tag }, tag);
      item.addEventListener("mousedown", (event) => {
        event.preventDefault();
        this.insertTag(field, tag);
      });
      menu.append(item);
    });
    this.menu = menu;
    this.menuTarget = field;
    this.menuActive = 0;
    field.setAttribute("aria-controls", menu.id);
    if (field.getAttribute("role") === "combobox") field.setAttribute("aria-expanded", "true");
    field.insertAdjacentElement("afterend", menu);
    this.markMenu();
  }

  private markMenu(): void {
    if (!this.menu || !this.menuTarget) return;
    const options = [...this.menu.querySelectorAll<HTMLElement>("[role=option]")];
    options.forEach((option, position) => option.setAttribute("aria-selected", String(position === this.menuActive)));
    const active = options[this.menuActive];
    if (active) this.menuTarget.setAttribute("aria-activedescendant", active.id);
  }

  private closeMenu(): void {
    this.menu?.remove();
    if (this.menuTarget) {
      this.menuTarget.removeAttribute("aria-activedescendant");
      this.menuTarget.removeAttribute("aria-controls");
      if (this.menuTarget.getAttribute("role") === "combobox") this.menuTarget.setAttribute("aria-expanded", "false");
    }
    this.menu = null;
    this.menuTarget = null;
  }

  private insertTag(field: HTMLInputElement | HTMLTextAreaElement, tag: string): void {
    const caret = field.selectionStart ?? field.value.length;
    const before = field.value.slice(0, caret);
    const start = before.lastIndexOf(":");
    field.setRangeText(`${tag} `, start < 0 ? caret : start, caret, "end");
    this.closeMenu();
    field.dispatchEvent(new Event("input", { bubbles: true }));
  }

  private copy(): void {
    const value = this.format(this.props.value);
    void navigator.clipboard?.writeText(value).catch(() => undefined);
  }
}

register(Dialogue);
