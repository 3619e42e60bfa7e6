// BarPlot, LinePlot and ScatterPlot: SVG charts drawn from tabular data (`{columns, data,
// datatypes, mark}`) and the `x` / `y` / `color` encodings. Dragging across the chart (or
// Shift+arrow keys, then Enter) selects a range of x values and fires `select` with the range as
// index and value; double-clicking clears the selection and fires `double_click`.
// The Chart class is also used by Plot to draw simple Plotly and Vega-Lite figures.

import { BarPlotBase } from "../generated/components/bar_plot.gen";
import { LinePlotBase } from "../generated/components/line_plot.gen";
import { ScatterPlotBase } from "../generated/components/scatter_plot.gen";
import { register } from "../core/registry";
import { frame, h, iconButton, text } from "../core/dom";
import "../styles/data.css";

const SVG = "http://www.w3.org/2000/svg";
const PALETTE = ["#2563eb", "#ea580c", "#16a34a", "#dc2626", "#7c3aed", "#0891b2", "#c026d3", "#65a30d", "#b45309", "#475569"];
const INK = "#1f2937";
const MUTED = "#4b5563";
const GRID = "#e5e7eb";
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

type Kind = "quantitative" | "nominal" | "temporal";

export interface ChartData {
  columns: string[];
  data: unknown[][];
  datatypes: Record<string, Kind>;
  mark: string;
}

export interface ChartOptions {
  x?: string | null;
  y?: string | null;
  color?: string | null;
  title?: string | null;
  x_title?: string | null;
  y_title?: string | null;
  color_title?: string | null;
  x_bin?: string | number | null;
  y_aggregate?: string | null;
  color_map?: Record<string, string> | null;
  colors_in_legend?: string[] | null;
  x_lim?: (number | null)[] | null;
  y_lim?: (number | null)[] | null;
  x_label_angle?: number;
  y_label_angle?: number;
  x_axis_format?: string | null;
  y_axis_format?: string | null;
  x_axis_labels_visible?: boolean | "hidden";
  sort?: string | string[] | null;
  tooltip?: string | string[];
  height?: number | null;
  label?: string;
}

export interface Selection {
  index: [number, number];
  value: unknown[];
}

export interface ChartHandlers {
  select?: (selection: Selection) => void;
  doubleClick?: () => void;
}

interface Point {
  x: number | string;
  y: number;
  c: string;
  row: unknown[] | null;
}

function el<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}, ...children: (Node | string)[]): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  node.append(...children);
  return node;
}

function num(value: unknown): number | null {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
  return null;
}

/** Milliseconds of a duration such as "1h", "15m", "10s", "2d" (a number is seconds). */
function duration(value: string | number): number | null {
  if (typeof value === "number") return value * 1000;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)?\s*$/.exec(value);
  if (!match) return null;
  const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
  return Number(match[1]) * units[match[2] ?? "s"]!;
}

/** Evenly spaced "nice" tick values covering [lo, hi]. */
function niceTicks(lo: number, hi: number, count: number): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) ticks.push(Math.abs(v) < step * 1e-9 ? 0 : Number(v.toPrecision(12)));
  return ticks;
}

function niceDomain(lo: number, hi: number, count: number): [number, number] {
  if (!(hi > lo)) return [lo - 1, hi + 1];
  const ticks = niceTicks(lo, hi, count);
  const step = ticks.length > 1 ? ticks[1]! - ticks[0]! : hi - lo;
  return [Math.floor(lo / step) * step, Math.ceil(hi / step) * step];
}

const SI = ["y", "z", "a", "f", "p", "n", "µ", "m", "", "k", "M", "G", "T", "P", "E", "Z", "Y"];

