// Dataset: clickable samples (a gallery of cards or a table of rows), each sample one value
// per component, drawn the way that component shows examples. Clicking a sample fires click
// and select; the value on the wire is the index of the chosen sample.

import { DatasetBase } from "../generated/components/dataset.gen";
import { register } from "../core/registry";
import { frame, h, text } from "../core/dom";
import { cellText, inlineMarkdown, safeHtml } from "./dataframe/cells";
import "../styles/data.css";

interface FileLike {
  path?: string;
  url?: string | null;
  orig_name?: string | null;
  mime_type?: string | null;
}

function isFile(value: unknown): value is FileLike {
  return typeof value === "object" && value !== null && ("path" in value || "url" in value);
}

const IMAGE_TYPES = new Set(["image", "simpleimage", "imageeditor", "annotatedimage", "imageslider"]);
const FILE_TYPES = new Set(["file", "video", "audio", "model3d", "uploadbutton", "downloadbutton"]);

/** A sample component's name: the config gives `{name, class_id}` (a plain name is taken too). */
function componentName(component: unknown): string {
  if (typeof component === "string") return component.toLowerCase();
  if (typeof component === "object" && component !== null) {
    const name = (component as { name?: unknown }).name;
    if (typeof name === "string") return name.toLowerCase();
  }
  return "";
}

export class Dataset extends DatasetBase {
  private page = 0;

  private samples(): unknown[][] {
    const samples = this.props.samples;
    return Array.isArray(samples) ? (samples.filter((s) => Array.isArray(s)) as unknown[][]) : [];
  }

  private kinds(): string[] {
    const components = this.props.components;
    return Array.isArray(components) ? components.map(componentName) : [];
  }

  private layout(): "gallery" | "table" {
    if (this.kinds().length > 1) return "table";
    return this.props.layout === "table" ? "table" : "gallery";
  }

  protected build(): void {
    const p = this.props;
    const samples = this.samples();
    const perPage = Math.max(1, Number(p.samples_per_page) || 10);
    const pages = Math.max(1, Math.ceil(samples.length / perPage));
    this.page = Math.min(this.page, pages - 1);
    const first = this.page * perPage;
    const shown = samples.slice(first, first + perPage);
    const body: Node[] = [];
    const view = this.layout() === "table" ? this.table(shown, first) : this.gallery(shown, first);
    body.push(view);
    if (pages > 1) body.push(this.pager(pages));
    // as Gradio's: a dataset without a label is headed "Examples"
    const heading = p.label === null || p.label === undefined ? "Examples" : p.label;
    const block = frame({ label: heading, showLabel: p.show_label, container: p.container }, body, null);
    this.replaceChildren(block);
  }

  protected override showValue(): void {
    for (const item of this.querySelectorAll<HTMLElement>("[data-index]")) {
      const selected = Number(item.dataset.index) === this.props.value;
      item.classList.toggle("sb-dataset-selected", selected);
      if (item instanceof HTMLButtonElement) item.setAttribute("aria-pressed", String(selected));
    }
  }

  private labelOf(index: number): string | null {
    const labels = this.props.sample_labels;
    return Array.isArray(labels) && typeof labels[index] === "string" ? labels[index] : null;
  }

  private gallery(shown: unknown[][], first: number): HTMLElement {
    const list = h("div", { class: "sb-dataset-gallery", role: "group" });
    const label = text(this.props.label ?? "Examples");
    if (label) list.setAttribute("aria-label", label);
    shown.forEach((sample, offset) => {
      const index = first + offset;
      const button = h("button", { type: "button", class: "sb-dataset-sample", "data-index": index });
      const own = this.labelOf(index);
      if (own !== null) button.append(own);
      else button.append(this.render(sample[0] ?? null, 0));
      button.setAttribute("aria-pressed", String(this.props.value === index));
      button.classList.toggle("sb-dataset-selected", this.props.value === index);
      button.addEventListener("click", () => this.choose(index));
      list.append(button);
    });
    return list;
  }

