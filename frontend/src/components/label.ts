// Label: a classification result, the top class as a heading and every class with a
// confidence bar; clicking a class row fires `select` when a listener wants it.

import { LabelBase } from "../generated/components/label.gen";
import { register } from "../core/registry";
import { frame, h, text } from "../core/dom";
import "../styles/chat.css";

interface Confidence {
  label?: string | number | null;
  confidence?: number | null;
}

export class Label extends LabelBase {
  protected build(): void {
    const p = this.props;
    const value = p.value && typeof p.value === "object" ? p.value : null;
    const body: Node[] = [];
    const confidences: Confidence[] = Array.isArray(value?.confidences) ? (value!.confidences as Confidence[]) : [];
    const top = value?.label;
    const hasTop = top !== null && top !== undefined && top !== "";
    if (hasTop && (p.show_heading !== false || confidences.length === 0)) {
      const heading = h("div", { class: "sb-label-heading", "data-testid": "label-output-value" }, text(top));
      if (typeof p.color === "string" && p.color) {
        heading.style.background = p.color;
        heading.style.borderRadius = "6px";
      }
      body.push(heading);
    }
    if (confidences.length > 0) {
      const selectable = p._selectable === true;
      const rows = h("div", { class: `sb-label-rows${selectable ? " sb-label-selectable" : ""}`, role: selectable ? "listbox" : "list", "aria-label": "Confidences" });
      confidences.forEach((entry, index) => {
        const name = text(entry.label);
        const share = typeof entry.confidence === "number" ? Math.max(0, Math.min(1, entry.confidence)) : 0;
        const percent = `${Math.round(share * 100)}%`;
        const bar = h("div", { class: "sb-label-bar", "aria-hidden": "true" }, h("div", { class: "sb-label-fill", style: `width: ${share * 100}%` }));
        const parts = [h("span", { class: "sb-label-name" }, name), " ", h("span", { class: "sb-label-percent" }, percent), bar];
        if (selectable) {
          const row = h("button", { type: "button", class: "sb-label-row", role: "option", "aria-selected": "false" }, ...parts);
          row.addEventListener("click", () => this.emitSelect({ index, value: entry.label ?? null, selected: true }));
          rows.append(row);
        } else {
          rows.append(h("div", { class: "sb-label-row", role: "listitem" }, ...parts));
        }
      });
      body.push(rows);
    }
    if (body.length === 0) body.push(h("div", { class: "sb-json-empty" }, "Empty"));
    this.replaceChildren(frame({ label: p.label, showLabel: p.show_label, container: p.container }, body));
  }
}

register(Label);
