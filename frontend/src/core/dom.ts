// Small DOM helpers shared by the hand-written elements.

import { localId } from "./component";

export { localId };

type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;
type Child = Node | string | null | undefined | false;

/** Create an element with attributes (`on*` keys add listeners) and children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") {
      node.addEventListener(key.slice(2), value);
    } else if (key in node && typeof value !== "string" && key !== "style") {
      (node as unknown as Record<string, unknown>)[key] = value;
    } else {
      node.setAttribute(key, value === true ? "" : String(value));
    }
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child);
  }
  return node;
}

/** SVG icons used by several elements (decorative: always aria-hidden). */
const ICONS: Record<string, string> = {
  copy: "M8 8h11v13H8zM5 3h11v3H7v11H5z",
  check: "M5 12l5 5 9-11",
  clear: "M6 6l12 12M18 6L6 18",
  download: "M12 4v11m-5-5l5 5 5-5M5 20h14",
  upload: "M12 20V9m-5 5l5-5 5 5M5 4h14",
  undo: "M9 14L4 9l5-5M4 9h11a5 5 0 010 10h-3",
  retry: "M4 12a8 8 0 1114 5M18 21v-4h-4",
  edit: "M4 20h4L19 9l-4-4L4 16z",
  like: "M7 11v9H4v-9zM7 11l4-7a2 2 0 013 2l-1 5h6a2 2 0 012 2l-2 7H7",
  dislike: "M7 13V4H4v9zM7 13l4 7a2 2 0 003-2l-1-5h6a2 2 0 002-2l-2-7H7",
  play: "M7 4l13 8-13 8z",
  pause: "M6 4h4v16H6zM14 4h4v16h-4z",
  stop: "M6 6h12v12H6z",
  back: "M11 6l-7 6 7 6zM20 6l-7 6 7 6z",
  caret: "M15 6l-7 6 7 6z",
  forward: "M13 6l7 6-7 6zM4 6l7 6-7 6z",
  record: "M12 7a5 5 0 110 10 5 5 0 010-10z",
  send: "M4 12l16-8-6 16-3-7z",
  close: "M6 6l12 12M18 6L6 18",
  menu: "M4 6h16M4 12h16M4 18h16",
};

/** An inline SVG icon. */
export function icon(name: string): SVGSVGElement {
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("class", `sb-icon sb-icon-${name}`);
  const path = document.createElementNS(ns, "path");
  path.setAttribute("d", ICONS[name] ?? "");
  svg.append(path);
  return svg;
}

/** A button with an icon and an accessible name. */
export function iconButton(name: string, label: string, onclick: (event: MouseEvent) => void): HTMLButtonElement {
  const button = h("button", { type: "button", class: `sb-icon-button sb-${name}-button`, "aria-label": label, title: label }, icon(name));
  button.addEventListener("click", onclick);
  return button;
}

export interface FrameOptions {
  label?: unknown;
  info?: unknown;
  showLabel?: unknown;
  container?: unknown;
}

/**
 * The common frame of a component: a label (bound to `control` for screen readers), optional
 * info text and the body. Returns the frame element; the caller appends it.
 */
export function frame(options: FrameOptions, body: Node[], control?: HTMLElement | null): HTMLElement {
  const block = h("div", { class: options.container === false ? "sb-block sb-no-container" : "sb-block" });
  const text = typeof options.label === "string" ? options.label : "";
  const shown = options.showLabel !== false && text.length > 0;
  const head = h("div", { class: "sb-head" });
  if (control && text) {
    if (!control.id) control.id = localId("input");
    if (shown) {
      head.append(h("label", { class: "sb-label", for: control.id }, text));
    } else {
      control.setAttribute("aria-label", text);
    }
  } else if (shown) {
    head.append(h("span", { class: "sb-label", "data-testid": "block-label" }, text));
  }
  if (typeof options.info === "string" && options.info) {
    const info = h("div", { class: "sb-info", id: localId("info") }, options.info);
    head.append(info);
    control?.setAttribute("aria-describedby", info.id);
  }
  if (head.childNodes.length > 0) block.append(head);
  block.append(...body);
  return block;
}

/** The text of a label prop (strings only; i18n objects show their key). */
export function text(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  if (value && typeof value === "object" && "key" in value) return String((value as { key: unknown }).key);
  return "";
}

/** A CSS size from a number of pixels or a CSS string. */
export function cssSize(value: unknown): string {
  if (typeof value === "number") return `${value}px`;
  if (typeof value === "string") return value;
  return "";
}
