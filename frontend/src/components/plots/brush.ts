// Brushing on the native charts: dragging across the plot (or Shift+arrow keys, then Enter)
// selects a range of x values; Escape or clearing drops it. Nominal x selects whole categories.

import type { Area } from "./axes";
import type { Kind, Selection } from "./data";
import { el } from "./svg";

/** How the last drawn chart maps x values to pixels. */
export interface BrushScale {
  area: Area;
  kind: Kind;
  categories: string[];
  domain: [number, number];
}

export class Brush {
  /** The selected x range in data units (numbers, or category positions for nominal x). */
  private range: [number, number] | null = null;
  private svg: SVGSVGElement | null = null;
  private rect: SVGRectElement | null = null;
  private scale: BrushScale = { area: { left: 0, top: 0, width: 0, height: 0 }, kind: "quantitative", categories: [], domain: [0, 1] };

  /** `element`: the chart (it carries the selection as `data-selection`). */
  constructor(
    private readonly element: HTMLElement,
    private readonly onSelect: (selection: Selection) => void,
  ) {}

  /** A new chart drawing starts (with no brush rectangle until `attach`). */
  reset(svg: SVGSVGElement): void {
    this.svg = svg;
    this.rect = null;
  }

  /** Draw the brush rectangle on `svg` and listen to drags on `plot`. */
  attach(svg: SVGSVGElement, plot: SVGGElement, scale: BrushScale): void {
    this.scale = scale;
    const area = scale.area;
    this.rect = el("rect", { x: 0, y: area.top, width: 0, height: area.height, fill: "rgba(37, 99, 235, 0.15)", stroke: "#2563eb", "stroke-width": 1, visibility: "hidden", class: "sb-chart-brush", "pointer-events": "none" });
    svg.append(this.rect);
    this.show();
    this.listen(plot);
  }

  clear(): void {
    this.range = null;
    delete this.element.dataset.selection;
    this.show();
  }

  /** Keyboard brushing: Shift+arrows grow or shrink the range, Enter selects, Escape clears. */
  onKey(event: KeyboardEvent): void {
    if (event.key === "Escape" && this.range) {
      this.clear();
      return;
    }
    if (event.key === "Enter" && this.range) {
      event.preventDefault();
      this.emit();
      return;
    }
    if (event.key !== "ArrowRight" && event.key !== "ArrowLeft") return;
    event.preventDefault();
    const [lo, hi] = this.scale.domain;
    const nominal = this.scale.kind === "nominal";
    const step = nominal ? 1 : (hi - lo) / 20;
    const direction = event.key === "ArrowRight" ? 1 : -1;
    const max = nominal ? this.scale.categories.length - 1 : hi;
    const clamp = (v: number): number => Math.min(max, Math.max(lo, v));
    if (!this.range) this.range = nominal ? [0, 0] : [lo, lo + step];
    else if (event.shiftKey) this.range = [this.range[0], clamp(Math.max(this.range[0], this.range[1] + direction * step))];
    else {
      const width = this.range[1] - this.range[0];
      const start = clamp(this.range[0] + direction * step);
      this.range = [start, clamp(start + width)];
    }
    this.show();
  }

  private toValue(px: number): number {
    const { left, width } = this.scale.area;
    const clamped = Math.min(Math.max(px, left), left + width);
    const [lo, hi] = this.scale.domain;
    return lo + ((clamped - left) / width) * (hi - lo);
  }

  private toPixel(value: number): number {
    const [lo, hi] = this.scale.domain;
    return this.scale.area.left + ((value - lo) / (hi - lo)) * this.scale.area.width;
  }

  private listen(plot: SVGGElement): void {
    let start: number | null = null;
    let moved = false;
    const local = (event: PointerEvent): number => {
      const box = this.svg!.getBoundingClientRect();
      return event.clientX - box.left;
    };
    plot.style.cursor = "crosshair";
    plot.addEventListener("pointerdown", (event) => {
      if (event.button !== 0) return;
      start = local(event);
      moved = false;
      plot.setPointerCapture?.(event.pointerId);
    });
    plot.addEventListener("pointermove", (event) => {
      if (start === null) return;
      const now = local(event);
      if (Math.abs(now - start) < 3 && !moved) return;
      moved = true;
      this.range = this.rangeOf(start, now);
      this.show();
    });
    const end = (event: PointerEvent): void => {
      if (start === null) return;
      const from = start;
      start = null;
      if (!moved) return;
      this.range = this.rangeOf(from, local(event));
      this.show();
      this.emit();
    };
    plot.addEventListener("pointerup", end);
    plot.addEventListener("pointercancel", () => (start = null));
  }

  /** The x range between two pixel positions (nominal: whole categories). */
  private rangeOf(a: number, b: number): [number, number] {
    const lo = this.toValue(Math.min(a, b));
    const hi = this.toValue(Math.max(a, b));
    if (this.scale.kind !== "nominal") return [lo, hi];
    const last = Math.max(0, this.scale.categories.length - 1);
    return [Math.min(last, Math.max(0, Math.floor(lo))), Math.min(last, Math.max(0, Math.ceil(hi) - 1))];
  }

  private show(): void {
    const rect = this.rect;
    if (!rect) return;
    if (!this.range) {
      rect.setAttribute("visibility", "hidden");
      return;
    }
    const [lo, hi] = this.range;
    const x0 = this.toPixel(lo);
    const x1 = this.scale.kind === "nominal" ? this.toPixel(hi + 1) : this.toPixel(hi);
    rect.setAttribute("x", String(Math.min(x0, x1)));
    rect.setAttribute("width", String(Math.abs(x1 - x0)));
    rect.setAttribute("visibility", "visible");
  }

  private emit(): void {
    if (!this.range) return;
    let selection: Selection;
    if (this.scale.kind === "nominal") {
      const [a, b] = this.range;
      selection = { index: [a, b], value: [this.scale.categories[a], this.scale.categories[b]] };
    } else {
      selection = { index: [this.range[0], this.range[1]], value: [this.range[0], this.range[1]] };
    }
    this.element.dataset.selection = JSON.stringify(selection);
    this.onSelect(selection);
  }
}
