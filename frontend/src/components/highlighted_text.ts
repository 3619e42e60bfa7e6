// HighlightedText: text whose spans carry a category (coloured, optionally named inline or in
// a legend) or a score (shaded by sign and strength). Interactive: click a span, or select
// part of one, to give it a category or remove it.

import { HighlightedTextBase } from "../generated/components/highlighted_text.gen";
import { register } from "../core/registry";
import { frame, h, localId } from "../core/dom";
import "../styles/chat.css";

interface Token {
  token: string;
  class_or_confidence?: string | number | null;
}

/** Colours given to categories without one in `color_map`, in order of appearance. */
const PALETTE = ["#f97316", "#22c55e", "#3b82f6", "#eab308", "#a855f7", "#14b8a6", "#ec4899", "#84cc16", "#6366f1", "#ef4444"];

interface Pending {
  index: number;
  start: number;
  end: number;
}

export class HighlightedText extends HighlightedTextBase {
  private editing: Pending | null = null;

  private get tokens(): Token[] {
    return Array.isArray(this.props.value) ? (this.props.value as Token[]) : [];
  }

  private colors(): Map<string, string> {
    const map = new Map<string, string>();
    const given = this.props.color_map && typeof this.props.color_map === "object" ? (this.props.color_map as Record<string, string>) : {};
    for (const [name, color] of Object.entries(given)) map.set(name, color);
    let next = 0;
    for (const token of this.tokens) {
      const category = token.class_or_confidence;
      if (typeof category !== "string" || map.has(category)) continue;
      map.set(category, PALETTE[next % PALETTE.length]!);
      next += 1;
    }
    return map;
  }

  protected build(): void {
    const p = this.props;
    const editable = this.interactive;
    const selectable = p._selectable === true;
    const colors = this.colors();
    const body: Node[] = [];
    const tokens = this.tokens;
    const scored = tokens.some((t) => typeof t.class_or_confidence === "number");
    if (p.show_legend && tokens.length > 0) body.push(this.legend(colors, scored));
    const textBox = h("div", { class: "sb-ht-text", "data-testid": "highlighted-text" });
    if (p.rtl) textBox.dir = "rtl";
    if (editable) textBox.classList.add("sb-ht-editable");
    if (selectable || editable) textBox.classList.add("sb-ht-selectable");
    const inline = !editable && !p.show_legend && p.show_inline_category !== false;
    tokens.forEach((token, index) => textBox.append(this.tokenView(token, index, colors, inline, selectable, editable)));
    if (tokens.length === 0) textBox.append(h("span", { class: "sb-json-empty" }, "Empty"));
    if (editable) {
      textBox.addEventListener("mouseup", () => this.onTextSelection(textBox));
    }
    body.push(textBox);
    if (editable && this.editing) body.push(this.editor(colors));
    this.replaceChildren(frame({ label: p.label, showLabel: p.show_label, container: p.container }, body));
  }

  protected override showValue(): void {
    this.editing = null;
    this.build();
  }

  private background(category: string | number | null | undefined, colors: Map<string, string>): string {
    if (typeof category === "number") {
      const strength = Math.min(1, Math.abs(category)) * 0.55;
      return category >= 0 ? `rgba(239, 68, 68, ${strength})` : `rgba(59, 130, 246, ${strength})`;
    }
    if (typeof category === "string") {
      const color = colors.get(category) ?? PALETTE[0]!;
      return `color-mix(in srgb, ${color} 35%, var(--sb-bg))`; // pastel, or dark in the dark theme
    }
    return "";
  }

  private legend(colors: Map<string, string>, scored: boolean): HTMLElement {
    const legend = h("div", { class: "sb-ht-legend", "data-testid": "highlighted-text:legend", role: "list", "aria-label": "Categories" });
    for (const name of colors.keys()) {
      legend.append(h("span", { class: "sb-ht-legend-item", role: "listitem", style: `background: ${this.background(name, colors)}` }, name));
    }
    if (scored) {
      legend.append(
        h("span", { class: "sb-ht-legend-item", role: "listitem", style: `background: ${this.background(-1, colors)}` }, "−1"),
        h("span", { class: "sb-ht-legend-item", role: "listitem", style: `background: ${this.background(1, colors)}` }, "+1"),
      );
    }
    return legend;
  }