/** A number formatted with a d3-format style specifier (a common subset). */
export function formatNumber(value: number, spec?: string | null, step?: number): string {
  if (!spec) {
    if (Number.isInteger(value) && Math.abs(value) < 1e15) return value.toLocaleString("en-US");
    const digits = step ? Math.min(10, Math.max(0, -Math.floor(Math.log10(step)) + 1)) : 4;
    return Number(value.toFixed(digits)).toLocaleString("en-US", { maximumFractionDigits: digits });
  }
  const match = /^([+\-( ])?(\$)?(0)?(\d+)?(,)?(\.\d+)?(~)?([a-z%])?$/i.exec(spec.trim());
  if (!match) return String(value);
  const comma = Boolean(match[5]);
  const precision = match[6] ? Number(match[6].slice(1)) : undefined;
  const trim = Boolean(match[7]);
  const type = match[8] ?? "";
  let out: string;
  switch (type) {
    case "f":
      out = value.toFixed(precision ?? 6);
      break;
    case "e":
      out = value.toExponential(precision ?? 6);
      break;
    case "%":
      out = `${(value * 100).toFixed(precision ?? 6)}`;
      break;
    case "d":
      out = String(Math.round(value));
      break;
    case "s": {
      const exponent = value === 0 ? 0 : Math.max(-8, Math.min(8, Math.floor(Math.log10(Math.abs(value)) / 3)));
      out = (value / 10 ** (exponent * 3)).toPrecision(precision ?? 6);
      if (trim) out = out.replace(/\.?0+$/, "");
      return `${out}${SI[exponent + 8]}`;
    }
    case "g":
    case "r":
    default:
      out = precision !== undefined ? value.toPrecision(Math.max(1, precision)) : String(value);
  }
  if (trim && out.includes(".")) out = out.replace(/(\.\d*?)0+(e|$)/, "$1$2").replace(/\.(e|$)/, "$1");
  if (comma) {
    const [whole, fraction] = out.split(".");
    out = `${Number(whole).toLocaleString("en-US")}${fraction !== undefined ? `.${fraction}` : ""}`;
  }
  if (match[2]) out = `$${out}`;
  return type === "%" ? `${out}%` : out;
}

const TIME_STEPS = [1, 2, 5, 10, 15, 30].map((s) => s * 1000)
  .concat([1, 2, 5, 10, 15, 30].map((m) => m * 60_000))
  .concat([1, 2, 3, 6, 12].map((hour) => hour * 3_600_000))
  .concat([1, 2, 7, 14, 30, 91, 365].map((d) => d * 86_400_000));

/** Tick times at a round interval (seconds to years) covering [lo, hi]. */
function timeTicks(lo: number, hi: number, count: number): number[] {
  const raw = (hi - lo) / Math.max(1, count);
  const step = TIME_STEPS.find((s) => s >= raw) ?? Math.ceil(raw / 31_536_000_000) * 31_536_000_000;
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi; t += step) ticks.push(t);
  return ticks;
}

