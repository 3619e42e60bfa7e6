// Marks of the native charts: bars (stacked per x), lines and points, each with its tooltip.

import type { Area, XScale, YScale } from "./axes";
import type { Point } from "./data";
import { el } from "./svg";

export interface MarkOptions {
  mark: "bar" | "line" | "point";
  points: Point[];
  /** The color series, in order. */
  series: string[];
  x: XScale;
  y: YScale;
  nominal: boolean;
  /** The bin width of a binned x, or null. */
  bin: number | null;
  area: Area;
  colorOf: (series: string) => string;
  /** The tooltip of a point ("" for none). */
  tip: (p: Point) => string;
}

/** Draw the marks into `marks`. */
export function drawMarks(marks: SVGGElement, m: MarkOptions): void {
  const { points, x, y, area, colorOf, tip } = m;
  const xPos = x.pos;
  const yPos = y.pos;
  if (m.mark === "bar") {
    const offsets = new Map<string, number>();
    const band = m.nominal ? (area.width / Math.max(1, x.categories.length)) * 0.8 : null;
    for (const p of points) {
      const key = JSON.stringify(p.x);
      const base = offsets.get(key) ?? 0;
      offsets.set(key, base + p.y);
      let x0: number;
      let w: number;
      if (band !== null) {
        x0 = xPos(p.x) - band / 2;
        w = band;
      } else if (m.bin !== null) {
        x0 = xPos(p.x) + 0.5;
        w = Math.max(1, xPos((p.x as number) + m.bin) - xPos(p.x) - 1);
      } else {
        w = Math.max(2, Math.min(40, (area.width / Math.max(1, points.length)) * 0.7));
        x0 = xPos(p.x) - w / 2;
      }
      const y0 = yPos(Math.max(base, base + p.y));
      const y1 = yPos(Math.min(base, base + p.y));
      const rect = el("rect", { x: x0, y: y0, width: w, height: Math.max(0, y1 - y0), fill: colorOf(p.c), class: "sb-chart-mark" });
      const label = tip(p);
      if (label) rect.append(el("title", {}, label));
      marks.append(rect);
    }
    return;
  }
  const categories = x.categories;
  for (const s of m.series) {
    const own = points.filter((p) => p.c === s);
    if (m.mark === "line") {
      const sorted = [...own].sort((a, b) => (m.nominal ? categories.indexOf(a.x as string) - categories.indexOf(b.x as string) : (a.x as number) - (b.x as number)));
      const d = sorted.map((p, i) => `${i ? "L" : "M"}${xPos(p.x).toFixed(2)},${yPos(p.y).toFixed(2)}`).join("");
      marks.append(el("path", { d, fill: "none", stroke: colorOf(s), "stroke-width": 2, class: "sb-chart-line" }));
    }
    for (const p of own) {
      const dot = el("circle", { cx: xPos(p.x), cy: yPos(p.y), r: m.mark === "line" ? 3 : 4.5, fill: colorOf(s), "fill-opacity": m.mark === "line" ? 1 : 0.8, stroke: "#ffffff", "stroke-width": 1, class: "sb-chart-mark" });
      const label = tip(p);
      if (label) dot.append(el("title", {}, label));
      marks.append(dot);
    }
  }
}