  private table(shown: unknown[][], first: number): HTMLElement {
    const headers = Array.isArray(this.props.headers) ? this.props.headers : [];
    const columns = Math.max(this.kinds().length, ...shown.map((s) => s.length), 1);
    const table = h("table", { class: "sb-dataset-table" });
    const label = text(this.props.label ?? "Examples");
    if (label) table.setAttribute("aria-label", label);
    if (headers.length) {
      const row = h("tr", {});
      for (let col = 0; col < columns; col += 1) row.append(h("th", { scope: "col" }, text(headers[col] ?? "")));
      table.append(h("thead", {}, row));
    }
    const body = h("tbody", {});
    shown.forEach((sample, offset) => {
      const index = first + offset;
      const tr = h("tr", { class: "sb-dataset-row", "data-index": index, tabindex: 0 });
      tr.classList.toggle("sb-dataset-selected", this.props.value === index);
      const own = this.labelOf(index);
      if (own !== null) {
        tr.append(h("td", { colspan: columns }, own));
      } else {
        for (let col = 0; col < columns; col += 1) tr.append(h("td", {}, this.render(sample[col] ?? null, col)));
      }
      tr.addEventListener("click", () => this.choose(index));
      tr.addEventListener("keydown", (event) => {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          this.choose(index);
        }
      });
      body.append(tr);
    });
    table.append(body);
    return h("div", { class: "sb-dataset-scroll" }, table);
  }

  private pager(pages: number): HTMLElement {
    const nav = h("nav", { class: "sb-dataset-pages", "aria-label": "Pages of samples" });
    for (let page = 0; page < pages; page += 1) {
      const current = page === this.page;
      const button = h("button", { type: "button", class: "sb-dataset-page", "aria-current": current ? "page" : null }, String(page + 1));
      button.addEventListener("click", () => {
        this.page = page;
        this.build();
        this.querySelector<HTMLElement>(".sb-dataset-page[aria-current]")?.focus();
      });
      nav.append(button);
    }
    return nav;
  }

  /** One sample value, drawn the way its component shows examples. */
  private render(value: unknown, col: number): Node {
    const kind = this.kinds()[col] ?? "";
    const props = (Array.isArray(this.props.component_props) ? this.props.component_props[col] : null) ?? {};
    if (value === null || value === undefined || value === "") return h("span", { class: "sb-dataset-empty" }, "—");
    if (IMAGE_TYPES.has(kind)) {
      const file = Array.isArray(value) ? value[0] : isFile(value) ? value : (value as { image?: unknown })?.image ?? value;
      if (isFile(file)) return h("img", { class: "sb-dataset-image", src: this.host.fileUrl(file as never), alt: text(file.orig_name) || "Sample image" });
      if (typeof file === "string") return h("img", { class: "sb-dataset-image", src: file, alt: "Sample image" });
    }
    if (FILE_TYPES.has(kind) || isFile(value)) {
      const files = (Array.isArray(value) ? value : [value]).filter(isFile);
      if (files.length) return h("span", { class: "sb-dataset-file" }, files.map((f) => f.orig_name || (f.path ?? "").split("/").pop() || "file").join(", "));
    }
    if (kind === "checkbox") return h("span", {}, value === true ? "✓ true" : "✗ false");
    if (kind === "colorpicker" && typeof value === "string") {
      return h("span", { class: "sb-dataset-color" }, h("span", { class: "sb-dataset-swatch", style: `background:${value}` }), value);
    }
    // Code and text keep their line breaks (a code sample in the code font), as Gradio shows them.
    if (kind === "code") return h("pre", { class: "sb-dataset-code" }, cellText(value));
    if (kind === "textbox" && typeof value === "string") return h("span", { class: "sb-dataset-text" }, value);
    if (kind === "markdown" || kind === "chatbot") return h("span", {}, inlineMarkdown(cellText(value)));
    if (kind === "html") return h("span", {}, safeHtml(cellText(value)));
    if (kind === "dataframe" && Array.isArray(value)) {
      const table = h("table", { class: "sb-dataset-mini" });
      for (const row of value.slice(0, 5)) {
        const tr = h("tr", {});
        for (const cell of Array.isArray(row) ? row.slice(0, 5) : [row]) tr.append(h("td", {}, cellText(cell)));
        table.append(tr);
      }
      return table;
    }
    if (Array.isArray(value)) return h("span", {}, value.map((v) => cellText(Array.isArray(v) ? v[0] : v)).join(", "));
    if (kind === "dropdown" || kind === "radio") {
      const choices = (props as { choices?: unknown }).choices;
      if (Array.isArray(choices)) {
        const pair = choices.find((c) => Array.isArray(c) && c[1] === value) as unknown[] | undefined;
        if (pair) return h("span", {}, cellText(pair[0]));
      }
    }
    return h("span", {}, cellText(value));
  }

  private choose(index: number): void {
    const sample = this.samples()[index] ?? [];
    this.props.value = index;
    this.showValue();
    this.emitClick();
    this.emitSelect({ index, value: sample, selected: true });
  }
}

register(Dataset);
