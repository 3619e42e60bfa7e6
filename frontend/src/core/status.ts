// Progress shown on a listener's outputs while it runs: queue position, ETA, progress bars.

import type { SbElement } from "./component";
import { h } from "./dom";

interface StatusLike {
  stage: string;
  position?: number;
  size?: number;
  eta?: number;
  progress_data?: { progress: number | null; index: number | null; length: number | null; unit: string | null; desc: string | null }[] | null;
}

export class StatusTracker {
  private readonly overlay: HTMLElement;
  private readonly started = performance.now();
  private readonly timer: number;
  private readonly clock: HTMLElement;
  private readonly detail: HTMLElement;

  constructor(private readonly target: SbElement, mode: "full" | "minimal" | "hidden") {
    this.clock = h("span", { class: "sb-status-time" });
    this.detail = h("span", { class: "sb-status-detail" });
    this.overlay = h(
      "div",
      { class: `sb-status sb-status-${mode}`, role: "status", "aria-live": "polite", "data-testid": "status-tracker" },
      h("span", { class: "sb-spinner", "aria-hidden": "true" }),
      this.detail,
      this.clock,
    );
    target.classList.add("sb-pending");
    target.append(this.overlay);
    this.timer = window.setInterval(() => this.tick(), 100);
    this.tick();
  }

  private tick(): void {
    this.clock.textContent = `${((performance.now() - this.started) / 1000).toFixed(1)}s`;
  }

  update(status: StatusLike): void {
    if (status.stage === "pending" && typeof status.position === "number") {
      const size = typeof status.size === "number" ? `/${status.size}` : "";
      this.detail.textContent = `queue: ${status.position + 1}${size}`;
      this.overlay.dataset.stage = "queued";
      return;
    }
    this.overlay.dataset.stage = status.stage;
    const progress = status.progress_data?.[0];
    if (progress) {
      const fraction = progress.progress ?? (progress.index !== null && progress.length ? progress.index / progress.length : null);
      const parts = [progress.desc ?? ""];
      if (progress.index !== null && progress.length !== null) parts.push(`${progress.index}/${progress.length} ${progress.unit ?? ""}`.trim());
      else if (fraction !== null) parts.push(`${Math.round(fraction * 100)}%`);
      this.detail.textContent = parts.filter(Boolean).join(" ");
      if (fraction !== null) this.overlay.style.setProperty("--sb-progress", String(fraction));
    } else if (status.stage === "generating" || status.stage === "pending") {
      this.detail.textContent = typeof status.eta === "number" ? `processing | ETA ${status.eta.toFixed(1)}s` : "processing";
    }
  }

  done(): void {
    window.clearInterval(this.timer);
    this.overlay.remove();
    if (!this.target.querySelector(".sb-status")) this.target.classList.remove("sb-pending");
  }
}
