// The legend of the native charts: a swatch and a name per color series, right of the plot.

import type { Area } from "./axes";
import { el, INK } from "./svg";

/** Room for the legend of `series` under `title` (0 without a legend). */
export function legendWidth(series: string[], title: string): number {
  return series.length ? Math.min(180, 28 + Math.max(...series.map((s) => s.length), title.length) * 7) : 0;
}

/** The legend of `series` under `title`, right of `area`. */
export function drawLegend(series: string[], title: string, area: Area, colorOf: (series: string) => string): SVGGElement {
  const lx = area.left + area.width + 16;
  const group = el("g", { class: "sb-chart-legend" });
  group.append(el("text", { x: lx, y: area.top + 12, fill: INK, "font-size": 12, "font-weight": 600 }, title));
  series.forEach((s, i) => {
    const y = area.top + 30 + i * 18;
    group.append(el("rect", { x: lx, y: y - 9, width: 10, height: 10, fill: colorOf(s), rx: 2 }));
    group.append(el("text", { x: lx + 16, y, fill: INK, "font-size": 11 }, s));
  });
  return group;
}
