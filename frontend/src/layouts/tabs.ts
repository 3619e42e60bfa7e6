// Tabs and Tab: a tab bar; choosing a tab shows its panel (select / change events).
//
// Each Tab element holds its own tab button and its panel (the Tab element itself is
// `display: contents`, so its label, elem_id and visibility belong to it); the Tabs element
// lays the buttons out as one bar above the selected panel and exposes them to assistive
// technology as one tablist (`aria-owns`).

import { TabBase } from "../generated/components/tab.gen";
import { TabsBase } from "../generated/components/tabs.gen";
import { register } from "../core/registry";
import { cssSize, h, localId, text } from "../core/dom";
import "../styles/data.css";

export class Tab extends TabBase {
  /** The tab button (laid out in the Tabs bar). */
  button: HTMLButtonElement | null = null;
  private panel: HTMLElement | null = null;
  private childrenDrawn = false;

  protected build(): void {
    if (!this.button || !this.panel) {
      const panelId = localId("tabpanel");
      this.button = h("button", { type: "button", role: "tab", class: "sb-tab-button", id: `${panelId}-tab`, "aria-controls": panelId });
      this.panel = h("div", { class: "sb-tab-panel", role: "tabpanel", id: panelId, "aria-labelledby": `${panelId}-tab` });
      this.button.addEventListener("click", () => this.owner()?.pick(this));
      this.button.addEventListener("keydown", (event) => this.owner()?.onKey(event, this));
      this.replaceChildren(this.button, this.panel);
    }
    const p = this.props;
    this.button.textContent = text(p.label);
    this.button.disabled = p.interactive === false;
    this.button.classList.toggle("sb-tab-right", p.alignment === "right");
    this.panel.style.height = cssSize(p.height);
    this.panel.style.maxHeight = cssSize(p.max_height);
    if (typeof p.scale === "number") this.panel.style.flexGrow = String(p.scale);
    // Children are drawn at once (hidden while another tab is shown) so that updates sent
    // to them while the tab is closed are kept.
    this.drawChildren();
    this.owner()?.refresh();
  }

  connectedCallback(): void {
    this.owner()?.refresh();
  }

  private owner(): Tabs | null {
    const parent = this.parentElement?.closest("sb-tabs");
    return parent instanceof Tabs ? parent : null;
  }

  /** Draw the children into the panel (once). */
  private drawChildren(): void {
    if (this.childrenDrawn || !this.panel) return;
    this.childrenDrawn = true;
    this.host.renderChildren(this.blockId, this.panel);
  }

  /** Show or hide this tab's panel and mark its button (called by Tabs). */
  show(active: boolean): void {
    if (!this.button || !this.panel) return;
    this.button.setAttribute("aria-selected", String(active));
    this.button.tabIndex = active ? 0 : -1;
    this.panel.hidden = !active;
    this.classList.toggle("sb-tab-active", active);
  }

  /** Called by Tabs when the user picks this tab. */
  picked(index: number): void {
    this.emitSelect({ index, value: text(this.props.label), selected: true });
  }
}

export class Tabs extends TabsBase {
  private list: HTMLElement | null = null;
  private body: HTMLElement | null = null;
  /** The tab shown; kept so that hiding or adding tabs does not jump elsewhere. */
  private current: Tab | null = null;

  protected build(): void {
    if (!this.list || !this.body) {
      this.list = h("div", { class: "sb-tabs-list", role: "tablist" });
      this.body = h("div", { class: "sb-tabs-body" });
      this.replaceChildren(this.list, this.body);
      this.host.renderChildren(this.blockId, this.body);
    }
    this.body.classList.toggle("sb-tabs-wrap", this.props.overflow_behavior === "wrap");
    // A `selected` from the config or a server update picks the tab it names.
    const before = this.current;
    this.current = this.byProp() ?? this.current;
    this.refresh();
    if (before && this.current !== before) this.emitChange();
  }

  private tabs(): Tab[] {
    return [...(this.body?.children ?? [])].filter((c): c is Tab => c instanceof Tab);
  }

  private byProp(): Tab | null {
    const selected = this.props.selected;
    if (selected === null || selected === undefined) return null;
    const tabs = this.tabs();
    const byId = tabs.find((t) => t.currentProps.id !== null && t.currentProps.id !== undefined && t.currentProps.id === selected);
    if (byId) return byId;
    return typeof selected === "number" ? tabs[selected] ?? null : null;
  }

  /** The tab to show: the current one while it is visible, else the first visible tab. */
  private shown(tabs: Tab[]): Tab | null {
    if (this.current && tabs.includes(this.current) && !this.current.hidden) return this.current;
    return this.byProp() ?? tabs.find((t) => !t.hidden) ?? null;
  }

  /** Mark the selected tab and show its panel. */
  refresh(): void {
    if (!this.list) return;
    const tabs = this.tabs();
    const active = this.shown(tabs);
    this.current = active;
    const owned: string[] = [];
    for (const tab of tabs) {
      if (tab.button) owned.push(tab.button.id);
      tab.show(tab === active);
    }
    this.list.setAttribute("aria-owns", owned.join(" "));
  }

  /** Keyboard: arrows move between the enabled, visible tabs; Home/End jump to the ends. */
  onKey(event: KeyboardEvent, from: Tab): void {
    const usable = this.tabs().filter((t) => !t.hidden && t.currentProps.interactive !== false);
    const index = usable.indexOf(from);
    let next: Tab | undefined;
    if (event.key === "ArrowRight") next = usable[(index + 1) % usable.length];
    else if (event.key === "ArrowLeft") next = usable[(index - 1 + usable.length) % usable.length];
    else if (event.key === "Home") next = usable[0];
    else if (event.key === "End") next = usable[usable.length - 1];
    if (!next) return;
    event.preventDefault();
    this.pick(next);
    next.button?.focus();
  }

  /** The user picked `tab`: select fires on every pick, change when the tab changed. */
  pick(tab: Tab): void {
    if (tab.currentProps.interactive === false || tab.hidden) return;
    const tabs = this.tabs();
    const index = tabs.indexOf(tab);
    if (index < 0) return;
    const before = this.shown(tabs);
    this.current = tab;
    const id = tab.currentProps.id;
    this.props.selected = id !== null && id !== undefined ? id : index;
    this.refresh();
    tab.picked(index);
    this.emitSelect({ index, value: text(tab.currentProps.label), selected: true });
    if (before !== tab) this.emitChange();
  }
}

register(Tab);
register(Tabs);
