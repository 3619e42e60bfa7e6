// BarPlot, LinePlot and ScatterPlot: SVG charts drawn from tabular data (`{columns, data,
// datatypes, mark}`) and the `x` / `y` / `color` encodings. Dragging across the chart (or
// Shift+arrow keys, then Enter) selects a range of x values and fires `select` with the range as
// index and value; double-clicking clears the selection and fires `double_click`.
// The chart itself (./plots/chart.ts) is also used by Plot to draw simple Plotly and Vega-Lite
// figures.

import { BarPlotBase } from "../generated/components/bar_plot.gen";
import { LinePlotBase } from "../generated/components/line_plot.gen";
import { ScatterPlotBase } from "../generated/components/scatter_plot.gen";
import { register } from "../core/registry";
import { frame, h, iconButton, text } from "../core/dom";
import { Chart, type ChartData, type ChartHandlers, type ChartOptions } from "./plots/chart";
import "../styles/data.css";

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
