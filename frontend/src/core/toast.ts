// Messages shown in the page corner: errors, warnings, info and success (gr.Info etc.).

import { h, iconButton } from "./dom";

const TIMEOUT_MS = 10_000;

export class Toasts {
  readonly element = h("div", { class: "sb-toasts", role: "region", "aria-label": "Notifications" });

  show(level: "info" | "warning" | "success" | "error", message: string, title?: string): void {
    const toast = h(
      "div",
      { class: `sb-toast sb-toast-${level}`, role: level === "error" ? "alert" : "status", "data-testid": `toast-${level}` },
      h("strong", { class: "sb-toast-title" }, title ?? level[0]!.toUpperCase() + level.slice(1)),
      h("div", { class: "sb-toast-body" }, message),
    );
    toast.append(iconButton("close", "Dismiss", () => toast.remove()));
    this.element.append(toast);
    window.setTimeout(() => toast.remove(), TIMEOUT_MS);
  }
}
