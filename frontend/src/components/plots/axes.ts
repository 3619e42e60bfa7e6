// Axes of the native charts: the x scale (categories, numbers or times), the y scale (bars
// stack per x), and the grid, tick labels and axis titles drawn from them.

import { orderCategories, type ChartOptions, type Kind, type Point } from "./data";
import { formatNumber, formatTime, niceDomain, niceTicks, timeTicks } from "./scales";
import { el, GRID, INK, MUTED } from "./svg";

/** The plot area inside the chart, in pixels. */
export interface Area {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface XScale {
  /** The pixel of an x value. */
  pos: (x: number | string) => number;
  ticks: { at: number; label: string }[];
  /** The x range shown, in data units (category positions for nominal x). */
  domain: [number, number];
  /** The categories of a nominal x, in order (empty otherwise). */
  categories: string[];
}

export interface YScale {
  lo: number;
  hi: number;
  /** The pixel of a y value. */
  pos: (y: number) => number;
}

/** Whether the x tick labels are shown, and their angle. */
export function xLabels(o: ChartOptions): { show: boolean; angle: number } {
  return { show: o.x_axis_labels_visible !== false && o.x_axis_labels_visible !== "hidden", angle: Number(o.x_label_angle ?? 0) || 0 };
}

export function xScale(points: Point[], kind: Kind, mark: string, bin: number | null, area: Area, o: ChartOptions): XScale {
  if (kind === "nominal") {
    const categories = orderCategories(points, o.sort);
    const step = area.width / Math.max(1, categories.length);
    const pos = (x: number | string): number => area.left + step * (categories.indexOf(x as string) + 0.5);
    return { pos, ticks: categories.map((c) => ({ at: pos(c), label: c })), domain: [0, categories.length], categories };
  }
  const xs = points.map((p) => p.x as number);
  let lo = Math.min(...xs);
  let hi = Math.max(...xs) + (bin ?? 0);
  if (mark === "bar" && bin === null) {
    const gap = xs.length > 1 ? Math.min(...xs.slice(1).map((v, i) => Math.abs(v - xs[i]!)).filter((d) => d > 0), hi - lo || 1) : 1;
    lo -= gap / 2;
    hi += gap / 2;
  }
  if (kind === "quantitative" && bin === null) [lo, hi] = niceDomain(lo, hi, 6);
  if (!(hi > lo)) [lo, hi] = [lo - 1, hi + 1];
  const lim = o.x_lim ?? [];
  if (typeof lim[0] === "number") lo = lim[0];
  if (typeof lim[1] === "number") hi = lim[1];
  const pos = (x: number | string): number => area.left + (((x as number) - lo) / (hi - lo)) * area.width;
  const span = hi - lo;
  const tickCount = Math.max(2, Math.floor(area.width / (kind === "temporal" ? 130 : 90)));
  const ticks = kind === "temporal" ? timeTicks(lo, hi, tickCount) : niceTicks(lo, hi, tickCount);
  return {
    pos,
    ticks: ticks.map((t) => ({
      at: pos(t),
      label: kind === "temporal" ? formatTime(t, span) : formatNumber(t, o.x_axis_format, span / 6),
    })),
    domain: [lo, hi],
    categories: [],
  };
}

export function yScale(points: Point[], mark: string, area: Area, o: ChartOptions): YScale {
  const stacks = new Map<string, number>();
  let yLo = Infinity;
  let yHi = -Infinity;
  for (const p of points) {
    if (mark === "bar") {
      const key = JSON.stringify(p.x);
      const base = stacks.get(key) ?? 0;
      stacks.set(key, base + p.y);
      yLo = Math.min(yLo, base, base + p.y, 0);
      yHi = Math.max(yHi, base, base + p.y, 0);
    } else {
      yLo = Math.min(yLo, p.y);
      yHi = Math.max(yHi, p.y);
    }
  }
  if (!Number.isFinite(yLo)) [yLo, yHi] = [0, 1];
  if (mark !== "bar") {
    const pad = (yHi - yLo) * 0.05 || 1;
    [yLo, yHi] = [yLo - pad, yHi + pad];
  }
  [yLo, yHi] = niceDomain(yLo, yHi, 5);
  const yLim = o.y_lim ?? [];
  if (typeof yLim[0] === "number") yLo = yLim[0];
  if (typeof yLim[1] === "number") yHi = yLim[1];
  if (!(yHi > yLo)) yHi = yLo + 1;
  const lo = yLo;
  const hi = yHi;
  return { lo, hi, pos: (y: number): number => area.top + area.height - ((y - lo) / (hi - lo)) * area.height };
}

/** The grid, the ticks with their labels, and the axis titles (`height`: the chart's). */
export function drawAxes(x: XScale, y: YScale, area: Area, height: number, o: ChartOptions, xTitle: string, yTitle: string): SVGGElement {
  const grid = el("g", { "aria-hidden": "true" });
  const yAngle = Number(o.y_label_angle ?? 0) || 0;
  for (const t of niceTicks(y.lo, y.hi, Math.max(2, Math.floor(area.height / 50)))) {
    const at = y.pos(t);
    grid.append(el("line", { x1: area.left, x2: area.left + area.width, y1: at, y2: at, stroke: GRID }));
    const label = el("text", { x: area.left - 8, y: at + 4, "text-anchor": "end", fill: MUTED, "font-size": 11 }, formatNumber(t, o.y_axis_format, (y.hi - y.lo) / 5));
    if (yAngle) label.setAttribute("transform", `rotate(${yAngle} ${area.left - 8} ${at})`);
    grid.append(label);
  }
  const baseY = area.top + area.height;
  grid.append(el("line", { x1: area.left, x2: area.left + area.width, y1: baseY, y2: baseY, stroke: MUTED }));
  const labels = xLabels(o);
  const xAngle = labels.angle;
  if (labels.show) {
    for (const t of x.ticks) {
      if (t.at < area.left - 1 || t.at > area.left + area.width + 1) continue;
      grid.append(el("line", { x1: t.at, x2: t.at, y1: baseY, y2: baseY + 5, stroke: MUTED }));
      const label = el("text", { x: t.at, y: baseY + 17, "text-anchor": xAngle ? (xAngle > 0 ? "start" : "end") : "middle", fill: MUTED, "font-size": 11 }, t.label);
      if (xAngle) label.setAttribute("transform", `rotate(${xAngle} ${t.at} ${baseY + 12})`);
      grid.append(label);
    }
  }
  grid.append(el("text", { x: area.left + area.width / 2, y: height - 6, "text-anchor": "middle", fill: INK, "font-size": 12, "font-weight": 600 }, xTitle));
  grid.append(el("text", { x: 14, y: area.top + area.height / 2, "text-anchor": "middle", fill: INK, "font-size": 12, "font-weight": 600, transform: `rotate(-90 14 ${area.top + area.height / 2})` }, yTitle));
  return grid;
}
