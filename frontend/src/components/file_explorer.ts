// FileExplorer: a tree of the files under a folder on the server; the user ticks files.
// Folders are listed lazily through the component's server function `ls`.

import { FileExplorerBase } from "../generated/components/file_explorer.gen";
import { register } from "../core/registry";
import { cssSize, frame, h, localId } from "../core/dom";
import { customButtons } from "../core/media";
import { mediaIcon } from "./file";

interface Entry {
  name: string;
  type: "file" | "folder";
  valid: boolean;
}

const key = (parts: string[]): string => JSON.stringify(parts);

export class SbFileExplorer extends FileExplorerBase {
  private listings = new Map<string, Entry[] | "loading" | "error">();
  private opened = new Set<string>();
  private tree: HTMLElement | null = null;

  protected build(): void {
    const p = this.props;
    this.listings.clear();
    this.openSelected();
    const tree = h("ul", { class: "sb-explorer-tree" });
    this.tree = tree;
    const scroll = h("div", { class: "sb-explorer-scroll" }, tree);
    if (p.height !== null && p.height !== undefined) scroll.style.height = cssSize(p.height);
    if (p.max_height !== null && p.max_height !== undefined) scroll.style.maxHeight = cssSize(p.max_height);
    if (p.min_height !== null && p.min_height !== undefined) scroll.style.minHeight = cssSize(p.min_height);
    const custom = customButtons(p.buttons, this.host, "sb-av-custom-button");
    const toolbar = custom.length > 0 ? h("div", { class: "sb-av-toolbar" }, ...custom) : null;
    const block = frame({ label: p.label, info: p.info, showLabel: p.show_label, container: p.container }, toolbar ? [scroll, toolbar] : [scroll]);
    const label = block.querySelector(".sb-label");
    if (label) {
      label.id = localId("explorer-label");
      tree.setAttribute("aria-labelledby", label.id);
    } else if (typeof p.label === "string" && p.label) {
      tree.setAttribute("aria-label", p.label);
    }
    this.replaceChildren(block);
    this.draw();
  }

  protected override showValue(): void {
    if (!this.tree) return this.build();
    this.openSelected();
    this.draw();
  }

  private selection(): string[][] {
    const value = this.props.value;
    if (!Array.isArray(value)) return [];
    return value.filter((item): item is string[] => Array.isArray(item) && item.every((part) => typeof part === "string"));
  }

  private isSelected(parts: string[]): boolean {
    const k = key(parts);
    return this.selection().some((item) => key(item) === k);
  }

  /** Open the folders that hold selected files, so the selection is visible. */
  private openSelected(): void {
    for (const parts of this.selection()) {
      for (let i = 1; i < parts.length; i += 1) this.opened.add(key(parts.slice(0, i)));
    }
  }

  private listing(parts: string[]): Entry[] | "loading" | "error" {
    const k = key(parts);
    const known = this.listings.get(k);
    if (known) return known;
    this.listings.set(k, "loading");
    this.host
      .callServer(this.blockId, "ls", parts)
      .then((result) => {
        this.listings.set(k, Array.isArray(result) ? (result as Entry[]) : []);
      })
      .catch(() => {
        this.listings.set(k, "error");
      })
      .finally(() => this.draw());
    return "loading";
  }

  private draw(): void {
    const tree = this.tree;
    if (!tree) return;
    const focused = document.activeElement instanceof HTMLElement && tree.contains(document.activeElement) ? document.activeElement.dataset.path : undefined;
    tree.replaceChildren(...this.items([], 1));
    if (focused) tree.querySelector<HTMLElement>(`[data-path='${CSS.escape(focused)}']`)?.focus();
  }

  private items(parts: string[], level: number): HTMLElement[] {
    const listing = this.listing(parts);
    if (listing === "loading") return [h("li", { class: "sb-explorer-note" }, "Loading…")];
    if (listing === "error") return [h("li", { class: "sb-explorer-note" }, "Could not list this folder.")];
    if (listing.length === 0 && level === 1) return [h("li", { class: "sb-explorer-note" }, "No files")];
    return listing.map((entry, index) => this.item(entry, [...parts, entry.name], level, index));
  }

  private item(entry: Entry, parts: string[], level: number, index: number): HTMLElement {
    const folder = entry.type === "folder";
    const open = folder && this.opened.has(key(parts));
    const selected = this.isSelected(parts);
    const row = h("div", { class: "sb-explorer-row" });
    row.style.paddingLeft = `${(level - 1) * 18}px`;
    if (folder) {
      const toggle = h(
        "button",
        { type: "button", class: "sb-explorer-toggle", "aria-expanded": String(open), "aria-label": `${open ? "Close" : "Open"} folder ${entry.name}`, "data-path": `t:${key(parts)}` },
        mediaIcon("chevron"),
      );
      toggle.addEventListener("click", () => this.toggleFolder(parts));
      row.append(toggle);
    } else {
      row.append(h("span", { class: "sb-explorer-spacer", "aria-hidden": "true" }));
    }
    const name = h("span", { class: "sb-explorer-name" }, mediaIcon(folder ? "folder" : "file"), entry.name);
    if (entry.valid) {
      const box = h("input", { type: "checkbox", class: "sb-explorer-check", checked: selected, disabled: !this.interactive, "data-path": `c:${key(parts)}` });
      box.id = localId("explorer-item");
      box.addEventListener("change", () => this.choose(parts, box.checked, index));
      row.append(box, h("label", { for: box.id, class: "sb-explorer-label" }, name));
    } else {
      row.append(name);
      if (folder) name.addEventListener("click", () => this.toggleFolder(parts));
    }
    const item = h("li", { class: selected ? "sb-explorer-item sb-explorer-selected" : "sb-explorer-item" }, row);
    if (folder && open) item.append(h("ul", { class: "sb-explorer-group", "aria-label": entry.name }, ...this.items(parts, level + 1)));
    return item;
  }

  private toggleFolder(parts: string[]): void {
    const k = key(parts);
    if (this.opened.has(k)) this.opened.delete(k);
    else this.opened.add(k);
    this.draw();
  }

  private choose(parts: string[], checked: boolean, index: number): void {
    const k = key(parts);
    const others = this.selection().filter((item) => key(item) !== k);
    const next = checked ? (this.props.file_count === "single" ? [parts] : [...others, parts]) : others;
    this.setUserValue(next);
    this.draw();
    this.emitSelect({ index, value: parts.join("/"), selected: checked });
  }
}

register(SbFileExplorer);
