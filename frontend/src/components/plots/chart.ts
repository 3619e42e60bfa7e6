// One native SVG chart (bars, lines or points) drawn from tabular data: lays out the plot and
// draws its axes, marks, legend and brush. Used by BarPlot, LinePlot and ScatterPlot, and by
// Plot for simple Plotly and Vega-Lite figures.

import { h } from "../../core/dom";
import { drawAxes, xLabels, xScale, yScale, type Area } from "./axes";
import { Brush } from "./brush";
import { chartColumns, chartPoints, kindOf, tooltip, type ChartData, type ChartHandlers, type ChartOptions, type Point } from "./data";
import { drawLegend, legendWidth } from "./legend";
import { drawMarks } from "./marks";
import { el, FONT, INK, MUTED, PALETTE } from "./svg";

export type { ChartData, ChartHandlers, ChartOptions, Selection } from "./data";

/** One SVG chart inside `element`; redraws on `draw` and when the element is resized. */
export class Chart {
  readonly element: HTMLElement;
  private svg: SVGSVGElement | null = null;
  private data: ChartData | null = null;
  private options: ChartOptions = {};
  private handlers: ChartHandlers = {};
  private observer: ResizeObserver | null = null;
  private lastWidth = 0;
  private readonly brush: Brush;

  constructor() {
    this.element = h("div", { class: "sb-chart", tabindex: 0, role: "group" });
    this.brush = new Brush(this.element, (selection) => this.handlers.select?.(selection));
    this.element.addEventListener("keydown", (event) => {
      if (this.data) this.brush.onKey(event);
    });
    this.element.addEventListener("dblclick", (event) => {
      event.preventDefault();
      this.brush.clear();
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

  private render(): void {
    const o = this.options;
    const width = Math.max(this.element.clientWidth || 640, 240);
    this.lastWidth = this.element.clientWidth;
    const height = typeof o.height === "number" && o.height > 0 ? o.height : 320;
    const cols = chartColumns(this.data, o);
    const svg = el("svg", { width, height, viewBox: `0 0 ${width} ${height}`, class: "sb-chart-svg", role: "img", "font-family": FONT });
    this.svg = svg;
    this.brush.reset(svg);
    svg.append(el("rect", { x: 0, y: 0, width, height, fill: "#ffffff" }));
    if (!cols || !this.data || this.data.data.length === 0) {
      svg.setAttribute("aria-label", "Empty chart");
      svg.append(el("text", { x: width / 2, y: height / 2, "text-anchor": "middle", fill: MUTED, "font-size": 14 }, "No data to plot"));
      this.element.replaceChildren(svg);
      return;
    }
    const data = this.data;
    const mark = data.mark === "line" ? "line" : data.mark === "bar" ? "bar" : "point";
    const kind = kindOf(data, cols.x);
    const { points, bin } = chartPoints(data, cols, mark, kind, o);
    const series: string[] = [];
    for (const p of points) if (!series.includes(p.c)) series.push(p.c);
    const colorOf = (c: string): string => o.color_map?.[c] ?? PALETTE[series.indexOf(c) % PALETTE.length] ?? PALETTE[0]!;
    const legend = cols.color ? series.filter((s) => !o.colors_in_legend || o.colors_in_legend.includes(s)) : [];
    const legendTitle = o.color_title ?? cols.color ?? "";

    // Layout.
    const labels = xLabels(o);
    const titleHeight = o.title ? 28 : 8;
    const xLabelRoom = labels.show ? (labels.angle ? 24 + Math.min(80, Math.abs(Math.sin((labels.angle * Math.PI) / 180)) * 70) : 22) : 6;
    const area: Area = { left: 64, top: titleHeight, width: 0, height: 0 };
    area.width = Math.max(40, width - area.left - 16 - legendWidth(legend, legendTitle));
    area.height = Math.max(40, height - area.top - xLabelRoom - 26);

    // Scales and axes.
    const x = xScale(points, kind, mark, bin, area, o);
    const y = yScale(points, mark, area, o);
    const xTitle = o.x_title ?? cols.x;
    const yTitle = o.y_title ?? (o.y_aggregate && o.y_aggregate !== "sum" ? `${o.y_aggregate} of ${cols.y}` : cols.y);
    const grid = drawAxes(x, y, area, height, o, xTitle, yTitle);
    if (o.title) svg.append(el("text", { x: width / 2, y: 19, "text-anchor": "middle", fill: INK, "font-size": 14, "font-weight": 700 }, o.title));
    svg.append(grid);

    // Marks.
    const plot = el("g", { class: "sb-chart-plot" });
    plot.append(el("rect", { x: area.left, y: area.top, width: area.width, height: area.height, fill: "transparent", class: "sb-chart-area" }));
    const clipId = `sb-clip-${Math.random().toString(36).slice(2, 9)}`;
    svg.append(el("defs", {}, el("clipPath", { id: clipId }, el("rect", { x: area.left - 6, y: area.top - 6, width: area.width + 12, height: area.height + 12 }))));
    const marks = el("g", { "clip-path": `url(#${clipId})` });
    const tip = (p: Point): string => tooltip(data, o, kind, p, cols, xTitle, yTitle);
    drawMarks(marks, { mark, points, series, x, y, nominal: kind === "nominal", bin, area, colorOf, tip });
    plot.append(marks);
    svg.append(plot);
    this.brush.attach(svg, plot, { area, kind, categories: x.categories, domain: x.domain });

    // Legend.
    if (legend.length) svg.append(drawLegend(legend, legendTitle, area, colorOf));

    const kindName = mark === "bar" ? "Bar chart" : mark === "line" ? "Line chart" : "Scatter plot";
    svg.setAttribute("aria-label", `${o.title || o.label || kindName}: ${yTitle} by ${xTitle}${cols.color ? `, by ${o.color_title ?? cols.color}` : ""}, ${points.length} points`);
    this.element.setAttribute("aria-label", `${o.title || o.label || kindName}. Drag or use Shift+arrow keys and Enter to select a range of ${xTitle}; double-click or Escape clears it.`);
    this.element.replaceChildren(svg);
  }
}
