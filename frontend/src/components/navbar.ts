// Navbar: links to the app's pages (its main page first) and to the extra pages in `value`.

import { NavbarBase } from "../generated/components/navbar.gen";
import { register } from "../core/registry";
import { h } from "../core/dom";
import "../styles/chat.css";

/** The app's base URL (its main page): the page says how many folders up it is. */
function appBase(): URL {
  const up = document.getElementById("sb-root")?.dataset.appBase ?? ".";
  return new URL(up, window.location.href);
}

export class Navbar extends NavbarBase {
  protected build(): void {
    const p = this.props;
    const list = h("ul", { class: "sb-navbar-bar" });
    const base = appBase();
    const here = window.location.href.replace(/[?#].*$/, "");
    const links: [string, string][] = [];
    if (p.main_page_name !== false) links.push([typeof p.main_page_name === "string" ? p.main_page_name : "Home", ""]);
    // the app's other pages that the navigation bar lists, then the extra links of `value`
    for (const [path, name, shown] of this.host.pages?.() ?? []) {
      if (path !== "" && shown) links.push([name, path]);
    }
    for (const pair of Array.isArray(p.value) ? p.value : []) {
      if (Array.isArray(pair) && typeof pair[0] === "string" && typeof pair[1] === "string") links.push([pair[0], pair[1]]);
    }
    for (const [name, path] of links) {
      const external = /^[a-z][\w+.-]*:/i.test(path);
      const href = external ? path : new URL(path.replace(/^\//, ""), base).href;
      const link = h("a", { class: "sb-navbar-link", href }, name);
      if (external) {
        link.target = "_blank";
        link.rel = "noopener noreferrer";
      } else if (href.replace(/\/$/, "") === here.replace(/\/$/, "")) {
        link.setAttribute("aria-current", "page");
      }
      list.append(h("li", {}, link));
    }
    const nav = h("nav", { class: "sb-navbar-nav", "aria-label": "Pages" }, list);
    this.replaceChildren(nav);
  }
}

register(Navbar);
