// Accordion and Sidebar: panels the user opens and closes (expand / collapse events).

import { AccordionBase } from "../generated/components/accordion.gen";
import { SidebarBase } from "../generated/components/sidebar.gen";
import { register } from "../core/registry";
import { cssSize, h, icon, localId, text } from "../core/dom";
import "../styles/data.css";

export class Accordion extends AccordionBase {
  private panel: HTMLElement | null = null;
  private toggle: HTMLButtonElement | null = null;
  private childrenDrawn = false;

  protected build(): void {
    const open = this.props.open !== false;
    if (!this.panel || !this.toggle) {
      const panel = h("div", { class: "sb-accordion-panel", id: localId("panel"), role: "region" });
      const toggle = h("button", { type: "button", class: "sb-accordion-toggle" });
      toggle.addEventListener("click", () => this.setOpen(!(this.props.open !== false)));
      this.replaceChildren(toggle, panel);
      this.panel = panel;
      this.toggle = toggle;
    }
    const label = text(this.props.label);
    const chevron = icon("caret"); // points left when closed and down when open, as in Gradio
    chevron.classList.add("sb-accordion-chevron");
    this.toggle.replaceChildren(h("span", { class: "sb-accordion-label" }, label), chevron);
    this.toggle.id = `${this.panel.id}-toggle`;
    this.toggle.setAttribute("aria-expanded", String(open));
    this.toggle.setAttribute("aria-controls", this.panel.id);
    this.panel.setAttribute("aria-labelledby", this.toggle.id);
    this.panel.style.height = cssSize(this.props.height);
    this.panel.style.maxHeight = cssSize(this.props.max_height);
    this.classList.toggle("sb-open", open);
    // Children are drawn at once (hidden while closed) so that their values are kept.
    if (!this.childrenDrawn) {
      this.childrenDrawn = true;
      this.host.renderChildren(this.blockId, this.panel);
    }
    this.panel.hidden = !open;
  }

  private setOpen(open: boolean): void {
    this.props.open = open;
    this.build();
    if (open) this.emitExpand();
    else this.emitCollapse();
  }
}

/** The sidebars open on each side: the page leaves room for them on wide screens. */
const openSides = { left: new Set<Sidebar>(), right: new Set<Sidebar>() };

function layoutPage(): void {
  const root = document.documentElement;
  for (const side of ["left", "right"] as const) {
    const open = [...openSides[side]].filter((s) => s.isConnected && !s.hidden);
    root.classList.toggle(`sb-sidebar-${side}-open`, open.length > 0);
    if (open[0]) root.style.setProperty(`--sb-sidebar-${side}`, getComputedStyle(open[0]).getPropertyValue("--sb-sidebar-width") || "20rem");
  }
}

export class Sidebar extends SidebarBase {
  private panel: HTMLElement | null = null;
  private toggle: HTMLButtonElement | null = null;
  private heading: HTMLElement | null = null;

  protected build(): void {
    const open = this.props.open !== false;
    const side = this.props.position === "right" ? "right" : "left";
    this.dataset.position = side;
    if (!this.panel || !this.toggle || !this.heading) {
      const panel = h("aside", { class: "sb-sidebar-panel", id: localId("sidebar") });
      const toggle = h("button", { type: "button", class: "sb-sidebar-toggle" }, icon("menu"));
      toggle.addEventListener("click", () => this.setOpen(!(this.props.open !== false)));
      const heading = h("div", { class: "sb-sidebar-label", id: `${panel.id}-label` });
      panel.append(heading);
      this.host.renderChildren(this.blockId, panel);
      // The toggle sits on the panel's inner edge (the CSS lays them out in this order).
      this.replaceChildren(panel, toggle);
      this.panel = panel;
      this.toggle = toggle;
      this.heading = heading;
    }
    const label = text(this.props.label);
    this.heading.textContent = label;
    this.heading.hidden = !label;
    if (label) this.panel.setAttribute("aria-labelledby", this.heading.id);
    else this.panel.setAttribute("aria-label", "Sidebar");
    this.style.setProperty("--sb-sidebar-width", cssSize(this.props.width) || "20rem");
    this.toggle.setAttribute("aria-label", open ? "Close sidebar" : "Open sidebar");
    this.toggle.setAttribute("aria-expanded", String(open));
    this.toggle.setAttribute("aria-controls", this.panel.id);
    this.classList.toggle("sb-open", open);
    this.panel.hidden = !open;
    openSides.left.delete(this);
    openSides.right.delete(this);
    if (open && !this.hidden) openSides[side].add(this);
    layoutPage();
  }

  connectedCallback(): void {
    layoutPage();
  }

  disconnectedCallback(): void {
    openSides.left.delete(this);
    openSides.right.delete(this);
    layoutPage();
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
