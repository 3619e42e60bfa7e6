// The data of the native charts: the `{columns, data, datatypes, mark}` value, the encodings
// (`x`, `y`, `color`) and options, and the points drawn after binning and aggregation.

import { duration, formatNumber, num } from "./scales";

export type Kind = "quantitative" | "nominal" | "temporal";

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

/** One mark: its x (a number, or a category), y, color series and source row (null once aggregated). */
export interface Point {
  x: number | string;
  y: number;
  c: string;
  row: unknown[] | null;
}

/** The columns the encodings use. */
export interface Columns {
  x: string;
  y: string;
  color: string | null;
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

/** The x, y and color columns (x: the first column, y: the next one, unless the options name them). */
export function chartColumns(data: ChartData | null, options: ChartOptions): Columns | null {
  if (!data || data.columns.length === 0) return null;
  const x = options.x && data.columns.includes(options.x) ? options.x : data.columns[0]!;
  const y = options.y && data.columns.includes(options.y) ? options.y : data.columns.find((c) => c !== x) ?? x;
  const color = options.color && data.columns.includes(options.color) ? options.color : null;
  return { x, y, color };
}

/** The kind of a column: its datatype, else quantitative when every value is a number. */
export function kindOf(data: ChartData, column: string): Kind {
  const given = data.datatypes?.[column];
  if (given) return given;
  const index = data.columns.indexOf(column);
  const values = data.data.map((r) => r[index]).filter((v) => v !== null && v !== undefined);
  return values.every((v) => typeof v === "number") ? "quantitative" : "nominal";
}

/** Points after binning (`x_bin`, with its width) and aggregation (`y_aggregate`). */
export function chartPoints(data: ChartData, cols: Columns, mark: string, kind: Kind, options: ChartOptions): { points: Point[]; bin: number | null } {
  const xi = data.columns.indexOf(cols.x);
  const yi = data.columns.indexOf(cols.y);
  const ci = cols.color ? data.columns.indexOf(cols.color) : -1;
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
  const xBin = options.x_bin;
  if (xBin !== null && xBin !== undefined && kind !== "nominal") {
    bin = kind === "temporal" ? duration(xBin) : num(xBin);
    if (bin !== null && bin > 0) {
      const width = bin;
      points = points.map((p) => ({ ...p, x: Math.floor((p.x as number) / width) * width }));
    } else bin = null;
  }
  const how = options.y_aggregate;
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

/** The categories of a nominal x in the order of the `sort` option (default: first seen). */
export function orderCategories(points: Point[], sort: ChartOptions["sort"]): string[] {
  const seen: string[] = [];
  for (const p of points) if (!seen.includes(p.x as string)) seen.push(p.x as string);
  if (Array.isArray(sort)) return [...sort.filter((c) => seen.includes(c)), ...seen.filter((c) => !sort.includes(c))];
  const total = (cat: string): number => points.filter((p) => p.x === cat).reduce((a, p) => a + p.y, 0);
  if (sort === "x") return [...seen].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
  if (sort === "-x") return [...seen].sort((a, b) => b.localeCompare(a, undefined, { numeric: true }));
  if (sort === "y") return [...seen].sort((a, b) => total(a) - total(b));
  if (sort === "-y") return [...seen].sort((a, b) => total(b) - total(a));
  return seen;
}

/** The tooltip of a point (the `tooltip` option: "axis", "all", "none" or extra columns). */
export function tooltip(data: ChartData, options: ChartOptions, kind: Kind, p: Point, cols: Columns, xTitle: string, yTitle: string): string {
  const mode = options.tooltip ?? "axis";
  if (mode === "none") return "";
  const xText = kind === "temporal" ? new Date(p.x as number).toISOString() : typeof p.x === "number" ? formatNumber(p.x, options.x_axis_format) : p.x;
  const lines = [`${xTitle}: ${xText}`, `${yTitle}: ${formatNumber(p.y, options.y_axis_format)}`];
  if (cols.color) lines.push(`${options.color_title ?? cols.color}: ${p.c}`);
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
