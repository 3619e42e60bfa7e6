// Code: a code editor (a monospace text area with line numbers), with copy and download buttons.
// The language becomes a `language-<name>` class for highlighting stylesheets.

import { CodeBase } from "../generated/components/code.gen";
import { register } from "../core/registry";
import { frame, h, icon, iconButton, text } from "../core/dom";
import "../styles/inputs.css";

/** File extensions of the downloaded code, by language. */
const EXTENSIONS: Record<string, string> = {
  python: "py",
  c: "c",
  cpp: "cpp",
  markdown: "md",
  latex: "tex",
  json: "json",
  html: "html",
  css: "css",
  javascript: "js",
  jinja2: "jinja2",
  typescript: "ts",
  yaml: "yaml",
  dockerfile: "dockerfile",
  shell: "sh",
  r: "r",
};

export class Code extends CodeBase {
  private area: HTMLTextAreaElement | null = null;
  private gutter: HTMLElement | null = null;
  private copyButton: HTMLButtonElement | null = null;

  protected build(): void {
    const p = this.props;
    const enabled = this.interactive;
    const language = typeof p.language === "string" ? p.language : "";
    const area = h("textarea", { class: "sb-code-area", spellcheck: "false", autocomplete: "off", autocapitalize: "off" });
    area.setAttribute("autocorrect", "off");
    area.wrap = p.wrap_lines ? "soft" : "off";
    area.readOnly = !enabled;
    if (!enabled) area.setAttribute("aria-readonly", "true");
    if (language) area.dataset.language = language;
    this.area = area;
    const gutter = p.show_line_numbers === false ? null : h("div", { class: "sb-code-gutter", "aria-hidden": "true" });
    this.gutter = gutter;
    const editor = h("div", { class: `sb-code-editor${language ? ` language-${language}` : ""}${p.wrap_lines ? " sb-code-wrap" : ""}` });
    if (gutter) editor.append(gutter);
    editor.append(area);

    area.addEventListener("input", () => {
      this.fit();
      this.setUserValue(area.value);
    });
    area.addEventListener("scroll", () => {
      if (this.gutter) this.gutter.scrollTop = area.scrollTop;
    });
    area.addEventListener("keydown", (event) => this.onKey(event));
    area.addEventListener("focus", () => this.emitFocus());
    area.addEventListener("blur", () => this.emitBlur());

    const block = frame({ label: p.label, showLabel: p.show_label, container: p.container }, [editor], area);
    const buttons = this.cornerButtons(language);
    if (buttons.length > 0) {
      // The label and the buttons share the top row.
      const top = h("div", { class: "sb-code-top" });
      const head = block.querySelector(".sb-head");
      if (head) head.replaceWith(top);
      else block.prepend(top);
      if (head) top.append(head);
      top.append(h("div", { class: "sb-code-buttons" }, ...buttons));
    }
    this.replaceChildren(block);
    if (!text(p.label)) area.setAttribute("aria-label", language ? `Code (${language})` : "Code");
    this.showValue();
  }

  protected override showValue(): void {
    if (!this.area) return this.build();
    const value = text(this.props.value);
    if (this.area.value !== value) this.area.value = value;
    this.fit();
  }

  private cornerButtons(language: string): HTMLButtonElement[] {
    const listed = this.props.buttons;
    const names = Array.isArray(listed) ? listed.filter((b): b is string => typeof b === "string") : ["copy", "download"];
    const buttons: HTMLButtonElement[] = [];
    this.copyButton = null;
    if (names.includes("copy")) {
      this.copyButton = iconButton("copy", "Copy code", () => this.copy());
      buttons.push(this.copyButton);
    }
    if (names.includes("download")) buttons.push(iconButton("download", "Download code", () => this.download(language)));
    return buttons;
  }

  /** Size the editor to its lines, between `lines` and `max_lines`; update the line numbers. */
  private fit(): void {
    const area = this.area;
    if (!area) return;
    const count = area.value.split("\n").length;
    const min = Math.max(this.props.lines ?? 5, 1);
    const max = typeof this.props.max_lines === "number" ? Math.max(this.props.max_lines, min) : Number.POSITIVE_INFINITY;
    area.rows = Math.min(Math.max(count, min), max);
    if (this.gutter) {
      const numbers: string[] = [];
      for (let line = 1; line <= count; line += 1) numbers.push(String(line));
      this.gutter.textContent = numbers.join("\n");
      this.gutter.scrollTop = area.scrollTop;
    }
  }

  private onKey(event: KeyboardEvent): void {
    const area = this.area;
    if (!area || area.readOnly || event.isComposing) return;
    if (event.key === "Enter" && !event.shiftKey && !event.ctrlKey && !event.metaKey && !event.altKey) {
      // Keep the indentation of the current line.
      const start = area.selectionStart;
      const lineStart = area.value.lastIndexOf("\n", start - 1) + 1;
      const indent = /^[ \t]*/.exec(area.value.slice(lineStart, start))?.[0] ?? "";
      if (!indent) return;
      event.preventDefault();
      this.insert(`\n${indent}`);
    }
  }

  /** Insert text at the caret as if typed (keeps the browser's undo history). */
  private insert(content: string): void {
    const area = this.area;
    if (!area) return;
    // execCommand is deprecated but still the only way to keep the undo history.
    if (!document.execCommand("insertText", false, content)) {
      area.setRangeText(content, area.selectionStart, area.selectionEnd, "end");
      area.dispatchEvent(new Event("input", { bubbles: true }));
    }
  }

  private copy(): void {
    const value = text(this.props.value);
    void navigator.clipboard?.writeText(value).catch(() => undefined);
    const button = this.copyButton;
    if (!button) return;
    button.replaceChildren(icon("check"));
    button.setAttribute("aria-label", "Copied");
    window.setTimeout(() => {
      button.replaceChildren(icon("copy"));
      button.setAttribute("aria-label", "Copy code");
    }, 1500);
  }

  private download(language: string): void {
    const extension = EXTENSIONS[language] ?? (language.startsWith("sql") ? "sql" : "txt");
    const blob = new Blob([text(this.props.value)], { type: "text/plain" });
    const url = URL.createObjectURL(blob);
    const link = h("a", { href: url, download: `file.${extension}` });
    document.body.append(link);
    link.click();
    link.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
}

register(Code);
