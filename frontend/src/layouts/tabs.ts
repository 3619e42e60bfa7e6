// Tabs and Tab: a tab list; choosing a tab shows its panel (select / change events).

import { TabBase } from "../generated/components/tab.gen";
import { TabsBase } from "../generated/components/tabs.gen";
import { register } from "../core/registry";
import { h, localId, text } from "../core/dom";

export class Tab extends TabBase {
  private drawn = false;

  protected build(): void {
    this.setAttribute("role", "tabpanel");
    if (!this.drawn) {
      this.drawn = true;
      this.host.renderChildren(this.blockId, this);
    }
    this.closest<Tabs>("sb-tabs")?.refresh();
  }

  /** Called by Tabs when the user picks this tab. */
  picked(index: number): void {
    this.emitSelect({ index, value: text(this.props.label), selected: true });
  }
}

export class Tabs extends TabsBase {
  private list: HTMLElement | null = null;
  private panels: HTMLElement | null = null;

  protected build(): void {
    if (!this.list || !this.panels) {
      this.list = h("div", { class: "sb-tablist", role: "tablist" });
      this.panels = h("div", { class: "sb-tabpanels" });
      this.host.renderChildren(this.blockId, this.panels);
      this.replaceChildren(this.list, this.panels);
    }
    this.refresh();
  }

  private tabs(): Tab[] {
    return [...(this.panels?.children ?? [])].filter((c): c is Tab => c instanceof Tab);
  }

  private selectedIndex(tabs: Tab[]): number {
    const selected = this.props.selected;
    const visible = tabs.filter((t) => !t.hidden);
    const byId = tabs.findIndex((t) => t.currentProps.id !== null && t.currentProps.id !== undefined && t.currentProps.id === selected);
    if (byId >= 0) return byId;
    if (typeof selected === "number" && tabs[selected]) return selected;
    return visible.length ? tabs.indexOf(visible[0]!) : -1;
  }

  /** Redraw the tab buttons and show the selected panel. */
  refresh(): void {
    if (!this.list) return;
    const tabs = this.tabs();
    const current = this.selectedIndex(tabs);
    this.list.replaceChildren();
    tabs.forEach((tab, index) => {
      if (!tab.id) tab.id = localId("tabpanel");
      const active = index === current;
      const button = h(
        "button",
        {
          type: "button",
          role: "tab",
          id: `${tab.id}-tab`,
          "aria-selected": String(active),
          "aria-controls": tab.id,
          tabindex: active ? 0 : -1,
          disabled: tab.currentProps.interactive === false,
        },
        text(tab.currentProps.label),
      );
      button.hidden = tab.hidden;
      button.addEventListener("click", () => this.pick(tabs, index));
      button.addEventListener("keydown", (event) => this.onKey(event, tabs, index));
      this.list!.append(button);
      tab.setAttribute("aria-labelledby", button.id);
      tab.classList.toggle("sb-tab-active", active);
      tab.style.display = active ? "" : "none";
    });
  }

  private onKey(event: KeyboardEvent, tabs: Tab[], index: number): void {
    const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const next = (index + step + tabs.length) % tabs.length;
    this.pick(tabs, next);
    (this.list?.children[next] as HTMLElement | undefined)?.focus();
  }

  private pick(tabs: Tab[], index: number): void {
    const tab = tabs[index];
    if (!tab) return;
    const before = this.selectedIndex(tabs);
    this.props.selected = tab.currentProps.id ?? index;
    this.refresh();
    if (before === index) return;
    const data = { index, value: text(tab.currentProps.label), selected: true };
    tab.picked(index);
    this.emitSelect(data);
    this.emitChange();
  }
}

register(Tab);
register(Tabs);