function formatTime(ms: number, span: number): string {
  const date = new Date(ms);
  const pad = (n: number): string => String(n).padStart(2, "0");
  const day = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  const time = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`;
  if (span > 3 * 86_400_000) return day;
  if (span > 86_400_000) return `${day} ${time}`;
  if (span > 120_000) return time;
  return `${time}:${pad(date.getUTCSeconds())}`;
}

function aggregate(values: number[], how: string): number {
  if (!values.length) return 0;
  switch (how) {
    case "mean":
      return values.reduce((a, b) => a + b, 0) / values.length;
    case "median": {
      const sorted = [...values].sort((a, b) => a - b);
      const mid = Math.floor(sorted.length / 2);
      return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
    }
    case "min":
      return Math.min(...values);
    case "max":
      return Math.max(...values);
    case "count":
      return values.length;
    default:
      return values.reduce((a, b) => a + b, 0);
  }
}

/** One SVG chart inside `host`; redraws on `draw` and when the host is resized. */
export class Chart {
  readonly element: HTMLElement;
  private svg: SVGSVGElement | null = null;
  private data: ChartData | null = null;
  private options: ChartOptions = {};
  private handlers: ChartHandlers = {};
  private observer: ResizeObserver | null = null;
  private lastWidth = 0;
  /** The selected x range in data units (numbers, or category positions for nominal x). */
  private brush: [number, number] | null = null;
  // Set by each draw: the plot area and how to map between pixels and x values.
  private area = { left: 0, top: 0, width: 0, height: 0 };
  private xKind: Kind = "quantitative";
  private categories: string[] = [];
  private xDomain: [number, number] = [0, 1];
  private brushRect: SVGRectElement | null = null;

  constructor() {
    this.element = h("div", { class: "sb-chart", tabindex: 0, role: "group" });
    this.element.addEventListener("keydown", (event) => this.onKey(event));
    this.element.addEventListener("dblclick", (event) => {
      event.preventDefault();
      this.clearBrush();
      this.handlers.doubleClick?.();
    });
  }

  draw(data: ChartData | null, options: ChartOptions, handlers: ChartHandlers): void {
    this.data = data;
    this.options = options;
    this.handlers = handlers;
    if (!this.observer && typeof ResizeObserver !== "undefined") {
      this.observer = new ResizeObserver(() => {
        const width = this.element.clientWidth;
        if (width && Math.abs(width - this.lastWidth) > 1) this.render();
      });
      this.observer.observe(this.element);
    }
    this.render();
  }

  disconnect(): void {
    this.observer?.disconnect();
    this.observer = null;
  }

  /** The SVG as a standalone document (for the PNG export). */
  svgSource(): string | null {
    return this.svg ? new XMLSerializer().serializeToString(this.svg) : null;
  }

  private columns(): { x: string; y: string; color: string | null } | null {
    const data = this.data;
    if (!data || data.columns.length === 0) return null;
    const x = this.options.x && data.columns.includes(this.options.x) ? this.options.x : data.columns[0]!;
    const y = this.options.y && data.columns.includes(this.options.y) ? this.options.y : data.columns.find((c) => c !== x) ?? x;
    const color = this.options.color && data.columns.includes(this.options.color) ? this.options.color : null;
    return { x, y, color };
  }

  private kindOf(column: string): Kind {
    const given = this.data?.datatypes?.[column];
    if (given) return given;
    const index = this.data?.columns.indexOf(column) ?? -1;
    const values = (this.data?.data ?? []).map((r) => r[index]).filter((v) => v !== null && v !== undefined);
    return values.every((v) => typeof v === "number") ? "quantitative" : "nominal";
  }

  /** Points after binning and aggregation. */
  private points(cols: { x: string; y: string; color: string | null }, mark: string): { points: Point[]; bin: number | null } {
    const data = this.data!;
    const xi = data.columns.indexOf(cols.x);
    const yi = data.columns.indexOf(cols.y);
    const ci = cols.color ? data.columns.indexOf(cols.color) : -1;
    const kind = this.xKind;
    let points: Point[] = [];
    for (const row of data.data) {
      const y = num(row[yi]);
      const rawX = row[xi];
      if (y === null || rawX === null || rawX === undefined) continue;
      let x: number | string;
      if (kind === "nominal") x = typeof rawX === "string" ? rawX : JSON.stringify(rawX);
      else {
        const value = kind === "temporal" && typeof rawX === "string" ? Date.parse(rawX) : num(rawX);
        if (value === null || Number.isNaN(value)) continue;
        x = value;
      }
      points.push({ x, y, c: ci >= 0 ? String(row[ci] ?? "") : "", row });
    }
    let bin: number | null = null;
    const xBin = this.options.x_bin;
    if (xBin !== null && xBin !== undefined && kind !== "nominal") {
      bin = kind === "temporal" ? duration(xBin) : num(xBin);
      if (bin !== null && bin > 0) {
        const width = bin;
        points = points.map((p) => ({ ...p, x: Math.floor((p.x as number) / width) * width }));
      } else bin = null;
    }
    const how = this.options.y_aggregate;
    if (bin !== null || how || (kind === "nominal" && mark === "bar")) {
      const groups = new Map<string, { x: number | string; c: string; ys: number[] }>();
      for (const p of points) {
        const key = JSON.stringify([p.x, p.c]);
        const group = groups.get(key) ?? { x: p.x, c: p.c, ys: [] };
        group.ys.push(p.y);
        groups.set(key, group);
      }
      points = [...groups.values()].map((g) => ({ x: g.x, y: aggregate(g.ys, how ?? "sum"), c: g.c, row: null }));
    }
    return { points, bin };
  }

  private orderCategories(points: Point[]): string[] {
    const seen: string[] = [];
    for (const p of points) if (!seen.includes(p.x as string)) seen.push(p.x as string);
    const sort = this.options.sort;
    if (Array.isArray(sort)) return [...sort.filter((c) => seen.includes(c)), ...seen.filter((c) => !sort.includes(c))];
    const total = (cat: string): number => points.filter((p) => p.x === cat).reduce((a, p) => a + p.y, 0);
    if (sort === "x") return [...seen].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
    if (sort === "-x") return [...seen].sort((a, b) => b.localeCompare(a, undefined, { numeric: true }));
    if (sort === "y") return [...seen].sort((a, b) => total(a) - total(b));
    if (sort === "-y") return [...seen].sort((a, b) => total(b) - total(a));
    return seen;
  }

  private render(): void {
    const o = this.options;
    const width = Math.max(this.element.clientWidth || 640, 240);
    this.lastWidth = this.element.clientWidth;
    const height = typeof o.height === "number" && o.height > 0 ? o.height : 320;
    const cols = this.columns();
    const svg = el("svg", { width, height, viewBox: `0 0 ${width} ${height}`, class: "sb-chart-svg", role: "img", "font-family": FONT });
    this.svg = svg;
    this.brushRect = null;
    svg.append(el("rect", { x: 0, y: 0, width, height, fill: "#ffffff" }));
    if (!cols || !this.data || this.data.data.length === 0) {
      svg.setAttribute("aria-label", "Empty chart");
      svg.append(el("text", { x: width / 2, y: height / 2, "text-anchor": "middle", fill: MUTED, "font-size": 14 }, "No data to plot"));
      this.element.replaceChildren(svg);
      return;
    }
    const mark = this.data.mark === "line" ? "line" : this.data.mark === "bar" ? "bar" : "point";
    this.xKind = this.kindOf(cols.x);
    const { points, bin } = this.points(cols, mark);
    const series: string[] = [];
    for (const p of points) if (!series.includes(p.c)) series.push(p.c);
    const colorOf = (c: string): string => o.color_map?.[c] ?? PALETTE[series.indexOf(c) % PALETTE.length] ?? PALETTE[0]!;
    const legend = cols.color ? series.filter((s) => !o.colors_in_legend || o.colors_in_legend.includes(s)) : [];

    // Layout.
    const xAngle = Number(o.x_label_angle ?? 0) || 0;
    const showXLabels = o.x_axis_labels_visible !== false && o.x_axis_labels_visible !== "hidden";
    const titleHeight = o.title ? 28 : 8;
    const legendWidth = legend.length ? Math.min(180, 28 + Math.max(...legend.map((s) => s.length), (o.color_title ?? cols.color ?? "").length) * 7) : 0;
    const xLabelRoom = showXLabels ? (xAngle ? 24 + Math.min(80, Math.abs(Math.sin((xAngle * Math.PI) / 180)) * 70) : 22) : 6;
    const area = { left: 64, top: titleHeight, width: 0, height: 0 };
    area.width = Math.max(40, width - area.left - 16 - legendWidth);
    area.height = Math.max(40, height - area.top - xLabelRoom - 26);
    this.area = area;

    // x scale.
    let xPos: (x: number | string) => number;
    let xTicks: { at: number; label: string }[] = [];
    if (this.xKind === "nominal") {
      this.categories = this.orderCategories(points);
      const step = area.width / Math.max(1, this.categories.length);
      xPos = (x) => area.left + step * (this.categories.indexOf(x as string) + 0.5);
      xTicks = this.categories.map((c) => ({ at: xPos(c), label: c }));
      this.xDomain = [0, this.categories.length];
    } else {
      const xs = points.map((p) => p.x as number);
      let lo = Math.min(...xs);
      let hi = Math.max(...xs) + (bin ?? 0);
      if (mark === "bar" && bin === null) {
        const gap = xs.length > 1 ? Math.min(...xs.slice(1).map((v, i) => Math.abs(v - xs[i]!)).filter((d) => d > 0), hi - lo || 1) : 1;
        lo -= gap / 2;
        hi += gap / 2;
      }
      if (this.xKind === "quantitative" && bin === null) [lo, hi] = niceDomain(lo, hi, 6);
      if (!(hi > lo)) [lo, hi] = [lo - 1, hi + 1];
      const lim = o.x_lim ?? [];
      if (typeof lim[0] === "number") lo = lim[0];
      if (typeof lim[1] === "number") hi = lim[1];
      this.xDomain = [lo, hi];
      xPos = (x) => area.left + (((x as number) - lo) / (hi - lo)) * area.width;
      const span = hi - lo;
      const tickCount = Math.max(2, Math.floor(area.width / (this.xKind === "temporal" ? 130 : 90)));
      const ticks = this.xKind === "temporal" ? timeTicks(lo, hi, tickCount) : niceTicks(lo, hi, tickCount);
      xTicks = ticks.map((t) => ({
        at: xPos(t),
        label: this.xKind === "temporal" ? formatTime(t, span) : formatNumber(t, o.x_axis_format, span / 6),
      }));
    }

    // y scale (bars stack per x).
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
    const yPos = (y: number): number => area.top + area.height - ((y - yLo) / (yHi - yLo)) * area.height;

    // Axes and grid.
    const grid = el("g", { "aria-hidden": "true" });
    const yAngle = Number(o.y_label_angle ?? 0) || 0;
    for (const t of niceTicks(yLo, yHi, Math.max(2, Math.floor(area.height / 50)))) {
      const y = yPos(t);
      grid.append(el("line", { x1: area.left, x2: area.left + area.width, y1: y, y2: y, stroke: GRID }));
      const label = el("text", { x: area.left - 8, y: y + 4, "text-anchor": "end", fill: MUTED, "font-size": 11 }, formatNumber(t, o.y_axis_format, (yHi - yLo) / 5));
      if (yAngle) label.setAttribute("transform", `rotate(${yAngle} ${area.left - 8} ${y})`);
      grid.append(label);
    }
    const baseY = area.top + area.height;
    grid.append(el("line", { x1: area.left, x2: area.left + area.width, y1: baseY, y2: baseY, stroke: MUTED }));
    if (showXLabels) {
      for (const t of xTicks) {
        if (t.at < area.left - 1 || t.at > area.left + area.width + 1) continue;
        grid.append(el("line", { x1: t.at, x2: t.at, y1: baseY, y2: baseY + 5, stroke: MUTED }));
        const label = el("text", { x: t.at, y: baseY + 17, "text-anchor": xAngle ? (xAngle > 0 ? "start" : "end") : "middle", fill: MUTED, "font-size": 11 }, t.label);
        if (xAngle) label.setAttribute("transform", `rotate(${xAngle} ${t.at} ${baseY + 12})`);
        grid.append(label);
      }
    }
    const xTitle = o.x_title ?? cols.x;
    const yTitle = o.y_title ?? (o.y_aggregate && o.y_aggregate !== "sum" ? `${o.y_aggregate} of ${cols.y}` : cols.y);
    grid.append(el("text", { x: area.left + area.width / 2, y: height - 6, "text-anchor": "middle", fill: INK, "font-size": 12, "font-weight": 600 }, xTitle));
    grid.append(el("text", { x: 14, y: area.top + area.height / 2, "text-anchor": "middle", fill: INK, "font-size": 12, "font-weight": 600, transform: `rotate(-90 14 ${area.top + area.height / 2})` }, yTitle));
    if (o.title) svg.append(el("text", { x: width / 2, y: 19, "text-anchor": "middle", fill: INK, "font-size": 14, "font-weight": 700 }, o.title));
    svg.append(grid);

    // Marks.
    const plot = el("g", { class: "sb-chart-plot" });
    plot.append(el("rect", { x: area.left, y: area.top, width: area.width, height: area.height, fill: "transparent", class: "sb-chart-area" }));
    const clipId = `sb-clip-${Math.random().toString(36).slice(2, 9)}`;
    svg.append(el("defs", {}, el("clipPath", { id: clipId }, el("rect", { x: area.left - 6, y: area.top - 6, width: area.width + 12, height: area.height + 12 }))));
    const marks = el("g", { "clip-path": `url(#${clipId})` });
    const tip = (p: Point): string => this.tooltip(p, cols, xTitle, yTitle);
    if (mark === "bar") {
      const offsets = new Map<string, number>();
      const band = this.xKind === "nominal" ? (area.width / Math.max(1, this.categories.length)) * 0.8 : null;
      for (const p of points) {
        const key = JSON.stringify(p.x);
        const base = offsets.get(key) ?? 0;
        offsets.set(key, base + p.y);
        let x0: number;
        let w: number;
        if (band !== null) {
          x0 = xPos(p.x) - band / 2;
          w = band;
        } else if (bin !== null) {
          x0 = xPos(p.x) + 0.5;
          w = Math.max(1, xPos((p.x as number) + bin) - xPos(p.x) - 1);
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
    } else {
      for (const s of series) {
        const own = points.filter((p) => p.c === s);
        if (mark === "line") {
          const sorted = [...own].sort((a, b) => (this.xKind === "nominal" ? this.categories.indexOf(a.x as string) - this.categories.indexOf(b.x as string) : (a.x as number) - (b.x as number)));
          const d = sorted.map((p, i) => `${i ? "L" : "M"}${xPos(p.x).toFixed(2)},${yPos(p.y).toFixed(2)}`).join("");
          marks.append(el("path", { d, fill: "none", stroke: colorOf(s), "stroke-width": 2, class: "sb-chart-line" }));
        }
        for (const p of own) {
          const dot = el("circle", { cx: xPos(p.x), cy: yPos(p.y), r: mark === "line" ? 3 : 4.5, fill: colorOf(s), "fill-opacity": mark === "line" ? 1 : 0.8, stroke: "#ffffff", "stroke-width": 1, class: "sb-chart-mark" });
          const label = tip(p);
          if (label) dot.append(el("title", {}, label));
          marks.append(dot);
        }
      }
    }
    plot.append(marks);
    svg.append(plot);
    this.brushRect = el("rect", { x: 0, y: area.top, width: 0, height: area.height, fill: "rgba(37, 99, 235, 0.15)", stroke: "#2563eb", "stroke-width": 1, visibility: "hidden", class: "sb-chart-brush", "pointer-events": "none" });
    svg.append(this.brushRect);
    this.showBrush();
    this.attachBrush(plot);

    // Legend.
    if (legend.length) {
      const lx = area.left + area.width + 16;
      const group = el("g", { class: "sb-chart-legend" });
      group.append(el("text", { x: lx, y: area.top + 12, fill: INK, "font-size": 12, "font-weight": 600 }, o.color_title ?? cols.color ?? ""));
      legend.forEach((s, i) => {
        const y = area.top + 30 + i * 18;
        group.append(el("rect", { x: lx, y: y - 9, width: 10, height: 10, fill: colorOf(s), rx: 2 }));
        group.append(el("text", { x: lx + 16, y, fill: INK, "font-size": 11 }, s));
      });
      svg.append(group);
    }

    const kindName = mark === "bar" ? "Bar chart" : mark === "line" ? "Line chart" : "Scatter plot";
    svg.setAttribute("aria-label", `${o.title || o.label || kindName}: ${yTitle} by ${xTitle}${cols.color ? `, by ${o.color_title ?? cols.color}` : ""}, ${points.length} points`);
    this.element.setAttribute("aria-label", `${o.title || o.label || kindName}. Drag or use Shift+arrow keys and Enter to select a range of ${xTitle}; double-click or Escape clears it.`);
    this.element.replaceChildren(svg);
  }

  private tooltip(p: Point, cols: { x: string; y: string; color: string | null }, xTitle: string, yTitle: string): string {
    const mode = this.options.tooltip ?? "axis";
    if (mode === "none") return "";
    const xText = this.xKind === "temporal" ? new Date(p.x as number).toISOString() : typeof p.x === "number" ? formatNumber(p.x, this.options.x_axis_format) : p.x;
    const lines = [`${xTitle}: ${xText}`, `${yTitle}: ${formatNumber(p.y, this.options.y_axis_format)}`];
    if (cols.color) lines.push(`${this.options.color_title ?? cols.color}: ${p.c}`);
    const data = this.data!;
    const extra = mode === "all" ? data.columns : Array.isArray(mode) ? mode : [];
    if (p.row) {
      for (const column of extra) {
        if (column === cols.x || column === cols.y || column === cols.color) continue;
        const index = data.columns.indexOf(column);
        if (index >= 0) lines.push(`${column}: ${String(p.row[index] ?? "")}`);
      }
    }
    return lines.join("\n");
  }

  // -- selection ---------------------------------------------------------------------------
  private toValue(px: number): number {
    const { left, width } = this.area;
    const clamped = Math.min(Math.max(px, left), left + width);
    const [lo, hi] = this.xDomain;
    return lo + ((clamped - left) / width) * (hi - lo);
  }

  private toPixel(value: number): number {
    const [lo, hi] = this.xDomain;
    return this.area.left + ((value - lo) / (hi - lo)) * this.area.width;
  }

  private attachBrush(plot: SVGGElement): void {
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
      this.brush = this.rangeOf(start, now);
      this.showBrush();
    });
    const end = (event: PointerEvent): void => {
      if (start === null) return;
      const from = start;
      start = null;
      if (!moved) return;
      this.brush = this.rangeOf(from, local(event));
      this.showBrush();
      this.emitSelection();
    };
    plot.addEventListener("pointerup", end);
    plot.addEventListener("pointercancel", () => (start = null));
  }

  /** The x range between two pixel positions (nominal: whole categories). */
  private rangeOf(a: number, b: number): [number, number] {
    const lo = this.toValue(Math.min(a, b));
    const hi = this.toValue(Math.max(a, b));
    if (this.xKind !== "nominal") return [lo, hi];
    const last = Math.max(0, this.categories.length - 1);
    return [Math.min(last, Math.max(0, Math.floor(lo))), Math.min(last, Math.max(0, Math.ceil(hi) - 1))];
  }

  private showBrush(): void {
    const rect = this.brushRect;
    if (!rect) return;
    if (!this.brush) {
      rect.setAttribute("visibility", "hidden");
      return;
    }
    const [lo, hi] = this.brush;
    const x0 = this.toPixel(lo);
    const x1 = this.xKind === "nominal" ? this.toPixel(hi + 1) : this.toPixel(hi);
    rect.setAttribute("x", String(Math.min(x0, x1)));
    rect.setAttribute("width", String(Math.abs(x1 - x0)));
    rect.setAttribute("visibility", "visible");
  }

  private clearBrush(): void {
    this.brush = null;
    delete this.element.dataset.selection;
    this.showBrush();
  }

  private emitSelection(): void {
    if (!this.brush) return;
    let selection: Selection;
    if (this.xKind === "nominal") {
      const [a, b] = this.brush;
      selection = { index: [a, b], value: [this.categories[a], this.categories[b]] };
    } else {
      selection = { index: [this.brush[0], this.brush[1]], value: [this.brush[0], this.brush[1]] };
    }
    this.element.dataset.selection = JSON.stringify(selection);
    this.handlers.select?.(selection);
  }

  /** Keyboard brushing: Shift+arrows grow or shrink the range, Enter selects, Escape clears. */
  private onKey(event: KeyboardEvent): void {
    if (!this.data) return;
    if (event.key === "Escape" && this.brush) {
      this.clearBrush();
      return;
    }
    if (event.key === "Enter" && this.brush) {
      event.preventDefault();
      this.emitSelection();
      return;
    }
    if (event.key !== "ArrowRight" && event.key !== "ArrowLeft") return;
    event.preventDefault();
    const [lo, hi] = this.xDomain;
    const nominal = this.xKind === "nominal";
    const step = nominal ? 1 : (hi - lo) / 20;
    const direction = event.key === "ArrowRight" ? 1 : -1;
    const max = nominal ? this.categories.length - 1 : hi;
    const clamp = (v: number): number => Math.min(max, Math.max(lo, v));
    if (!this.brush) this.brush = nominal ? [0, 0] : [lo, lo + step];
    else if (event.shiftKey) this.brush = [this.brush[0], clamp(Math.max(this.brush[0], this.brush[1] + direction * step))];
    else {
      const width = this.brush[1] - this.brush[0];
      const start = clamp(this.brush[0] + direction * step);
      this.brush = [start, clamp(start + width)];
    }
    this.showBrush();
  }
}

