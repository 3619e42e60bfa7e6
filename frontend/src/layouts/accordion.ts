// Accordion and Sidebar: panels the user opens and closes (expand / collapse events).

import { AccordionBase } from "../generated/components/accordion.gen";
import { SidebarBase } from "../generated/components/sidebar.gen";
import { register } from "../core/registry";
import { cssSize, h, icon, localId, text } from "../core/dom";

export class Accordion extends AccordionBase {
  private panel: HTMLElement | null = null;
  private toggle: HTMLButtonElement | null = null;

  protected build(): void {
    const open = this.props.open !== false;
    if (!this.panel || !this.toggle) {
      const panel = h("div", { class: "sb-accordion-panel", id: localId("panel"), role: "region" });
      const toggle = h("button", { type: "button", class: "sb-accordion-toggle" });
      toggle.addEventListener("click", () => this.setOpen(!(this.props.open !== false)));
      panel.style.maxHeight = cssSize(this.props.max_height);
      this.host.renderChildren(this.blockId, panel);
      this.replaceChildren(toggle, panel);
      this.panel = panel;
      this.toggle = toggle;
    }
    this.toggle.replaceChildren(h("span", {}, text(this.props.label)), icon("menu"));
    this.toggle.setAttribute("aria-expanded", String(open));
    this.toggle.setAttribute("aria-controls", this.panel.id);
    this.panel.hidden = !open;
  }

  private setOpen(open: boolean): void {
    this.props.open = open;
    this.build();
    if (open) this.emitExpand();
    else this.emitCollapse();
  }
}

export class Sidebar extends SidebarBase {
  private panel: HTMLElement | null = null;
  private toggle: HTMLButtonElement | null = null;

  protected build(): void {
    const open = this.props.open !== false;
    this.dataset.position = this.props.position === "right" ? "right" : "left";
    if (!this.panel || !this.toggle) {
      const panel = h("aside", { class: "sb-sidebar-panel", id: localId("sidebar") });
      const label = text(this.props.label) || "Sidebar";
      panel.setAttribute("aria-label", label);
      const toggle = h("button", { type: "button", class: "sb-sidebar-toggle" }, icon("menu"));
      toggle.addEventListener("click", () => this.setOpen(!(this.props.open !== false)));
      this.host.renderChildren(this.blockId, panel);
      this.replaceChildren(toggle, panel);
      this.panel = panel;
      this.toggle = toggle;
    }
    this.style.setProperty("--sb-sidebar-width", cssSize(this.props.width) || "20rem");
    this.toggle.setAttribute("aria-label", open ? "Close sidebar" : "Open sidebar");
    this.toggle.setAttribute("aria-expanded", String(open));
    this.toggle.setAttribute("aria-controls", this.panel.id);
    this.classList.toggle("sb-open", open);
    this.panel.hidden = !open;
  }

  private setOpen(open: boolean): void {
    this.props.open = open;
    this.build();
    if (open) this.emitExpand();
    else this.emitCollapse();
  }
}

register(Accordion);
register(Sidebar);
