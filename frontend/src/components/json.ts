// JSON: a collapsible tree view of a JSON value, with a copy button.

import { JSONBase } from "../generated/components/json.gen";
import { register } from "../core/registry";
import { cssSize, frame, h, icon } from "../core/dom";
import "../styles/chat.css";

/** Levels shown expanded when `open` is false. */
const OPEN_DEPTH = 3;

function scalar(value: unknown): HTMLElement {
  if (value === null || value === undefined) return h("span", { class: "sb-json-null" }, "null");
  if (typeof value === "string") return h("span", { class: "sb-json-string" }, JSON.stringify(value));
  if (typeof value === "number") return h("span", { class: "sb-json-number" }, String(value));
  if (typeof value === "boolean") return h("span", { class: "sb-json-boolean" }, String(value));
  return h("span", {}, String(value));
}

export class JSONView extends JSONBase {
  protected build(): void {
    const p = this.props;
    const tree = h("div", { class: "sb-json-tree", role: "tree", "aria-label": typeof p.label === "string" && p.label ? p.label : "JSON" });
    const height = cssSize(p.height);
    const max = cssSize(p.max_height);
    const min = cssSize(p.min_height);
    if (height) tree.style.height = height;
    if (max) tree.style.maxHeight = max;
    if (min) tree.style.minHeight = min;
    const value = p.value;
    const empty = value === null || value === undefined || value === "" || (typeof value === "object" && Object.keys(value as object).length === 0);
    if (empty && (value === null || value === undefined || value === "")) {
      tree.append(h("div", { class: "sb-json-empty" }, "Empty"));
    } else {
      tree.append(h("ul", { class: "sb-json-node", role: "group" }, this.node(null, value, 0, false)));
    }
    const body: Node[] = [];
    const buttons = p.buttons;
    const showCopy = buttons === null || buttons === undefined || (Array.isArray(buttons) && buttons.includes("copy"));
    if (showCopy && !empty) {
      const copy = h("button", { type: "button", class: "sb-icon-button sb-copy-button", "aria-label": "Copy JSON", title: "Copy JSON" }, icon("copy"));
      copy.addEventListener("click", () => {
        void navigator.clipboard?.writeText(JSON.stringify(this.props.value, null, 2)).catch(() => undefined);
        copy.replaceChildren(icon("check"));
        window.setTimeout(() => copy.replaceChildren(icon("copy")), 1500);
      });
      body.push(h("div", { class: "sb-corner-buttons" }, copy));
    }
    body.push(tree);
    this.replaceChildren(frame({ label: p.label, showLabel: p.show_label, container: p.container }, body));
  }

  /** One entry: `key: value`, where containers fold open and closed. */
  private node(key: string | number | null, value: unknown, depth: number, isIndex: boolean): HTMLElement {
    const item = h("li", { role: "treeitem" });
    const keyPart = (): HTMLElement[] => {
      if (key === null) return [];
      if (isIndex) return this.props.show_indices ? [h("span", { class: "sb-json-index" }, `${key}: `)] : [];
      return [h("span", { class: "sb-json-key" }, JSON.stringify(key)), h("span", {}, ": ")];
    };
    if (value === null || typeof value !== "object") {
      item.append(...keyPart(), scalar(value));
      return item;
    }
    const array = Array.isArray(value);
    const entries: [string | number, unknown][] = array ? (value as unknown[]).map((v, i) => [i, v]) : Object.entries(value as object);
    const [open, close] = array ? ["[", "]"] : ["{", "}"];
    if (entries.length === 0) {
      item.append(...keyPart(), h("span", {}, `${open}${close}`));
      return item;
    }
    let expanded = this.props.open === true || depth < OPEN_DEPTH;
    const toggle = h("button", { type: "button", class: "sb-json-toggle", "aria-label": expanded ? "Collapse" : "Expand" }, expanded ? "▼" : "▶");
    const summary = h("span", { class: "sb-json-summary" }, `${open}…${close} ${entries.length} ${entries.length === 1 ? "item" : "items"}`);
    const children = h("ul", { class: "sb-json-node", role: "group" });
    for (const [childKey, child] of entries) children.append(this.node(childKey, child, depth + 1, array));
    const closing = h("div", {}, close);
    const opening = h("span", {}, open);
    const show = (): void => {
      opening.hidden = !expanded;
      toggle.textContent = expanded ? "▼" : "▶";
      toggle.setAttribute("aria-label", expanded ? "Collapse" : "Expand");
      item.setAttribute("aria-expanded", String(expanded));
      summary.hidden = expanded;
      children.hidden = !expanded;
      closing.hidden = !expanded;
    };
    toggle.addEventListener("click", () => {
      expanded = !expanded;
      show();
    });
    item.append(toggle, ...keyPart(), opening, summary, children, closing);
    show();
    return item;
  }
}

register(JSONView);