// --- the elements -------------------------------------------------------------------------------

type NativeProps = ChartOptions & {
  value?: ChartData | null;
  label?: unknown;
  show_label?: boolean | null;
  container?: boolean;
  caption?: unknown;
  buttons?: unknown[] | null;
};

/** Download the chart as a PNG image. */
function exportPng(chart: Chart, name: string): void {
  const source = chart.svgSource();
  if (!source) return;
  const image = new Image();
  image.onload = () => {
    const canvas = document.createElement("canvas");
    canvas.width = image.width * 2;
    canvas.height = image.height * 2;
    const context = canvas.getContext("2d");
    if (!context) return;
    context.scale(2, 2);
    context.drawImage(image, 0, 0);
    const link = document.createElement("a");
    link.download = `${name || "chart"}.png`;
    link.href = canvas.toDataURL("image/png");
    link.click();
  };
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(source)}`;
}

/** Draw a native chart element: frame, toolbar, the chart and its caption. */
function drawNative(
  owner: HTMLElement & { chart: Chart | null },
  props: NativeProps,
  handlers: ChartHandlers,
): void {
  const chart = owner.chart ?? new Chart();
  owner.chart = chart;
  const label = text(props.label);
  const body: Node[] = [];
  const buttons = Array.isArray(props.buttons) ? props.buttons : [];
  const toolbar = h("div", { class: "sb-chart-toolbar" });
  if (buttons.includes("export")) toolbar.append(iconButton("download", "Export as PNG", () => exportPng(chart, label)));
  if (buttons.includes("fullscreen")) {
    const full = iconButton("menu", "Full screen", () => {
      const on = !owner.classList.contains("sb-chart-fullscreen");
      owner.classList.toggle("sb-chart-fullscreen", on);
      full.setAttribute("aria-pressed", String(on));
    });
    full.setAttribute("aria-pressed", "false");
    toolbar.append(full);
  }
  if (toolbar.childNodes.length) body.push(toolbar);
  body.push(chart.element);
  const caption = text(props.caption);
  if (caption) body.push(h("p", { class: "sb-chart-caption" }, caption));
  owner.replaceChildren(frame({ label: props.label, showLabel: props.show_label, container: props.container }, body, null));
  const value = props.value;
  const data = value && Array.isArray(value.columns) && Array.isArray(value.data) ? value : null;
  chart.draw(data, { ...props, label }, handlers);
}

export class BarPlot extends BarPlotBase {
  chart: Chart | null = null;

  protected build(): void {
    drawNative(this, this.props as NativeProps, { select: (s) => this.emitSelect({ ...s, selected: true }), doubleClick: () => this.emitDoubleClick() });
  }

  disconnectedCallback(): void {
    this.chart?.disconnect();
  }
}

export class LinePlot extends LinePlotBase {
  chart: Chart | null = null;

  protected build(): void {
    drawNative(this, this.props as NativeProps, { select: (s) => this.emitSelect({ ...s, selected: true }), doubleClick: () => this.emitDoubleClick() });
  }

  disconnectedCallback(): void {
    this.chart?.disconnect();
  }
}

export class ScatterPlot extends ScatterPlotBase {
  chart: Chart | null = null;

  protected build(): void {
    drawNative(this, this.props as NativeProps, { select: (s) => this.emitSelect({ ...s, selected: true }), doubleClick: () => this.emitDoubleClick() });
  }

  disconnectedCallback(): void {
    this.chart?.disconnect();
  }
}

register(BarPlot);
register(LinePlot);
register(ScatterPlot);