  private tokenView(token: Token, index: number, colors: Map<string, string>, inline: boolean, selectable: boolean, editable: boolean): HTMLElement {
    const category = token.class_or_confidence ?? null;
    const span = h("span", { class: "sb-ht-token", "data-index": index });
    span.append(token.token);
    if (category === null) {
      span.classList.add("sb-ht-plain");
    } else {
      span.style.background = this.background(category, colors);
      if (inline && typeof category === "string") span.append(h("span", { class: "sb-ht-category" }, category));
      if (typeof category === "number") span.title = String(category);
    }
    if (selectable || editable) {
      span.tabIndex = 0;
      span.setAttribute("role", "button");
      span.setAttribute("aria-label", category === null ? token.token : `${token.token} (${category})`);
      const activate = (): void => {
        if (selectable) this.emitSelect({ index, value: [token.token, category] });
        if (editable) this.startEdit({ index, start: 0, end: token.token.length });
      };
      span.addEventListener("click", () => {
        const selection = window.getSelection();
        if (editable && selection && !selection.isCollapsed) return;
        activate();
      });
      span.addEventListener("keydown", (event) => {
        if (event.key !== "Enter" && event.key !== " ") return;
        event.preventDefault();
        activate();
      });
    }
    return span;
  }

  /** A selection inside one span: offer to label just that part. */
  private onTextSelection(box: HTMLElement): void {
    const selection = window.getSelection();
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) return;
    const range = selection.getRangeAt(0);
    const tokenOf = (node: Node): HTMLElement | null => (node instanceof HTMLElement ? node : node.parentElement)?.closest<HTMLElement>(".sb-ht-token") ?? null;
    const start = tokenOf(range.startContainer);
    const end = tokenOf(range.endContainer);
    if (!start || start !== end || !box.contains(start)) return;
    const index = Number(start.dataset.index);
    const textNode = start.firstChild;
    if (!(textNode instanceof Text) || range.startContainer !== textNode || range.endContainer !== textNode) return;
    const from = Math.min(range.startOffset, range.endOffset);
    const to = Math.max(range.startOffset, range.endOffset);
    if (from === to) return;
    this.startEdit({ index, start: from, end: to });
  }

  private startEdit(pending: Pending): void {
    this.editing = pending;
    this.build();
    this.querySelector<HTMLInputElement>(".sb-ht-editor input")?.focus();
  }

  private editor(colors: Map<string, string>): HTMLElement {
    const pending = this.editing!;
    const token = this.tokens[pending.index];
    const part = token ? token.token.slice(pending.start, pending.end) : "";
    const listId = localId("categories");
    const field = h("input", { type: "text", class: "sb-input", list: listId, "aria-label": "Category", placeholder: "Category" });
    const current = token?.class_or_confidence;
    if (current !== null && current !== undefined && pending.start === 0 && pending.end === token!.token.length) field.value = String(current);
    const options = h("datalist", { id: listId }, ...[...colors.keys()].map((name) => h("option", { value: name })));
    const apply = (): void => this.applyEdit(field.value.trim() || null);
    field.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault();
        apply();
      } else if (event.key === "Escape") {
        this.editing = null;
        this.build();
      }
    });
    return h(
      "div",
      { class: "sb-ht-editor", role: "group", "aria-label": `Label "${part}"` },
      h("span", {}, `“${part}”`),
      field,
      options,
      h("button", { type: "button", class: "sb-btn sb-btn-primary", onclick: apply }, "Apply"),
      h("button", { type: "button", class: "sb-btn", onclick: () => this.applyEdit(null) }, "Remove label"),
      h(
        "button",
        {
          type: "button",
          class: "sb-btn",
          onclick: () => {
            this.editing = null;
            this.build();
          },
        },
        "Cancel",
      ),
    );
  }

  private applyEdit(category: string | null): void {
    const pending = this.editing;
    this.editing = null;
    const tokens = this.tokens.map((t) => ({ token: t.token, class_or_confidence: t.class_or_confidence ?? null }));
    const token = pending ? tokens[pending.index] : undefined;
    if (!pending || !token) return this.build();
    const before = token.token.slice(0, pending.start);
    const middle = token.token.slice(pending.start, pending.end);
    const after = token.token.slice(pending.end);
    const pieces = [
      { token: before, class_or_confidence: token.class_or_confidence },
      { token: middle, class_or_confidence: category },
      { token: after, class_or_confidence: token.class_or_confidence },
    ].filter((piece) => piece.token.length > 0);
    tokens.splice(pending.index, 1, ...pieces);
    // Neighbours of the same category become one span again.
    const merged: Token[] = [];
    for (const piece of tokens) {
      const last = merged[merged.length - 1];
      if (last && last.class_or_confidence === piece.class_or_confidence && piece.class_or_confidence === null) last.token += piece.token;
      else merged.push({ ...piece });
    }
    this.setUserValue(merged, true);
  }
}

register(HighlightedText);
