// ParamViewer: a table of parameters (name, type, default, description), each folding open,
// with a button that opens or closes them all.

import { ParamViewerBase } from "../generated/components/param_viewer.gen";
import { register } from "../core/registry";
import { cssSize, h } from "../core/dom";
import { renderMarkdown } from "../core/markdown";
import "../styles/chat.css";

interface Param {
  type?: string | null;
  description?: string | null;
  default?: string | null;
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export class ParamViewer extends ParamViewerBase {
  private allOpen = false;

  protected build(): void {
    const p = this.props;
    const value = p.value && typeof p.value === "object" ? (p.value as Record<string, Param>) : {};
    const wrap = h("div", { class: "sb-pv", "data-language": p.language ?? "python" });
    const list = h("div", { class: "sb-pv-list" });
    const max = cssSize(p.max_height);
    if (max) list.style.maxHeight = max;
    if (typeof p.header === "string") {
      const toggle = h("button", { type: "button", class: "sb-icon-button sb-pv-toggle", "aria-label": this.allOpen ? "Close all" : "Open all", title: this.allOpen ? "Close all" : "Open all" }, this.allOpen ? "▲" : "▼");
      toggle.addEventListener("click", () => {
        this.allOpen = !this.allOpen;
        for (const details of list.querySelectorAll("details")) details.open = this.allOpen;
        toggle.textContent = this.allOpen ? "▲" : "▼";
        toggle.setAttribute("aria-label", this.allOpen ? "Close all" : "Open all");
        toggle.title = this.allOpen ? "Close all" : "Open all";
      });
      wrap.append(h("div", { class: "sb-pv-header" }, h("span", { class: "sb-pv-title" }, p.header), toggle));
    }
    const prefix = typeof p.anchor_links === "string" ? p.anchor_links : "";
    const anchors = p.anchor_links === true || (typeof p.anchor_links === "string" && p.anchor_links.length > 0);
    for (const [name, info] of Object.entries(value)) {
      const details = h("details", { class: "sb-pv-param" });
      details.open = this.allOpen;
      const summary = h("summary", {}, h("code", { class: "sb-pv-name" }, name));
      if (info.type) summary.append(h("code", {}, ": "), this.code(info.type, "sb-pv-type"));
      if (anchors) {
        const id = `param-${prefix}${name}`.toLowerCase().replace(/[^\w-]+/g, "-");
        details.id = id;
        summary.append(h("a", { class: "sb-pv-anchor", href: `#${id}`, "aria-label": `Link to ${name}` }, "#"));
      }
      details.append(summary);
      if (info.default !== null && info.default !== undefined && info.default !== "") {
        details.append(h("div", { class: "sb-pv-default" }, h("span", { class: "sb-pv-default-label" }, "default"), h("code", {}, "= "), this.code(info.default, "sb-pv-value")));
      }
      if (info.description) {
        const desc = h("div", { class: "sb-pv-desc sb-md" });
        renderMarkdown(desc, this.linkified(info.description), { codeCopy: false });
        details.append(desc);
      }
      list.append(details);
    }
    wrap.append(list);
    this.replaceChildren(wrap);
  }

  /** Code (a type or default) with the `linkify` names as links. */
  private code(source: string, className: string): HTMLElement {
    const code = h("code", { class: className });
    const names = (Array.isArray(this.props.linkify) ? this.props.linkify : []).filter((n) => typeof n === "string" && n);
    if (names.length === 0) {
      code.textContent = source;
      return code;
    }
    const pattern = new RegExp(`(${names.map(escapeRegExp).join("|")})`, "g");
    for (const piece of source.split(pattern)) {
      if (names.includes(piece)) code.append(h("a", { href: `#h-${piece.toLowerCase()}` }, piece));
      else if (piece) code.append(piece);
    }
    return code;
  }

  private linkified(description: string): string {
    const names = (Array.isArray(this.props.linkify) ? this.props.linkify : []).filter((n) => typeof n === "string" && n);
    if (names.length === 0) return description;
    const pattern = new RegExp(`\\b(${names.map(escapeRegExp).join("|")})\\b`, "g");
    return description.replace(pattern, (name: string) => `[${name}](#h-${name.toLowerCase()})`);
  }
}

register(ParamViewer);
