// Markdown: rendered Markdown text (sanitised), with an optional copy button.

import { MarkdownBase } from "../generated/components/markdown.gen";
import { register } from "../core/registry";
import { cssSize, frame, h, icon, text } from "../core/dom";
import { renderMarkdown, type LatexDelimiter } from "../core/markdown";
import "../styles/chat.css";

export class Markdown extends MarkdownBase {
  private body: HTMLElement | null = null;

  protected build(): void {
    const p = this.props;
    const body = h("div", { class: "sb-md sb-markdown-body" });
    this.body = body;
    if (p.rtl) body.dir = "rtl";
    const height = cssSize(p.height);
    if (height) body.style.height = height;
    const max = cssSize(p.max_height);
    if (max) body.style.maxHeight = max;
    const min = cssSize(p.min_height);
    if (min) body.style.minHeight = min;
    if (height || max) body.style.overflowY = "auto";
    this.draw();
    const parts: Node[] = [];
    const buttons = Array.isArray(p.buttons) ? p.buttons : [];
    if (buttons.includes("copy")) {
      const copy = h(
        "button",
        { type: "button", class: "sb-icon-button sb-copy-button", "aria-label": "Copy", title: "Copy" },
        icon("copy"),
      );
      copy.addEventListener("click", () => this.copy(copy));
      parts.push(h("div", { class: "sb-corner-buttons" }, copy));
    }
    parts.push(body);
    const block = frame({ label: p.label, showLabel: p.show_label, container: p.container }, parts);
    if (p.padding) block.classList.add("sb-markdown-padded");
    this.replaceChildren(block);
  }

  protected override showValue(): void {
    if (!this.body) return this.build();
    this.draw();
  }

  private draw(): void {
    if (!this.body) return;
    const p = this.props;
    renderMarkdown(this.body, text(p.value), {
      sanitize: p.sanitize_html !== false,
      lineBreaks: p.line_breaks === true,
      headerLinks: p.header_links === true,
      latexDelimiters: (p.latex_delimiters as LatexDelimiter[] | null | undefined) ?? null,
    });
  }

  private copy(button: HTMLButtonElement): void {
    const value = text(this.props.value);
    void navigator.clipboard?.writeText(value).catch(() => undefined);
    button.replaceChildren(icon("check"));
    window.setTimeout(() => button.replaceChildren(icon("copy")), 1500);
    this.emitCopy({ value });
  }
}

register(Markdown);
