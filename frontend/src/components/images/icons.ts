// The icon set of the image elements and icon buttons drawn from it.

import { h, icon } from "../../core/dom";

const PATHS: Record<string, string> = {
  image: "M4 5h16v14H4zM4 16l5-5 4 4 3-3 4 4M15 9.5a1.5 1.5 0 110-.01",
  camera: "M4 8h3l2-3h6l2 3h3v11H4zM12 10a3.5 3.5 0 110 7 3.5 3.5 0 010-7z",
  paste: "M9 4h6v3H9zM7 5H5v16h14V5h-2",
  fullscreen: "M4 9V4h5M15 4h5v5M20 15v5h-5M9 20H4v-5",
  brush: "M14 4l6 6-8 8-6-6zM6 12l-2 8 8-2",
  eraser: "M8 20h12M4 16l9-9 6 6-7 7H8z",
  crop: "M7 3v14h14M3 7h14v14",
  resize: "M4 14v6h6M20 10V4h-6M4 20L20 4",
  layers: "M12 4l8 4-8 4-8-4zM4 12l8 4 8-4M4 16l8 4 8-4",
  add: "M12 5v14M5 12h14",
  prev: "M15 5l-7 7 7 7",
  next: "M9 5l7 7-7 7",
  cube: "M12 3l8 4v10l-8 4-8-4V7zM4 7l8 4 8-4M12 11v10",
  reset: "M4 12a8 8 0 1014-5M18 3v4h-4",
  trash: "M5 7h14M10 7V4h4v3M7 7l1 13h8l1-13",
  stream: "M5 12a7 7 0 0114 0M8 12a4 4 0 018 0M12 12h.01",
};

/** An inline SVG icon from this module's set (decorative). */
export function mediaIcon(name: string): SVGSVGElement {
  if (!(name in PATHS)) return icon(name);
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("class", `sb-icon sb-icon-${name}`);
  const path = document.createElementNS(ns, "path");
  path.setAttribute("d", PATHS[name] ?? "");
  svg.append(path);
  return svg;
}

/** An icon button from this module's icon set. */
export function mediaButton(name: string, label: string, onclick: (event: MouseEvent) => void): HTMLButtonElement {
  const button = h("button", { type: "button", class: `sb-icon-button sb-${name}-button`, "aria-label": label, title: label }, mediaIcon(name));
  button.addEventListener("click", onclick);
  return button;
}
