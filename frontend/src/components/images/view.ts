// The parts around a shown image: the corner toolbar and its download and fullscreen buttons,
// the empty view, the box size, and the pixel under a click.

import { cssSize, h, icon } from "../../core/dom";
import { mediaButton, mediaIcon } from "./icons";

/** A link that saves `url` under `name`, drawn as an icon button. */
export function downloadLink(url: string, name: string, label = "Download"): HTMLAnchorElement {
  const link = h("a", { class: "sb-icon-button sb-download-button", href: url, download: name, "aria-label": label, title: label, target: "_blank", rel: "noopener" });
  link.append(icon("download"));
  return link;
}

/** A button that shows `target` full screen (and leaves full screen again). */
export function fullscreenButton(target: () => HTMLElement | null): HTMLButtonElement {
  return mediaButton("fullscreen", "Fullscreen", () => {
    if (document.fullscreenElement) {
      void document.exitFullscreen().catch(() => undefined);
      return;
    }
    void target()?.requestFullscreen?.().catch(() => undefined);
  });
}

/** Whether the built-in button `name` is listed (null lists the defaults). */
export function hasButton(buttons: unknown, name: string, defaults: string[]): boolean {
  if (!Array.isArray(buttons)) return defaults.includes(name);
  return buttons.includes(name);
}

/** The pixel of `img` under a mouse event, with `object-fit: contain` letterboxing. */
export function imagePoint(img: HTMLImageElement | HTMLCanvasElement, event: MouseEvent): [number, number] {
  const rect = img.getBoundingClientRect();
  const nw = img instanceof HTMLImageElement ? img.naturalWidth || rect.width : img.width;
  const nh = img instanceof HTMLImageElement ? img.naturalHeight || rect.height : img.height;
  const scale = Math.min(rect.width / nw, rect.height / nh) || 1;
  const ox = (rect.width - nw * scale) / 2;
  const oy = (rect.height - nh * scale) / 2;
  const x = Math.floor((event.clientX - rect.left - ox) / scale);
  const y = Math.floor((event.clientY - rect.top - oy) / scale);
  return [Math.min(Math.max(x, 0), nw - 1), Math.min(Math.max(y, 0), nh - 1)];
}

/** A toolbar container in the top-right corner of a media box. */
export function cornerBar(...children: (Node | null | false | undefined)[]): HTMLElement {
  const bar = h("div", { class: "sb-media-toolbar" });
  for (const child of children) if (child) bar.append(child);
  return bar;
}

/** The "no value" view of a read-only media element. */
export function emptyView(iconName: string, message: string): HTMLElement {
  return h("div", { class: "sb-media-empty" }, mediaIcon(iconName), h("span", {}, message));
}

/** Apply `height`/`width` props to a media box. */
export function sizeBox(box: HTMLElement, height: unknown, width: unknown): void {
  if (height !== null && height !== undefined) box.style.height = cssSize(height);
  if (width !== null && width !== undefined) box.style.width = cssSize(width);
}
